"""Uploading intelligence records and links in a batch through the API: each row checked
as its single create is, a bad row changing nothing and reported by row and field, the
same batch sent again creating nothing, and another partnership's records not found.
Dudley's CEOG (003) takes perpetrators known only through police intelligence: the
police's systems send them in batches."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.api.tests.helpers import Api
from macehub.audit.models import AuditEvent
from macehub.intelligence.models import Link, PersonOfInterest, UploadedRecord, Vehicle
from macehub.tests import factories

pytestmark = pytest.mark.django_db

GRADE = {"source_kind": "police_notification", "source_evaluation": "2", "assessment": "B",
         "handling": "P"}


def _batch(registration: str = "ab12 cde") -> dict[str, Any]:
    return {"source": "Force records", "entities": [
        {"ref": "P-1", "kind": "person", "fields": {"street_names": ["Kaz"],
                                                     "approximate_age": 24}},
        {"ref": "V-1", "kind": "vehicle", "fields": {"registration": registration,
                                                      "colour": "Silver"}},
        {"ref": "T-1", "kind": "phone", "fields": {"number": "07700 900321",
                                                    "deal_line": True}},
    ], "links": [
        {"ref": "L-1", "a_ref": "P-1", "b_ref": "V-1", "kind": "uses", **GRADE},
        {"ref": "L-2", "a_ref": "P-1", "b_ref": "T-1", "kind": "uses", **GRADE},
    ]}


def test_a_batch_creates_its_records_and_links_normalised_as_single_creates_are(
        personas: dict[str, Any]) -> None:
    # SECURITY R3: the batch goes through the same checks as one record at a time.
    result = Api("hub_coordinator").post("/intelligence/uploads", _batch())
    assert result.status_code == 200, result.json()
    body = result.json()
    assert (body["created"], body["existing"], body["refused"]) == (5, 0, 0)
    assert Vehicle.objects.get().registration == "AB12CDE"
    person = PersonOfInterest.objects.get()
    assert {(link.a_kind, link.a_id, link.b_kind) for link in Link.objects.all()} == {
        ("person", person.pk, "vehicle"), ("person", person.pk, "phone")}
    assert body["rows"][0] == {"section": "entities", "row": 1, "ref": "P-1",
                               "outcome": "created", "kind": "person",
                               "record_id": person.pk}
    assert AuditEvent.objects.filter(action="intelligence.upload").count() == 1


def test_the_same_batch_sent_again_creates_nothing_new(personas: dict[str, Any]) -> None:
    # SECURITY R4: idempotent on the caller's reference.
    hub = Api("hub_coordinator")
    first = hub.post("/intelligence/uploads", _batch()).json()
    again = hub.post("/intelligence/uploads", _batch()).json()
    assert (again["created"], again["existing"], again["refused"]) == (0, 5, 0)
    assert [r["record_id"] for r in again["rows"]] == [r["record_id"] for r in first["rows"]]
    assert (PersonOfInterest.objects.count(), Vehicle.objects.count(),
            Link.objects.count(), UploadedRecord.objects.count()) == (1, 1, 2, 5)


def test_a_malformed_registration_is_reported_by_row_and_field_and_saves_nothing_of_its_row(
        personas: dict[str, Any]) -> None:
    # SECURITY S5: bad input names its field and changes nothing; the good rows go in.
    body = Api("hub_coordinator").post("/intelligence/uploads", _batch("AB12 C$E")).json()
    assert body["errors"][0] == {
        "section": "entities", "row": 2, "ref": "V-1", "field": "registration",
        "reason": "Registration number must only include letters, numbers and spaces"}
    assert body["errors"][1]["section"] == "links"
    assert (body["errors"][1]["row"], body["errors"][1]["field"]) == (1, "b_ref")
    assert not Vehicle.objects.exists()
    assert Link.objects.count() == 1 and body["created"] == 3 and body["refused"] == 2
    assert not UploadedRecord.objects.filter(reference__in=["V-1", "L-1"]).exists()
    # Corrected and sent again, the refused rows go in and the others are left alone.
    again = Api("hub_coordinator").post("/intelligence/uploads", _batch()).json()
    assert (again["created"], again["existing"]) == (2, 3)
    assert Vehicle.objects.count() == 1 and Link.objects.count() == 2


@pytest.mark.parametrize(("fields", "field", "reason"), [
    ({"number": "12"}, "number", "Enter a phone number with the right number of digits, "
                                 "like 07700 900982"),
    ({"number": "07700 900111", "colour": "Red"}, "colour",
     "Phone number has no field called colour"),
])
def test_each_problem_of_a_row_names_its_field(
        personas: dict[str, Any], fields: dict[str, Any], field: str, reason: str) -> None:
    body = Api("hub_coordinator").post("/intelligence/uploads", {
        "source": "Force records",
        "entities": [{"ref": "T-9", "kind": "phone", "fields": fields}]}).json()
    assert {"field": field, "reason": reason} in [
        {"field": e["field"], "reason": e["reason"]} for e in body["errors"]]
    assert body["refused"] == 1 and not UploadedRecord.objects.exists()


def test_a_malformed_grade_refuses_the_link_naming_the_field(
        personas: dict[str, Any]) -> None:
    batch = _batch()
    batch["links"][0]["assessment"] = "Z"
    body = Api("hub_coordinator").post("/intelligence/uploads", batch).json()
    assert [(e["section"], e["ref"], e["field"]) for e in body["errors"]] == [
        ("links", "L-1", "assessment")]
    assert Link.objects.count() == 1


def test_a_link_to_another_partnerships_record_is_refused_as_not_found(
        personas: dict[str, Any], essex: Any) -> None:
    # SECURITY S7: another partnership's record is not found, the same as none at all.
    away = factories.actor(factories.user_with_role("essex_hub", essex, "hub_coordinator"),
                           essex)
    from macehub.intelligence.services import entity_create

    theirs = entity_create(actor=away, kind="vehicle", registration="XY12ZZZ")
    batch = _batch()
    batch["links"][0] = {"ref": "L-1", "a_ref": "P-1", "b_kind": "vehicle",
                         "b_id": theirs.pk, "kind": "uses", **GRADE}
    body = Api("hub_coordinator").post("/intelligence/uploads", batch).json()
    assert body["errors"] == [{"section": "links", "row": 1, "ref": "L-1", "field": "b_id",
                               "reason": "No record with this id was found"}]
    assert not Link.objects.filter(b_kind="vehicle").exists()


def test_references_are_kept_per_partnership(personas: dict[str, Any], essex: Any) -> None:
    # The same reference from another partnership's upload is theirs, not found here.
    from macehub.intelligence.upload import upload_batch

    away = factories.actor(factories.user_with_role("essex_hub", essex, "hub_coordinator"),
                           essex)
    upload_batch(actor=away, source="Force records", entities=_batch()["entities"],
                 links=[])
    body = Api("hub_coordinator").post("/intelligence/uploads", _batch()).json()
    assert body["created"] == 5
    assert UploadedRecord.objects.count() == 8


def test_only_those_who_record_intelligence_may_upload(personas: dict[str, Any]) -> None:
    assert Api("analyst").post("/intelligence/uploads", _batch()).status_code == 403
    assert not UploadedRecord.objects.exists()


def test_an_id_too_large_to_hold_is_not_found_and_the_other_rows_go_in(
        personas: dict[str, Any]) -> None:
    # SECURITY S5: bad input changes nothing of its row and answers as documented.
    batch = _batch()
    batch["links"][0] = {"ref": "L-1", "a_ref": "P-1", "b_kind": "child", "b_id": 2 ** 70,
                         "kind": "uses", **GRADE}
    body = Api("hub_coordinator").post("/intelligence/uploads", batch).json()
    assert [(e["ref"], e["field"]) for e in body["errors"]] == [("L-1", "b_id")]
    assert body["created"] == 4
