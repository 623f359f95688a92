"""Return interviews due, counted and paged in the database.

An episode returned within the pack's look-back is due an interview until the child's
interview is completed or declined (default 72 hours, DfE statutory guidance 2014). A
county holds thousands of them at once, so the due list never works them all out: it
counts them with one statement and reads only the rows a page shows.

Two facts make that exact:
- the day an interview is due grows with the moment of return (`interview_due_on` is
  monotone), so "overdue" and "due by a day" are each "returned before an instant", and
  the list in due order is the episodes in order of return;
- whether the child is offered one depends on their age on the day of return: for each
  day of the look-back that is a range of dates of birth (`years_before`, as `age_on`
  counts, 29 February included), so the database keeps exactly the rows the pack's rule
  (`offered_at`) would."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone

from macehub.lib.listing import code_point_order
from macehub.lib.waiting import SOON
from macehub.missing.models import MissingEpisode, ReturnInterview
from macehub.missing.rules import interview_due_on
from macehub.people.birth import Precision, years_before
from macehub.rules.due import DueItem, DueScope, due_item

_MARK = 918273645  # a number no episode has: where an episode's id goes in its address
# How the due list's sort fields read in the database; kind and title are the same for
# every item here, so they do not order these rows.
_ORDER = {"due_on": "returned_at", "subject": "child_name"}
_CHUNK = 200


def _child_name() -> Concat:
    """The child's name as the list shows it (`str(child)`), in the database."""
    return Concat("child__first_name", Value(" "), "child__last_name")


