"""The front door's rules, named after the source documents that set them."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from macehub.accounts.models import Role
from macehub.concerns.models import Concern, Consent, Mention
from macehub.concerns.services import (
    MentionData,
    concern_match_child,
    screening_feedback,
    screening_record,
)
from macehub.people.models import Child
from macehub.people.services import PossibleDuplicates
from macehub.tests.factories import new_concern, years_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def kirklees(make_partnership: Any) -> Any:
    return make_partnership("kirklees")


@pytest.fixture
def hub(kirklees: Any, make_user: Any, actor_of: Any) -> Any:
    return actor_of(make_user("k-hub", kirklees, Role.HUB_COORDINATOR), kirklees)


@pytest.fixture
def referrer(kirklees: Any, make_user: Any, actor_of: Any) -> Any:
    return actor_of(make_user("k-ref", kirklees, Role.REFERRER), kirklees)


def test_concern_gets_a_reference_and_awaits_screening(referrer: Any) -> None:
    concern = new_concern(referrer, mentions=[MentionData("vehicle", "AB12 CDE", "blue car")])
    assert concern.reference.startswith("KIR-")
    assert concern.status == Concern.Status.AWAITING_SCREENING
    assert Mention.objects.get(concern=concern).value == "AB12 CDE"


def test_immediate_danger_not_yet_reported_is_refused_and_nothing_is_written(
    referrer: Any,
) -> None:
    with pytest.raises(ValidationError, match="999"):
        new_concern(referrer, immediate_danger="not_reported")
    assert Concern.objects.count() == 0


def test_kirklees_consent_not_required_where_child_is_subject_to_child_protection(
    referrer: Any,
) -> None:
    # Kirklees Annex A: "Check Consent (Not required if CP)".
    concern = new_concern(referrer, child_protection_plan=True, consent="")
    assert concern.consent == Consent.NOT_REQUIRED
    assert concern.status == Concern.Status.AWAITING_SCREENING


def test_kirklees_neither_consent_nor_dispensation_records_and_finalises(referrer: Any) -> None:
    # Kirklees Annex A: neither → "Record and Finalise (no further opportunity to develop)".
    concern = new_concern(referrer, consent="neither")
    assert concern.status == Concern.Status.FINALISED_NO_CONSENT


def test_kirklees_consent_dispensed_needs_a_reason_and_who_authorised(referrer: Any) -> None:
    with pytest.raises(ValidationError, match="reason consent was dispensed"):
        new_concern(referrer, consent="dispensed", consent_dispensed_reason="")
    concern = new_concern(referrer, consent="dispensed", consent_dispensed_reason="Risk to child",
                     consent_dispensed_by="Team manager")
    assert concern.consent == Consent.DISPENSED


def test_missing_consent_decision_is_refused(referrer: Any) -> None:
    with pytest.raises(ValidationError, match="consent"):
        new_concern(referrer, consent="")
    assert Concern.objects.count() == 0


def test_date_of_birth_in_the_future_is_refused(referrer: Any) -> None:
    with pytest.raises(ValidationError, match="must be in the past"):
        new_concern(referrer, child_details={"first_name": "A", "last_name": "B",
                                        "date_of_birth": years_ago(-1)})


def test_kirklees_scope_is_under_18(referrer: Any) -> None:
    with pytest.raises(ValidationError, match="out of scope"):
        new_concern(referrer, child_details={"first_name": "A", "last_name": "B",
                                        "date_of_birth": years_ago(18)})


def test_wolverhampton_scope_runs_up_to_age_25(make_partnership: Any, make_user: Any,
                                               actor_of: Any) -> None:
    # Wolverhampton ToR: criteria up to age 25.
    wolves = make_partnership("wolverhampton")
    actor = actor_of(make_user("w-ref", wolves, Role.REFERRER), wolves)
    assert new_concern(actor, child_details={"first_name": "A", "last_name": "B",
                                        "date_of_birth": years_ago(25)}).pk
    with pytest.raises(ValidationError, match="out of scope"):
        new_concern(actor, child_details={"first_name": "A", "last_name": "B",
                                     "date_of_birth": years_ago(26)})


def test_unknown_exploitation_type_is_refused(referrer: Any) -> None:
    with pytest.raises(ValidationError, match="type of exploitation"):
        new_concern(referrer, exploitation_types=["made_up"])


def test_panel_members_cannot_submit_concerns(kirklees: Any, make_user: Any,
                                              actor_of: Any) -> None:
    actor = actor_of(make_user("k-panel", kirklees, Role.PANEL_MEMBER), kirklees)
    with pytest.raises(PermissionDenied):
        new_concern(actor)


def _screen_ready(referrer: Any, hub: Any, **overrides: Any) -> Concern:
    concern = new_concern(referrer, **overrides)
    concern_match_child(actor=hub, concern=concern, confirm_new=True)
    concern.refresh_from_db()
    return concern


def test_kirklees_no_further_action_is_never_a_screening_outcome(referrer: Any,
                                                                hub: Any) -> None:
    # Kirklees §5 ii: "the term 'No further Action' will not be considered as an option".
    concern = _screen_ready(referrer, hub)
    with pytest.raises(ValidationError, match="not a screening outcome"):
        screening_record(actor=hub, concern=concern, indicators=[], risk="at_risk",
                         override_reason="low", outcome="no_further_action")
    assert not hasattr(Concern.objects.get(pk=concern.pk), "screening")


def test_kirklees_minimum_outcome_is_signposting_with_the_advice_recorded(
    referrer: Any, hub: Any,
) -> None:
    concern = _screen_ready(referrer, hub)
    with pytest.raises(ValidationError, match="signposting or advice"):
        screening_record(actor=hub, concern=concern, indicators=[], risk="at_risk",
                         override_reason="low", outcome="signposting_advice")
    screening = screening_record(actor=hub, concern=concern, indicators=[], risk="at_risk",
                                 override_reason="low", outcome="signposting_advice",
                                 advice_given="Signposted to the youth service")
    assert screening.case is None and screening.advice_given


def test_screening_tool_suggests_a_level_and_an_override_needs_a_reason(
    referrer: Any, hub: Any,
) -> None:
    concern = _screen_ready(referrer, hub)
    tool = hub.partnership.policy.screening.tool
    indicators = list(tool.indicators)[:3]
    score, suggested = tool.assess(indicators)
    other = "high" if suggested != "high" else "medium"
    with pytest.raises(ValidationError, match="Give a reason"):
        screening_record(actor=hub, concern=concern, indicators=indicators, risk=other,
                         outcome="mace_meeting")
    screening = screening_record(actor=hub, concern=concern, indicators=indicators,
                                 risk=other, override_reason="Known to police",
                                 outcome="mace_meeting")
    assert (screening.score, screening.suggested_risk) == (score, suggested or "")


def test_mace_meeting_required_opens_a_case_and_a_new_concern_reopens_a_dormant_one(
    referrer: Any, hub: Any, make_user: Any, kirklees: Any, actor_of: Any,
) -> None:
    from macehub.cases.models import Case
    from macehub.cases.services import case_set_status

    concern = _screen_ready(referrer, hub)
    first = screening_record(actor=hub, concern=concern, indicators=[], risk="high",
                             override_reason="r", outcome="mace_meeting")
    case = first.case
    assert case.status == Case.Status.OPEN and case.risk == "high"
    case_set_status(actor=hub, case=case, status="dormant", reason="Review satisfied",
                    version=case.version)
    again = new_concern(referrer)
    concern_match_child(actor=hub, concern=again, child=case.child)
    second = screening_record(actor=hub, concern=again, indicators=[], risk="medium",
                              override_reason="r", outcome="mace_meeting")
    assert second.case.pk == case.pk
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN
    assert "Reopened from dormant" in " ".join(case.chronology.values_list("summary",
                                                                          flat=True))


def test_likely_duplicates_are_shown_never_merged(referrer: Any, hub: Any) -> None:
    _screen_ready(referrer, hub)
    typo = new_concern(referrer, child_details={"first_name": "Jordon", "last_name": "Exampel",
                                           "date_of_birth": years_ago(14)})
    with pytest.raises(PossibleDuplicates) as caught:
        concern_match_child(actor=hub, concern=typo)
    assert caught.value.matches[0].child.first_name == "Jordan"
    assert Child.objects.count() == 1
    concern_match_child(actor=hub, concern=typo, confirm_new=True)
    assert Child.objects.count() == 2


def test_feedback_is_recorded_once(referrer: Any, hub: Any) -> None:
    concern = _screen_ready(referrer, hub)
    screening = screening_record(actor=hub, concern=concern, indicators=[], risk="high",
                                 override_reason="r", outcome="mace_meeting")
    screening_feedback(actor=hub, screening=screening, feedback="Going to MACE on Tuesday")
    with pytest.raises(ValidationError, match="already"):
        screening_feedback(actor=hub, screening=screening, feedback="again")


def test_an_invalid_screening_writes_nothing(referrer: Any, hub: Any) -> None:
    from macehub.cases.models import Case

    concern = _screen_ready(referrer, hub)
    with pytest.raises(ValidationError):
        screening_record(actor=hub, concern=concern, indicators=["nope"], risk="high",
                         override_reason="r", outcome="mace_meeting")
    assert Case.objects.count() == 0
    concern.refresh_from_db()
    assert concern.status == Concern.Status.AWAITING_SCREENING
