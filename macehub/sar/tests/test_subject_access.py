"""SECURITY S19 (UK GDPR Art 15): export everything held about one child, with third
parties redacted before release; every SAR audited."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from macehub.access.actor import Actor
from macehub.audit.models import AuditEvent
from macehub.cases.models import ChronologyEntry
from macehub.partnerships.models import Partnership
from macehub.people.models import Child, Relation
from macehub.sar.collect import linked_models
from macehub.sar.services import sar_prepare

pytestmark = pytest.mark.django_db
ABOUT = {"people.Child", "people.ChildName", "people.Relation", "concerns.Concern",
         "cases.Case", "cases.ChronologyEntry", "meetings.AgendaItem", "meetings.Minute",
         "meetings.Decision", "meetings.Action", "missing.MissingEpisode",
         "missing.ReturnInterview"}


def _seeded(personas: dict[str, Any], dudley: Partnership) -> dict[str, Any]:
    """A child with a case on a published meeting's agenda with an action, a missing
    episode and interview, a sibling (a third party) named in the chronology."""
    from macehub.tests.factories import partnership_records

    objects = partnership_records(dudley, personas)
    child, case = objects["child"], objects["case"]
    sibling = Child.objects.create(partnership=dudley, first_name="Wrenfield",
                                   last_name="Oxtoby", date_of_birth=date(2013, 1, 2))
    Relation.objects.create(partnership=dudley, child=child, other=sibling, kind="sibling",
                            note="Wrenfield visits at weekends")
    ChronologyEntry.objects.create(case=case, at=timezone.now(), kind="note",
                                   summary="Seen with Wrenfield Oxtoby and Mr Quarrendon")
    return objects


def test_the_export_covers_every_model_that_links_to_a_child(
        personas: dict[str, Any], dudley: Partnership,
        actor_of: Callable[..., Actor]) -> None:
    objects = _seeded(personas, dudley)
    labels = {model._meta.label for model, _ in linked_models()}
    assert ABOUT <= labels
    prepared = sar_prepare(actor=actor_of(personas["hub_coordinator"]),
                           child_id=objects["child"].pk, extra_terms=[])
    held = {s["model"]: s["records"] for s in prepared.bundle["sections"]}
    assert set(held) == labels
    for label in ABOUT - {"people.ChildName", "meetings.Minute", "meetings.Decision"}:
        assert held[label], label
    assert [r["id"] for r in held["people.Child"]] == [objects["child"].pk]
    assert [r["id"] for r in held["missing.MissingEpisode"]] == [objects["episode"].pk]


def test_the_export_holds_every_audit_event_of_who_saw_the_child(
        personas: dict[str, Any], dudley: Partnership, client_as: Callable[..., Any],
        actor_of: Callable[..., Actor]) -> None:
    objects = _seeded(personas, dudley)
    client_as(personas["chair"]).get(f"/cases/{objects['case'].pk}/")
    prepared = sar_prepare(actor=actor_of(personas["hub_coordinator"]),
                           child_id=objects["child"].pk, extra_terms=[])
    seen = {(e["user"], e["action"], e["record_id"]) for e in prepared.bundle["audit_events"]}
    assert ("chair", "case.view", str(objects["case"].pk)) in seen


def test_third_parties_are_redacted_before_release(
        personas: dict[str, Any], dudley: Partnership, client_as: Callable[..., Any]) -> None:
    objects = _seeded(personas, dudley)
    hub = client_as(personas["hub_coordinator"])
    form = {"child": objects["child"].pk, "extra": "Quarrendon"}
    preview = hub.post("/subject-requests/", form)
    assert preview.status_code == 200
    assert preview.context["prepared"].terms == ["Oxtoby", "Quarrendon", "Wrenfield"]
    unconfirmed = hub.post("/subject-requests/", {**form, "release": "json"})
    assert unconfirmed.status_code == 400
    released = hub.post("/subject-requests/", {**form, "release": "json", "checked": "on"})
    assert released["Content-Disposition"].startswith("attachment")
    text = released.content.decode()
    for name in ("Wrenfield", "Oxtoby", "Quarrendon"):
        assert name not in text
    assert "Seen with [third party] [third party] and Mr [third party]" in text
    bundle = json.loads(text)
    assert bundle["marking"] == "OFFICIAL-SENSITIVE"
    child = objects["child"]
    assert bundle["sections"][0]["records"][0]["last_name"] == child.last_name


def test_the_pdf_export_is_marked_on_every_page(
        personas: dict[str, Any], dudley: Partnership, client_as: Callable[..., Any]) -> None:
    objects = _seeded(personas, dudley)
    response = client_as(personas["hub_coordinator"]).post(
        "/subject-requests/", {"child": objects["child"].pk, "release": "pdf", "checked": "on"})
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) > 1
    for page in pages:
        text = page.extract_text()
        assert text.count("OFFICIAL-SENSITIVE") >= 2
        assert "Wrenfield" not in text


def test_every_subject_access_is_audited(
        personas: dict[str, Any], dudley: Partnership, client_as: Callable[..., Any]) -> None:
    objects = _seeded(personas, dudley)
    hub = client_as(personas["hub_coordinator"])
    hub.post("/subject-requests/", {"child": objects["child"].pk})
    hub.post("/subject-requests/", {"child": objects["child"].pk, "release": "json",
                                  "checked": "on"})
    events = AuditEvent.objects.filter(object_type="people.child",
                                       object_id=str(objects["child"].pk),
                                       action__startswith="sar.")
    assert sorted(e.action for e in events) == ["sar.prepare", "sar.prepare", "sar.release"]
    assert events.get(action="sar.release").purpose == "json"


def test_only_the_hub_coordinator_builds_an_export_and_only_for_their_partnership(
        personas: dict[str, Any], dudley: Partnership, essex: Partnership,
        actor_of: Callable[..., Actor], client_as: Callable[..., Any]) -> None:
    objects = _seeded(personas, dudley)
    for role in ("chair", "panel_member", "referrer", "analyst", "partnership_admin",
                 "auditor"):
        with pytest.raises(PermissionDenied):
            sar_prepare(actor=actor_of(personas[role]), child_id=objects["child"].pk,
                        extra_terms=[])
    theirs = Child.objects.create(partnership=essex, first_name="Essexa", last_name="Other",
                                  date_of_birth=date(2012, 3, 3))
    response = client_as(personas["hub_coordinator"]).post(
        "/subject-requests/", {"child": theirs.pk, "release": "json", "checked": "on"})
    assert response.status_code == 400
    assert "Essexa" not in response.content.decode()


def test_the_command_writes_the_bundle_and_the_marked_pdf(
        personas: dict[str, Any], dudley: Partnership, tmp_path: Path) -> None:
    objects = _seeded(personas, dudley)
    out = io.StringIO()
    call_command("subject_access", partnership=dudley.slug, child=str(objects["child"].pk),
                 user="hub_coordinator", out=str(tmp_path), redact=["Quarrendon"], stdout=out)
    assert "Oxtoby, Quarrendon, Wrenfield" in out.getvalue()
    stem = f"subject-access-{objects['child'].pk}"
    assert "Quarrendon" not in (tmp_path / f"{stem}.json").read_text()
    assert (tmp_path / f"{stem}.pdf").read_bytes().startswith(b"%PDF")


def test_the_pdf_and_the_preview_show_labels_never_field_names_or_codes(
        personas: dict[str, Any], dudley: Partnership, client_as: Callable[..., Any]) -> None:
    """Users read titles and labels, never codes (STYLE): every field of the subject access
    PDF and preview is shown under its label, choices by their titles, actions by their
    access-log labels."""
    objects = _seeded(personas, dudley)
    hub = client_as(personas["hub_coordinator"])
    client_as(personas["chair"]).get(f"/cases/{objects['case'].pk}/")
    response = hub.post("/subject-requests/", {"child": objects["child"].pk, "release": "pdf",
                                                "checked": "on"})
    text = " ".join(" ".join(page.extract_text().split()) for page in
                    PdfReader(io.BytesIO(response.content)).pages)
    preview = hub.post("/subject-requests/", {"child": objects["child"].pk}).content.decode()
    for shown in (text, preview):
        assert "Legal last name" in shown and "Date of birth" in shown
        assert "Record number" in shown
    for code in ("last_name", "date_of_birth", "created_at", "child_id", "case_id",
                 "case.view", "cases.case", "non_binary"):
        assert code not in text, code
        assert f">{code}<" not in preview, code
    assert "Case viewed" in text  # the access-log label of the chair's view
    assert "Sibling" in text and "sibling" not in text.replace("Sibling", "")
