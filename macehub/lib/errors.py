"""Errors the services raise that callers answer differently from a plain invalid input."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class StaleEdit(ValidationError):
    """Someone else changed the record since the caller read it (ARCHITECTURE principle 9:
    a stale edit is refused, never silently applied). Pages show it like any other
    ValidationError; the API answers 409 Conflict."""
