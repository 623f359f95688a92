"""Return interviews due, counted and paged in the database (macehub.missing.due_returns),
are exactly the items worked out one episode at a time: for every filter, sort and page,
across the clock changes, 29 February, children whose age changes inside the look-back,
and time limits in hours, whole days and working days.

Essex (000) §4.1: Missing Chats are offered to children aged 10-17 on return; the limit
is the pack's default of 72 hours (DfE statutory guidance, 2014); an episode leaves the
due list 28 days after the return (the pack's default look-back)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from operator import attrgetter
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from macehub.cases.due_list import DUE_SORTS, DueRows, due_filtered
from macehub.cases.models import DueEntry
from macehub.lib.listing import ordered
from macehub.lib.waiting import SOON
from macehub.missing.due_returns import ReturnsDue, returns_due
from macehub.missing.interviews import interview_offer, interview_respond
from macehub.missing.models import MissingEpisode, ReturnInterview
from macehub.missing.rules import interview_due_on
from macehub.missing.services import episode_record
from macehub.partnerships.tests.changed import changed_pack
from macehub.people.birth import years_before
from macehub.people.models import Child
from macehub.rules.due import DueItem, DueScope, due_sources

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
# Tuesday 30 March 2027, two days after the clocks go forward; the look-back reaches
# back to 2 March, so 29 February 2016 (ten in 2026) and 2009 dates sit near its edges.
NOW = datetime(2027, 3, 30, 10, 15, tzinfo=LONDON)
TODAY = NOW.date()
BIRTHS = [date(2013, 6, 1), date(2017, 3, 10), date(2017, 3, 20), date(2009, 3, 12),
          date(2009, 3, 25), date(2016, 2, 29), date(2009, 2, 28), date(2012, 1, 1)]


def _source(actor: Any, today: date = TODAY) -> ReturnsDue:
    found = returns_due(DueScope(actor, today))
    assert found is not None
    return found


def _reference(actor: Any) -> list[DueItem]:
    """Every episode's item worked out one by one, as the due list did before."""
    pack = actor.partnership.policy
    rule = pack.missing.return_interview
    since = timezone.now() - pack.due.returned_look_back.value.as_timedelta()
    done = ReturnInterview.objects.filter(kind="child", status__in=["completed", "declined"])
    items = []
    for e in MissingEpisode.objects.filter(returned_at__gte=since).exclude(
            interviews__in=done).select_related("child"):
        assert e.returned_at is not None and e.child is not None
        back = timezone.localtime(e.returned_at)
        if rule.offered_at(e.child.age_on(back.date())):
            due = interview_due_on(pack, e.returned_at)
            items.append((due, str(e.child), e.pk))
    return items  # type: ignore[return-value]


def _world(actor: Any) -> None:
    """Episodes returned every 19 hours over the look-back and beyond it, by children of
    each date of birth; one interview completed, one declined, one with a parent."""
    children = [Child.objects.create(partnership=actor.partnership, first_name=f"Ivy{i}",
                                     last_name="Example", date_of_birth=born)
                for i, born in enumerate(BIRTHS)]
    children.append(Child.objects.create(partnership=actor.partnership, first_name="Nia",
                                         last_name="Sample", date_of_birth=None,
                                         date_of_birth_precision="unknown"))
    back, n = NOW - timedelta(days=31), 0
    while back < NOW:
        child = children[n % len(children)]
        episode_record(actor=actor, child=child, force="Essex Police",
                       police_reference=f"R{n}", reported_at=back - timedelta(hours=4),
                       returned_at=back, missing_from="home", risk_grade="medium")
        back, n = back + timedelta(hours=19), n + 1
    offered = MissingEpisode.objects.filter(child=children[0]).order_by("returned_at")
    for kind, status, ep in (("child", "completed", offered[1]),
                             ("child", "declined", offered[2]), ("parent", "completed",
                                                                 offered[3])):
        iv = interview_offer(actor=actor, child=children[0], episodes=[ep], kind=kind,
                             offered_on=timezone.localtime(ep.returned_at).date(),
                             offered_by="Missing team")
        if status == "declined":
            interview_respond(actor=actor, interview=iv, accepted=False,
                              responded_on=iv.offered_on, version=iv.version)
        else:
            ReturnInterview.objects.filter(pk=iv.pk).update(status=status)


