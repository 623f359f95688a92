"""Outcome measures (Kirklees (004) §2, "How will we know outcomes are being achieved?";
Dudley (003): first MACE within two weeks of the referral; DfE statutory guidance (2014):
a return interview within 72 hours), read from the dashboard's tables."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.cases.models import Case, RiskChange
from macehub.meetings.models import AgendaItem, Meeting
from macehub.missing.models import ReturnInterview
from macehub.missing.services import episode_record
from macehub.oversight.figures import dashboard
from macehub.tests import factories as f

pytestmark = pytest.mark.django_db


def _outcome(actor: Actor, title: str, start: date, end: date) -> dict[str, int | None]:
    found = dashboard(actor, start, end)
    return dict(next(t.rows for t in found.outcomes if t.title.startswith(title)))


@pytest.fixture
def hub(personas: dict[str, Any], actor_of: Any) -> Actor:
    return actor_of(personas["hub_coordinator"])


@pytest.fixture
def referrer(personas: dict[str, Any], actor_of: Any) -> Actor:
    return actor_of(personas["referrer"])


def _case(referrer: Actor, hub: Actor, n: int, risk: str = "high") -> Case:
    return f.open_case(referrer, hub, risk=risk, child_details={
        "first_name": f"Outcome{n}", "last_name": "Sample", "date_of_birth": f.years_ago(14),
        "known_as": []})


def _held(hub: Actor, case: Case, at: datetime) -> Meeting:
    meeting = Meeting.objects.create(partnership=hub.partnership, forum="mace", starts_at=at,
                                     ends_at=at + timedelta(hours=2),
                                     status=Meeting.Status.APPROVED)
    AgendaItem.objects.create(partnership=hub.partnership, meeting=meeting, position=1,
                              kind=AgendaItem.Kind.REVIEW, title="Case", case=case)
    return meeting


def test_kirklees_concerns_received_against_the_period_before(
        referrer: Actor, hub: Actor) -> None:
    today = timezone.localdate()
    for n in range(3):
        _case(referrer, hub, n)
    rows = _outcome(hub, "Concerns received", today - timedelta(days=6), today)
    assert rows["Concerns received in the period"] == 3
    assert rows["Concerns received in the period before"] == 0
    assert rows["Cases opened in the period"] == 3


def test_kirklees_share_of_concerns_needing_multi_agency_intervention(
        referrer: Actor, hub: Actor) -> None:
    from macehub.concerns.services import concern_match_child, screening_record

    today = timezone.localdate()
    _case(referrer, hub, 1)
    advice = f.new_concern(referrer)
    concern_match_child(actor=hub, concern=advice, confirm_new=True)
    advice.refresh_from_db()
    no_meeting = next(k for k, o in hub.partnership.policy.screening.outcomes.items()
                      if not o.forum)
    screening_record(actor=hub, concern=advice, indicators=[], risk="at_risk",
                     override_reason="test", outcome=no_meeting, advice_given="Signposted")
    rows = _outcome(hub, "Concerns screened", today - timedelta(days=6), today)
    assert rows == {"Taken to a multi-agency meeting": 1,
                    "Advice, signposting or single-agency support": 1}


def test_kirklees_risk_reduced_between_first_meeting_and_now(
        referrer: Actor, hub: Actor, personas: dict[str, Any]) -> None:
    # A case at two meetings whose risk came down after the first; one at one meeting only
    # (not counted); one at two meetings whose risk stayed high.
    now = timezone.now()
    lowered, once, same = (_case(referrer, hub, n) for n in range(3))
    for case in (lowered, same):
        _held(hub, case, now - timedelta(days=20))
        _held(hub, case, now - timedelta(days=2))
    _held(hub, once, now - timedelta(days=2))
    # The cases were opened (their first risk recorded) before their first meeting.
    RiskChange.objects.filter(case__in=[lowered, once, same]).update(
        at=now - timedelta(days=30))
    RiskChange.objects.create(partnership=hub.partnership, case=lowered, risk="medium",
                              at=now - timedelta(days=19), by=personas["chair"],
                              reason="Engaging with the youth worker")
    today = timezone.localdate()
    rows = _outcome(hub, "Cases at two or more meetings", today - timedelta(days=6), today)
    assert rows == {"Risk went down": 1, "Risk stayed the same": 1, "Risk went up": 0}


def test_dudley_first_mace_within_two_weeks_of_referral_is_on_time_and_after_is_late(
        referrer: Actor, hub: Actor) -> None:
    # Dudley ToR (003): first MACE within 2 weeks of the referral.
    on_time, late, waiting = (_case(referrer, hub, n) for n in range(3))
    referred = timezone.now() - timedelta(days=40)
    Case.objects.filter(pk__in=[on_time.pk, late.pk, waiting.pk]).update(referred_at=referred)
    _held(hub, on_time, referred + timedelta(days=10))
    _held(hub, late, referred + timedelta(days=30))
    today = timezone.localdate()
    rows = _outcome(hub, "First meeting against the deadline", today - timedelta(days=60),
                    today)
    assert rows["Held by the deadline"] == 1
    assert rows["Held after the deadline"] == 1
    assert rows["Not yet held: overdue"] == 1


def test_return_interview_within_72_hours_of_return_counts_as_on_time(
        hub: Actor) -> None:
    from macehub.missing.interviews import interview_offer

    now = timezone.now()
    children = [f.child(hub, first=f"Back{n}", born=f.years_ago(14)) for n in range(3)]
    episodes = [episode_record(actor=hub, child=c, force="West Midlands Police",
                               police_reference=f"WM-RI-{n}", reported_at=now - timedelta(days=9),
                               returned_at=now - timedelta(days=8), missing_from="home",
                               risk_grade="medium") for n, c in enumerate(children)]
    for n, days in ((0, 2), (1, 5)):
        interview = interview_offer(actor=hub, child=children[n], episodes=[episodes[n]],
                                    offered_on=timezone.localdate() - timedelta(days=8),
                                    offered_by="Return worker")
        ReturnInterview.objects.filter(pk=interview.pk).update(
            status=ReturnInterview.Status.COMPLETED,
            completed_on=timezone.localdate() - timedelta(days=8 - days))
    today = timezone.localdate()
    rows = _outcome(hub, "Return interviews", today - timedelta(days=30), today)
    assert rows == {"Completed within the time limit": 1, "Completed late": 1, "Declined": 0,
                    "Not completed": 1}


def test_outcome_measures_are_suppressed_for_analysts(
        referrer: Actor, hub: Actor, personas: dict[str, Any], actor_of: Any) -> None:
    _case(referrer, hub, 1)
    today = timezone.localdate()
    rows = _outcome(actor_of(personas["analyst"]), "Concerns received",
                    today - timedelta(days=6), today)
    assert rows["Concerns received in the period"] is None
