"""The home page: the work waiting for each role, as counts that link to filtered lists,
with what needs attention now at the top as alerts. Counts follow need to know: they
count only what the person's lists would show them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from macehub.meetings.lists import this_week
from macehub.meetings.models import Action, Disclosure
from macehub.missing.models import ImportRun, ImportStatus
from macehub.tests import factories as f

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _rows(page: str) -> dict[str, str]:
    """Each 'Work waiting' row's label and count, read from the summary list."""
    import html
    import re

    found = re.findall(r'summary-list__key">([^<]+)</dt>\s*<dd class="govuk-summary-list__value">'
                       r"(?:<strong[^>]*>)?(\d+)", page)
    return {html.unescape(label): count for label, count in found}


def _home(client_as: Any, user: Any) -> str:
    response = client_as(user).get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_coordinator_home_counts_concerns_to_screen_and_links_the_queue(
        personas: dict[str, Any], actor_of: Any, client_as: Any) -> None:
    referrer = actor_of(personas["referrer"])
    f.new_concern(referrer)
    f.new_concern(referrer, child_details={"first_name": "Sky", "last_name": "Sample",
                                           "date_of_birth": f.years_ago(13), "known_as": []})
    page = _home(client_as, personas["hub_coordinator"])
    assert _rows(page)["Concerns waiting for screening"] == "2"
    assert 'href="/concerns/queue/"' in page


def test_referrer_home_counts_only_their_own_concerns_not_yet_screened(
        personas: dict[str, Any], actor_of: Any, client_as: Any, make_user: Any,
        dudley: Any) -> None:
    f.new_concern(actor_of(personas["referrer"]))
    other = make_user("other_referrer", dudley, "referrer", "education")
    f.new_concern(actor_of(other))
    f.new_concern(actor_of(other))
    rows = _rows(_home(client_as, personas["referrer"]))
    assert rows == {"Your concerns not yet screened": "1"}


def test_home_counts_only_the_partnerships_own_records(
        personas: dict[str, Any], actor_of: Any, client_as: Any, essex: Any) -> None:
    outsider = f.user_with_role("essex_referrer", essex, "referrer", "education")
    f.new_concern(f.actor(outsider, essex))
    assert _rows(_home(client_as, personas["hub_coordinator"]))[
        "Concerns waiting for screening"] == "0"


def test_panel_member_home_counts_their_agencys_open_and_overdue_actions(
        personas: dict[str, Any], actor_of: Any, client_as: Any, dudley: Any) -> None:
    hub = actor_of(personas["hub_coordinator"])
    meeting = f.published_meeting(personas, dudley)
    item = meeting.items.first()
    f.action(hub, meeting, item, "police")
    late = f.action(hub, meeting, item, "police")
    Action.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    f.action(hub, meeting, item, "health")
    page = _home(client_as, personas["panel_member"])  # the police panel member
    rows = _rows(page)
    assert rows["Your agency's open actions"] == "2"
    assert rows["Your agency's open actions that are overdue"] == "1"
    assert "Needs attention" in page and 'href="/meetings/actions/?show=overdue"' in page
    hub_rows = _rows(_home(client_as, personas["hub_coordinator"]))
    assert hub_rows["Open actions"] == "3"


def test_chair_home_counts_share_requests_made_by_others_awaiting_the_chair(
        personas: dict[str, Any], client_as: Any, dudley: Any) -> None:
    # A chair does not decide a request they made (SECURITY S16: disclosure decisions).
    meeting = f.published_meeting(personas, dudley)
    for by in (personas["hub_coordinator"], personas["hub_coordinator"], personas["chair"]):
        Disclosure.objects.create(meeting=meeting, partnership=dudley, requested_by=by,
                                  recipient="Youth Justice Service", purpose="Planning",
                                  document=Disclosure.Document.MINUTES,
                                  requested_at=timezone.now())
    page = _home(client_as, personas["chair"])
    assert _rows(page)["Requests to share papers awaiting your decision"] == "2"
    listing = client_as(personas["chair"]).get("/meetings/disclosures/?status=requested")
    assert listing.status_code == 200
    assert "Showing requests awaiting the chair" in listing.content.decode()


def test_home_shows_meetings_this_week_for_those_who_attend_them(
        personas: dict[str, Any], actor_of: Any, client_as: Any) -> None:
    hub = actor_of(personas["hub_coordinator"])
    start, end = this_week()
    f.schedule(hub, when=start + timedelta(hours=10))
    f.schedule(hub, when=end + timedelta(hours=10))
    rows = _rows(_home(client_as, personas["hub_coordinator"]))
    assert rows["Meetings this week"] == "1"
    listing = client_as(personas["hub_coordinator"]).get("/meetings/?when=week")
    assert listing.status_code == 200