def _check(actor: Any, today: date = TODAY) -> None:
    source = _source(actor, today)
    expected = sorted((d, s, pk) for d, s, pk in _reference(actor))  # type: ignore[misc]
    every = source.every()
    assert sorted((i.due_on, i.subject, int(i.url.rstrip("/").split("/")[-1]))
                  for i in every) == expected
    for filters in ({}, {"when": "overdue"}, {"when": "soon"}, {"subject": "ivy3"},
                    {"when": "overdue", "subject": "Sample"}):
        wanted = due_filtered(every, filters)
        if filters.get("when") == "overdue":
            assert all(i.due_on < TODAY for i in wanted)
        if filters.get("when") == "soon":
            assert all(i.due_on <= TODAY + SOON for i in wanted)
        assert source.count(filters) == len(wanted), filters
        for key in DUE_SORTS:
            for sort in (key, f"-{key}"):
                rows = ordered(DueRows(DueEntry.objects.none(), [], today, [source],
                                       filters), DUE_SORTS, sort)
                pages = [item for start in range(0, len(rows), 7)
                         for item in rows[start:start + 7]]
                reference = ordered(wanted, DUE_SORTS, sort)
                fields = attrgetter(*DUE_SORTS[key])
                assert [fields(i) for i in pages] == [fields(i) for i in reference], sort


@pytest.fixture
def at_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


def test_essex_return_interviews_due_are_counted_and_paged_exactly(
        essex_hub: Any, at_now: None) -> None:
    _world(essex_hub)
    _check(essex_hub)


@pytest.mark.parametrize("limit", ["36 hours", "2 working days", "3 days"])
def test_return_interviews_due_are_exact_for_limits_in_hours_days_and_working_days(
        essex_hub: Any, at_now: None, monkeypatch: pytest.MonkeyPatch, limit: str) -> None:
    changed_pack(monkeypatch, "essex", lambda d: d["missing"]["return_interview"][
        "time_limit"].update(value=limit))
    _world(essex_hub)
    _check(essex_hub)


def test_return_interviews_due_read_one_page_of_rows_not_every_return(
        essex_hub: Any, at_now: None, django_assert_max_num_queries: Any) -> None:
    _world(essex_hub)
    source = _source(essex_hub)
    assert source.head(0, DUE_SORTS["due"], False, {}) == []
    with django_assert_max_num_queries(3):
        assert len(source.head(5, DUE_SORTS["due"], False, {})) >= 5
        assert source.count({"when": "overdue"}) > 0


def test_a_child_turning_ten_or_eighteen_inside_the_look_back_is_judged_on_the_return_day(
        essex_hub: Any, at_now: None) -> None:
    # Born 20 March 2017: nine on a return before 20 March 2027, ten from then. Born
    # 25 March 2009: seventeen before 25 March 2027, eighteen from then (Essex §4.1).
    _world(essex_hub)
    source = _source(essex_hub)
    by_child: dict[str, list[date]] = {}
    for item in source.every():
        by_child.setdefault(item.subject, []).append(item.due_on)
    ten = Child.objects.get(date_of_birth=date(2017, 3, 20))
    eighteen = Child.objects.get(date_of_birth=date(2009, 3, 25))
    assert min(by_child[str(ten)]) >= date(2027, 3, 20)
    assert max(by_child[str(eighteen)]) <= date(2027, 3, 25) + timedelta(days=3)
    assert str(Child.objects.get(date_of_birth=date(2017, 3, 10))) in by_child
    assert "Nia Sample" in by_child  # a child whose age is not known is offered one


def test_return_interviews_due_are_none_for_one_case_or_without_a_limit(
        essex_hub: Any, at_now: None, monkeypatch: pytest.MonkeyPatch) -> None:
    assert returns_due(DueScope(essex_hub, TODAY, case=object())) is None
    changed_pack(monkeypatch, "essex", lambda d: d["missing"]["return_interview"].pop(
        "time_limit"))
    assert not any(isinstance(s, ReturnsDue) for s in due_sources(essex_hub, today=TODAY))


def test_essex_age_on_the_day_of_return_decides_to_the_day_29_february_included(
        essex_hub: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # Essex (000) §4.1: offered at 10 to 17 on return. Children whose 10th or 18th
    # birthday is the day of return, or the day after; one born on 29 February 2008 is 17
    # on 28 February 2026 and 18 on 1 March.
    now = datetime(2026, 3, 10, 10, tzinfo=LONDON)
    monkeypatch.setattr(timezone, "now", lambda: now)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: now.date())
    days = [date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 9)]
    births = {date(2008, 2, 29), date(2016, 2, 29)}
    for day in days:
        for years in (10, 18):
            births |= {years_before(day, years), years_before(day, years) + timedelta(days=1)}
    children = [Child.objects.create(partnership=essex_hub.partnership, first_name=f"Ivy{i}",
                                     last_name="Example", date_of_birth=born)
                for i, born in enumerate(sorted(births))]
    for n, (day, child) in enumerate((d, c) for d in days for c in children):
        back = datetime.combine(day, time(0, 30) if n % 2 else time(23, 30), tzinfo=LONDON)
        episode_record(actor=essex_hub, child=child, force="Essex Police",
                       police_reference=f"B{n}", reported_at=back - timedelta(hours=4),
                       returned_at=back, missing_from="home", risk_grade="medium")
    offered = _source(essex_hub, now.date()).every()
    assert 0 < len(offered) < len(days) * len(children)
    _check(essex_hub, now.date())
