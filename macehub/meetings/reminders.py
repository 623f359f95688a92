"""Who to remind: invitees whose agency has not submitted an update on every case before
the pack's deadline (Essex: 48 hours before), from the pack's reminder lead
(`meetings.reminder_lead`) before that deadline; and owners of overdue actions. Each
reminder is sent once (audited as sent). The job runs for one partnership at a time, as
its system actor."""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.models import AuditEvent
from macehub.audit.services import audit_record
from macehub.meetings import notify
from macehub.meetings.models import Action, AgencyUpdate, Invitation, Meeting
from macehub.meetings.rules import deadlines


def _sent(kind: str, obj_type: str, obj_id: int) -> bool:
    return AuditEvent.objects.filter(action=kind, object_type=obj_type,
                                     object_id=str(obj_id)).exists()


def send_reminders(actor: Actor) -> tuple[int, int]:
    """One partnership's reminders, sent by its system actor (the scheduled job)."""
    now = timezone.now()
    updates = 0
    meetings = Meeting.objects.for_actor(actor).filter(status=Meeting.Status.PUBLISHED,
                                                       starts_at__gt=now)
    pack = actor.partnership.policy
    for meeting in meetings:
        for what, due, _because in deadlines(pack, meeting):
            lead = pack.meetings.reminder_lead.value.as_timedelta()
            if what != "updates" or now < due - lead:
                continue
            case_items = set(meeting.items.filter(case__isnull=False, removed_at__isnull=True)
                             .values_list("pk", flat=True))
            done: dict[int, set[int]] = defaultdict(set)
            for item_id, agency_id in AgencyUpdate.objects.for_actor(actor).filter(
                    item_id__in=case_items).values_list("item_id", "agency_id"):
                done[agency_id].add(item_id)
            late = [i for i in meeting.invitations.select_related("user")
                    .filter(user__isnull=False, agency__isnull=False)
                    .exclude(attendance=Invitation.Attendance.APOLOGIES)
                    if done[i.agency_id or 0] != case_items
                    and not _sent("reminder.updates", "meetings.invitation", i.pk)]
            updates += notify.updates_due(meeting, late, due)
            for invitation in late:
                audit_record(action="reminder.updates", actor=actor, obj=invitation)
    owners: dict[str, list[Action]] = defaultdict(list)
    for action in Action.objects.for_actor(actor).filter(
            status=Action.Status.OPEN, owner__isnull=False,
            due_on__lt=timezone.localdate()).select_related("owner"):
        if action.owner is not None and action.owner.email and \
                not _sent("reminder.action", "meetings.action", action.pk):
            owners[action.owner.email].append(action)
    sent_actions = 0
    for email, actions in owners.items():
        sent_actions += notify.actions_overdue(email, actions)
        for action in actions:
            audit_record(action="reminder.action", actor=actor, obj=action)
    return updates, sent_actions
