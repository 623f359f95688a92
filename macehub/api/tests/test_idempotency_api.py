"""A write sent again with the same Idempotency-Key is answered as the first time and
written once; the same key for another body is refused; keys expire and the schedule
deletes them (docs/api.md)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from macehub.accounts.models import IdempotentRequest
from macehub.api import api as ninja_api
from macehub.api.tests.helpers import Api
from macehub.cases.models import Plan
from macehub.meetings.tests.test_outputs import make_case

pytestmark = pytest.mark.django_db


def _post(api: Api, url: str, body: dict[str, Any], key: str) -> Any:
    return api.client.post(f"/api/v1{url}", json.dumps(body), content_type="application/json",
                           headers={**api.headers, "Idempotency-Key": key})


@pytest.fixture
def plan_body(dudley: Any) -> dict[str, Any]:
    return {"kind": next(iter(dudley.policy.plans.types)), "summary": "Plan agreed",
            "agreed_on": timezone.localdate().isoformat()}


def test_a_repeated_key_gives_the_first_answer_and_writes_once(
        personas: dict[str, Any], actor_of: Any, plan_body: dict[str, Any]) -> None:
    case = make_case(actor_of(personas["hub_coordinator"]), "Rowan")
    api = Api("hub_coordinator")
    first = _post(api, f"/cases/{case.pk}/plans", plan_body, "plan-1")
    again = _post(api, f"/cases/{case.pk}/plans", plan_body, "plan-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert again["X-Protective-Marking"] == "OFFICIAL-SENSITIVE"
    assert Plan.objects.filter(case=case).count() == 1
    # Another key is another write.
    assert _post(api, f"/cases/{case.pk}/plans", plan_body, "plan-2").status_code == 201
    assert Plan.objects.filter(case=case).count() == 2


def test_the_same_key_with_another_body_or_operation_is_refused(
        personas: dict[str, Any], actor_of: Any, plan_body: dict[str, Any]) -> None:
    case = make_case(actor_of(personas["hub_coordinator"]), "Rowan")
    api = Api("hub_coordinator")
    assert _post(api, f"/cases/{case.pk}/plans", plan_body, "k").status_code == 201
    other = _post(api, f"/cases/{case.pk}/plans", {**plan_body, "summary": "Other"}, "k")
    assert other.status_code == 422 and "Idempotency-Key" in other.content.decode()
    assert Plan.objects.filter(case=case).count() == 1
    bad = _post(api, f"/cases/{case.pk}/plans", plan_body, "no spaces allowed")
    assert bad.status_code == 422


def test_a_failed_write_keeps_no_answer_so_the_caller_may_fix_it_and_retry(
        personas: dict[str, Any], actor_of: Any, plan_body: dict[str, Any]) -> None:
    case = make_case(actor_of(personas["hub_coordinator"]), "Rowan")
    api = Api("hub_coordinator")
    refused = _post(api, f"/cases/{case.pk}/plans", {**plan_body, "kind": "nonsense"}, "k")
    assert refused.status_code == 422
    assert _post(api, f"/cases/{case.pk}/plans", plan_body, "k").status_code == 201


def test_a_key_is_the_callers_own(personas: dict[str, Any], actor_of: Any,
                                  plan_body: dict[str, Any]) -> None:
    case = make_case(actor_of(personas["hub_coordinator"]), "Rowan")
    assert _post(Api("hub_coordinator"), f"/cases/{case.pk}/plans", plan_body,
                 "k").status_code == 201
    chair = _post(Api("chair"), f"/cases/{case.pk}/plans", plan_body, "k")
    assert chair.status_code == 201 and "Idempotent-Replayed" not in chair
    assert Plan.objects.filter(case=case).count() == 2


def test_keys_expire_and_the_schedule_deletes_them(
        personas: dict[str, Any], actor_of: Any, plan_body: dict[str, Any],
        settings: Any) -> None:
    case = make_case(actor_of(personas["hub_coordinator"]), "Rowan")
    api = Api("hub_coordinator")
    assert _post(api, f"/cases/{case.pk}/plans", plan_body, "k").status_code == 201
    IdempotentRequest.objects.update(created_at=timezone.now() - timedelta(hours=25))
    # Past IDEMPOTENCY_KEY_HOURS the key is free again: a new write.
    again = _post(api, f"/cases/{case.pk}/plans", plan_body, "k")
    assert again.status_code == 201 and "Idempotent-Replayed" not in again
    IdempotentRequest.objects.update(created_at=timezone.now() - timedelta(hours=25))
    call_command("expire_idempotency_keys")
    assert not IdempotentRequest.objects.exists()


def test_every_post_declares_the_idempotency_key_header() -> None:
    paths = ninja_api.get_openapi_schema()["paths"]
    for path, operations in paths.items():
        if "post" in operations:
            names = [p["name"] for p in operations["post"].get("parameters", [])]
            assert names.count("Idempotency-Key") == 1, path
