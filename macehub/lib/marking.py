"""The protective marking on every page, print, export and e-mail (SECURITY S15)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

LEVEL = "OFFICIAL-SENSITIVE"
HANDLING = "Do not share outside the meeting without the chair's permission."


def marking(request: HttpRequest) -> dict[str, Any]:
    return {"marking": {"level": LEVEL, "handling": HANDLING}}
