"""The JSON API at /api/v1/. The API object, authentication, permissions and errors are
in core.py; each app contributes its router (`<app>/api.py`), mounted in urls.py. Every
operation declares its permission with @permission, checked against the same registry as
the pages."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    # `from macehub.api import api` gives the API with every router mounted. Imported on
    # first use, so that an app's router can import macehub.api.core without a cycle.
    if name == "api":
        from macehub.api.urls import api

        return api
    raise AttributeError(name)
