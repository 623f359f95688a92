"""Demo concerns, screenings and cases for the Dudley demo partnership, made through the
same services people use. Synthetic children; made once (a second run adds nothing)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from bench.synthetic import Synthetic
from macehub.access.actor import actor_for
from macehub.accounts.models import User
from macehub.accounts.system import system_actor
from macehub.cases.services import plan_add
from macehub.concerns.models import Concern
from macehub.concerns.services import (
    MentionData,
    concern_match_child,
    concern_submit,
    screening_record,
)
from macehub.partnerships.models import Partnership

STORIES = [
    "Seen getting into different cars with older men near the retail park after school.",
    "Found in another town with two phones and cash; would not say who gave them.",
    "Repeated missing overnight; returns with new clothes and a new phone.",
    "Disclosed being asked to carry packages for an older friend.",
    "School reports a sharp drop in attendance and a new group of older associates.",
    "Police found the child in a flat linked to county-lines activity.",
    "Online contact with an adult offering gifts in exchange for pictures.",
    "Seen near a takeaway late at night with adults not known to the family.",
]


# Not every referrer knows the date of birth: one child is "about 15", one was born in a
# month and year, and one (left for screening) has no date of birth known.
def _birth(number: int, born: date) -> dict[str, object]:
    chosen: dict[int, dict[str, object]] = {
        3: {"date_of_birth_precision": "age", "approximate_age": 15},
        4: {"date_of_birth_precision": "month", "date_of_birth": born.replace(day=1)},
        6: {"date_of_birth_precision": "unknown"}}
    return chosen.get(number, {"date_of_birth": born})


def load_front_door(seed: int = 1) -> int:
    dudley = Partnership.objects.get(slug="dudley")
    if Concern.objects.for_actor(system_actor(dudley, "demo data")).exists():
        return 0
    referrer = actor_for(User.objects.get(username="referrer"), dudley.pk)
    hub = actor_for(User.objects.get(username="coordinator"), dudley.pk)
    assert referrer is not None and hub is not None
    pack = dudley.policy
    synthetic = Synthetic(seed + 100)
    types = list(pack.exploitation_types)
    indicators = list(pack.screening.tool.indicators)
    today = timezone.localdate()
    for number, story in enumerate(STORIES):
        person = synthetic.person()
        born = date(today.year - 12 - number % 5, 1 + number, 3 + number * 2)
        concern = concern_submit(
            actor=referrer, immediate_danger="no",
            child_details={"first_name": person.first_name, "last_name": person.last_name,
                           "address": person.address, "postcode": person.postcode,
                           **_birth(number, born)},
            what_happened=story, exploitation_types=[types[number % len(types)]],
            indicators=indicators[number % 4: number % 4 + 2], child_protection_plan=False,
            consent="obtained",
            mentions=[MentionData("vehicle", f"EX{number}1 MPL", "seen more than once")])
        if number >= 5:
            continue  # left for the daily screening
        concern_match_child(actor=hub, concern=concern, confirm_new=True)
        concern.refresh_from_db()
        chosen = concern.indicators + (indicators[:3] if number < 3 else [])
        score, suggested = pack.screening.tool.assess(chosen)
        outcome = "mace_meeting" if number < 3 else "single_agency"
        risk = "high" if number < 3 else "at_risk"
        screening = screening_record(
            actor=hub, concern=concern, indicators=chosen, risk=risk, outcome=outcome,
            override_reason="" if suggested == risk else "Demo: coordinator's judgement",
            feedback="Thank you: the concern has been screened." if number % 2 else "")
        if screening.case is not None:
            plan_add(actor=hub, case=screening.case, kind=next(iter(pack.plans.types)),
                     summary="Weekly youth work sessions; school attendance plan.",
                     agreed_on=today, review_on=today + timedelta(weeks=4))
    return len(STORIES)
