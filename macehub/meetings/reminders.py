"""Who to remind: invitees whose agency has not submitted an update on every case before
the pack's deadline (Essex: 48 hours before), within the day before that deadline; and
owners of overdue actions. Each reminder is sent once (audited as sent)."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.utils import timezone

from macehub.audit.models import AuditEvent
from macehub.audit.services import audit_record
from macehub.meetings import notify
from macehub.meetings.models import Action, AgencyUpdate, Invitation, Meeting
from macehub.meetings.rules import deadlines

WARNING = timedelta(days=2)


def _sent(kind: str, obj_type: str, obj_id: int) -> bool:
    return AuditEvent.objects.filter(action=kind, object_type=obj_type,
                                     object_id=str(obj_id)).exists()


def send_reminders() -> tuple[int, int]:
    now = timezone.now()
    updates = 0
    meetings = Meeting.objects.filter(status=Meeting.Status.PUBLISHED, starts_at__gt=now)
    for meeting in meetings.select_related("partnership"):
        pack = meeting.partnership.policy
        for what, due, _because in deadlines(pack, meeting):
            if what != "updates" or not now >= due - WARNING:
                continue
            case_items = set(meeting.items.filter(case__isnull=False, removed_at__isnull=True)
                             .values_list("pk", flat=True))
            done: dict[int, set[int]] = defaultdict(set)
            for item_id, agency_id in AgencyUpdate.objects.filter(
                    item_id__in=case_items).values_list("item_id", "agency_id"):
                done[agency_id].add(item_id)
            late = [i for i in meeting.invitations.select_related("user")
                    .filter(user__isnull=False, agency__isnull=False)
                    .exclude(attendance=Invitation.Attendance.APOLOGIES)
                    if done[i.agency_id or 0] != case_items
                    and not _sent("reminder.updates", "meetings.invitation", i.pk)]
            updates += notify.updates_due(meeting, late, due)
            for invitation in late:
                audit_record(action="reminder.updates", obj=invitation,
                             partnership_id=meeting.partnership_id)
    owners: dict[str, list[Action]] = defaultdict(list)
    for action in Action.objects.filter(status=Action.Status.OPEN, owner__isnull=False,
                                        due_on__lt=timezone.localdate()).select_related("owner"):
        if action.owner is not None and action.owner.email and \
                not _sent("reminder.action", "meetings.action", action.pk):
            owners[action.owner.email].append(action)
    sent_actions = 0
    for email, actions in owners.items():
        sent_actions += notify.actions_overdue(email, actions)
        for action in actions:
            audit_record(action="reminder.action", obj=action,
                         partnership_id=action.partnership_id)
    return updates, sent_actions
