"""Links people give (the online meeting link): `https:` only (SECURITY S5).

A `javascript:` or `data:` link runs code when clicked; an `http:` link sends the meeting's
joining details in the clear. Forms, services and the API refuse them all through
`https_link`; outputs of links held from before show a link only through `safe_link`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from macehub.lib.text import has_control_characters

MESSAGE = "Enter a link that starts with https://"
_VALID = URLValidator(schemes=["https"], message=MESSAGE)


def is_https_link(value: str) -> bool:
    if not value or has_control_characters(value) or any(c.isspace() for c in value):
        return False
    if not value.lower().startswith("https://"):
        return False
    try:
        _VALID(value)
    except ValidationError:
        return False
    return True


def https_link(value: str, field: str) -> str:
    """The link, stripped; "" when none is given; ValidationError on the field otherwise."""
    value = value.strip()
    if value and not is_https_link(value):
        raise ValidationError({field: MESSAGE})
    return value


def safe_link(value: str) -> str:
    """The link when it is an https link, else "" (for output)."""
    return value if is_https_link(value) else ""
