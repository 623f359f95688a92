"""Importing a MACE tracker kept in a spreadsheet, for a partnership moving to the product.

Upload (`tracker_import_upload`): the file is read (macehub/oversight/tracker_file.py) and
kept as text with its columns matched to fields where their headings say which. Import
(`tracker_import_run`): with the columns mapped, each row is checked on its own; a bad row
changes nothing and is listed with its line, field and reason. A good row's child is
matched duplicate-aware (macehub/people/matching.py): the same name and date of birth and
no other likely record is that child; no likely record is a new child; anything else is
listed for a person to resolve and never guessed. Each row has a stable key, its tracker
reference or else the child's name and date of birth, kept on the case, so importing the
same file again finds the same cases and changes nothing. Columns: docs/tracker-import.md."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.cases.models import Case
from macehub.cases.tracked import case_from_tracker
from macehub.concerns.models import RiskLevel
from macehub.oversight.models import TrackerImport
from macehub.oversight.tracker_file import Sheet, Unreadable, read_tracker
from macehub.people.matching import find_matches, normalise
from macehub.people.models import Child, Education
from macehub.people.services import child_create, child_update

FIELDS: dict[str, str] = {
    "reference": "Tracker reference",
    "first_name": "Child's first name",
    "last_name": "Child's last name",
    "date_of_birth": "Date of birth",
    "education": "Education",
    "education_setting": "School or setting",
    "exploitation_types": "Model of exploitation",
    "places": "Place of exploitation",
    "risk": "Risk level",
    "opened_on": "Date opened to MACE",
    "outcome": "Outcome, or reason the risk came down",
}
REQUIRED = ("first_name", "last_name", "date_of_birth")
# Headings a spreadsheet tracker commonly uses for each field, normalised.
HEADINGS: dict[str, tuple[str, ...]] = {
    "reference": ("reference", "ref", "tracker reference", "tracker ref", "mace reference", "id"),
    "first_name": ("first name", "forename", "given name", "child first name"),
    "last_name": ("last name", "surname", "family name", "child last name"),
    "date_of_birth": ("date of birth", "dob", "d o b", "birth date"),
    "education": ("education", "education type", "type of education", "education status"),
    "education_setting": ("school", "school or setting", "education setting", "setting"),
    "exploitation_types": ("model of exploitation", "exploitation type", "exploitation types",
                           "type of exploitation", "exploitation"),
    "places": ("place of exploitation", "places of exploitation", "place", "location"),
    "risk": ("risk", "risk level", "current risk"),
    "opened_on": ("date opened", "opened", "date opened to mace", "open date", "start date"),
    "outcome": ("outcome", "outcome or reason for reduced risk", "reason for reduced risk"),
}
LIST_SPLIT = re.compile(r"\s*[;,/]\s*")


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def guess_mapping(headings: list[str]) -> dict[str, str]:
    """Column number (as text) → field, for the headings that say which field they hold."""
    found: dict[str, str] = {}
    for n, heading in enumerate(headings):
        words = _words(heading)
        for key, names in HEADINGS.items():
            if (words == _words(FIELDS[key]) or words in names) and key not in found.values():
                found[str(n)] = key
                break
    return found


def mapping_problem(mapping: dict[str, str], columns: int) -> str:
    """What is wrong with a mapping, in one sentence, or ""."""
    used = [field for field in mapping.values() if field]
    if any(not re.fullmatch(r"[0-9]{1,3}", str(n)) or int(n) >= columns for n in mapping):
        return "The mapping names a column the file does not have"
    if any(field not in FIELDS for field in used):
        return "Match each column to a field from the list, or to Not imported"
    twice = sorted({FIELDS[f] for f in used if used.count(f) > 1})
    if twice:
        return f"Match only one column to each field: {', '.join(twice)} is matched twice"
    missing = [FIELDS[f] for f in REQUIRED if f not in used]
    if missing:
        return ("The file's columns do not include the child's first name, last name and "
                f"date of birth: match a column to {', '.join(missing)}")
    return ""


def _date(text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y",
                    "%d %b %Y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 (a day, no instant)
        except ValueError:
            continue
    raise ValueError("is not a date, like 27/03/2011")


def _choice(text: str, choices: dict[str, str], what: str) -> str:
    wanted = _words(text)
    for key, label in choices.items():
        if wanted in (_words(key), _words(label)):
            return key
    shown = ", ".join(choices.values())
    raise ValueError(f"“{text[:60]}” is not a {what}: use one of {shown}")


def _choices(text: str, choices: dict[str, str], what: str) -> list[str]:
    return list(dict.fromkeys(_choice(part, choices, what)
                              for part in LIST_SPLIT.split(text) if part))


def parse_row(actor: Actor, mapping: dict[str, str], cells: list[str]) -> dict[str, Any]:
    """The row's values by field; raises ValidationError({field: reason}) for a bad one."""
    pack = actor.partnership.policy
    given = {field: cells[int(n)].strip() for n, field in mapping.items()
             if field and int(n) < len(cells)}
    out: dict[str, Any] = {}
    for field in REQUIRED:
        if not given.get(field):
            raise ValidationError({field: f"{FIELDS[field]} is empty"})
    parsers = {
        "date_of_birth": _date, "opened_on": _date,
        "education": lambda t: _choice(t, dict(Education.choices), "type of education"),
        "risk": lambda t: _choice(t, dict(RiskLevel.choices), "risk level"),
        "exploitation_types": lambda t: _choices(
            t, {k: v.label for k, v in pack.exploitation_types.items()}, "model of exploitation"),
        "places": lambda t: _choices(t, dict(pack.oversight.tracker.places.value),
                                     "place of exploitation"),
    }
    for field, text in given.items():
        if field in ("first_name", "last_name", "reference", "education_setting", "outcome"):
            limit = {"outcome": 1000, "first_name": 100, "last_name": 100}.get(field, 200)
            if len(text) > limit:
                raise ValidationError({field: f"{FIELDS[field]} is longer than {limit} "
                                              "characters"})
            out[field] = text
        elif text:
            try:
                out[field] = parsers[field](text)
            except ValueError as error:
                raise ValidationError({field: f"{FIELDS[field]} {error}"
                                       if str(error).startswith("is") else str(error)}) from None
    today = timezone.localdate()
    for field in ("date_of_birth", "opened_on"):
        if field in out and out[field] > today:
            raise ValidationError({field: f"{FIELDS[field]} must be today or in the past"})
    return out


