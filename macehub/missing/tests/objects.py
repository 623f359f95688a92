"""Fixture records for the URL x role matrix and the browser page walk: an episode of the
matrix's child with an interview, a fired trigger and an import with an error."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from macehub.access.actor import Actor
from macehub.missing.importer import import_rows
from macehub.missing.interviews import interview_offer
from macehub.missing.models import TriggerFiring
from macehub.missing.services import episode_record


def missing_objects(hub: Actor, child: Any) -> dict[str, Any]:
    returned = timezone.now() - timedelta(days=2)
    episode = episode_record(actor=hub, child=child, force="West Midlands Police",
                             police_reference="WM-1", reported_at=returned - timedelta(hours=9),
                             returned_at=returned, missing_from="home", risk_grade="medium",
                             harm_indicators=["injury"])
    interview = interview_offer(actor=hub, child=child, episodes=[episode],
                                offered_on=timezone.localdate(), offered_by="Missing team")
    run = import_rows(actor=hub, via="test", rows=[{"force": "West Midlands Police"}])
    return {"episode": episode, "interview": interview, "import_run": run,
            "firing": TriggerFiring.objects.filter(anchor=episode).first()}


def missing_kwargs(name: str, objects: dict[str, Any]) -> dict[str, Any]:
    by_name = {
        "missing:episode": "episode", "missing:edit": "episode", "missing:offer": "episode",
        "missing:match": "episode", "missing:import_run": "import_run",
        "missing:import_errors": "import_run", "missing:handle": "firing",
        "missing:interview": "interview", "missing:respond": "interview",
        "missing:complete": "interview", "missing:share": "interview",
    }
    if name == "missing:record":
        return {"child_pk": objects["child"].pk}
    if name in by_name:
        return {"pk": objects[by_name[name]].pk}
    return {}


