"""A batch of intelligence records and links from another system, each row with the
sending system's reference (the API's batch upload and the `upload_intelligence` command).

As the police notification import does: every row is checked by the same services as a
single create (registration, phone, postcode and grade normalised and checked alike); a
bad row changes nothing and is reported with its row and field; good rows go in. Each row
is written in its own transaction with its reference, so a batch stopped part-way keeps
the rows it finished, and sending it again creates only the rest: idempotent on (source,
reference) within the partnership. A reference seen before is left as it is (a change to a
record is made with its own operation, from its version). A link's ends are references of
the same source (this batch's or an earlier one's) or records by kind and id; a record of
another partnership is not found, as one that does not exist."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.http import Http404
from pydantic import BaseModel
from pydantic import ValidationError as Invalid

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.intelligence import api_schemas as s
from macehub.intelligence import services
from macehub.intelligence.kinds import KINDS
from macehub.intelligence.models import EndKind, UploadedRecord
from macehub.partnerships.models import Partnership
from macehub.people.models import Child

MAX_ROWS = 5000
SHAPES: dict[str, type[BaseModel]] = {
    "person": s.PersonIn, "vehicle": s.VehicleIn, "phone": s.PhoneIn,
    "account": s.AccountIn, "location": s.LocationIn, "group": s.GroupIn}
LINK_ENDS = ("a_ref", "a_kind", "a_id", "b_ref", "b_kind", "b_id")
# What pydantic's error types mean, in words a person sending a file can act on.
WORDS = {"missing": "Enter a value", "date_from_datetime_parsing": "Enter a real date, like "
         "2026-03-01", "date_parsing": "Enter a real date, like 2026-03-01",
         "date_type": "Enter a real date, like 2026-03-01", "int_parsing": "Enter a whole "
         "number", "int_type": "Enter a whole number", "float_parsing": "Enter a number",
         "float_type": "Enter a number", "bool_parsing": "Enter true or false",
         "bool_type": "Enter true or false", "list_type": "Give a list of names",
         "string_type": "Enter text", "greater_than_equal": "The value is too small",
         "less_than_equal": "The value is too large"}


@dataclass
class Row:
    section: str  # "entities" or "links"
    row: int  # from 1 within its section
    ref: str
    outcome: str = ""  # created, existing or refused
    kind: str = ""
    record_id: int | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Upload:
    rows: list[Row] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [{"section": r.section, "row": r.row, "ref": r.ref, "field": f, "reason": m}
                for r in self.rows for f, m in r.problems]


def _problems(error: ValidationError) -> list[tuple[str, str]]:
    if hasattr(error, "error_dict"):
        return [(f if f != "__all__" else "", m) for f, ms in error.message_dict.items()
                for m in ms]
    return [("", m) for m in error.messages]


def _typed(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The row's fields as a single create takes them, or ValidationError naming each."""
    shape = SHAPES[kind]
    found = [(str(n), f"{KINDS[kind].label} has no field called {n}")
             for n in fields if n not in shape.model_fields]
    try:
        data = shape.model_validate(fields).model_dump()
    except Invalid as error:
        found += [(str(e["loc"][0]) if e["loc"] else "", WORDS.get(
            e["type"], "Enter a valid value")) for e in error.errors()]
        data = {}
    if found:
        raise ValidationError({f: [m for g, m in found if g == f] for f, _ in found})
    return data


def _ids_to_records(actor: Actor, data: dict[str, Any]) -> dict[str, Any]:
    if "child_id" in data:
        child_id = data.pop("child_id")
        try:
            data["child"] = None if child_id is None else Child.objects.get_for(
                actor, child_id, purpose="record as a person of interest")
        except (Http404, OverflowError, DataError):
            raise ValidationError({"child_id": "No child with this id was found"}) from None
    if "area_id" in data:
        area_id = data.pop("area_id")
        try:
            data["area"] = None if area_id is None else actor.partnership.areas.filter(
                pk=area_id).first()
        except (OverflowError, DataError):
            data["area"] = None
        if area_id is not None and data["area"] is None:
            raise ValidationError({"area_id": "Select an area of this partnership"})
    return data


def _write(actor: Actor, source: str, row: Row, make: Any) -> None:
    """Make one row's record with its reference, in one transaction: all or nothing."""
    try:
        with transaction.atomic():
            # One upload row at a time per partnership, so that two batches sending the
            # same reference at once do not both create its record.
            Partnership.objects.select_for_update().get(pk=actor.partnership.pk)
            held = UploadedRecord.objects.for_bookkeeping(
                actor, why="a reference is uploaded once").filter(
                source=source, reference=row.ref).first()
            if held is not None:
                row.outcome, row.record_id = "existing", held.record_id
                return
            record = make()
            UploadedRecord.objects.create(partnership=actor.partnership, source=source,
                                          reference=row.ref, record_kind=row.kind,
                                          record_id=record.pk)
            row.outcome, row.record_id = "created", record.pk
    except ValidationError as error:
        row.problems += _problems(error)
    except (DataError, IntegrityError):
        row.problems.append(("", "A value could not be kept: check its length and send "
                             "the batch again"))