def returns_due(scope: DueScope) -> ReturnsDue | None:
    """The source of return interviews due, where the pack offers them with a limit."""
    rule = scope.partnership.policy.missing.return_interview
    if scope.case is not None or not rule.offered or rule.time_limit is None:
        return None
    return ReturnsDue(scope)


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

    # What the due list asks of a source.
    def count(self, filters: Mapping[str, Any]) -> int:
        subject, when = filters.get("subject") or "", filters.get("when") or ""
        if subject not in self._counts:  # every `when` of a subject in one statement
            bounds = {w: at for w in ("overdue", "soon") if (at := self._before(w)) is not None}
            counted = self._rows(subject).aggregate(
                all=Count("pk"), **{w: Count("pk", filter=Q(returned_at__lt=at))
                                    for w, at in bounds.items()})
            self._counts[subject] = {w: counted.get(w, counted["all"])
                                     for w in ("", "overdue", "soon")}
        return self._counts[subject][when]

    def counting(self, filters: Mapping[str, Any]) -> QuerySet[MissingEpisode]:
        rows = self._rows(filters.get("subject") or "")
        at = self._before(filters.get("when") or "")
        return rows if at is None else rows.filter(returned_at__lt=at)

    def head(self, stop: int, fields: tuple[str, ...], descending: bool,
             filters: Mapping[str, Any]) -> list[DueItem]:
        """The first `stop` items in the order of `fields`, and any tied with the last."""
        first = next((f for f in fields if f in _ORDER), "due_on")
        rows = self._listed(filters, fields, descending)
        items: list[DueItem] = []
        if stop <= 0:
            return items
        for item in self._items(rows):
            if len(items) >= stop and getattr(item, first) != getattr(items[-1], first):
                break
            items.append(item)
        return items

    def every(self) -> list[DueItem]:
        return list(self._items(self._listed({}, ("due_on",), False)))

    # The rows.
    def _rows(self, subject: str) -> QuerySet[MissingEpisode]:
        # The child interviews completed or declined, as far as the actor reaches them.
        finished = ReturnInterview.objects.for_actor(self.scope.actor).filter(
            kind="child", status__in=[ReturnInterview.Status.COMPLETED,
                                      ReturnInterview.Status.DECLINED]).values("pk")
        done = ReturnInterview.episodes.through.objects.filter(
            missingepisode_id=OuterRef("pk"), returninterview_id__in=finished)
        rows = (MissingEpisode.objects.for_actor(self.scope.actor)
                .filter(returned_at__gte=self.since, child__isnull=False)
                .exclude(Exists(done)).filter(self.offered))
        if subject:
            rows = rows.annotate(child_name=_child_name()).filter(
                child_name__icontains=subject)
        return rows

    @cached_property
    def offered(self) -> Q:
        """The returns whose child the pack offers an interview, by their age on the day
        of return; a child whose age is not known is offered one."""
        rule, born = self.rule, "child__date_of_birth"
        if rule.min_age is None and rule.max_age is None:
            return Q()
        days = Q(pk__in=[])
        for day, start, end in self._days():
            band = Q(returned_at__gte=start) & (Q(returned_at__lt=end) if end else Q())
            if rule.max_age is not None:  # too old from the birthday max_age + 1
                band &= Q(**{f"{born}__gt": years_before(day, rule.max_age + 1)})
            if rule.min_age is not None:  # old enough from the birthday min_age
                band &= Q(**{f"{born}__lte": years_before(day, rule.min_age)})
            days |= band
        return Q(**{f"{born}__isnull": True}) | \
            Q(child__date_of_birth_precision=Precision.UNKNOWN) | days

    def _local_days(self, after: int = 0) -> Iterator[date]:
        """Each local day from the look-back's first to today (or now), and `after` more."""
        day = timezone.localtime(self.since).date()
        while day <= max(self.today, timezone.localdate()) + timedelta(days=after):
            yield day
            day += timedelta(days=1)

    def _days(self) -> Iterator[tuple[date, datetime, datetime | None]]:
        """Each local day of the look-back with its first instant and the next day's; the
        last day reaches on without end."""
        zone = timezone.get_current_timezone()
        days = list(self._local_days())
        for day in days:
            start = timezone.make_aware(datetime.combine(day, time()), zone)
            end = None if day == days[-1] else timezone.make_aware(
                datetime.combine(day + timedelta(days=1), time()), zone)
            yield day, start, end

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
        for day in self._local_days(after=1):
            for hour in range(24) if self.hourly else (0,):
                start = timezone.make_aware(datetime.combine(day, time(hour)), zone)
                if timezone.localtime(start).hour == hour:  # not an hour the clocks skip
                    yield start

    def _due_on(self, returned_at: datetime) -> date:
        return interview_due_on(self.pack, returned_at) or \
            timezone.localtime(returned_at).date()

    def _listed(self, filters: Mapping[str, Any], fields: tuple[str, ...],
                descending: bool) -> QuerySet[MissingEpisode]:
        rows = self._rows(filters.get("subject") or "")
        before = self._before(filters.get("when") or "")
        if before is not None:
            rows = rows.filter(returned_at__lt=before)
        if "subject" in fields and not filters.get("subject"):
            rows = rows.annotate(child_name=_child_name())
        order = [_ORDER[f] for f in fields if f in _ORDER] + ["returned_at", "pk"]
        columns = [code_point_order(F(f)) if f == "child_name" else F(f)
                   for f in dict.fromkeys(order)]
        return rows.select_related("child").order_by(
            *(c.desc() if descending else c.asc() for c in columns))

    def _items(self, rows: QuerySet[MissingEpisode]) -> Iterator[DueItem]:
        """Each row's item, read a chunk at a time."""
        start, by_day = 0, dict[date, date]()
        while True:
            chunk = list(rows[start:start + _CHUNK])
            start += _CHUNK
            for e in chunk:
                assert e.returned_at is not None and e.child is not None
                day = timezone.localtime(e.returned_at).date()
                if day not in by_day or self.hourly:
                    by_day[day] = self._due_on(e.returned_at)
                yield due_item(self.today, kind="return_interview", title=self.title,
                               subject=str(e.child), due_on=by_day[day], reason=self.reason,
                               url=self.pattern.replace(str(_MARK), str(e.pk)))
            if len(chunk) < _CHUNK:
                return
