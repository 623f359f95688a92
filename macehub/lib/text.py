"""Text that people type: no control characters (SECURITY S5).

A control character has no place in a name, a title or a reason. Some are invisible and
change what a later reader sees (a carriage return that ends a line in a PDF's margin box,
a form feed, an escape sequence), and PostgreSQL cannot store a NUL at all. One-line fields
refuse every control character; multi-line fields accept line breaks and tabs only.

Forms check every text field through `lib.forms` (GovukFormMixin); the API checks every
string in a JSON body and every parameter through `lib.badinput`; services
that take a one-line value from anywhere call `one_line`."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

# C0 controls, DEL, C1 controls and the Unicode line and paragraph separators.
_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_BUT_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")

ONE_LINE_MESSAGE = "Remove the line breaks or control characters from this answer"
MULTI_LINE_MESSAGE = "Remove the control characters from this answer"


def has_control_characters(value: str, *, multiline: bool = False) -> bool:
    return bool((_CONTROL_BUT_LINES if multiline else _ANY_CONTROL).search(value))


def check_text(value: str, *, multiline: bool = False) -> None:
    """Raise ValidationError when the text holds a character it may not."""
    if has_control_characters(value, multiline=multiline):
        raise ValidationError(MULTI_LINE_MESSAGE if multiline else ONE_LINE_MESSAGE,
                              code="control_characters")


def printable(value: str) -> str:
    """The text with each control character shown as a space (for output of text stored
    before control characters were refused)."""
    return _ANY_CONTROL.sub(" ", value)


def one_line(value: str, field: str) -> str:
    """A one-line value for a service, stripped; ValidationError on the field otherwise."""
    if has_control_characters(value):
        raise ValidationError({field: ONE_LINE_MESSAGE})
    return value.strip()
