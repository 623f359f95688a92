"""Writes in and after the meeting: attendance, the confidentiality agreement, holding
the meeting (quorum), minutes, removal from a perpetrator forum's agenda, and approval."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.lib.errors import StaleEdit
from macehub.meetings.models import AgendaItem, Invitation, Meeting, Minute
from macehub.meetings.rules import quorum
from macehub.meetings.services import bump, locked, require, require_chair

ROW_CHANGED = ("Someone else saved this row after you opened the register. It now shows what "
               "they saved; your change was not saved.")


def _in_meeting(meeting: Meeting) -> None:
    if meeting.status not in (Meeting.Status.PUBLISHED, Meeting.Status.HELD):
        raise ValidationError("This can be recorded once the agenda is published and until "
                              "the minutes are approved.")


@transaction.atomic
def attendance_record(*, actor: Actor, invitation: Invitation, attendance: str,
                      deputy: str = "", agreed: bool = False,
                      version: int | None = None) -> Invitation:
    """The register, one person's row at a time: present, apologies (with the deputy
    attending instead) or absent; `agreed` records the attendee's agreement to the
    confidentiality statement as read out at the start of the meeting. Each row has its
    own version, so two people keeping the register for different people both save, and
    a save over someone else's change to the same row is refused (StaleEdit)."""
    require(actor, "meeting.manage", "keep the attendance register")
    invitation = (Invitation.objects.for_actor(actor).select_for_update()
                  .select_related("meeting").get(pk=invitation.pk))
    if version is not None and invitation.version != version:
        raise StaleEdit(ROW_CHANGED)
    _in_meeting(invitation.meeting)
    if attendance not in Invitation.Attendance.values:
        raise ValidationError({"attendance": "Select present, apologies or absent"})
    if agreed and attendance != Invitation.Attendance.PRESENT:
        # A deputy agrees in their own right; it must not open the absent invitee's papers.
        raise ValidationError({"agreed": "Only someone present can agree the statement"})
    invitation.attendance, invitation.deputy = attendance, deputy.strip()[:200]
    if agreed and invitation.confidentiality_agreed_at is None:
        invitation.confidentiality_agreed_at = timezone.now()
    invitation.version += 1
    invitation.save(update_fields=["attendance", "deputy", "confidentiality_agreed_at",
                                   "version"])
    audit_record(action="meeting.attendance", actor=actor, obj=invitation)
    return invitation


@transaction.atomic
def confidentiality_agree(*, actor: Actor, meeting: Meeting) -> Invitation:
    """The signed-in invitee agrees the confidentiality statement for this meeting; until
    they do they cannot open its papers (Dudley, Wolverhampton: 'all members will sign or
    agree to a confidentiality form at the start of each meeting')."""
    invitation = meeting.invitations.select_for_update().filter(user=actor.user).first()
    if invitation is None:
        raise PermissionDenied("You are not invited to this meeting.")
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("This meeting was cancelled.")
    if invitation.confidentiality_agreed_at is None:
        invitation.confidentiality_agreed_at = timezone.now()
        invitation.version += 1
        invitation.save(update_fields=["confidentiality_agreed_at", "version"])
        audit_record(action="meeting.confidentiality", actor=actor, obj=invitation)
    return invitation


@transaction.atomic
def meeting_hold(*, actor: Actor, meeting: Meeting, version: int,
                 inquorate_reason: str = "") -> Meeting:
    """Record that the meeting took place. When the pack's quorum is not met the meeting
    can still be recorded, as inquorate, with a reason (Kirklees §8 v)."""
    require(actor, "meeting.manage", "record meetings")
    meeting = locked(actor, meeting, version)
    if meeting.status != Meeting.Status.PUBLISHED:
        raise ValidationError("Only a meeting with a published agenda can be held.")
    if meeting.starts_at > timezone.now():  # an instant, never the text of a date
        starts = timezone.localtime(meeting.starts_at)
        raise ValidationError(f"This meeting starts on {starts:%-d %B %Y at %H:%M}: record it "
                              "as held once it has started")
    check = quorum(meeting.partnership.policy, meeting)
    if not check.met and not inquorate_reason.strip():
        raise ValidationError({"inquorate_reason": "The meeting is not quorate (no "
                               f"{', '.join(check.missing)} present): give a reason to record "
                               "it as inquorate"})
    meeting.status, meeting.held_at = Meeting.Status.HELD, timezone.now()
    meeting.inquorate_reason = "" if check.met else inquorate_reason.strip()
    bump(meeting, "status", "held_at", "inquorate_reason")
    audit_record(action="meeting.hold", actor=actor, obj=meeting)
    return meeting