@pytest.mark.parametrize(("today", "hours"), [
    (date(2026, 3, 25), 167),  # clocks go forward on Sunday 29 March 2026
    (date(2026, 10, 21), 169),  # clocks go back on Sunday 25 October 2026
    (date(2028, 2, 29), 168),  # a leap day, in an ordinary week
])
def test_this_week_runs_monday_to_monday_in_uk_time_across_clock_changes(
        today: date, hours: int) -> None:
    start, end = this_week(today)
    assert start.astimezone(LONDON).weekday() == 0 and start.astimezone(LONDON).hour == 0
    assert end.astimezone(LONDON) == datetime.combine(
        start.astimezone(LONDON).date() + timedelta(days=7), datetime.min.time(), LONDON)
    # Same-zone aware datetimes subtract as wall times: compare the instants in UTC.
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=hours)


def test_coordinator_home_counts_imports_with_problems_and_the_import_page_filters_them(
        personas: dict[str, Any], client_as: Any, dudley: Any) -> None:
    now = timezone.now()
    ok = dict(partnership=dudley, via="page", started_at=now, status=ImportStatus.DONE)
    ImportRun.objects.create(**ok)
    ImportRun.objects.create(**ok, errors=[{"row": 3, "field": "reported_at",
                                            "reason": "Enter a date and time"}])
    ImportRun.objects.create(**{**ok, "status": ImportStatus.FAILED})
    ImportRun.objects.create(**{**ok, "started_at": now - timedelta(days=31)},
                             errors=[{"row": 2, "field": "", "reason": "x"}])
    assert _rows(_home(client_as, personas["hub_coordinator"]))[
        "Imports with problems in the last 30 days"] == "2"
    page = client_as(personas["hub_coordinator"]).get("/missing/import/?problems=1")
    text = page.content.decode()
    assert page.status_code == 200 and text.count('href="/missing/import/') >= 2
    assert "Upload on the import page" in text


def test_admin_home_counts_role_requests_made_by_another_admin(
        personas: dict[str, Any], client_as: Any, dudley: Any, make_user: Any) -> None:
    from macehub.accounts.models import RoleGrant

    second = make_user("second_admin", dudley, "partnership_admin")
    target = make_user("new_starter", dudley, "referrer", "education")
    RoleGrant.objects.create(user=target, partnership=dudley, role="hub_coordinator",
                             requested_by=second)
    RoleGrant.objects.create(user=target, partnership=dudley, role="chair",
                             requested_by=personas["partnership_admin"])
    assert _rows(_home(client_as, personas["partnership_admin"]))[
        "Role requests waiting for your approval"] == "1"


@pytest.mark.parametrize("role", ["hub_coordinator", "chair", "panel_member", "referrer",
                                  "partnership_admin", "analyst", "auditor"])
def test_home_page_queries_do_not_grow_with_the_waiting_work(
        role: str, personas: dict[str, Any], actor_of: Any, client_as: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    referrer, hub = actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"])
    client = client_as(personas[role])
    f.open_case(referrer, hub)
    f.new_concern(referrer)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/").status_code == 200
    for n in range(4):
        f.open_case(referrer, hub, child_details={
            "first_name": f"Case{n}", "last_name": "Sample", "date_of_birth": f.years_ago(14),
            "known_as": []})
        f.new_concern(referrer)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/").status_code == 200
    assert len(many) == len(few)
    # Every count is read in one statement; the hub's and chairs' due work besides reads
    # the few items worked out on each view (concerns, meetings, triggers, reports).
    assert len(many) <= 10


def test_the_api_gives_the_same_waiting_work_as_the_home_page(
        personas: dict[str, Any], actor_of: Any, client_as: Any) -> None:
    f.new_concern(actor_of(personas["referrer"]))
    client = client_as(personas["hub_coordinator"])
    answer = client.get("/api/v1/waiting")
    assert answer.status_code == 200
    found = {w["label"]: w for w in answer.json()["items"]} if isinstance(
        answer.json(), dict) else {w["label"]: w for w in answer.json()}
    assert found["Concerns waiting for screening"]["count"] == 1
    assert found["Concerns waiting for screening"]["url"] == "/concerns/queue/"
    assert _rows(_home(client_as, personas["hub_coordinator"])) == {
        label: str(w["count"]) for label, w in found.items()}
