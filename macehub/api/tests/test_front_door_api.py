"""The front door through the API: same services, same permissions, clear errors."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from macehub.concerns.models import Concern
from macehub.lib.problems import fields
from macehub.tests.factories import years_ago

pytestmark = pytest.mark.django_db


def _client(username: str) -> tuple[Client, dict[str, str]]:
    out = StringIO()
    call_command("create_api_token", username, stdout=out)
    return Client(), {"Authorization": f"Bearer {out.getvalue().strip()}"}


def _concern(child: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return {"immediate_danger": "no",
            "child": child or {"first_name": "Casey", "last_name": "Sample",
                               "date_of_birth": years_ago(15).isoformat()},
            "what_happened": "Found with large amounts of cash.",
            "exploitation_types": ["cce"], "child_protection_plan": False,
            "consent": "obtained",
            "mentions": [{"kind": "phone", "value": "07700 900123", "details": "deal line"}],
            **extra}


def _post(client: Client, headers: dict[str, str], url: str, body: dict[str, Any]) -> Any:
    return client.post(url, body, content_type="application/json", headers=headers)


def test_referrer_submits_a_concern_and_reads_only_their_own(personas: dict[str, Any]) -> None:
    client, headers = _client("referrer")
    response = _post(client, headers, "/api/v1/concerns", _concern())
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["reference"].startswith("DUD-") and body["status"] == "awaiting_screening"
    assert client.get(f"/api/v1/concerns/{body['id']}", headers=headers).status_code == 200
    other, other_headers = _client("hub_coordinator")
    theirs = _post(other, other_headers, "/api/v1/concerns", _concern()).json()
    assert client.get(f"/api/v1/concerns/{theirs['id']}", headers=headers).status_code == 404


def test_bad_concern_gets_422_with_the_reason_and_writes_nothing(
    personas: dict[str, Any],
) -> None:
    client, headers = _client("referrer")
    response = _post(client, headers, "/api/v1/concerns",
                     _concern(consent="", exploitation_types=["cce"]))
    assert response.status_code == 422
    assert "consent" in fields(response.json())
    future = _concern(child={"first_name": "A", "last_name": "B",
                             "date_of_birth": years_ago(-1).isoformat()})
    assert _post(client, headers, "/api/v1/concerns", future).status_code == 422
    assert _post(client, headers, "/api/v1/concerns", {"child": 1}).status_code == 422
    assert Concern.objects.count() == 0


def test_coordinator_screens_through_the_api_and_reads_the_case(
    personas: dict[str, Any],
) -> None:
    referrer, ref_headers = _client("referrer")
    concern = _post(referrer, ref_headers, "/api/v1/concerns", _concern()).json()
    hub, headers = _client("hub_coordinator")
    response = _post(hub, headers, f"/api/v1/concerns/{concern['id']}/screening", {
        "confirm_new": True, "risk": "high", "outcome": "mace_meeting",
        "override_reason": "Known to police"})
    assert response.status_code == 201, response.content
    case_id = response.json()["case_id"]
    case = hub.get(f"/api/v1/cases/{case_id}", headers=headers).json()
    assert case["risk"] == "high" and case["chronology"]
    due = hub.get("/api/v1/due", headers=headers).json()["items"]
    first = [d for d in due if d["kind"] == "first_meeting"]
    assert first and first[0]["reason"]["source"].startswith("Dudley MACE and CEOG Terms of")
    # A referrer cannot screen or read cases.
    assert _post(referrer, ref_headers, f"/api/v1/concerns/{concern['id']}/screening",
                 {"risk": "high", "outcome": "mace_meeting"}).status_code == 403
    assert referrer.get(f"/api/v1/cases/{case_id}", headers=ref_headers).status_code == 403


def test_child_creation_returns_likely_matches_with_409(personas: dict[str, Any]) -> None:
    hub, headers = _client("hub_coordinator")
    born = years_ago(13).isoformat()
    first = _post(hub, headers, "/api/v1/children",
                  {"first_name": "Morgan", "last_name": "Tester", "date_of_birth": born})
    assert first.status_code == 201
    again = _post(hub, headers, "/api/v1/children",
                  {"first_name": "Morgen", "last_name": "Tester", "date_of_birth": born})
    assert again.status_code == 409
    assert again.json()["possible_matches"][0]["reasons"]
    confirmed = _post(hub, headers, "/api/v1/children", {
        "first_name": "Morgen", "last_name": "Tester", "date_of_birth": born,
        "confirm_new": True})
    assert confirmed.status_code == 201


def test_outsiders_get_404_for_another_partnerships_case(
    personas: dict[str, Any], essex: Any, make_user: Any,
) -> None:
    referrer, ref_headers = _client("referrer")
    concern = _post(referrer, ref_headers, "/api/v1/concerns", _concern()).json()
    hub, headers = _client("hub_coordinator")
    case_id = _post(hub, headers, f"/api/v1/concerns/{concern['id']}/screening", {
        "confirm_new": True, "risk": "high", "outcome": "mace_meeting",
        "override_reason": "r"}).json()["case_id"]
    make_user("essex-hub", essex, "hub_coordinator")
    outsider, outsider_headers = _client("essex-hub")
    assert outsider.get(f"/api/v1/cases/{case_id}", headers=outsider_headers).status_code == 404


def test_coordinator_records_consent_later_and_it_is_validated(
    personas: dict[str, Any],
) -> None:
    referrer, ref_headers = _client("referrer")
    concern = _post(referrer, ref_headers, "/api/v1/concerns", _concern()).json()
    hub, headers = _client("hub_coordinator")
    url = f"/api/v1/concerns/{concern['id']}/consent"
    bad = _post(hub, headers, url, {"consent": "dispensed"})
    assert bad.status_code == 422 and "consent_dispensed_reason" in fields(bad.json())
    good = _post(hub, headers, url, {"consent": "dispensed", "consent_dispensed_reason":
                                     "Risk of harm if parents told",
                                     "consent_dispensed_by": "Team manager"})
    assert good.status_code == 200 and good.json()["consent"] == "dispensed"


def test_screening_with_a_bad_risk_changes_nothing(personas: dict[str, Any]) -> None:
    # ARCHITECTURE principle 9: a bad input gets a clear error and changes nothing. The
    # screening call matches the child and screens in one transaction.
    from macehub.audit.models import AuditEvent
    from macehub.people.models import Child

    referrer, ref_headers = _client("referrer")
    concern = _post(referrer, ref_headers, "/api/v1/concerns", _concern()).json()
    hub, headers = _client("hub_coordinator")
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    response = _post(hub, headers, f"/api/v1/concerns/{concern['id']}/screening", {
        "confirm_new": True, "risk": "severe", "outcome": "mace_meeting",
        "override_reason": "r"})
    assert response.status_code == 422 and "risk" in fields(response.json())
    assert not Child.objects.exists()
    assert Concern.objects.get(pk=concern["id"]).child_id is None
    written = AuditEvent.objects.exclude(pk__in=before).exclude(action__endswith=".view")
    assert list(written.values_list("action", flat=True)) == []


def test_coordinator_matches_the_child_then_records_feedback(
    personas: dict[str, Any], essex: Any, make_user: Any,
) -> None:
    referrer, ref_headers = _client("referrer")
    concern = _post(referrer, ref_headers, "/api/v1/concerns", _concern()).json()
    make_user("essex-hub", essex, "hub_coordinator")
    outsider, outsider_headers = _client("essex-hub")
    hub, headers = _client("hub_coordinator")
    url = f"/api/v1/concerns/{concern['id']}"
    assert _post(outsider, outsider_headers, f"{url}/match",
                 {"confirm_new": True}).status_code == 404
    assert _post(referrer, ref_headers, f"{url}/match", {"confirm_new": True}).status_code == 403
    matched = _post(hub, headers, f"{url}/match", {"confirm_new": True})
    assert matched.status_code == 200 and matched.json()["child_id"]
    # Feedback follows screening.
    assert _post(hub, headers, f"{url}/feedback", {"feedback": "Told"}).status_code == 422
    screened = _post(hub, headers, f"{url}/screening", {
        "risk": "high", "outcome": "mace_meeting", "override_reason": "r"})
    assert screened.status_code == 201, screened.content
    assert _post(outsider, outsider_headers, f"{url}/feedback",
                 {"feedback": "Told"}).status_code == 404
    assert _post(referrer, ref_headers, f"{url}/feedback",
                 {"feedback": "Told"}).status_code == 403
    feedback = _post(hub, headers, f"{url}/feedback", {"feedback": "Told by phone"})
    assert feedback.status_code == 200, feedback.content


def test_own_concerns_and_the_screening_queue_are_listed(
    personas: dict[str, Any], essex: Any, make_user: Any,
) -> None:
    referrer, ref_headers = _client("referrer")
    _post(referrer, ref_headers, "/api/v1/concerns", _concern())
    hub, headers = _client("hub_coordinator")
    _post(hub, headers, "/api/v1/concerns", _concern())
    mine = referrer.get("/api/v1/concerns", headers=ref_headers).json()
    assert mine["count"] == 1
    queue = hub.get("/api/v1/screening-queue", headers=headers).json()
    assert queue["count"] == 2 and queue["items"][0]["status"] == "awaiting_screening"
    assert referrer.get("/api/v1/screening-queue", headers=ref_headers).status_code == 403
    make_user("essex-hub", essex, "hub_coordinator")
    outsider, outsider_headers = _client("essex-hub")
    assert outsider.get("/api/v1/screening-queue",
                        headers=outsider_headers).json()["count"] == 0
    assert outsider.get("/api/v1/concerns", headers=outsider_headers).json()["count"] == 0
