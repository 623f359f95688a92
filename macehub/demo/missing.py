"""Demo missing episodes (Essex and Dudley), one return interview and the triggers they
fire, made through the import and the services. Synthetic; a second run adds nothing."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from macehub.access.actor import actor_for
from macehub.accounts.models import User
from macehub.accounts.system import system_actor
from macehub.missing.importer import import_rows
from macehub.missing.interviews import (
    interview_complete,
    interview_offer,
    interview_respond,
    interview_share_synopsis,
)
from macehub.missing.models import MissingEpisode, ReturnInterview
from macehub.partnerships.models import Partnership


def _at(days_ago: int, hour: int) -> str:
    day = timezone.localdate() - timedelta(days=days_ago)
    return f"{datetime.combine(day, time(hour)):%Y-%m-%d %H:%M}"


def _rows(force: str, prefix: str, grade: str) -> list[dict[str, str]]:
    children = [("Mia", "Granary", date(2011, 6, 14)), ("Kai", "Foundry", date(2009, 2, 3))]
    # (child, days ago, hours missing, harm): Mia three times in four weeks, once
    # with harm indicated; Kai still missing since yesterday evening.
    plan = [(0, 20, 3, ""), (0, 12, 2, ""), (0, 5, 1, "older_adults"), (1, 1, 0, "")]
    rows = []
    for n, (child, days_ago, hours, harm) in enumerate(plan):
        first, last, born = children[child]
        rows.append({"force": force, "police_reference": f"{prefix}-{n + 1:04d}",
                     "first_name": first, "last_name": last,
                     "date_of_birth": born.isoformat(), "reported_at": _at(days_ago, 21),
                     "returned_at": "" if child == 1 else
                     _at(days_ago - 1 if hours > 2 else days_ago, 23 if hours <= 2 else 8),
                     "missing_from": "care_placement" if child else "home",
                     "risk_grade": grade, "harm_indicators": harm,
                     "looked_after": "placed_into_area" if child else "no",
                     "responsible_authority": "Example Borough Council" if child else "",
                     "found_location": "Exampleton bus station"})
    return rows


def load_missing() -> int:
    made = 0
    for slug, username, force, grade in [("essex", "set-coordinator", "Essex Police", "high"),
                                         ("dudley", "coordinator", "West Midlands Police",
                                          "medium")]:
        partnership = Partnership.objects.get(slug=slug)
        actor = actor_for(User.objects.get(username=username), partnership.pk)
        assert actor is not None
        made += import_rows(actor=actor, rows=_rows(force, slug[:2].upper(), grade),
                            via="demo").created
        # What is there already is read as the demo's own job, never as a person.
        demo = system_actor(partnership, "demo data")
        if slug != "essex" or ReturnInterview.objects.for_actor(demo).exists():
            continue
        first = (MissingEpisode.objects.for_actor(demo).select_related("child")
                 .filter(police_reference="ES-0001").first())
        if first is None or first.child is None or first.returned_at is None:
            continue
        back = timezone.localtime(first.returned_at).date()
        interview = interview_offer(actor=actor, child=first.child, episodes=[first],
                                    offered_on=back, offered_by="Missing Chats team")
        interview = interview_respond(actor=actor, interview=interview, accepted=True,
                                      responded_on=back, version=interview.version)
        rule = partnership.policy.missing.return_interview
        assert rule.push_factors and rule.pull_factors
        interview = interview_complete(
            actor=actor, interview=interview, version=interview.version, completed_on=back,
            conducted_by="Missing Chats worker", push_factors=[rule.push_factors.value[0]],
            pull_factors=[rule.pull_factors.value[2]], disclosures="None recorded.",
            outcome="Youth work offered.", synopsis="Left after an argument at home; met "
            "older friends in town. Agreed to a safety plan.")
        interview_share_synopsis(actor=actor, interview=interview)
    return made
