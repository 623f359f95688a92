"""The protective marking on every page, print, export and e-mail (SECURITY S15)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

LEVEL = "OFFICIAL-SENSITIVE"
HANDLING = "Do not share outside the meeting without the chair's permission."


def marking(request: HttpRequest) -> dict[str, Any]:
    return {"marking": {"level": LEVEL, "handling": HANDLING}}


def marked_email_body(body: str) -> str:
    """An e-mail body with the marking and the handling line at its top and bottom."""
    banner = f"{LEVEL}\n{HANDLING}"
    return f"{banner}\n\n{body.strip()}\n\n{banner}\n"
