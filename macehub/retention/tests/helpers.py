"""Records of a given age, for retention tests: built through the services, then dated
back in the test body."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from macehub.access.actor import Actor
from macehub.cases.models import Case, ChronologyEntry
from macehub.concerns.models import Concern
from macehub.people.models import Child
from macehub.tests.factories import new_concern, open_case, years_ago


def ago(years: int, days: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(years_ago(years, days), datetime.min.time()))


def old_concern(referrer: Actor, years: int, days: int = 0) -> Concern:
    """A concern screened with no case, submitted `years` ago."""
    made = new_concern(referrer)
    Concern.objects.filter(pk=made.pk).update(status=Concern.Status.SCREENED,
                                              submitted_at=ago(years, days))
    made.refresh_from_db()
    return made


def closed_case(referrer: Actor, hub: Actor, born: date, closed_years_ago: int = 7) -> Case:
    """A closed case whose last entry is `closed_years_ago` years old, of a child born on
    `born`."""
    case = open_case(referrer, hub)
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED,
                                           opened_at=ago(closed_years_ago + 1))
    ChronologyEntry.objects.filter(case=case).update(at=ago(closed_years_ago))
    Child.objects.filter(pk=case.child_id).update(date_of_birth=born)
    case.refresh_from_db()
    return case


def days_before(day: date, n: int) -> date:
    return day - timedelta(days=n)


def child_fields(pk: int) -> dict[str, Any]:
    return Child.objects.values("first_name", "last_name", "known_as", "date_of_birth",
                                "address").get(pk=pk)
