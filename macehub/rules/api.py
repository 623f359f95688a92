"""Due items and reasons as the API gives them (schemas only: the due router is mounted by
the cases app, `cases/api_due.py`, so this layer imports no API machinery). No `from
__future__ import annotations` here: django-ninja reads the annotations at import time."""

from datetime import date

from ninja import Schema


class ReasonOut(Schema):
    """Why something is due: the same Reason the pages show."""

    rule: str
    source: str  # the document's title and section, or the partnership's default
    path: str  # where the policy pack holds the rule; empty when not a pack rule
    default: bool  # the document is silent and the partnership's pack supplies the rule


class DueOut(Schema):
    kind: str
    title: str
    subject: str
    due_on: date
    overdue: bool
    reason: ReasonOut
    case_id: int | None
    concern_id: int | None
