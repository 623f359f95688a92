"""One test per partnership rule about meetings, named after the rule, citing its source."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from macehub.accounts.system import system_actor as job
from macehub.cases.models import Case
from macehub.meetings import conduct, decisions, services
from macehub.meetings.agenda import invitees, suggest_agenda
from macehub.meetings.models import AgendaItem, Decision, Invitation, Meeting
from macehub.meetings.rules import (
    deadlines,
    escalation_flags,
    professionals_meeting_suggested,
    quorum,
    reviews_due,
    series_dates,
)
from macehub.tests.factories import open_case, schedule, started

pytestmark = pytest.mark.django_db
ZONE = timezone.get_current_timezone()


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZONE)


def _hold(team: dict[str, Any], case: Case, when: datetime, forum: str = "mace",
          risk: str | None = None) -> Meeting:
    """A meeting at `when` with `case` on its agenda, held (quorate where the pack asks)."""
    hub, chair = team["hub"], team["chair"]
    meeting = schedule(hub, forum=forum, when=when, chair=chair.user)
    services.agenda_item_add(actor=hub, meeting=meeting, version=meeting.version,
                             title=str(case.child), kind=AgendaItem.Kind.REVIEW, case=case)
    meeting.refresh_from_db()
    # Essex §6.4: the coordinator says whether the child is known to the service.
    services.agenda_publish(actor=hub, meeting=meeting, version=meeting.version,
                            conditions={("known_to_service", None): False})
    for invitation in meeting.invitations.all():
        conduct.attendance_record(actor=hub, invitation=invitation, attendance="present")
    meeting.refresh_from_db()
    conduct.meeting_hold(actor=hub, meeting=meeting, version=meeting.version,
                         inquorate_reason="test")
    if risk:
        decisions.decision_record(actor=chair, item=meeting.items.get(case=case),
                                  kind=Decision.Kind.RISK, risk=risk, text="Reviewed")
    meeting.refresh_from_db()
    return meeting


def _due(partnership: Any, case: Case) -> Any:
    return next(r for r in reviews_due(job(partnership, "due")) if r.case.pk == case.pk)


# --- cadence and first meeting ------------------------------------------------------------

def test_dudley_first_mace_due_within_two_weeks_of_referral(team: Any) -> None:
    # Dudley ToR §MACE Purpose: the first MACE within 2 weeks of referral.
    t = team("dudley")
    case = open_case(t["referrer"], t["hub"])
    due = _due(t["hub"].partnership, case)
    assert due.kind == "nomination"
    assert due.due_on == timezone.localtime(case.referred_at).date() + timedelta(weeks=2)


def test_dudley_reviews_every_4_weeks_at_high_risk_and_6_weeks_at_medium(team: Any) -> None:
    # Dudley ToR §MACE Review & Reporting: 4 weeks high, 6 weeks medium.
    t = team("dudley")
    high, medium = open_case(t["referrer"], t["hub"]), open_case(t["referrer"], t["hub"],
                                                                  risk="medium")
    day = timezone.localdate() - timedelta(days=1)
    _hold(t, high, _at(day))
    _hold(t, medium, _at(day, 14))
    assert _due(t["hub"].partnership, high).due_on == day + timedelta(weeks=4)
    assert _due(t["hub"].partnership, medium).due_on == day + timedelta(weeks=6)


def test_essex_mace_1_reviews_three_monthly(team: Any) -> None:
    # Essex §6.1 MACE 1: returned at three-monthly intervals until the risk reduces.
    t = team("essex")
    case = open_case(t["referrer"], t["hub"])
    _hold(t, case, _at(date(2026, 1, 31)), forum="mace_1")
    assert _due(t["hub"].partnership, case).due_on == date(2026, 4, 30)


def test_wolverhampton_reviews_within_four_to_six_weeks(team: Any) -> None:
    # Wolverhampton §Frequency of meetings: every 4-6 weeks; due by the end of the window.
    t = team("wolverhampton")
    case = open_case(t["referrer"], t["hub"], exploitation_types=["cce"])
    _hold(t, case, _at(date(2026, 3, 2)))
    assert _due(t["hub"].partnership, case).due_on == date(2026, 4, 13)


def test_next_review_date_other_than_the_cadence_needs_a_reason(team: Any) -> None:
    t = team("dudley")
    case = open_case(t["referrer"], t["hub"])
    meeting = schedule(t["hub"], chair=t["chair"].user)
    services.agenda_build(actor=t["hub"], meeting=meeting, version=meeting.version)
    meeting.refresh_from_db()
    services.agenda_publish(actor=t["hub"], meeting=meeting, version=meeting.version)
    item = meeting.items.get(case=case)
    other = timezone.localtime(meeting.starts_at).date() + timedelta(weeks=2)
    with pytest.raises(ValidationError, match="4 weeks"):
        decisions.decision_record(actor=t["hub"], item=item, kind=Decision.Kind.NEXT_REVIEW,
                                  text="Sooner", next_review_on=other)
    decisions.decision_record(actor=t["hub"], item=item, kind=Decision.Kind.NEXT_REVIEW,
                              text="Sooner", next_review_on=other,
                              details={"reason": "Court date"})


def test_essex_mace_1_meets_monthly_and_mace_2_quarterly(team: Any) -> None:
    # Essex §6.5: MACE 1 monthly, MACE 2 quarterly, per quadrant.
    pack = team("essex")["hub"].partnership.policy
    assert series_dates(pack, "mace_1", date(2026, 1, 15), 3)[0] == [
        date(2026, 1, 15), date(2026, 2, 15), date(2026, 3, 15)]
    assert series_dates(pack, "mace_2", date(2026, 1, 15), 2)[0] == [
        date(2026, 1, 15), date(2026, 4, 15)]


def test_dudley_ceog_sits_one_week_before_the_police_tasking_meeting(team: Any) -> None:
    # Dudley ToR §CEOG Frequency: monthly, 1 week before the police tasking meeting.
    t = team("dudley")
    made = services.meeting_series(actor=t["hub"], forum="ceog", first=date(2026, 12, 1),
                                   at=time(10), minutes=120, count=2, venue="Room 1",
                                   anchors=[date(2026, 12, 14), date(2027, 1, 18)])
    assert [timezone.localtime(m.starts_at).date() for m in made] == [
        date(2026, 12, 7), date(2027, 1, 11)]


# --- agenda ---------------------------------------------------------------------------------

def test_kirklees_nominations_in_the_morning_reviews_in_the_afternoon(team: Any) -> None:
    # Kirklees §6 iii and vi: nominations in the morning, reviews in the afternoon, each
    # case with a time slot so its lead professional can attend.
    t = team("kirklees")
    reviewed = open_case(t["referrer"], t["hub"])
    _hold(t, reviewed, _at(timezone.localdate() - timedelta(days=40)))
    decided = reviewed.agenda_items.first()
    assert decided is not None
    new = open_case(t["referrer"], t["hub"])
    meeting = schedule(t["hub"], when=_at(timezone.localdate() + timedelta(days=1), 9))
    items = suggest_agenda(meeting, job(meeting.partnership, "agenda"))
    kinds = [(s.kind, s.case.pk if s.case else None, s.starts_at) for s in items if s.case]
    assert kinds[0][:2] == ("nomination", new.pk) and kinds[0][2] == time(9)
    assert kinds[1][:2] == ("review", reviewed.pk) and kinds[1][2] >= time(13)


def test_essex_mace_2_uses_the_standard_agenda_with_durations(team: Any) -> None:
    # Essex Appendix 4: the MACE 2 standard agenda, each item with its minutes.
    t = team("essex")
    meeting = schedule(t["hub"], forum="mace_2", when=_at(date(2027, 1, 5)))
    items = suggest_agenda(meeting, job(meeting.partnership, "agenda"))
    assert items[0].title.startswith("Welcome") and items[0].minutes == 5
    assert items[1].starts_at == time(10, 5)
    assert sum(i.minutes or 0 for i in items) == 120


def test_essex_agenda_deadlines_and_updates_48_hours_before(team: Any) -> None:
    # Essex §6.5: MACE 1 agenda one month before; Appendix 3: updates 48 hours before;
    # MACE 2 agenda two weeks before.
    t = team("essex")
    mace_1 = schedule(t["hub"], forum="mace_1", when=_at(date(2027, 3, 10)))
    mace_2 = schedule(t["hub"], forum="mace_2", when=_at(date(2027, 3, 10)))
    d1 = {what: at for what, at, _ in deadlines(t["hub"].partnership.policy, mace_1)}
    d2 = {what: at for what, at, _ in deadlines(t["hub"].partnership.policy, mace_2)}
    assert d1["agenda"] == _at(date(2027, 2, 10))
    assert d1["updates"] == _at(date(2027, 3, 8))
    assert d2["agenda"] == _at(date(2027, 2, 24))


# --- invitations ----------------------------------------------------------------------------

def _invited_types(t: Any, case: Case, when: datetime | None = None) -> set[str]:
    meeting = schedule(t["hub"], forum=case.partnership.policy.first_meeting.forum or "mace",
                       when=when)
    services.agenda_item_add(actor=t["hub"], meeting=meeting, version=meeting.version,
                             title="x", kind=AgendaItem.Kind.NOMINATION, case=case)
    return {i.agency.type for i in invitees(meeting) if i.agency is not None}


def test_wolverhampton_invites_the_cse_panel_for_cse_and_the_cce_panel_for_cce(
        team: Any) -> None:
    # Wolverhampton §Membership: different panels for CSE and for CCE / modern slavery.
    t = team("wolverhampton")
    cse = open_case(t["referrer"], t["hub"], exploitation_types=["cse"])
    cce = open_case(t["referrer"], t["hub"], exploitation_types=["cce"])
    assert "childrens_social_care" in _invited_types(t, cse)
    assert "community_safety" not in _invited_types(t, cse)
    assert "community_safety" in _invited_types(t, cce)


def test_essex_adult_social_care_invited_from_the_childs_17th_birthday(team: Any) -> None:
    # Essex §6.4 MACE 1: Adult Social Care from the child's 17th birthday.
    t = team("essex")
    born = date(2010, 6, 1)
    details = {"first_name": "Sam", "last_name": "Sample", "date_of_birth": born,
               "known_as": []}
    case = open_case(t["referrer"], t["hub"], child_details=details)
    assert "adult_social_care" not in _invited_types(t, case, _at(date(2027, 5, 31)))
    assert "adult_social_care" in _invited_types(t, case, _at(date(2027, 6, 1)))


# --- quorum ---------------------------------------------------------------------------------

def test_kirklees_quorate_only_with_social_care_health_and_police_present(team: Any) -> None:
    # Kirklees §8 v: quorum is children's social care, health and police.
    t = team("kirklees")
    case = open_case(t["referrer"], t["hub"])
    meeting = schedule(t["hub"], chair=t["chair"].user)
    services.agenda_item_add(actor=t["hub"], meeting=meeting, version=meeting.version,
                             title="x", kind="nomination", case=case)
    meeting.refresh_from_db()
    services.agenda_publish(actor=t["hub"], meeting=meeting, version=meeting.version)
    present = {"childrens_social_care", "police"}
    for invitation in meeting.invitations.select_related("agency"):
        if invitation.agency and invitation.agency.type in present:
            conduct.attendance_record(actor=t["hub"], invitation=invitation,
                                      attendance=Invitation.Attendance.PRESENT)
    check = quorum(t["hub"].partnership.policy, meeting)
    assert not check.met and check.missing == ["health"]
    started(meeting)
    with pytest.raises(ValidationError, match="not quorate"):
        conduct.meeting_hold(actor=t["hub"], meeting=meeting, version=meeting.version)
    held = conduct.meeting_hold(actor=t["hub"], meeting=meeting, version=meeting.version,
                                inquorate_reason="Health rep unwell; urgent cases heard")
    assert held.inquorate_reason


# --- escalation, closure, removal -----------------------------------------------------------

def test_dudley_high_risk_not_reduced_after_three_maces_is_flagged_for_ceog(team: Any) -> None:
    # Dudley ToR §MACE Review & Reporting: high risk not reduced after 3 MACE meetings →
    # the chair considers escalation to CEOG; the decision is recorded either way.
    t = team("dudley")
    case = open_case(t["referrer"], t["hub"])
    pack = t["hub"].partnership.policy
    start = timezone.localdate() - timedelta(weeks=10)
    for n in range(2):
        _hold(t, case, _at(start + timedelta(weeks=4 * n)))
    assert escalation_flags(pack, case) == []
    meeting = _hold(t, case, _at(start + timedelta(weeks=8)))
    [flag] = escalation_flags(pack, case)
    assert flag.to_forum == "ceog" and "3 meetings" in flag.reason.rule
    decisions.decision_record(actor=t["chair"], item=meeting.items.get(case=case),
                              kind=Decision.Kind.NOT_ESCALATE, text="Disruption working")
    assert escalation_flags(pack, case) == []


def test_dudley_no_escalation_flag_when_risk_reduced(team: Any) -> None:
    t = team("dudley")
    case = open_case(t["referrer"], t["hub"])
    start = timezone.localdate() - timedelta(weeks=10)
    _hold(t, case, _at(start), risk="medium")
    for n in (1, 2):
        _hold(t, case, _at(start + timedelta(weeks=4 * n)))
    assert escalation_flags(t["hub"].partnership.policy, case) == []


def test_dudley_discharged_when_risk_lowered_to_at_risk(team: Any) -> None:
    # Dudley ToR §MACE Review & Reporting: lowered to "at risk" → discharged from MACE.
    t = team("dudley")
    case = open_case(t["referrer"], t["hub"])
    _hold(t, case, _at(timezone.localdate() - timedelta(days=1)), risk="at_risk")
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED


def test_kirklees_closure_only_at_review_with_three_questions_then_dormant(team: Any) -> None:
    # Kirklees §9: closure after review, answering three questions; held dormant.
    t = team("kirklees")
    case = open_case(t["referrer"], t["hub"])
    meeting = _hold(t, case, _at(timezone.localdate() - timedelta(days=1)))
    item = meeting.items.get(case=case)
    with pytest.raises(ValidationError, match="closure question"):
        decisions.decision_record(actor=t["chair"], item=item, kind=Decision.Kind.DORMANT,
                                  text="Close", details={"answers": {}})
    questions = t["hub"].partnership.policy.closure.review_questions
    decisions.decision_record(actor=t["chair"], item=item, kind=Decision.Kind.DORMANT,
                              text="Close", details={"answers": {q: "No" for q in questions}})
    case.refresh_from_db()
    assert case.status == Case.Status.DORMANT


def test_dudley_ceog_item_leaves_the_agenda_only_by_recorded_removal(team: Any) -> None:
    # Dudley ToR §CEOG Agenda: removal only when the panel is satisfied, with the reason and
    # the actions completed recorded; until then the item is carried to the next agenda.
    t = team("dudley")
    case = open_case(t["referrer"], t["hub"])
    first = _hold(t, case, _at(timezone.localdate() - timedelta(days=30)), forum="ceog")
    later = schedule(t["hub"], forum="ceog")
    assert [s.case for s in suggest_agenda(later, t["hub"]) if s.case] == [case]
    item = first.items.get(case=case)
    first.status = Meeting.Status.PUBLISHED  # removal happens in a meeting
    first.save()
    with pytest.raises(ValidationError, match="actions completed"):
        conduct.item_remove(actor=t["chair"], item=item, reason="Satisfied",
                            actions_completed="")
    conduct.item_remove(actor=t["chair"], item=item, reason="Satisfied",
                        actions_completed="Closure order obtained")
    assert [s.case for s in suggest_agenda(later, job(later.partnership, "agenda")) if s.case] == []


def test_escalated_child_is_suggested_for_the_perpetrator_forum(team: Any) -> None:
    t = team("dudley")
    case = open_case(t["referrer"], t["hub"])
    meeting = _hold(t, case, _at(timezone.localdate() - timedelta(days=2)))
    decisions.decision_record(actor=t["chair"], item=meeting.items.get(case=case),
                              kind=Decision.Kind.ESCALATE, to_forum="ceog", text="Escalate")
    ceog = schedule(t["hub"], forum="ceog")
    suggested = suggest_agenda(ceog, t["hub"])
    assert [(s.kind, s.case) for s in suggested if s.case] == [("escalated", case)]


def test_wolverhampton_two_linked_children_suggest_a_professionals_meeting(team: Any) -> None:
    # Wolverhampton §Professionals' meeting: more than one young person linked to a
    # situation → a professionals' meeting.
    pack = team("wolverhampton")["hub"].partnership.policy
    assert professionals_meeting_suggested(pack, 1) is None
    suggestion = professionals_meeting_suggested(pack, 2)
    assert suggestion is not None and suggestion[0].key == "professionals_meeting"


def test_dudley_ceog_carried_item_cannot_be_dropped_from_a_draft(team: Any) -> None:
    # Dudley ToR §CEOG Agenda: an item leaves only by a recorded removal.
    t = team("dudley")
    case = open_case(t["referrer"], t["hub"])
    _hold(t, case, _at(timezone.localdate() - timedelta(days=30)), forum="ceog")
    later = schedule(t["hub"], forum="ceog")
    services.agenda_build(actor=t["hub"], meeting=later, version=later.version)
    later.refresh_from_db()
    item = later.items.get(case=case)
    with pytest.raises(ValidationError, match="removal"):
        services.agenda_item_drop(actor=t["hub"], meeting=later, version=later.version,
                                  item=item)
