"""Reading missing records: fetch-and-authorise through the scoped kernel, and the
missing meetings' lists."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import Shown, audit_shown, with_child
from macehub.missing.models import (
    ImportRun,
    ImportStatus,
    MissingEpisode,
    ReturnInterview,
    TriggerFiring,
)
from macehub.partnerships.policy import PolicyPack


def _allowed(actor: Actor, permission: str) -> None:
    """A role without the permission gets the same 404 as a record outside reach."""
    if not actor.has(permission):
        raise Http404("Not found")


def get_episode_for(actor: Actor, pk: object, *, purpose: str = "") -> MissingEpisode:
    """One episode record for the hub and chairs; 404 for anyone else, and for a record
    outside reach. The read is audited (macehub.access.scoped)."""
    _allowed(actor, "missing.view")
    return MissingEpisode.objects.select_related("child", "area").get_for(
        actor, pk, purpose=purpose)


def get_interview_for(actor: Actor, pk: object, *, purpose: str = "") -> ReturnInterview:
    _allowed(actor, "missing.view")
    return ReturnInterview.objects.select_related("child").get_for(actor, pk, purpose=purpose)


def get_firing_for(actor: Actor, pk: object) -> TriggerFiring:
    _allowed(actor, "missing.view")
    return TriggerFiring.objects.get_for(actor, pk)


def get_import_for(actor: Actor, pk: object) -> ImportRun:
    _allowed(actor, "missing.import")
    return ImportRun.objects.get_for(actor, pk)


@dataclass
class MeetingList:
    """Every episode of a child missing in the period, in two parts that are each read by
    an index: those still open at the period's end (oldest first) and those found or
    returned in it. Nothing is cut: pages show them a page at a time with their counts."""

    forum: str
    start: datetime
    end: datetime
    open: QuerySet[MissingEpisode]
    returned: QuerySet[MissingEpisode]
    firings: QuerySet[TriggerFiring]
    outstanding: list[MissingEpisode]
    open_count: int = 0
    returned_count: int = 0

    @property
    def total(self) -> int:
        return self.open_count + self.returned_count

    def episodes(self) -> Iterator[MissingEpisode]:
        """All of them, open first: for building a missing meeting's agenda."""
        yield from self.open.iterator(chunk_size=500)
        yield from self.returned.iterator(chunk_size=500)


def list_forums(pack: PolicyPack) -> list[str]:
    """The forums with a missing list: those the pack's missing triggers send every episode
    to, then its missing meetings."""
    keys = [t.forum for t in pack.missing_triggers() if t.every_episode and t.forum]
    return keys + [k for k, f in pack.forums.items() if f.kind == "missing_meeting"
                   and k not in keys]


def period_for(actor: Actor, forum_key: str, day: date) -> tuple[datetime, datetime]:
    """The period a missing meeting looks back over: its cadence (Dudley daily, 003
    §Introduction; Thurrock RMM weekly, 002 §2.2), ending at the end of `day`."""
    forum = actor.partnership.policy.forums.get(forum_key)
    every = forum.cadence.every if forum is not None else None
    length = every.as_timedelta() if every is not None and every.unit != "working_days" \
        else timedelta(days=1)
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    return end - length, end


def oldest_open_list(actor: Actor) -> date:
    """The earliest meeting day whose missing list a panel member still sees: the list is
    the meeting's papers, open for the pack's `meetings.access_after` after the meeting,
    the same need to know as a MACE agenda."""
    pack = actor.partnership.policy
    return pack.access_after().before(timezone.localdate(), holidays=pack.holidays)


def open_lists_since(actor: Actor) -> datetime:
    """The start of the oldest period on a missing list still open to a panel member."""
    day = oldest_open_list(actor)
    starts = [period_for(actor, key, day)[0] for key in list_forums(actor.partnership.policy)]
    return min(starts, default=period_for(actor, "", day)[0])


def list_is_open(actor: Actor, day: date) -> bool:
    """Whether the actor may see the list of a missing meeting held on `day`: always for
    the hub and chairs, within the papers' window for a panel member."""
    return actor.has("missing.view") or day >= oldest_open_list(actor)


def closed_list(actor: Actor) -> str:
    """Why a panel member cannot see an older list, in words."""
    rule = actor.partnership.policy.meetings.access_after
    return (f"A missing meeting's list stays open to panel members for {rule.value} after "
            f"the meeting: choose a day from {oldest_open_list(actor):%-d %B %Y}")


def meeting_list(actor: Actor, forum_key: str, day: date) -> MeetingList:
    """Every child missing in the period (including children placed into the area by
    other authorities), episodes still open, triggers fired, and interviews outstanding."""
    start, end = period_for(actor, forum_key, day)
    scoped = MissingEpisode.objects.for_actor(actor).select_related("child", "area")
    # Still missing at the period's end: never returned, or returned only after it. Two
    # conditions each read by an index (missing_ep_open, missing_ep_returned) rather than
    # one OR that makes the database read every episode ever reported.
    never = scoped.filter(returned_at__isnull=True, reported_at__lt=end)
    later = scoped.filter(returned_at__gte=end, reported_at__lt=end)
    open_now = never.order_by().union(later.order_by(), all=True).order_by("reported_at", "pk")
    returned = scoped.filter(returned_at__gte=start, returned_at__lt=end).order_by(
        "returned_at", "pk")
    firings = TriggerFiring.objects.for_actor(actor).filter(
        fired_at__gte=start, fired_at__lt=end
    ).select_related("child", "anchor").order_by("-fired_at", "-pk")
    # Whether an interview covers an episode, asked of the episodes: the list shows no
    # interview record.
    covered = set(returned.filter(interviews__isnull=False).values_list("pk", flat=True))
    rule = actor.partnership.policy.missing.return_interview
    outstanding = [e for e in returned if e.child is not None and e.pk not in covered
                   and rule.offered_at(e.child.age_on(timezone.localtime(e.returned_at).date()))]
    listing = MeetingList(forum_key, start, end, open_now, returned, firings, outstanding,
                          open_count=open_now.count(), returned_count=len(returned))
    shown: list[Shown] = [("missing.missingepisode", pk) for pk in open_now.values_list(
        "pk", flat=True)]
    shown += [("people.child", pk) for pk in open_now.values_list("child_id", flat=True)]
    shown += with_child([*returned, *firings])
    audit_shown(action="missing.list", actor=actor, records=shown,
                purpose=f"{forum_key} list")
    return listing


RECENT_IMPORTS = timedelta(days=30)


def imports_with_problems(actor: Actor) -> QuerySet[ImportRun]:
    """Imports of the last 30 days that could not finish, stopped, or refused rows."""
    problems = Q(status=ImportStatus.FAILED) | ~Q(stopped="") | ~Q(errors=[])
    return ImportRun.objects.for_actor(actor).filter(
        problems, started_at__gte=timezone.now() - RECENT_IMPORTS)
