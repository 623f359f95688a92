"""Yearly duties recorded as done (Kirklees MACE Process §8 v: "The terms of reference will
be reviewed annually"; §8 iii: "Membership shall be reviewed on an annual basis"). A review
is recorded once for the year whose due day it meets; it ends that year's reminder, and
the next year's follows on the pack's day. Audited; bad input changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.oversight.models import DutyReview
from macehub.oversight.periods import yearly_due


@dataclass
class Duty:
    key: str
    label: str
    by: str
    due_day: str  # "03-31"
    item: Any


def yearly_duties(actor: Actor) -> dict[str, Duty]:
    """The pack's yearly duties with a day of their own, by key."""
    return {key: Duty(key, item.label, item.by, item.due_on.value, item)
            for key, item in actor.partnership.policy.oversight.items.items()
            if item.due_on is not None and item.remind_before is not None}


def reviews_done(actor: Actor) -> set[tuple[str, int]]:
    """(duty, year) of every review recorded: one query."""
    return set(DutyReview.objects.for_actor(actor).values_list("duty", "year"))


def duty_review_record(*, actor: Actor, duty: str, year: int, done_on: date, done_by: str,
                       note: str = "") -> DutyReview:
    if not actor.has("report.write"):
        raise PermissionDenied("Your role cannot record the partnership's yearly reviews.")
    duties = yearly_duties(actor)
    if duty not in duties:
        raise ValidationError({"duty": "Choose one of your partnership's yearly reviews"})
    today = timezone.localdate()
    if not today.year - 1 <= year <= today.year + 1:
        raise ValidationError({"year": f"Choose a year from {today.year - 1} to "
                                       f"{today.year + 1}"})
    if done_on > today:
        raise ValidationError({"done_on": "The date the review was done must be today or "
                                          "in the past"})
    if not done_by.strip():
        raise ValidationError({"done_by": "Enter who carried out the review"})
    if (duty, year) in reviews_done(actor):
        due = yearly_due(duties[duty].due_day, year)
        raise ValidationError({"year": f"The review due on {due.day} {due:%B %Y} is already "
                                       "recorded as done"})
    try:
        with transaction.atomic():
            review = DutyReview.objects.create(
                partnership=actor.partnership, duty=duty, year=year, done_on=done_on,
                done_by=done_by.strip(), note=note.strip(), recorded_by=actor.user,
                recorded_at=timezone.now())
    except IntegrityError:  # recorded by someone else a moment ago
        raise ValidationError({"year": "This year's review is already recorded as done"}) \
            from None
    audit_record(action="duty.review_done", actor=actor, obj=review,
                 purpose=duties[duty].label)
    return review