def _end(actor: Actor, known: dict[str, tuple[str, int]], data: dict[str, Any],
         side: str) -> tuple[str, int]:
    ref = str(data.get(f"{side}_ref") or "").strip()
    if ref:
        if ref not in known:
            raise ValidationError({f"{side}_ref": "No record with this reference from this "
                                                  "source: send its row first"})
        return known[ref]
    kind, pk = str(data.get(f"{side}_kind") or ""), data.get(f"{side}_id")
    if kind not in EndKind.values:
        raise ValidationError({f"{side}_kind": "Select what to link to: person, vehicle, "
                                               "phone, account, location, group or child"})
    try:
        return kind, services.end_record(actor, kind, int(pk)).pk  # type: ignore[arg-type]
    except (Http404, TypeError, ValueError, OverflowError, DataError):
        raise ValidationError({f"{side}_id": "No record with this id was found"}) from None


def upload_batch(*, actor: Actor, source: str, entities: list[dict[str, Any]],
                 links: list[dict[str, Any]], via: str = "api",
                 pause: float = 0.0) -> Upload:
    """Upload `entities` (each `ref`, `kind` and `fields`) then `links` (each `ref`, its
    ends as `a_ref` or `a_kind` and `a_id`, and the same for `b`, and its grade). `pause`
    (seconds after each row) lets a test stop it part-way."""
    services.require_manage(actor)
    source = (source or "").strip()
    if not source:
        raise ValidationError({"source": "Enter the name of the system the records come from"})
    if len(entities) + len(links) > MAX_ROWS:
        raise ValidationError({"entities": f"A batch may hold at most {MAX_ROWS:,} rows: "
                                           "split it and send each part. Nothing was uploaded"})
    result = Upload()
    refs = [str(r.get("ref") or "").strip() for r in [*entities, *links]]
    known = {u.reference: (u.record_kind, u.record_id) for u in UploadedRecord.objects
             .for_bookkeeping(actor, why="a reference is uploaded once")
             .filter(source=source, reference__in=[r for r in refs if r])}
    seen: set[str] = set()
    for section, rows in (("entities", entities), ("links", links)):
        for number, data in enumerate(rows, start=1):
            row = Row(section, number, str(data.get("ref") or "").strip())
            result.rows.append(row)
            _one(actor, source, row, data, known, seen)
            if pause:
                time.sleep(pause)
    audit_record(action="intelligence.upload", actor=actor, purpose=via,
                 count=result.count("created"))
    return result


def _one(actor: Actor, source: str, row: Row, data: dict[str, Any],
         known: dict[str, tuple[str, int]], seen: set[str]) -> None:
    linking = row.section == "links"
    row.kind = "link" if linking else str(data.get("kind") or "")
    if not row.ref:
        row.problems.append(("ref", "Enter the row's reference"))
    elif row.ref in seen:
        row.problems.append(("ref", "An earlier row of the batch has this reference"))
    if not linking and row.kind not in SHAPES:
        row.problems.append(("kind", "Select the kind of record: person, vehicle, phone, "
                                     "account, location or group"))
    if row.problems:
        row.outcome = "refused"
        return
    seen.add(row.ref)
    if row.ref in known:
        held = known[row.ref][0]
        if held != row.kind:
            row.problems.append(("ref", "This reference was uploaded before for another "
                                        "kind of record"))
            row.outcome = "refused"
            return
        row.outcome, row.record_id = "existing", known[row.ref][1]
        return
    try:
        if linking:
            (a_kind, a_id), (b_kind, b_id) = _ends(actor, known, data)
            grade = {k: v for k, v in data.items() if k not in {"ref", *LINK_ENDS}}
            _write(actor, source, row, lambda: services.link_create(
                actor=actor, a_kind=a_kind, a_id=a_id, b_kind=b_kind, b_id=b_id,
                via="upload", **_grade(grade)))
        else:
            fields = _ids_to_records(actor, _typed(row.kind, dict(data.get("fields") or {})))
            _write(actor, source, row, lambda: services.entity_create(
                actor=actor, kind=row.kind, via="upload", **fields))
    except ValidationError as error:
        row.problems += _problems(error)
    if row.problems:
        row.outcome = "refused"
    elif row.record_id is not None:
        known[row.ref] = (row.kind, row.record_id)


def _ends(actor: Actor, known: dict[str, tuple[str, int]], data: dict[str, Any]) -> tuple[
        tuple[str, int], tuple[str, int]]:
    found, problems = [], []
    for side in ("a", "b"):
        try:
            found.append(_end(actor, known, data, side))
        except ValidationError as error:
            problems += _problems(error)
    if problems:
        raise ValidationError({f: [m for g, m in problems if g == f] for f, _ in problems})
    return found[0], found[1]


def _grade(data: dict[str, Any]) -> dict[str, Any]:
    """A link row's grade as a single link takes it, or ValidationError naming each field."""
    found = [(str(n), f"A link has no field called {n}") for n in data
             if n not in s.Grade.model_fields]
    try:
        typed = s.Grade.model_validate(data).model_dump()
    except Invalid as error:
        found += [(str(e["loc"][0]) if e["loc"] else "", WORDS.get(
            e["type"], "Enter a valid value")) for e in error.errors()]
        typed = {}
    if found:
        raise ValidationError({f: [m for g, m in found if g == f] for f, _ in found})
    return typed
