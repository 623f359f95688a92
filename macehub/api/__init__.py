"""The JSON API at /api/v1/. Each app adds its router here; every operation declares
its permission with @permission, checked against the same registry as the pages."""

from macehub.api.core import api

__all__ = ["api"]
