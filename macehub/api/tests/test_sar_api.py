"""Subject access through the API (SECURITY S19; UK GDPR Art 15): the redacted preview,
then the release once the preview is confirmed read; each audited against the child."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.api.tests.helpers import Api
from macehub.audit.models import AuditEvent
from macehub.tests.factories import partnership_records

pytestmark = pytest.mark.django_db


def test_subject_access_preview_then_release_only_once_the_redactions_are_confirmed(
        personas: dict[str, Any], dudley: Any, outsider: Api) -> None:
    child = partnership_records(dudley, personas)["child"]
    api = Api("hub_coordinator")
    preview = api.post("/subject-requests/preview", {"child_id": child.pk,
                                                     "extra_terms": ["Example Name"]})
    assert preview.status_code == 200, preview.content
    assert preview.json()["child_id"] == child.pk and preview.json()["bundle"]["sections"]
    body = {"child_id": child.pk, "checked": False}
    refused = api.post("/subject-requests/release", body)
    assert refused.status_code == 422
    assert not AuditEvent.objects.filter(action="sar.release").exists()
    released = api.post("/subject-requests/release", {**body, "checked": True})
    assert released.status_code == 200 and released["Content-Type"].startswith("application/json")
    pdf = api.post("/subject-requests/release/pdf", {**body, "checked": True})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert released.json()["marking"] == "OFFICIAL-SENSITIVE"
    assert AuditEvent.objects.filter(action="sar.release", object_id=str(child.pk)).exists()
    assert Api("chair").post("/subject-requests/preview", {"child_id": child.pk}
                             ).status_code == 403
    assert outsider.post("/subject-requests/preview", {"child_id": child.pk}
                         ).status_code == 404
