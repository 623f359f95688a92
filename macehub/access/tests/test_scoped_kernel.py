"""The scoped kernel: every record of person or case data carries its partnership, an
unscoped query raises, for_actor/get_for are the ways in, and the one sharing hook is the
only path across partnerships."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from macehub.access import reach, sharing
from macehub.access.actor import Actor
from macehub.access.scoped import Scoped, ScopeError, enforcing, scoped_models, unscoped
from macehub.accounts.system import system_actor
from macehub.audit.models import AuditEvent
from macehub.cases.models import AgencyFlag, Case, ChronologyEntry, Plan
from macehub.partnerships.models import Partnership
from macehub.people.models import Child

# Records that are not person or case data: the partnership's set-up (with the text of its
# footer pages), people who use the product, their sessions and tokens, and the audit
# trail (which names records by id only).
NOT_CASE_DATA = {
    "partnerships.Partnership", "partnerships.Area", "partnerships.Agency",
    "partnerships.InfoPage",
    "accounts.User", "accounts.Membership", "accounts.UserSession", "accounts.ApiToken",
    "accounts.RoleGrant",
    "audit.AuditEvent", "audit.AuditEventObject",
}


def _child(partnership: Partnership, name: str = "Alex") -> Child:
    return Child.objects.create(partnership=partnership, first_name=name, last_name="Example",
                                date_of_birth=date(2011, 5, 4))


def _case(partnership: Partnership, child: Child | None = None) -> Case:
    return Case.objects.create(partnership=partnership, child=child or _child(partnership),
                               risk="high", opened_at=timezone.now(),
                               referred_at=timezone.now())


def test_every_model_holding_person_or_case_data_has_a_partnership() -> None:
    ours = [m for m in apps.get_models() if m.__module__.startswith("macehub.")]
    unscoped_models = [m._meta.label for m in ours
                       if not issubclass(m, Scoped) and m._meta.label not in NOT_CASE_DATA]
    assert unscoped_models == [], "Make these inherit macehub.access.scoped.Scoped"
    for model in scoped_models():
        field = model._meta.get_field("partnership")
        assert not field.null, f"{model._meta.label}.partnership may not be empty"


def test_composite_indexes_on_scoped_models_lead_with_the_partnership() -> None:
    for model in scoped_models():
        for index in model._meta.indexes:
            if len(index.fields) > 1:
                assert index.fields[0] == "partnership", (model._meta.label, index.fields)


def test_every_scoped_model_has_a_need_to_know_grant() -> None:
    missing = [m._meta.label for m in scoped_models() if not reach.grants_for(m)]
    assert missing == []


def test_an_unscoped_query_raises(dudley: Partnership) -> None:
    _case(dudley)
    with enforcing():
        with pytest.raises(ScopeError):
            list(Case.objects.all())
        with pytest.raises(ScopeError):
            Case.objects.filter(risk="high").count()
        with pytest.raises(ScopeError):
            Case.objects.exists()
        with pytest.raises(ScopeError):
            Case.objects.get(risk="high")
        with pytest.raises(ScopeError):
            Case.objects.update(risk="medium")
        with pytest.raises(ScopeError):
            Case.objects.values_list("pk", flat=True).first()


def test_unscoped_block_allows_queries_and_says_why(dudley: Partnership) -> None:
    _case(dudley)
    with enforcing(), unscoped("platform check"):
        assert Case.objects.count() == 1


def test_for_actor_holds_only_the_actors_partnership(
        dudley: Partnership, essex: Partnership, personas: dict[str, Any],
        actor_of: Callable[..., Actor]) -> None:
    ours, theirs = _case(dudley), _case(essex)
    hub = actor_of(personas["hub_coordinator"])
    with enforcing():
        assert list(Case.objects.for_actor(hub)) == [ours]
        assert Case.objects.for_actor(hub).filter(pk=theirs.pk).count() == 0


def test_a_role_without_a_grant_reaches_nothing(
        dudley: Partnership, personas: dict[str, Any], actor_of: Callable[..., Actor]) -> None:
    _case(dudley)
    with enforcing():
        for role in ("referrer", "partnership_admin", "auditor"):
            assert Case.objects.for_actor(actor_of(personas[role])).count() == 0
        # An analyst counts cases for the dashboard (a grant of their own) and reaches no
        # other case record: not its chronology, plans or flags.
        analyst = actor_of(personas["analyst"])
        for model in (ChronologyEntry, Plan, AgencyFlag):
            assert model.objects.for_actor(analyst).count() == 0


def test_get_for_answers_404_outside_reach_as_for_a_missing_record(
        dudley: Partnership, essex: Partnership, personas: dict[str, Any],
        actor_of: Callable[..., Actor]) -> None:
    theirs = _case(essex)
    hub = actor_of(personas["hub_coordinator"])
    with enforcing():
        for pk in (theirs.pk, 999999, "abc", "1; drop"):
            with pytest.raises(Http404):
                Case.objects.get_for(hub, pk)


def test_get_for_audits_every_read_of_a_persons_record(
        dudley: Partnership, personas: dict[str, Any], actor_of: Callable[..., Actor]) -> None:
    case = _case(dudley)
    hub = actor_of(personas["hub_coordinator"])
    with enforcing():
        assert Case.objects.get_for(hub, case.pk, purpose="review") == case
        assert Child.objects.get_for(hub, case.child_id) == case.child
    events = AuditEvent.objects.filter(username="hub_coordinator")
    assert {(e.action, e.object_id) for e in events} == {
        ("case.view", str(case.pk)), ("child.view", str(case.child_id))}
    assert events.get(action="case.view").purpose == "review"


def test_related_managers_of_a_reached_record_are_scoped(
        dudley: Partnership, personas: dict[str, Any], actor_of: Callable[..., Actor]) -> None:
    case = _case(dudley)
    Plan.objects.create(case=case, kind="safety", summary="Plan", by=personas["chair"],
                        agreed_on=date(2026, 1, 5))
    hub = actor_of(personas["hub_coordinator"])
    with enforcing():
        reached = Case.objects.get_for(hub, case.pk)
        assert [p.summary for p in reached.plans.all()] == ["Plan"]
        assert Case.objects.for_actor(hub).prefetch_related("plans").get().plans.count() == 1


def test_a_new_record_takes_its_partnership_from_its_parent(
        dudley: Partnership, personas: dict[str, Any]) -> None:
    plan = Plan.objects.create(case=_case(dudley), kind="safety", summary="Plan",
                               by=personas["chair"], agreed_on=date(2026, 1, 5))
    assert plan.partnership_id == dudley.pk


def test_no_record_links_two_partnerships(
        dudley: Partnership, essex: Partnership, personas: dict[str, Any]) -> None:
    with pytest.raises(ScopeError):
        Case.objects.create(partnership=dudley, child=_child(essex), risk="high",
                            opened_at=timezone.now(), referred_at=timezone.now())
    with pytest.raises(ScopeError):
        Plan.objects.create(partnership=dudley, case=_case(essex), kind="safety",
                            summary="Plan", by=personas["chair"],
                            agreed_on=date(2026, 1, 5))


def test_a_system_actor_reaches_its_one_partnership(
        dudley: Partnership, essex: Partnership) -> None:
    ours, _theirs = _case(dudley), _case(essex)
    job = system_actor(dudley, "nightly check")
    assert job.is_system and job.role_label == "Scheduled job: nightly check"
    with enforcing():
        assert list(Case.objects.for_actor(job)) == [ours]


def test_the_sharing_hook_is_the_only_path_across_partnerships(
        dudley: Partnership, essex: Partnership, personas: dict[str, Any],
        actor_of: Callable[..., Actor]) -> None:
    theirs = _case(essex)
    hub = actor_of(personas["hub_coordinator"])

    def share_one_case(actor: Actor, model: type) -> Q | None:
        return Q(pk=theirs.pk) if model is Case and actor.partnership == dudley else None

    with enforcing():
        assert not Case.objects.for_actor(hub).filter(pk=theirs.pk).exists()
        sharing.register(share_one_case)
        try:
            assert Case.objects.get_for(hub, theirs.pk) == theirs
        finally:
            sharing.unregister(share_one_case)
        with pytest.raises(Http404):
            Case.objects.get_for(hub, theirs.pk)


def test_grants_read_as_words() -> None:
    for label, grants in reach.all_grants().items():
        for entry in grants:
            assert entry.name[0].isupper() and "_" not in entry.name, (label, entry.name)
