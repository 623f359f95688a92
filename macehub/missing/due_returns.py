"""Return interviews due, counted and paged in the database.

An episode returned within the pack's look-back is due an interview until the child's
interview is completed or declined (default 72 hours, DfE statutory guidance 2014). A
county holds thousands of them at once, so the due list never works them all out: it
counts them with one statement and reads only the rows a page shows.

Two facts make that exact:
- the day an interview is due grows with the moment of return (`interview_due_on` is
  monotone), so "overdue" and "due by a day" are each "returned before an instant", and
  the list in due order is the episodes in order of return;
- whether the child is offered one depends on their age on the day of return, which
  changes inside the look-back only for children whose birthday falls near it: those few
  rows are read and checked one by one with the pack's own rule (`offered_at`); the
  others are kept or left out in the database."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone

from macehub.missing.models import MissingEpisode, ReturnInterview
from macehub.missing.rules import interview_due_on
from macehub.people.birth import Precision, years_before
from macehub.rules.due import SOON, DueItem, DueScope, due_item

_MARK = 918273645  # a number no episode has: where an episode's id goes in its address
# Birthdays within this many days of a band's edge are checked row by row (29 February
# and a month-and-year date of birth stay exact).
_MARGIN = timedelta(days=3)
# How the due list's sort fields read in the database; kind and title are the same for
# every item here, so they do not order these rows.
_ORDER = {"due_on": "returned_at", "subject": "child_name"}
_CHUNK = 200


def returns_due(scope: DueScope) -> ReturnsDue | None:
    """The source of return interviews due, where the pack offers them with a limit."""
    rule = scope.partnership.policy.missing.return_interview
    if scope.case is not None or not rule.offered or rule.time_limit is None:
        return None
    return ReturnsDue(scope)


def _before(at: datetime, bound: datetime | None) -> bool:
    return bound is None or at < bound


class ReturnsDue:
    """Return interviews due (a `macehub.rules.due.DueSource`)."""

    def __init__(self, scope: DueScope) -> None:
        self.scope, self.today = scope, scope.today
        self.pack = pack = scope.partnership.policy
        self.rule = rule = pack.missing.return_interview
        limit = rule.time_limit.value
        self.since = timezone.now() - pack.due.returned_look_back.value.as_timedelta()
        self.title = f"{rule.label or 'Return interview'} due"
        self.reason = rule.time_limit.reason(
            f"Return interview within {limit} of the child's return")
        self.pattern = reverse("missing:episode", args=[_MARK])
        # A limit in working days or whole days depends on the day of return alone.
        self.hourly = limit.unit != "working_days" and \
            limit.as_timedelta() % timedelta(days=1) != timedelta(0)
        self._counts: dict[str, dict[str, int]] = {}
        self._checked: dict[str, list[tuple[datetime, bool]]] = {}

    # What the due list asks of a source.
    def count(self, filters: Mapping[str, Any]) -> int:
        subject, when = filters.get("subject") or "", filters.get("when") or ""
        if subject not in self._counts:  # every `when` of a subject in one statement
            bounds = {w: self._before(w) for w in ("overdue", "soon")}
            kept, near_q = self.ages[0], self.ages[1]
            counted = self._rows(subject).filter(kept | near_q).aggregate(
                all=Count("pk", filter=kept), near=Count("pk", filter=near_q),
                **{w: Count("pk", filter=kept & Q(returned_at__lt=at))
                   for w, at in bounds.items() if at is not None})
            # The few rows whose child's age changes near the look-back, when there are any.
            near = self._near(subject) if counted["near"] else []
            self._counts[subject] = {w: counted.get(w, counted["all"]) + sum(
                offered for at, offered in near if offered and _before(at, bounds.get(w)))
                for w in ("", "overdue", "soon")}
        return self._counts[subject][when]

    def head(self, stop: int, fields: tuple[str, ...], descending: bool,
             filters: Mapping[str, Any]) -> list[DueItem]:
        """The first `stop` items in the order of `fields`, and any tied with the last."""
        first = next((f for f in fields if f in _ORDER), "due_on")
        rows = self._listed(filters, fields, descending)
        items: list[DueItem] = []
        for item in self._items(rows):
            if len(items) >= stop and getattr(item, first) != getattr(items[-1], first):
                break
            items.append(item)
        return items

    def every(self) -> list[DueItem]:
        return list(self._items(self._listed({}, ("due_on",), False)))

    # The rows.
    def _rows(self, subject: str) -> QuerySet[MissingEpisode]:
        done = ReturnInterview.episodes.through.objects.filter(
            missingepisode_id=OuterRef("pk"), returninterview__kind="child",
            returninterview__partnership=self.scope.partnership,
            returninterview__status__in=[ReturnInterview.Status.COMPLETED,
                                         ReturnInterview.Status.DECLINED])
        rows = (MissingEpisode.objects.for_actor(self.scope.actor)
                .filter(returned_at__gte=self.since, child__isnull=False)
                .exclude(Exists(done)).exclude(self.ages[2]))
        if subject:
            rows = rows.annotate(child_name=Concat(
                "child__first_name", Value(" "), "child__last_name")).filter(
                child_name__icontains=subject)
        return rows

    @cached_property
    def ages(self) -> tuple[Q, Q, Q]:
        """(offered on every day of the look-back, to check row by row, never offered)."""
        rule, born = self.rule, "child__date_of_birth"
        unknown = Q(**{f"{born}__isnull": True}) | \
            Q(child__date_of_birth_precision=Precision.UNKNOWN)
        first, last = timezone.localtime(self.since).date(), self.today
        near, never = Q(pk__in=[]), Q(pk__in=[])
        if rule.max_age is not None:  # too old from the birthday max_age + 1
            early = years_before(first, rule.max_age + 1) - _MARGIN
            late = years_before(last, rule.max_age + 1) + _MARGIN
            never |= Q(**{f"{born}__lt": early})
            near |= Q(**{f"{born}__gte": early, f"{born}__lte": late})
        if rule.min_age is not None:  # too young before the birthday min_age
            early = years_before(first, rule.min_age) - _MARGIN
            late = years_before(last, rule.min_age) + _MARGIN
            never |= Q(**{f"{born}__gt": late})
            near |= Q(**{f"{born}__gte": early, f"{born}__lte": late})
        return unknown | ~(near | never), ~unknown & near, ~unknown & never

    def _near(self, subject: str) -> list[tuple[datetime, bool]]:
        """The rows whose child's age changes near the look-back: when returned, offered."""
        if subject not in self._checked:
            rows = self._rows(subject).filter(self.ages[1]).select_related("child")
            self._checked[subject] = [(e.returned_at, self._offered(e)) for e in rows
                                      if e.returned_at is not None]
        return self._checked[subject]

    def _offered(self, episode: MissingEpisode) -> bool:
        assert episode.returned_at is not None and episode.child is not None
        day = timezone.localtime(episode.returned_at).date()
        return bool(self.rule.offered_at(episode.child.age_on(day)))

    def _before(self, when: str) -> datetime | None:
        """Returned before this instant: due before today (overdue), or due by two weeks
        on (soon); None for every item."""
        if when == "overdue":
            return self._first_due_from(self.today)
        if when == "soon":
            return self._first_due_from(self.today + SOON + timedelta(days=1))
        return None

    def _first_due_from(self, day: date) -> datetime | None:
        """The first moment of return in the look-back whose interview is due on `day` or
        later; None when every return in it is due before `day`."""
        for start in self._starts():
            if self._due_on(start) >= day:
                return start
        return None

    def _starts(self) -> Iterator[datetime]:
        """The first instant of each day (or hour) of return, from the look-back to now."""
        zone = timezone.get_current_timezone()
        day = timezone.localtime(self.since).date()
        while day <= max(self.today, timezone.localdate()) + timedelta(days=1):
            for hour in range(24) if self.hourly else (0,):
                start = timezone.make_aware(datetime.combine(day, time(hour)), zone)
                if timezone.localtime(start).hour == hour:  # not an hour the clocks skip
                    yield start
            day += timedelta(days=1)

    def _due_on(self, returned_at: datetime) -> date:
        return interview_due_on(self.pack, returned_at) or \
            timezone.localtime(returned_at).date()

    def _listed(self, filters: Mapping[str, Any], fields: tuple[str, ...],
                descending: bool) -> QuerySet[MissingEpisode]:
        rows = self._rows(filters.get("subject") or "").filter(
            self.ages[0] | self.ages[1])
        before = self._before(filters.get("when") or "")
        if before is not None:
            rows = rows.filter(returned_at__lt=before)
        if "subject" in fields and not filters.get("subject"):
            rows = rows.annotate(child_name=Concat(
                "child__first_name", Value(" "), "child__last_name"))
        order = [_ORDER[f] for f in fields if f in _ORDER] + ["returned_at", "pk"]
        return rows.select_related("child").order_by(
            *(f"-{f}" if descending else f for f in dict.fromkeys(order)))

    def _items(self, rows: QuerySet[MissingEpisode]) -> Iterator[DueItem]:
        """Each row's item, read a chunk at a time, leaving out children not offered one."""
        start, by_day = 0, dict[date, date]()
        while True:
            chunk = list(rows[start:start + _CHUNK])
            start += _CHUNK
            for e in chunk:
                assert e.returned_at is not None and e.child is not None
                if not self._offered(e):
                    continue
                day = timezone.localtime(e.returned_at).date()
                if day not in by_day or self.hourly:
                    by_day[day] = self._due_on(e.returned_at)
                yield due_item(self.today, kind="return_interview", title=self.title,
                               subject=str(e.child), due_on=by_day[day], reason=self.reason,
                               url=self.pattern.replace(str(_MARK), str(e.pk)))
            if len(chunk) < _CHUNK:
                return
