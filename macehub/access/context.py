"""Navigation that shows only what the active role may use."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

# (label, url name, permission[, hidden when the role holds this permission]) in order.
NAVIGATION: list[tuple[str, ...]] = [
    ("Home", "home", "home.view"),
    ("Due", "cases:due", "due.view"),
    ("Screening", "concerns:queue", "concern.screen"),
    ("Cases", "cases:list", "case.view"),
    ("Meetings", "meetings:list", "meeting.view"),
    ("Actions", "meetings:actions", "meeting.view"),
    ("Find a child", "people:search", "child.search"),
    ("Missing", "missing:index", "missing.view"),
    # Panel members and analysts reach only the lists or the figures; the hub finds both
    # from the Missing pages.
    ("Missing meetings", "missing:meeting", "missing.lists", "missing.view"),
    ("Missing figures", "missing:figures", "missing.figures", "missing.view"),
    ("Intelligence", "intelligence:index", "intelligence.view"),
    ("Dashboard", "oversight:dashboard", "dashboard.view"),
    ("MACE tracker", "oversight:tracker", "tracker.view"),
    ("Reports", "oversight:reports", "report.view"),
    ("Your concerns", "concerns:mine", "concern.submit"),
    ("Data subject requests", "sar:export", "sar.export"),
    ("Agencies", "partnerships:agencies", "partnership.manage"),
    ("Areas", "partnerships:areas", "partnership.manage"),
    ("Users", "accounts:users", "partnership.manage"),
    ("Role approvals", "accounts:grants", "partnership.manage"),
    ("Chair and deputy", "accounts:chairs", "partnership.manage"),
    ("Retention", "retention:reviews", "retention.review"),
    ("Legal holds", "retention:holds", "retention.hold"),
    ("Access log", "audit:log", "audit.read"),
    ("Break-glass review", "breakglass:review", "breakglass.review"),
    ("Plan audits", "oversight:audits", "plan_audit.run"),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    actor = getattr(request, "actor", None)
    if actor is None:
        return {"actor": None, "nav_items": []}
    path = request.path
    items = [{"label": entry[0], "url": reverse(entry[1]), "current": False}
             for entry in NAVIGATION if actor.has(entry[2])
             and not (len(entry) > 3 and actor.has(entry[3]))]
    # The current section is the longest menu address the page sits under.
    under = [i for i in items if path == i["url"] or (i["url"] != "/" and
                                                      path.startswith(str(i["url"])))]
    if under:
        max(under, key=lambda i: len(str(i["url"])))["current"] = True
    return {"actor": actor, "nav_items": items}
