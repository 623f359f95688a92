"""Partnership rules about meetings put right against the source documents: Dudley's MACE
outcomes and weekly triage, Wolverhampton's review panel, Kirklees' step-down. Each test
is named after its rule and cites the section."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from macehub.cases.models import Case
from macehub.meetings import conduct, decisions, services
from macehub.meetings.forms import DecisionForm
from macehub.meetings.models import AgendaItem, Decision, Meeting
from macehub.tests.factories import open_case, schedule
from macehub.tests.visible import visible_text

pytestmark = pytest.mark.django_db
ZONE = timezone.get_current_timezone()


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZONE)


def _published(team: dict[str, Any], case: Case, forum: str = "mace",
               kind: str = AgendaItem.Kind.REVIEW, when: datetime | None = None) -> Meeting:
    hub, chair = team["hub"], team["chair"]
    meeting = schedule(hub, forum=forum, chair=chair.user,
                       when=when or timezone.now() + timedelta(days=7))
    services.agenda_item_add(actor=hub, meeting=meeting, version=meeting.version,
                             title=str(case.child), kind=kind, case=case)
    meeting.refresh_from_db()
    services.agenda_publish(actor=hub, meeting=meeting, version=meeting.version)
    meeting.refresh_from_db()
    return meeting


def _held(team: dict[str, Any], case: Case, **kwargs: Any) -> Meeting:
    meeting = _published(team, case, **kwargs)
    for invitation in meeting.invitations.all():
        conduct.attendance_record(actor=team["hub"], invitation=invitation,
                                  attendance="present")
    meeting.refresh_from_db()
    conduct.meeting_hold(actor=team["hub"], meeting=meeting, version=meeting.version,
                         inquorate_reason="test")
    meeting.refresh_from_db()
    return meeting


# --- Dudley: MACE outcomes ----------------------------------------------------------------


def test_dudley_mace_outcomes_include_support_services_and_early_help_referral(
    team: Any,
) -> None:
    # Dudley (003) §MACE Outcomes: "Refer for support services from other services such as
    # Barnardos, Phase Trust ..." and "Recommend an Early Help referral for 'at risk' cases".
    t = team("dudley")
    case = open_case(t["referrer"], t["hub"])
    item = _published(t, case).items.get(case=case)
    support = decisions.decision_record(
        actor=t["chair"], item=item, kind=Decision.Kind.OUTCOME, text="Phase Trust mentoring",
        details={"outcome": "support_services"})
    early = decisions.decision_record(
        actor=t["chair"], item=item, kind=Decision.Kind.OUTCOME, text="Family agreed",
        details={"outcome": "early_help"})
    assert support.details["outcome_label"].startswith("Refer for support services")
    assert early.details["outcome_label"].startswith("Recommend an Early Help referral")
    chronology = list(case.chronology.values_list("summary", flat=True))
    assert any("Refer for support services" in line for line in chronology)
    form = DecisionForm(pack=t["hub"].partnership.policy, targets=[])
    labels = dict(form.fields["outcome"].choices)  # type: ignore[attr-defined]
    assert labels["early_help"].startswith("Recommend an Early Help referral")
    with pytest.raises(ValidationError):
        decisions.decision_record(actor=t["chair"], item=item, kind=Decision.Kind.OUTCOME,
                                  text="x", details={"outcome": "no_such_outcome"})


def test_outcome_decision_is_offered_only_where_the_pack_lists_outcomes(team: Any) -> None:
    # Kirklees (004) lists no such outcomes: the decision is neither offered nor accepted.
    t = team("kirklees")
    form = DecisionForm(pack=t["hub"].partnership.policy, targets=[])
    assert "outcome" not in form.fields
    kinds = dict(form.fields["kind"].choices)  # type: ignore[attr-defined]
    assert Decision.Kind.OUTCOME not in kinds
    case = open_case(t["referrer"], t["hub"])
    item = _published(t, case).items.get(case=case)
    with pytest.raises(ValidationError):
        decisions.decision_record(actor=t["chair"], item=item, kind=Decision.Kind.OUTCOME,
                                  text="x", details={"outcome": "early_help"})


# --- Thurrock: the RMM's intake ----------------------------------------------------------


def _screened(team: dict[str, Any], first: str, risk: str, indicators: list[str]) -> Case:
    from macehub.concerns.services import concern_match_child, screening_record
    from macehub.tests.factories import new_concern, years_ago

    concern = new_concern(team["referrer"], child_details={
        "first_name": first, "last_name": "Sample", "date_of_birth": years_ago(15)})
    concern_match_child(actor=team["hub"], concern=concern, confirm_new=True)
    concern.refresh_from_db()
    return screening_record(actor=team["hub"], concern=concern, indicators=indicators,
                            risk=risk, override_reason="test", outcome="mace_meeting").case


def test_thurrock_rmm_takes_children_at_high_risk_of_cse_ce_or_being_exploited_now(
    team: Any,
) -> None:
    # Thurrock (002) §2.2 Risk Management Meetings: the RMM reviews every child missing that
    # week, "those who are assessed to be at high risk of CSE / CE, or those children who
    # are currently being exploited" - not only the missing list. None of these children
    # has been missing.
    from macehub.cases.intake import intake_cases
    from macehub.meetings.agenda import suggest_agenda

    t = team("thurrock")
    high = _screened(t, "Avery", "high", [])
    exploited = _screened(t, "Blake", "medium", ["known_exploitation"])
    medium = _screened(t, "Casey", "medium", [])
    rmm = schedule(t["hub"], forum="rmm", chair=t["chair"].user)
    suggested = {s.case.pk: s for s in suggest_agenda(rmm, t["hub"]) if s.case}
    assert set(suggested) == {high.pk, exploited.pk}
    assert medium.pk not in suggested
    assert suggested[high.pk].source.startswith(
        "Southend, Essex and Thurrock Cross-Border Information-Sharing Protocol, section 2.2")
    assert "High risk" in suggested[high.pk].title or "high risk" in suggested[high.pk].title
    listed = {taken.case.pk for taken in intake_cases(t["hub"], "rmm")}
    assert listed == {high.pk, exploited.pk}


def test_thurrock_rmm_list_page_shows_the_children_it_also_takes(
    team: Any, client_as: Any,
) -> None:
    # Thurrock (002) §2.2: the RMM list holds high-risk and exploited children too.
    from django.urls import reverse

    t = team("thurrock")
    high = _screened(t, "Avery", "high", [])
    page = client_as(t["hub"].user, t["hub"].partnership).get(
        reverse("missing:meeting"), {"forum": "rmm"}).content.decode()
    assert str(high.child) in page and "children being exploited now" in page
    shown = visible_text(page)
    assert "known_exploitation" not in shown and not re.search(r"\bcce\b", shown)


# --- Dudley: the weekly triage's intake --------------------------------------------------


def test_dudley_weekly_triage_takes_emerging_concerns_and_new_referrals(team: Any) -> None:
    # Dudley (003) Introduction: the weekly exploitation triage meeting's "purpose is to
    # review and agree actions regarding emerging concerns, new referrals and events that
    # may require a statutory or Early Help response".
    from macehub.concerns.models import Concern
    from macehub.meetings.agenda import suggest_agenda
    from macehub.tests.factories import new_concern

    t = team("dudley")
    new = new_concern(t["referrer"])
    screened = open_case(t["referrer"], t["hub"], risk="medium").screenings.get().concern
    old = new_concern(t["referrer"])
    Concern.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - timedelta(days=12))
    triage = schedule(t["hub"], forum="triage", chair=t["chair"].user,
                      when=timezone.now() + timedelta(days=1))
    titles = [s.title for s in suggest_agenda(triage, t["hub"])]
    assert any(new.reference in title for title in titles)
    assert any(screened.reference in title for title in titles)
    assert not any(old.reference in title for title in titles)
    added = services.agenda_build(actor=t["hub"], meeting=triage, version=triage.version)
    assert any(new.reference in item.title for item in added)


# --- Wolverhampton: who review meetings invite -------------------------------------------


def test_wolverhampton_review_meetings_invite_every_initial_panel_agency_and_key_workers(
    team: Any,
) -> None:
    # Wolverhampton (001) Panel Members: "After the initial MACE meeting, members who are
    # working operationally from any of the organisations mentioned above [the CSE and the
    # CCE / modern slavery panels], as well as key workers from the local authority, will
    # be required to attend further review meetings."
    t = team("wolverhampton")
    case = open_case(t["referrer"], t["hub"], exploitation_types=["cse"])
    pack = t["hub"].partnership.policy
    forum = pack.forum("mace")
    both = set(forum.panels["cse"].agencies) | set(forum.panels["cce_modern_slavery"].agencies)
    review = _published(t, case, kind=AgendaItem.Kind.REVIEW)
    invited = {i.agency.type for i in review.invitations.all() if i.agency}
    assert both <= invited
    assert "community_safety" in invited  # only on the CCE panel, yet the child is CSE
    assert "childrens_social_care" in invited  # local authority key workers
