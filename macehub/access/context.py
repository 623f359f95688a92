"""Navigation that shows only what the active role may use."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

# (label, url name, permission) in the order shown.
NAVIGATION: list[tuple[str, str, str]] = [
    ("Home", "home", "home.view"),
    ("Due", "cases:due", "due.view"),
    ("Screening", "concerns:queue", "concern.screen"),
    ("Cases", "cases:list", "case.view"),
    ("Meetings", "meetings:list", "meeting.view"),
    ("Actions", "meetings:actions", "meeting.view"),
    ("Find a child", "people:search", "child.search"),
    ("Your concerns", "concerns:mine", "concern.submit"),
    ("Agencies", "partnerships:agencies", "partnership.manage"),
    ("Areas", "partnerships:areas", "partnership.manage"),
    ("Users", "accounts:users", "partnership.manage"),
    ("Access log", "audit:log", "audit.read"),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    actor = getattr(request, "actor", None)
    if actor is None:
        return {"actor": None, "nav_items": []}
    path = request.path
    items = [{"label": label, "url": reverse(name), "current": False}
             for label, name, permission in NAVIGATION if actor.has(permission)]
    # The current section is the longest menu address the page sits under.
    under = [i for i in items if path == i["url"] or (i["url"] != "/" and
                                                      path.startswith(str(i["url"])))]
    if under:
        max(under, key=lambda i: len(str(i["url"])))["current"] = True
    return {"actor": actor, "nav_items": items}
