"""Retention (UK GDPR Art 5(1)(e)): propose, approve or refuse, apply; legal holds.

Nothing is lost by mistake:
- the scheduled job only proposes; the partnership admin approves or refuses the
  proposal, and nobody approves a proposal they made themselves;
- applying touches only the items of approved proposals, checks each again (a legal hold
  placed since, or a record no longer due, is skipped and kept), and marks each item done,
  so running it again changes nothing;
- every deletion or anonymisation leaves a tombstone in the access log: the record's type
  and id, the date, and the rule applied — never its content."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from macehub.audit.services import audit_record
from macehub.cases.models import Case
from macehub.concerns.models import Concern
from macehub.people.models import Child
from macehub.retention import scrub
from macehub.retention.due import CHILD, CONCERN, EPISODE, Due, find_due, held_children
from macehub.retention.models import LegalHold, RetentionItem, RetentionReview

if TYPE_CHECKING:
    from django.http import HttpRequest

    from macehub.access.actor import Actor

OPEN = (RetentionReview.Status.PROPOSED, RetentionReview.Status.APPROVED)
NOT_FOUND = "No record with this number was found"


@transaction.atomic
def retention_propose(*, actor: Actor, today: date | None = None) -> RetentionReview | None:
    """List the records due for the partnership admin. None when nothing is due, or when
    a proposal is still waiting or approved and not applied (one at a time)."""
    if RetentionReview.objects.for_actor(actor).filter(status__in=OPEN).exists():
        return None
    due = find_due(actor, today)
    if not due:
        return None
    review = RetentionReview.objects.create(partnership=actor.partnership,
                                            proposed_at=timezone.now(), proposed_by=actor.user)
    RetentionItem.objects.bulk_create(
        RetentionItem(partnership=actor.partnership, review=review, record_type=d.record_type,
                      model_label=d.model_label, record_id=d.record_id, due_on=d.due_on,
                      action=d.action) for d in due)
    audit_record(action="retention.propose", actor=actor, obj=review, count=len(due))
    return review


@transaction.atomic
def retention_decide(*, actor: Actor, review: RetentionReview, approve: bool, note: str = "",
                     request: HttpRequest | None = None) -> RetentionReview:
    if not actor.has("retention.review"):
        raise PermissionDenied("Only the partnership admin approves retention")
    review = RetentionReview.objects.for_actor(actor).select_for_update().get(pk=review.pk)
    if review.status != RetentionReview.Status.PROPOSED:
        raise ValidationError("This proposal has already been decided")
    if review.proposed_by_id == actor.user.pk:
        raise PermissionDenied("Nobody approves a proposal they made themselves")
    note = (note or "").strip()
    if not approve and not note:
        raise ValidationError({"note": "Say why the proposal is refused"})
    review.status = (RetentionReview.Status.APPROVED if approve
                     else RetentionReview.Status.REFUSED)
    review.decided_by, review.decided_at, review.decision_note = actor.user, timezone.now(), note
    review.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit_record(action="retention.approve" if approve else "retention.refuse", actor=actor,
                 obj=review, request=request)
    return review


def retention_apply(*, actor: Actor, today: date | None = None) -> dict[str, int]:
    """Apply every approved proposal of the partnership, item by item (each in its own
    transaction). Counts by outcome: done, held, not_due, gone."""
    counts: dict[str, int] = {}
    reviews = RetentionReview.objects.for_actor(actor).filter(
        status=RetentionReview.Status.APPROVED).order_by("pk")
    for review in reviews:
        due = {(d.model_label, d.record_id): d for d in find_due(actor, today)}
        for item in review.items.filter(done_at__isnull=True).order_by("pk"):
            outcome = _apply_one(actor, review, item, due.get((item.model_label,
                                                               item.record_id)))
            counts[outcome] = counts.get(outcome, 0) + 1
        with transaction.atomic():
            review.status, review.applied_at = RetentionReview.Status.APPLIED, timezone.now()
            review.save(update_fields=["status", "applied_at"])
            audit_record(action="retention.apply", actor=actor, obj=review)
    return counts


@transaction.atomic
def _apply_one(actor: Actor, review: RetentionReview, item: RetentionItem,
               due: Due | None) -> str:
    if due is None:
        # Held since the proposal, or no longer due (a new concern reopened a case): kept.
        held = _is_held(actor, item)
        outcome = "held" if held else "not_due"
    else:
        outcome = "done" if _tombstoned(actor, review, item) else "gone"
    item.done_at, item.outcome = timezone.now(), outcome
    item.save(update_fields=["done_at", "outcome"])
    return outcome


def _tombstoned(actor: Actor, review: RetentionReview, item: RetentionItem) -> bool:
    purpose = f"retention rule {item.record_type}, due {item.due_on:%d %b %Y}, proposal {review.pk}"
    if item.action == "delete" and item.model_label == CONCERN:
        deleted = scrub.concern_delete(actor, item.record_id)
        for label, pk in deleted:
            audit_record(action="retention.delete", actor=actor, object_type=label,
                         object_id=pk, purpose=purpose)
        return bool(deleted)
    anonymise = {CONCERN: scrub.concern_anonymise, CHILD: scrub.child_anonymise,
                 EPISODE: scrub.episode_anonymise}[item.model_label]
    if not anonymise(actor, item.record_id):
        return False
    audit_record(action="retention.anonymise", actor=actor, object_type=item.model_label,
                 object_id=item.record_id, purpose=purpose)
    return True


def _is_held(actor: Actor, item: RetentionItem) -> bool:
    held = held_children(actor)
    if item.model_label == CHILD:
        return item.record_id in held
    if item.model_label == CONCERN:
        child = (Concern.objects.for_actor(actor).filter(pk=item.record_id)
                 .values_list("child_id", flat=True).first())
        return child in held
    return False


def review_counts(review: RetentionReview) -> list[dict[str, Any]]:
    """The proposal's items by record type and action, with counts."""
    return list(review.items.values("record_type", "action").annotate(count=Count("pk"))
                .order_by("record_type", "action"))


