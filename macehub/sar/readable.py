"""The subject access bundle as people read it (the preview page and the PDF): each field
under its label, each choice under its title, each action under its access-log label,
dates written out. The JSON release keeps the field names and codes: it is for machines.
Users read titles and labels, never codes (STYLE)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.db.models import Field, Model
from django.utils import timezone
from django.utils.dateformat import format as date_format

from macehub.access.permissions import role_label
from macehub.audit.actions import action_label
from macehub.people.birth import details_label

NOT_RECORDED = "Not recorded"
# Fields whose generic label would say too little.
LABELS = {"id": "Record number", "version": "Times saved", "first_norm": "First name, "
          "for searching", "last_norm": "Last name, for searching", "first_key":
          "First name, sound-alike key", "last_key": "Last name, sound-alike key"}


def _model(label: str) -> type[Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def field_label(field: Field[Any, Any]) -> str:
    if field.name in LABELS:
        return LABELS[field.name]
    label = str(field.verbose_name)
    return label[:1].upper() + label[1:]


def _when(value: str, field: Field[Any, Any]) -> str:
    try:
        if field.get_internal_type() == "DateField":
            return date_format(date.fromisoformat(value), "j F Y")
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return date_format(moment, "j F Y H:i")


def field_value(field: Field[Any, Any], value: Any) -> str:
    if value is None or value == "" or value == []:
        return NOT_RECORDED
    if field.choices:
        titles = {str(code): str(title) for code, title in field.flatchoices}
        if isinstance(value, list):
            return ", ".join(titles.get(str(v), str(v)) for v in value)
        return titles.get(str(value), str(value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if field.get_internal_type() in ("DateField", "DateTimeField") and isinstance(value, str):
        return _when(value, field)
    return _nested(value)


def _nested(value: Any) -> str:
    """A value inside a structured field: its keys as words, dates written out."""
    if isinstance(value, dict):
        return "; ".join(f"{_words(str(k))}: {_nested(v)}" for k, v in value.items()
                         if v not in (None, "", []))
    if isinstance(value, list):
        return ", ".join(_nested(v) for v in value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str) and len(value) == 10:
        try:
            return date_format(date.fromisoformat(value), "j F Y")
        except ValueError:
            pass
    return str(value)


def _words(key: str) -> str:
    words = key.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def record_rows(model: type[Model] | None, record: dict[str, Any]) -> list[tuple[str, str]]:
    """A record's (label, value) rows, in the model's field order."""
    fields = {f.attname: f for f in model._meta.concrete_fields} if model else {}
    rows = []
    for key, value in record.items():
        field = fields.get(key)
        if field is None:  # not a field of the model: never shown as a code
            continue
        if key == "date_of_birth" and "date_of_birth_precision" in record:
            # As precisely as it is known: "March 2011", "about 15", "Not known".
            rows.append((field_label(field), details_label(record, timezone.localdate())))
            continue
        rows.append((field_label(field), field_value(field, value)))
    return rows


def record_title(object_type: str) -> str:
    model = _model(object_type)
    if model is None:
        return "Record"
    name = str(model._meta.verbose_name)
    return name[:1].upper() + name[1:]


def readable(bundle: dict[str, Any]) -> dict[str, Any]:
    sections = []
    for section in bundle["sections"]:
        model = _model(section["model"])
        sections.append({"title": section["title"], "records": [
            {"number": record.get("id"), "rows": record_rows(model, record)}
            for record in section["records"]]})
    events = []
    for event in bundle["audit_events"]:
        at = datetime.fromisoformat(event["at"])
        events.append({
            "at": date_format(timezone.localtime(at), "j F Y H:i"),
            "user": event["user"], "agency": event["agency"],
            "roles": ", ".join(role_label(r) for r in (event.get("roles") or "").split(",") if r),
            "action": action_label(event["action"]),
            "record": f"{record_title(event['record'])} {event['record_id']}",
            "purpose": event["purpose"]})
    return {"partnership": bundle["partnership"], "child_id": bundle["child_id"],
            "sections": sections, "audit_events": events}
