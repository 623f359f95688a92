"""Partnership rules about meetings put right against the source documents: Dudley's MACE
outcomes and weekly triage, Wolverhampton's review panel, Kirklees' step-down. Each test
is named after its rule and cites the section."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from macehub.cases.models import Case
from macehub.meetings import conduct, decisions, services
from macehub.meetings.forms import DecisionForm
from macehub.meetings.models import AgendaItem, Decision, Meeting
from macehub.meetings.tests.helpers import open_case, schedule

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