@transaction.atomic
def minute_add(*, actor: Actor, item: AgendaItem, text: str,
               corrects: Minute | None = None) -> Minute:
    """Append an entry to an item's minutes. Before approval anyone minuting may add; after
    approval only a correction, linked to the entry it corrects, by the chair."""
    require(actor, "meeting.minute", "take minutes")
    meeting = Meeting.objects.for_actor(actor).select_for_update().get(pk=item.meeting_id)
    if not text.strip():
        raise ValidationError({"text": "Enter the minute"})
    if corrects is not None and corrects.item_id != item.pk:
        raise ValidationError({"corrects": "Correct an entry of this item"})
    if meeting.status == Meeting.Status.APPROVED:
        if corrects is None or not actor.has("meeting.chair"):
            raise ValidationError("The minutes are approved: only the chair can add a "
                                  "correction to an entry.")
    elif not meeting.is_open_for_minutes:
        raise ValidationError("Minutes are taken once the agenda is published.")
    minute = Minute.objects.create(item=item, text=text.strip(), by=actor.user,
                                   at=timezone.now(), corrects=corrects)
    audit_record(action="meeting.minute", actor=actor, obj=minute)
    return minute


@transaction.atomic
def item_remove(*, actor: Actor, item: AgendaItem, reason: str,
                actions_completed: str) -> AgendaItem:
    """A perpetrator forum's item leaves its agenda only when the panel is satisfied: the
    removal, its reason and the actions completed are recorded (Dudley §CEOG Agenda)."""
    item = (AgendaItem.objects.for_actor(actor).select_for_update()
            .select_related("meeting").get(pk=item.pk))
    require_chair(actor, item.meeting, "remove items from the agenda")
    removal = actor.partnership.policy.forum(item.meeting.forum).removal
    if item.removed_at is not None:
        raise ValidationError("This item has already been removed.")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason the panel is satisfied"})
    if removal is not None and removal.actions_recorded and not actions_completed.strip():
        raise ValidationError({"actions_completed": "Record the actions completed "
                               f"({removal.cited})"})
    _in_meeting(item.meeting)
    item.removed_at, item.removal_reason = timezone.now(), reason.strip()
    item.removal_actions_completed = actions_completed.strip()
    item.save(update_fields=["removed_at", "removal_reason", "removal_actions_completed"])
    audit_record(action="meeting.remove_item", actor=actor, obj=item)
    return item


@transaction.atomic
def minutes_approve(*, actor: Actor, meeting: Meeting, version: int) -> Meeting:
    """The chair approves the minutes; from then on they are never edited."""
    meeting = locked(actor, meeting, version)
    require_chair(actor, meeting, "approve the minutes")
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError("Minutes are approved after the meeting has been held.")
    meeting.status, meeting.minutes_approved_at = Meeting.Status.APPROVED, timezone.now()
    meeting.minutes_approved_by = actor.user
    bump(meeting, "status", "minutes_approved_at", "minutes_approved_by")
    audit_record(action="meeting.approve", actor=actor, obj=meeting)
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: Actor, meeting: Meeting, version: int) -> Meeting:
    require(actor, "meeting.manage", "cancel meetings")
    meeting = locked(actor, meeting, version)
    if meeting.status not in (Meeting.Status.DRAFT, Meeting.Status.PUBLISHED):
        raise ValidationError("A meeting that has been held cannot be cancelled.")
    meeting.status = Meeting.Status.CANCELLED
    bump(meeting, "status")
    audit_record(action="meeting.cancel", actor=actor, obj=meeting)
    return meeting


@transaction.atomic
def feedback_record(*, actor: Actor, meeting: Meeting, version: int) -> Meeting:
    """Feedback given to the relevant professionals after the meeting (Kirklees §8 iv:
    within 2 working days); until then it is a due item."""
    require(actor, "meeting.manage", "record feedback")
    meeting = locked(actor, meeting, version)
    if meeting.status not in (Meeting.Status.HELD, Meeting.Status.APPROVED):
        raise ValidationError("Feedback follows the meeting.")
    if meeting.feedback_given_at is None:
        meeting.feedback_given_at = timezone.now()
        bump(meeting, "feedback_given_at")
        audit_record(action="meeting.feedback", actor=actor, obj=meeting)
    return meeting
