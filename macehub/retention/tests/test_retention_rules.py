"""Retention rules per record type (SECURITY S18; UK GDPR Art 5(1)(e)). The source
documents give no periods: every rule is a partnership default, marked as such."""

from __future__ import annotations

import tomllib
from datetime import date
from typing import Any

import pytest

from macehub.access.actor import Actor
from macehub.cases.models import Case
from macehub.concerns.models import Concern
from macehub.missing.models import MissingEpisode
from macehub.missing.services import episode_record
from macehub.partnerships.policy import PolicyError, load_all, validate_data
from macehub.partnerships.policy.loader import DEFAULT_POLICY_DIR
from macehub.partnerships.policy.retention import RECORD_TYPES, birthday
from macehub.partnerships.tests.changed import changed_pack
from macehub.people.models import Child
from macehub.retention.due import find_due, reported
from macehub.retention.tests.helpers import ago, closed_case, old_concern
from macehub.tests.factories import actor, child, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(personas: dict[str, Any], dudley: Any) -> dict[str, Actor]:
    return {"referrer": actor(personas["referrer"], dudley),
            "hub": actor(personas["hub_coordinator"], dudley),
            "job": _job(dudley)}


def _job(partnership: Any) -> Actor:
    from macehub.accounts.system import system_actor

    return system_actor(partnership, "retention")


def _due(job: Actor, today: date | None = None) -> set[tuple[str, str, int]]:
    return {(d.record_type, d.model_label, d.record_id) for d in find_due(job, today)}


def test_every_pack_sets_a_retention_rule_for_every_record_type_marked_as_a_default() -> None:
    # The seeds give no retention periods (they leave each receiving agency to keep its own
    # papers securely: 003 §MACE Confidentiality; 001; 000 §6.7): every rule is a default.
    for key, pack in load_all().items():
        for record_type in RECORD_TYPES:
            rule = pack.retention_rule(record_type)
            assert rule.default and rule.source.startswith("default:"), (key, record_type)
        assert pack.retention_rule("closed_case").until_age == 25


def test_a_pack_refuses_an_action_its_record_type_cannot_take_and_a_rule_with_no_period(
) -> None:
    data = tomllib.loads((DEFAULT_POLICY_DIR / "dudley.toml").read_text())
    data["retention"]["meeting_records"]["action"] = "delete"
    with pytest.raises(PolicyError) as refused:
        validate_data(data, origin="dudley.toml")
    assert "retention.meeting_records.action" in str(refused.value)
    data["retention"]["meeting_records"] = {"action": "report", "default": True,
                                            "source": "default: test"}
    with pytest.raises(PolicyError, match="give kept_for, until_age or both"):
        validate_data(data, origin="dudley.toml")


def test_a_twenty_fifth_birthday_on_29_february_falls_on_1_march_in_other_years() -> None:
    assert birthday(date(2008, 2, 29), 25) == date(2033, 3, 1)
    assert birthday(date(2008, 2, 29), 24) == date(2032, 2, 29)


def test_a_concern_not_progressed_is_due_when_the_packs_period_ends(
        team: dict[str, Actor], monkeypatch: pytest.MonkeyPatch) -> None:
    # Dudley pack, retention.concern_not_progressed: kept for 6 years (default).
    old = old_concern(team["referrer"], 6, days=1)
    recent = old_concern(team["referrer"], 5)
    waiting = old_concern(team["referrer"], 7)
    Concern.objects.filter(pk=waiting.pk).update(status=Concern.Status.AWAITING_SCREENING)
    due = _due(team["job"])
    assert ("concern_not_progressed", "concerns.concern", old.pk) in due
    assert not {recent.pk, waiting.pk} & {pk for _, _, pk in due}
    # The pack's period is what decides: kept for 8 years, the old concern is not due.
    changed_pack(monkeypatch, "dudley", lambda d: d["retention"]["concern_not_progressed"]
                 .update(kept_for="8 years"))
    assert not _due(team["job"])


def test_a_concern_that_opened_a_case_is_never_a_concern_not_progressed(
        team: dict[str, Actor]) -> None:
    case = open_case(team["referrer"], team["hub"])
    Concern.objects.filter(child=case.child).update(submitted_at=ago(10))
    assert not [d for d in find_due(team["job"]) if d.record_type == "concern_not_progressed"]


def test_a_closed_case_is_due_on_the_childs_25th_birthday_not_before(
        team: dict[str, Actor]) -> None:
    # Dudley pack, retention.closed_case: until the child's 25th birthday and 6 years
    # after the case's last entry (defaults).
    today = date(2028, 2, 29)  # a leap day: the child born on 29 February 2003
    case = closed_case(team["referrer"], team["hub"], born=date(2003, 2, 28))
    leap = closed_case(team["referrer"], team["hub"], born=date(2003, 3, 1))
    assert ("closed_case", "people.child", case.child_id) in _due(team["job"], today)
    assert ("closed_case", "people.child", leap.child_id) not in _due(team["job"], today)
    assert ("closed_case", "people.child", leap.child_id) in _due(team["job"],
                                                                   date(2028, 3, 1))


def test_a_childs_record_is_not_due_while_any_of_their_cases_is_open_or_dormant(
        team: dict[str, Actor]) -> None:
    case = closed_case(team["referrer"], team["hub"], born=date(1990, 5, 5))
    assert ("closed_case", "people.child", case.child_id) in _due(team["job"])
    Case.objects.filter(pk=case.pk).update(status=Case.Status.DORMANT)
    assert not _due(team["job"])


def test_a_case_closed_recently_waits_six_years_though_the_child_is_over_25(
        team: dict[str, Actor], monkeypatch: pytest.MonkeyPatch) -> None:
    case = closed_case(team["referrer"], team["hub"], born=date(1990, 5, 5),
                       closed_years_ago=2)
    assert not _due(team["job"])
    changed_pack(monkeypatch, "dudley",
                 lambda d: d["retention"]["closed_case"].update(kept_for="1 year"))
    assert ("closed_case", "people.child", case.child_id) in _due(team["job"])


def test_missing_records_of_a_child_with_no_case_follow_the_missing_episode_rule(
        team: dict[str, Actor]) -> None:
    found = child(team["hub"])
    Child.objects.filter(pk=found.pk).update(date_of_birth=date(1995, 1, 10))
    episode_record(actor=team["hub"], child=found, force="Example Police",
                   police_reference="OLD-1", reported_at=ago(8), returned_at=ago(8),
                   missing_from="home", risk_grade="medium")
    unmatched = episode_record(actor=team["hub"], child=found, force="Example Police",
                               police_reference="OLD-2", reported_at=ago(8),
                               missing_from="home", risk_grade="medium")
    # A police notification never matched to a child.
    MissingEpisode.objects.filter(pk=unmatched.pk).update(child=None)
    assert _due(team["job"]) == {("missing_episode", "people.child", found.pk),
                                 ("missing_episode", "missing.missingepisode", unmatched.pk)}


def test_meeting_records_and_the_access_log_are_only_counted_by_the_packs_period(
        team: dict[str, Actor], monkeypatch: pytest.MonkeyPatch) -> None:
    from macehub.audit.models import AuditEvent

    AuditEvent.objects.create(at=ago(8), partnership_id=team["job"].partnership.pk,
                              action="case.view")
    assert reported(team["job"])["audit_events"] == 1
    changed_pack(monkeypatch, "dudley",
                 lambda d: d["retention"]["audit_events"].update(kept_for="10 years"))
    assert reported(team["job"])["audit_events"] == 0
