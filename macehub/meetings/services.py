"""Writes before a meeting: scheduling, the agenda, publishing and invitations, guests,
apologies and agency updates. Every write checks the actor, validates, audits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.accounts.models import User
from macehub.audit.services import audit_record
from macehub.cases.models import Case
from macehub.lib.errors import StaleEdit
from macehub.lib.links import https_link
from macehub.meetings import notify
from macehub.meetings.agenda import invitees, suggest_agenda
from macehub.meetings.areas import check_area, refuse_outside
from macehub.meetings.conditions import Answers, answered
from macehub.meetings.models import AgencyUpdate, AgendaItem, Invitation, Meeting
from macehub.meetings.rules import series_dates
from macehub.meetings.timing import item_starts
from macehub.partnerships.models import Agency, Area

STALE = ("Someone else changed this meeting while you were editing it. Reload the page to "
         "see their change, then make yours again.")


def require(actor: Actor, permission: str, what: str) -> None:
    if not actor.has(permission):
        raise PermissionDenied(f"Your role cannot {what}.")


def require_chair(actor: Actor, meeting: Meeting, what: str) -> None:
    """The chair's decisions are this meeting's chair's (or vice chair's); a meeting with
    no chair named accepts any chair of the partnership."""
    require(actor, "meeting.chair", f"{what}: the chair decides")
    chairs = {meeting.chair_id, meeting.vice_chair_id} - {None}
    if chairs and actor.user.pk not in chairs:
        raise PermissionDenied(f"Only this meeting's chair or vice chair can {what}.")


def locked(actor: Actor, meeting: Meeting, version: int | None = None) -> Meeting:
    meeting = Meeting.objects.for_actor(actor).select_for_update().get(pk=meeting.pk)
    if version is not None and meeting.version != version:
        raise StaleEdit(STALE)
    return meeting


def bump(meeting: Meeting, *fields: str) -> None:
    meeting.version += 1
    meeting.save(update_fields=["version", *fields])


def _check_people(actor: Actor, forum: str, area: Area | None, chair: User | None,
                  vice_chair: User | None) -> None:
    pack = actor.partnership.policy
    if forum not in pack.forums:
        raise ValidationError({"forum": "Select a forum"})
    if area is not None and area.partnership_id != actor.partnership.pk:
        raise ValidationError({"area": "Select an area"})
    check_area(pack, forum, area)
    for field, user in (("chair", chair), ("vice_chair", vice_chair)):
        if user is not None and not actor.partnership.memberships.filter(
                user=user, is_active=True).exists():
            raise ValidationError({field: "Select someone in this partnership"})
    if chair is not None and chair == vice_chair:
        raise ValidationError({"vice_chair": "The vice chair must be someone other than the "
                                             "chair"})


@transaction.atomic
def meeting_schedule(*, actor: Actor, forum: str, starts_at: datetime, minutes: int,
                     area: Area | None = None, venue: str = "", online_link: str = "",
                     chair: User | None = None, vice_chair: User | None = None) -> Meeting:
    require(actor, "meeting.manage", "schedule meetings")
    _check_people(actor, forum, area, chair, vice_chair)
    if not 15 <= minutes <= 12 * 60:
        raise ValidationError({"minutes": "A meeting lasts between 15 minutes and 12 hours"})
    online_link = https_link(online_link, "online_link")
    if not venue.strip() and not online_link:
        raise ValidationError({"venue": "Give a venue or an online link"})
    meeting = Meeting.objects.create(
        partnership=actor.partnership, forum=forum, area=area, starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes), venue=venue.strip(),
        online_link=online_link, chair=chair, vice_chair=vice_chair)
    audit_record(action="meeting.schedule", actor=actor, obj=meeting)
    return meeting


@transaction.atomic
def meeting_series(*, actor: Actor, forum: str, first: date, at: time, minutes: int,
                   count: int, anchors: list[date] | None = None, area: Area | None = None,
                   venue: str = "", online_link: str = "", chair: User | None = None,
                   vice_chair: User | None = None) -> list[Meeting]:
    """Recurring meetings from the forum's cadence (Essex MACE 1 monthly, MACE 2
    quarterly), or placed before anchor dates (Dudley CEOG: one week before tasking)."""
    if not 1 <= count <= 24:
        raise ValidationError({"count": "Schedule between 1 and 24 meetings at a time"})
    try:
        days = [first] if count == 1 and not anchors else \
            series_dates(actor.partnership.policy, forum, first, count, anchors)[0]
    except (KeyError, ValueError) as exc:
        raise ValidationError({"forum": str(exc).strip("'\"")}) from None
    zone = timezone.get_current_timezone()
    return [meeting_schedule(actor=actor, forum=forum, area=area, venue=venue,
                             online_link=online_link, chair=chair, vice_chair=vice_chair,
                             minutes=minutes,
                             starts_at=datetime.combine(day, at, tzinfo=zone))
            for day in days]


def _retime(meeting: Meeting, fresh: Sequence[AgendaItem] = ()) -> None:
    """Every item starts at the meeting's start plus the durations of the items before it
    (Kirklees §6 vi: a time slot per case), recalculated whenever the agenda changes.
    Items in `fresh` (not saved yet, after the saved ones) are timed and then written in
    one statement; saved items whose time changes are written in one more."""
    items = [*meeting.items.all(), *fresh]
    changed = []
    for item, at in zip(items, item_starts(meeting, items), strict=True):
        local = timezone.localtime(at).time()
        if item.starts_at != local:
            item.starts_at = local
            if item.pk is not None:
                changed.append(item)
    if changed:
        meeting.items.bulk_update(changed, ["starts_at"])
    if fresh:
        AgendaItem.objects.bulk_create(list(fresh))


def _editable(meeting: Meeting) -> None:
    if meeting.status not in (Meeting.Status.DRAFT, Meeting.Status.PUBLISHED):
        raise ValidationError("The agenda cannot change once the meeting has been held.")


@transaction.atomic
def agenda_build(*, actor: Actor, meeting: Meeting, version: int) -> list[AgendaItem]:
    """Add the suggested items that are not on the agenda yet, after the existing ones."""
    require(actor, "meeting.manage", "build agendas")
    meeting = locked(actor, meeting, version)
    _editable(meeting)
    items = list(meeting.items.all())
    # A case appears once; an item without a case is known by its title.
    have = {("case", i.case_id) if i.case_id else ("title", i.title) for i in items}
    position = len(items)
    added = []
    for s in suggest_agenda(meeting, actor):
        key = ("case", s.case.pk) if s.case else ("title", s.title)
        if key in have:
            continue
        have.add(key)
        position += 1
        added.append(AgendaItem(
            meeting=meeting, position=position, kind=s.kind, title=s.title[:300], case=s.case,
            starts_at=s.starts_at, minutes=s.minutes, lead=s.lead[:200], why=s.why[:300]))
    _retime(meeting, added)
    bump(meeting)
    audit_record(action="meeting.agenda", actor=actor, obj=meeting, count=len(added))
    return added


@transaction.atomic
def agenda_item_add(*, actor: Actor, meeting: Meeting, version: int, title: str, kind: str,
                    case: Case | None = None, minutes: int | None = None,
                    position: int | None = None) -> AgendaItem:
    """Add an item at `position` (its number on the agenda; the end when not given); the
    items after it move down and every start time is recalculated."""
    require(actor, "meeting.manage", "change agendas")
    meeting = locked(actor, meeting, version)
    _editable(meeting)
    if kind not in AgendaItem.Kind.values:
        raise ValidationError({"kind": "Select the kind of item"})
    if not title.strip():
        raise ValidationError({"title": "Enter a title for the item"})
    if case is not None and case.partnership_id != actor.partnership.pk:
        raise ValidationError({"case": "Select a case"})
    if case is not None:
        refuse_outside(meeting, [case])
    items = list(meeting.items.all())
    if position is not None and not 1 <= position <= len(items) + 1:
        raise ValidationError({"position": f"Enter a number from 1 to {len(items) + 1}"})
    if minutes is not None and not 1 <= minutes <= 480:
        raise ValidationError({"minutes": "An item lasts between 1 and 480 minutes"})
    item = AgendaItem(meeting=meeting, position=0, kind=kind, title=title.strip()[:300],
                      case=case, minutes=minutes, why="Added by the coordinator")
    items.insert(len(items) if position is None else position - 1, item)
    _renumber(items)
    _retime(meeting)
    bump(meeting)
    audit_record(action="meeting.agenda", actor=actor, obj=meeting)
    item.refresh_from_db()
    return item


@transaction.atomic
def agenda_item_move(*, actor: Actor, meeting: Meeting, version: int, item: AgendaItem,
                     up: bool) -> None:
    require(actor, "meeting.manage", "change agendas")
    meeting = locked(actor, meeting, version)
    _editable(meeting)
    items = list(meeting.items.all())
    index = next((n for n, i in enumerate(items) if i.pk == item.pk), None)
    if index is None:
        raise ValidationError("That item is not on this agenda.")
    other = index - 1 if up else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    _renumber(items)
    _retime(meeting)
    bump(meeting)


def _renumber(items: list[AgendaItem]) -> None:
    for n, each in enumerate(items, start=1):
        if each.pk is None:
            each.position = n
            each.save()
        elif each.position != n:
            each.position = n
            each.save(update_fields=["position"])


@transaction.atomic
def agenda_item_drop(*, actor: Actor, meeting: Meeting, version: int,
                     item: AgendaItem) -> None:
    """Take an item off a draft agenda. Once published, items leave only by a recorded
    removal (conduct.item_remove)."""
    require(actor, "meeting.manage", "change agendas")
    meeting = locked(actor, meeting, version)
    if meeting.status != Meeting.Status.DRAFT:
        raise ValidationError("The agenda is published: record a removal with its reason.")
    if item.meeting_id != meeting.pk:
        raise ValidationError("That item is not on this agenda.")
    if item.invitation_set.exists():
        raise ValidationError("A guest is invited for this item: the item stays while they are "
                              "invited.")
    removal = actor.partnership.policy.forum(meeting.forum).removal
    if removal is not None and item.case_id is not None and AgendaItem.objects.for_actor(
            actor).filter(case_id=item.case_id, meeting__forum=meeting.forum,
                          removed_at__isnull=True, meeting__starts_at__lt=meeting.starts_at)\
            .exclude(meeting=meeting).exists():
        raise ValidationError("This forum keeps an item until the panel removes it with the "
                              f"reason and the actions completed ({removal.cited}): record "
                              "a removal at the meeting instead.")
    item.delete()
    _renumber(list(meeting.items.all()))
    _retime(meeting)
    bump(meeting)
    audit_record(action="meeting.agenda", actor=actor, obj=meeting)


@transaction.atomic
def agenda_publish(*, actor: Actor, meeting: Meeting, version: int,
                   conditions: Answers | None = None) -> list[Invitation]:
    """Publish the agenda and invite the pack's panel for the cases on it, the chair and
    the key workers; each new invitee with an account gets an e-mail. A panel invited only
    on a condition the records cannot answer needs the coordinator's yes or no in
    `conditions`, per case or for the whole meeting (meetings.conditions)."""
    require(actor, "meeting.manage", "publish agendas")
    meeting = locked(actor, meeting, version)
    if meeting.status != Meeting.Status.DRAFT:
        raise ValidationError("This agenda has already been published.")
    if not meeting.items.exists():
        raise ValidationError("Add at least one item before publishing the agenda.")
    refuse_outside(meeting, [i.case for i in meeting.items.filter(
        removed_at__isnull=True, case__isnull=False).select_related("case__child")
        if i.case is not None])
    for item_pk, given in answered(meeting, conditions or {}).items():
        meeting.items.filter(pk=item_pk).update(panel_answers=given)
    now = timezone.now()
    invited = _invite(meeting, now)
    meeting.status, meeting.published_at = Meeting.Status.PUBLISHED, now
    bump(meeting, "status", "published_at")
    audit_record(action="meeting.publish", actor=actor, obj=meeting, count=len(invited))
    transaction.on_commit(lambda: notify.invited(meeting, invited))
    return invited


def _invite(meeting: Meeting, now: datetime) -> list[Invitation]:
    # Someone with an account is invited once; someone without is known by their name.
    existing = {i.user_id or i.name for i in meeting.invitations.all()}
    created = []
    for who in invitees(meeting):
        key = who.user_id or who.name
        if key in existing:
            continue
        existing.add(key)
        created.append(Invitation.objects.create(
            meeting=meeting, user_id=who.user_id, name=who.name[:200], agency=who.agency,
            basis=who.basis, why=who.why[:300], invited_at=now,
            item_id=who.items[0] if who.items else None))
    return created


def guest_reason(item: AgendaItem | None) -> str:
    """Every invitee reads the reasons: an item by its number, never by whose case it is."""
    return f"Guest for agenda item {item.position}" if item is not None else "Guest"


@transaction.atomic
def guest_invite(*, actor: Actor, meeting: Meeting, name: str, agency: Agency,
                 item: AgendaItem | None = None, user: User | None = None) -> Invitation:
    """A guest for one item (licensing, housing, environmental health ...)."""
    require(actor, "meeting.manage", "invite guests")
    if agency.partnership_id != actor.partnership.pk:
        raise ValidationError({"agency": "Select an agency"})
    if not name.strip():
        raise ValidationError({"name": "Enter the guest's name"})
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"item": "Select an item on this agenda"})
    if meeting.status in (Meeting.Status.APPROVED, Meeting.Status.CANCELLED):
        raise ValidationError("This meeting is over.")
    if user is not None and meeting.invitations.filter(user=user).exists():
        raise ValidationError({"name": "That person is already invited"})
    invitation = Invitation.objects.create(
        meeting=meeting, user=user, name=name.strip()[:200], agency=agency,
        basis=Invitation.Basis.GUEST, item=item, invited_at=timezone.now(),
        why=guest_reason(item))
    audit_record(action="meeting.invite", actor=actor, obj=invitation)
    if user is not None:
        transaction.on_commit(lambda: notify.invited(meeting, [invitation]))
    return invitation


@transaction.atomic
def apologies_send(*, actor: Actor, invitation: Invitation, deputy: str = "") -> Invitation:
    """Apologies from an invitee, with the named deputy who attends instead."""
    if invitation.user_id != actor.user.pk and not actor.has("meeting.manage"):
        raise PermissionDenied("Only the invitee or the coordinator can send apologies.")
    invitation = Invitation.objects.for_actor(actor).select_for_update(of=("self",)).get(
        pk=invitation.pk)
    if invitation.meeting.status not in (Meeting.Status.DRAFT, Meeting.Status.PUBLISHED):
        raise ValidationError("Apologies are sent before the meeting.")
    invitation.attendance, invitation.deputy = Invitation.Attendance.APOLOGIES, deputy.strip()
    invitation.version += 1
    invitation.save(update_fields=["attendance", "deputy", "version"])
    audit_record(action="meeting.apologies", actor=actor, obj=invitation)
    return invitation


@transaction.atomic
def update_submit(*, actor: Actor, item: AgendaItem, text: str,
                  version: int | None = None) -> AgencyUpdate:
    """An agency's short written update on a case before the meeting. One per agency per
    item; a later submission replaces the text (refused if someone else changed it)."""
    require(actor, "meeting.update", "submit agency updates")
    agency = actor.agency
    if agency is None:
        raise ValidationError("Your account has no agency: ask your partnership admin.")
    # Fresh: the status may have moved.
    item = AgendaItem.objects.for_actor(actor).select_related("meeting").get(pk=item.pk)
    if item.case_id is None:
        raise ValidationError("Updates are given on a case.")
    if item.meeting.status not in (Meeting.Status.PUBLISHED, Meeting.Status.HELD):
        raise ValidationError("Updates can be given once the agenda is published.")
    if not text.strip():
        raise ValidationError({"text": "Enter your agency's update"})
    update = item.updates.select_for_update().filter(agency=agency).first()
    now = timezone.now()
    if update is None:
        update = AgencyUpdate.objects.create(item=item, agency=agency, text=text.strip(),
                                             by=actor.user, submitted_at=now)
    else:
        if version != update.version:
            raise StaleEdit("Someone in your agency changed this update while you were "
                              "editing it. Reload the page to see it.")
        update.text, update.by, update.submitted_at = text.strip(), actor.user, now
        update.version += 1
        update.save(update_fields=["text", "by", "submitted_at", "version"])
    audit_record(action="meeting.update", actor=actor, obj=update)
    return update
