"""Kirklees' yearly reviews recorded as done (Kirklees MACE Process §8 v: "The terms of
reference will be reviewed annually"; §8 iii: "Membership shall be reviewed on an annual
basis"): recording a review (date, by whom, note) ends that year's reminder on the due
list, and the next year's follows on the pack's day; page and API, audited; bad input
changes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from macehub.audit.models import AuditEvent
from macehub.oversight.models import DutyReview
from macehub.oversight.periods import yearly_due
from macehub.oversight.services_duty import duty_review_record
from macehub.rules.due import due_items
from macehub.tests import factories as f

pytestmark = pytest.mark.django_db
TOR = "Terms of reference reviewed"


@pytest.fixture
def kirklees(make_partnership: Any) -> Any:
    return make_partnership("kirklees")


@pytest.fixture
def chair_user(kirklees: Any) -> Any:
    return f.user_with_role("kirklees-chair", kirklees, "chair")


def _reminded(actor: Any, today: date) -> dict[str, date]:
    return {i.title: i.due_on for i in due_items(actor, today=today)
            if i.kind == "oversight_duty"}


def test_a_review_recorded_as_done_ends_that_years_reminder_and_the_next_year_follows(
        kirklees: Any, chair_user: Any, actor_of: Any) -> None:
    # Kirklees §8 v: the terms of reference reviewed annually, due 31 March (the pack's
    # default day), reminded 30 days before.
    chair = actor_of(chair_user, kirklees)
    year = timezone.localdate().year
    due = yearly_due("03-31", year)
    assert _reminded(chair, due - timedelta(days=5))[TOR] == due
    duty_review_record(actor=chair, duty="tor_review", year=year,
                       done_on=min(due - timedelta(days=5), timezone.localdate()),
                       done_by="KSCP", note="Agreed with no changes")
    reminded = _reminded(chair, due - timedelta(days=5))
    assert TOR not in reminded
    # §8 iii, membership, is a duty of its own and is still due.
    assert reminded["MACE membership reviewed"] == due
    # The next year's review falls due on the same day, reminded as before.
    following = yearly_due("03-31", year + 1)
    assert _reminded(chair, following - timedelta(days=30))[TOR] == following
    event = AuditEvent.objects.get(action="duty.review_done")
    assert event.object_id == str(DutyReview.objects.for_actor(chair).get().pk)


def test_a_review_already_recorded_a_future_date_or_an_unknown_duty_is_refused(
        kirklees: Any, chair_user: Any, actor_of: Any) -> None:
    chair = actor_of(chair_user, kirklees)
    today = timezone.localdate()
    duty_review_record(actor=chair, duty="tor_review", year=today.year, done_on=today,
                       done_by="KSCP")
    for bad, message in (
            ({"duty": "tor_review", "done_on": today}, "already recorded as done"),
            ({"duty": "tor_review", "year": today.year + 1,
              "done_on": today + timedelta(days=1)}, "today or in the past"),
            ({"duty": "chair_quarterly_report", "done_on": today}, "yearly reviews"),
            ({"duty": "membership_review", "year": today.year - 5, "done_on": today},
             "Choose a year")):
        with pytest.raises(ValidationError, match=message):
            duty_review_record(actor=chair, **{"year": today.year, "done_by": "KSCP",
                                               **bad})
    assert DutyReview.objects.for_actor(chair).count() == 1


def test_the_yearly_reviews_page_records_a_review_from_the_due_list(
        kirklees: Any, chair_user: Any, actor_of: Any, client_as: Any,
        django_assert_max_num_queries: Any) -> None:
    client = client_as(chair_user, kirklees)
    today = timezone.localdate()
    url = reverse("oversight:duties")
    with django_assert_max_num_queries(12):
        page = client.get(url, {"duty": "membership_review", "year": today.year})
    assert page.status_code == 200
    assert "KSCP Exploitation Safeguarding Strategic Group" in page.content.decode()
    form = {"duty": "membership_review", "year": str(today.year),
            "done_on_day": str(today.day), "done_on_month": str(today.month),
            "done_on_year": str(today.year), "done_by": "Strategic group", "note": ""}
    bad = client.post(url, {**form, "done_by": ""})
    assert bad.status_code == 400 and "Enter who carried out the review" in bad.content.decode()
    assert not DutyReview.objects.for_actor(actor_of(chair_user, kirklees)).exists()
    done = client.post(url, form)
    assert done.status_code == 302, done.content.decode()
    [review] = DutyReview.objects.for_actor(actor_of(chair_user, kirklees))
    assert (review.duty, review.year, review.done_by) == ("membership_review", today.year,
                                                         "Strategic group")
    assert "Strategic group" in client.get(url).content.decode()


def test_the_api_lists_the_reviews_and_records_one_as_done(
        kirklees: Any, chair_user: Any, client_as: Any) -> None:
    client = client_as(chair_user, kirklees)
    today = timezone.localdate()
    body = {"duty": "tor_review", "year": today.year, "done_on": today.isoformat(),
            "done_by": "KSCP", "note": "No changes"}
    made = client.post("/api/v1/yearly-reviews", body, content_type="application/json")
    assert made.status_code == 201, made.content
    again = client.post("/api/v1/yearly-reviews", body, content_type="application/json")
    assert again.status_code == 422
    listed = {d["duty"]: d for d in client.get("/api/v1/yearly-reviews").json()}
    assert listed["tor_review"]["due_day"] == "03-31"
    assert [r["done_by"] for r in listed["tor_review"]["reviews"]] == ["KSCP"]
    assert listed["membership_review"]["reviews"] == []


def test_only_the_hub_and_chairs_record_reviews(kirklees: Any, actor_of: Any) -> None:
    analyst = actor_of(f.user_with_role("kirklees-analyst", kirklees, "analyst"), kirklees)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        duty_review_record(actor=analyst, duty="tor_review", year=timezone.localdate().year,
                           done_on=timezone.localdate(), done_by="KSCP")
