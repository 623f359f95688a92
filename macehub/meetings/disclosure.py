"""Sharing a meeting's papers outside the meeting (SECURITY S16; DPA 2018 s.62(3)).

Someone asks to share one document with a named recipient for a stated purpose; the chair
approves or refuses, with a reason either way. An approved request lets the person who
asked download that document, watermarked with the recipient and the date of approval;
each download is audited. Approved and refused requests form the disclosure log."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.accounts.models import Membership, Role
from macehub.audit.services import audit_record
from macehub.lib.text import check_text, one_line
from macehub.meetings import outputs
from macehub.meetings.models import Disclosure, Meeting
from macehub.meetings.services import require

Status = Disclosure.Status
Document = Disclosure.Document

# What can leave the meeting, and from when: the agenda once published; the action log
# once the meeting is held; the minutes only once the chair has approved them.
AVAILABLE_FROM = {
    Document.AGENDA: (Meeting.Status.PUBLISHED, Meeting.Status.HELD, Meeting.Status.APPROVED),
    Document.ACTIONS: (Meeting.Status.HELD, Meeting.Status.APPROVED),
    Document.MINUTES: (Meeting.Status.APPROVED,),
}
NOT_YET = {
    Document.AGENDA: "The agenda can be shared once it is published.",
    Document.ACTIONS: "The action log can be shared once the meeting has been held.",
    Document.MINUTES: "The minutes can be shared once the chair has approved them.",
}


@transaction.atomic
def disclosure_request(*, actor: Actor, meeting: Meeting, document: str, recipient: str,
                       purpose: str) -> Disclosure:
    """Ask the chair to approve sharing one of the meeting's documents with a recipient."""
    require(actor, "disclosure.request", "ask to share papers")
    if meeting.partnership_id != actor.partnership.pk:
        raise ValidationError("Select a meeting of your partnership.")
    if document not in Document.values:
        raise ValidationError({"document": "Select the document to share"})
    recipient = one_line(recipient, "recipient")
    if not recipient:
        raise ValidationError({"recipient": "Enter who the document would be shared with"})
    check_text(purpose, multiline=True)
    if not purpose.strip():
        raise ValidationError({"purpose": "Enter why it needs to be shared"})
    if meeting.status not in AVAILABLE_FROM[Document(document)]:
        raise ValidationError({"document": NOT_YET[Document(document)]})
    disclosure = Disclosure.objects.create(
        meeting=meeting, document=document, recipient=recipient.strip()[:200],
        purpose=purpose.strip(), requested_by=actor.user, requested_at=timezone.now())
    audit_record(action="disclosure.request", actor=actor, obj=disclosure)
    return disclosure


@transaction.atomic
def disclosure_decide(*, actor: Actor, disclosure: Disclosure, approve: bool,
                      reason: str) -> Disclosure:
    """The chair approves or refuses a request, giving the reason either way."""
    require(actor, "meeting.chair", "decide on sharing papers: the chair decides")
    found = (Disclosure.objects.for_actor(actor).select_for_update()
             .filter(pk=disclosure.pk).first())
    if found is None:
        raise ValidationError("That request does not exist.")
    disclosure = found
    if disclosure.requested_by_id == actor.user.pk:
        raise PermissionDenied("You asked to share these papers, so another chair decides.")
    if actor.user.pk not in deciders(disclosure.meeting):
        raise PermissionDenied("Only this meeting's chair or vice chair decides on sharing "
                               "its papers; for a meeting without a chair, the "
                               "partnership's named chair or deputy.")
    if disclosure.status != Status.REQUESTED:
        raise ValidationError("This request has already been decided.")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for approving" if approve
                               else "Give the reason for refusing"})
    disclosure.status = Status.APPROVED if approve else Status.REFUSED
    disclosure.decided_by, disclosure.decided_at = actor.user, timezone.now()
    disclosure.decision_reason = reason.strip()
    disclosure.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    audit_record(action="disclosure.approve" if approve else "disclosure.refuse", actor=actor,
                 obj=disclosure)
    return disclosure


def deciders(meeting: Meeting) -> set[int]:
    """Who decides on sharing the meeting's papers: its chair and vice chair; for a meeting
    with neither, the partnership's named chair and deputy (accounts.chair_name)."""
    chairs = {meeting.chair_id, meeting.vice_chair_id} - {None}
    if chairs:
        return {pk for pk in chairs if pk is not None}
    return set(Membership.objects.filter(
        partnership_id=meeting.partnership_id, role=Role.CHAIR, is_active=True,
        chair_standing__in=("chair", "deputy")).values_list("user_id", flat=True))


def disclosed_pdf(*, actor: Actor, disclosure: Disclosure) -> bytes:
    """The approved document, watermarked for its recipient, for the person who asked.
    Every download is audited."""
    if disclosure.requested_by_id != actor.user.pk:
        raise PermissionDenied("Only the person who asked can download a disclosed copy.")
    if disclosure.status != Status.APPROVED:
        raise PermissionDenied("The chair has not approved sharing this document.")
    pdf = outputs.render_pdf(actor, disclosure.meeting, disclosure.document,
                             watermark=outputs.watermark_for(disclosure))
    audit_record(action="disclosure.download", actor=actor, obj=disclosure,
                 purpose=disclosure.document)
    return pdf


# --- reads ----------------------------------------------------------------------------


def disclosure_log(actor: Actor) -> QuerySet[Disclosure]:
    """Every request in the partnership, newest first (the chair and the hub see it)."""
    return (Disclosure.objects.for_actor(actor)
            .select_related("meeting", "requested_by", "decided_by"))


def get_disclosure_for(actor: Actor, meeting: Meeting, pk: object) -> Disclosure:
    """A request on this meeting that the actor may see: the chair and the hub see all;
    anyone else only their own. Otherwise 404."""
    found = (Disclosure.objects.select_related("requested_by", "decided_by")
             .filter(meeting=meeting).get_for(actor, pk))
    if not actor.has("meeting.manage") and found.requested_by_id != actor.user.pk:
        raise Http404("Not found")
    return found
