"""Reading missing records: fetch-and-authorise, and the missing meetings' lists."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.missing.models import ImportRun, MissingEpisode, ReturnInterview, TriggerFiring


def _get(actor: Actor, queryset: Any, pk: object, permission: str) -> Any:
    if not actor.has(permission) or not str(pk).isdigit():
        raise Http404("Not found")
    record = queryset.filter(pk=int(str(pk)), partnership=actor.partnership).first()
    if record is None:
        raise Http404("Not found")
    return record


def get_episode_for(actor: Actor, pk: object, *, purpose: str = "") -> MissingEpisode:
    episode: MissingEpisode = _get(actor, MissingEpisode.objects.select_related(
        "child", "area"), pk, "missing.view")
    audit_record(action="missing_episode.view", actor=actor, obj=episode, purpose=purpose)
    return episode


def get_interview_for(actor: Actor, pk: object, *, purpose: str = "") -> ReturnInterview:
    interview: ReturnInterview = _get(actor, ReturnInterview.objects.select_related("child"),
                                      pk, "missing.view")
    audit_record(action="return_interview.view", actor=actor, obj=interview, purpose=purpose)
    return interview


def get_firing_for(actor: Actor, pk: object) -> TriggerFiring:
    firing: TriggerFiring = _get(actor, TriggerFiring.objects.all(), pk, "missing.view")
    return firing


def get_import_for(actor: Actor, pk: object) -> ImportRun:
    run: ImportRun = _get(actor, ImportRun.objects.all(), pk, "missing.import")
    return run


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


def period_for(actor: Actor, forum_key: str, day: date) -> tuple[datetime, datetime]:
    """The period a missing meeting looks back over: its cadence (Dudley daily, 003
    §Introduction; Thurrock RMM weekly, 002 §2.2), ending at the end of `day`."""
    forum = actor.partnership.policy.forums.get(forum_key)
    every = forum.cadence.every if forum is not None else None
    length = every.as_timedelta() if every is not None and every.unit != "working_days" \
        else timedelta(days=1)
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    return end - length, end


def meeting_list(actor: Actor, forum_key: str, day: date) -> MeetingList:
    """Every child missing in the period (including children placed into the area by
    other authorities), episodes still open, triggers fired, and interviews outstanding."""
    start, end = period_for(actor, forum_key, day)
    scoped = MissingEpisode.objects.filter(partnership=actor.partnership).select_related(
        "child", "area")
    # Still missing at the period's end: never returned, or returned only after it. Two
    # conditions each read by an index (missing_ep_open, missing_ep_returned) rather than
    # one OR that makes the database read every episode ever reported.
    never = scoped.filter(returned_at__isnull=True, reported_at__lt=end)
    later = scoped.filter(returned_at__gte=end, reported_at__lt=end)
    open_now = never.order_by().union(later.order_by(), all=True).order_by("reported_at", "pk")
    returned = scoped.filter(returned_at__gte=start, returned_at__lt=end).order_by(
        "returned_at", "pk")
    firings = TriggerFiring.objects.filter(
        partnership=actor.partnership, fired_at__gte=start, fired_at__lt=end
    ).select_related("child", "anchor").order_by("-fired_at", "-pk")
    covered = set(ReturnInterview.objects.filter(
        partnership=actor.partnership, episodes__in=returned.values("pk"))
        .values_list("episodes", flat=True))
    rule = actor.partnership.policy.missing.return_interview
    outstanding = [e for e in returned if e.child is not None and e.pk not in covered
                   and rule.offered_at(e.child.age_on(timezone.localtime(e.returned_at).date()))]
    listing = MeetingList(forum_key, start, end, open_now, returned, firings, outstanding,
                          open_count=open_now.count(), returned_count=len(returned))
    audit_record(action="missing.list", actor=actor, count=listing.total,
                 purpose=f"{forum_key} list")
    return listing