def row_key(values: dict[str, Any]) -> str:
    if values.get("reference"):
        return "ref:" + _words(values["reference"])
    return (f"child:{normalise(values['first_name'])} {normalise(values['last_name'])} "
            f"{values['date_of_birth'].isoformat()}")


def _child(actor: Actor, values: dict[str, Any], key: str) -> tuple[Child, bool]:
    """The row's child, and whether the row made the record; ValidationError when the
    child may be one of several records (never guessed)."""
    tracked = Case.objects.for_actor(actor).filter(tracker_key=key).select_related("child")
    if found := tracked.first():
        return found.child, False
    matches = find_matches(actor, first_name=values["first_name"],
                           last_name=values["last_name"], date_of_birth=values["date_of_birth"])
    if not matches:
        return child_create(actor=actor, confirm_new=True, first_name=values["first_name"],
                            last_name=values["last_name"],
                            date_of_birth=values["date_of_birth"]), True
    same = [m for m in matches if m.child.date_of_birth == values["date_of_birth"]
            and normalise(str(m.child)) == normalise(
                f"{values['first_name']} {values['last_name']}")]
    if len(same) == 1 and len(matches) == 1:
        return same[0].child, False
    raise ValidationError({"first_name": (
        f"The child may be one of {len(matches)} children already recorded: find the child, "
        "merge or correct the records, then import the file again. This row was not "
        "imported")})


def _apply(actor: Actor, values: dict[str, Any], key: str) -> str:
    child, new = _child(actor, values, key)
    changes = {f: values[f] for f in ("education", "education_setting")
               if f in values and getattr(child, f) != values[f]}
    if changes:
        child = child_update(actor=actor, child=child, version=child.version, **changes)
    _case, what = case_from_tracker(
        actor=actor, child=child, key=key, risk=values.get("risk"),
        opened_on=values.get("opened_on"),
        exploitation_types=values.get("exploitation_types"), places=values.get("places"),
        outcome=values.get("outcome"))
    if what == "unchanged" and changes and not new:
        return "updated"
    return what


@transaction.atomic
def tracker_import_upload(*, actor: Actor, name: str, data: bytes) -> TrackerImport:
    """Read the file and keep it to be mapped; an unreadable file is refused whole."""
    if not actor.has("tracker.import"):
        raise PermissionDenied("Your role cannot import a MACE tracker.")
    try:
        sheet: Sheet = read_tracker(name, data)
    except Unreadable as error:
        raise ValidationError({"file": str(error)}) from None
    upload = TrackerImport.objects.create(
        partnership=actor.partnership, by=actor.user, uploaded_at=timezone.now(),
        headings=sheet.headings, rows=sheet.rows, mapping=guess_mapping(sheet.headings))
    audit_record(action="tracker.import", actor=actor, obj=upload, purpose="uploaded",
                 count=len(sheet.rows))
    return upload


def tracker_import_run(*, actor: Actor, upload: TrackerImport,
                       mapping: dict[str, str]) -> TrackerImport:
    """Import each row on its own: a bad row is listed and changes nothing."""
    if not actor.has("tracker.import"):
        raise PermissionDenied("Your role cannot import a MACE tracker.")
    mapping = {str(n): f for n, f in mapping.items() if f}
    if problem := mapping_problem(mapping, len(upload.headings)):
        raise ValidationError({"mapping": problem})
    counts = {"created": 0, "updated": 0, "unchanged": 0, "not_imported": 0}
    errors: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for row in upload.rows:
        line = row["line"]
        try:
            values = parse_row(actor, mapping, row["cells"])
            key = row_key(values)
            if key in seen:
                raise ValidationError({"reference": f"The same child or reference as line "
                                                    f"{seen[key]}"})
            seen[key] = line
            with transaction.atomic():
                counts[_apply(actor, values, key)] += 1
        except ValidationError as error:
            said = error.message_dict if hasattr(error, "error_dict") else {
                "row": error.messages}
            field, reasons = next(iter(said.items()))
            errors.append({"line": line, "field": FIELDS.get(field, "Row"),
                           "reason": reasons[0][:300]})
            counts["not_imported"] += 1
    upload.mapping, upload.status = mapping, TrackerImport.Status.IMPORTED
    upload.imported_at, upload.version = timezone.now(), upload.version + 1
    upload.result = {**counts, "errors": errors}
    upload.save()
    audit_record(action="tracker.import", actor=actor, obj=upload, purpose="imported",
                 count=len(upload.rows))
    return upload