def get_review_for(actor: Actor, pk: object) -> RetentionReview:
    return RetentionReview.objects.select_related("proposed_by", "decided_by").get_for(actor, pk)


def review_list(actor: Actor) -> QuerySet[RetentionReview]:
    return (RetentionReview.objects.for_actor(actor).select_related("proposed_by", "decided_by")
            .annotate(item_count=Count("items")))


# --- legal holds ------------------------------------------------------------------------

def _record(actor: Actor, kind: str, number: Any) -> Child | Case:
    key = str(number or "").strip()
    model = Child if kind == "child" else Case
    found = None
    if key.isascii() and key.isdigit():
        found = (model.objects.for_bookkeeping(actor, why="find the record a legal hold names")
                 .filter(pk=int(key)).first())
    if found is None:
        raise ValidationError({"number": NOT_FOUND})
    return found


@transaction.atomic
def legal_hold_place(*, actor: Actor, kind: str, number: Any, reason: str,
                     request: HttpRequest | None = None) -> LegalHold:
    """Hold a child's record (kind "child") or a case (kind "case", which holds the
    child's whole record) from retention until the hold is lifted."""
    if not actor.has("retention.hold"):
        raise PermissionDenied("Your role cannot place legal holds")
    if kind not in ("child", "case"):
        raise ValidationError({"kind": "Choose a child's record or a case"})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for the hold"})
    record = _record(actor, kind, number)
    hold = LegalHold.objects.create(
        partnership=actor.partnership, reason=reason, placed_by=actor.user,
        placed_at=timezone.now(), **{kind: record})
    audit_record(action="retention.hold", actor=actor, obj=hold, request=request,
                 purpose=f"{record._meta.label_lower} {record.pk}")
    return hold


@transaction.atomic
def legal_hold_lift(*, actor: Actor, hold: LegalHold, reason: str,
                    request: HttpRequest | None = None) -> LegalHold:
    if not actor.has("retention.hold"):
        raise PermissionDenied("Your role cannot lift legal holds")
    hold = LegalHold.objects.for_actor(actor).select_for_update().get(pk=hold.pk)
    if hold.lifted_at is not None:
        raise ValidationError("This hold has already been lifted")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason the hold is lifted"})
    hold.lifted_by, hold.lifted_at, hold.lift_reason = actor.user, timezone.now(), reason
    hold.save(update_fields=["lifted_by", "lifted_at", "lift_reason"])
    audit_record(action="retention.hold_lift", actor=actor, obj=hold, request=request)
    return hold


def get_hold_for(actor: Actor, pk: object) -> LegalHold:
    return LegalHold.objects.select_related("placed_by", "lifted_by").get_for(actor, pk)


def hold_list(actor: Actor) -> QuerySet[LegalHold]:
    return LegalHold.objects.for_actor(actor).select_related("placed_by", "lifted_by")
