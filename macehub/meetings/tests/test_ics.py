"""The calendar invitation (RFC 5545) carries no personal data: calendars leave the
product's protection (issue "Outputs and disclosure": ".ics carrying no personal data")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from macehub.lib.site import DEVELOPMENT_SITE_URL, site_url
from macehub.meetings import ics, services
from macehub.meetings.models import Meeting
from macehub.meetings.tests.test_outputs import PAPERS_URLS, papers_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.urls(PAPERS_URLS)]


def _unfold(text: str) -> str:
    return text.replace("\r\n ", "")


def test_calendar_file_carries_no_child_or_attendee_names(
    personas: dict[str, Any], dudley: Any, client_as: Any,
) -> None:
    built = papers_meeting(personas, dudley, cases=2)
    meeting = built["meeting"]
    response = client_as(personas["panel_member"]).get(
        reverse("meetings:calendar", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    flat = _unfold(text)
    for case in built["cases"]:
        child = case.child
        for name in (child.first_name, child.last_name, str(child)):
            assert name not in flat and name not in text
    for user in personas.values():
        assert user.get_full_name() not in flat and user.email not in flat
    assert "Example" not in flat and "Tester" not in flat
    assert "SUMMARY:MACE meeting\\, Dudley Test Partnership" in flat
    assert "LOCATION:Council House\\, Priory Road" in flat
    assert f"/meetings/{meeting.pk}/" in flat
    assert "OFFICIAL-SENSITIVE" in flat


def test_calendar_file_is_rfc5545(personas: dict[str, Any], dudley: Any) -> None:
    meeting = papers_meeting(personas, dudley, cases=1)["meeting"]
    text = ics.calendar(meeting, now=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")  # every line ends CRLF
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    flat = _unfold(text)
    start = meeting.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    end = meeting.ends_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}\r\n" in flat and f"DTEND:{end}\r\n" in flat
    assert "DTSTAMP:20260102T030405Z\r\n" in flat
    for required in ("VERSION:2.0", "PRODID:", "BEGIN:VEVENT", "UID:", "END:VEVENT"):
        assert required in flat


def test_uid_is_stable_per_meeting_and_cancellation_updates_the_same_event(
    personas: dict[str, Any], dudley: Any,
) -> None:
    meeting = papers_meeting(personas, dudley, cases=1)["meeting"]
    first = _unfold(ics.calendar(meeting))
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=meeting.starts_at + timedelta(days=1), status=Meeting.Status.CANCELLED,
        version=meeting.version + 1)
    meeting.refresh_from_db()
    second = _unfold(ics.calendar(meeting))
    uid = f"UID:{ics.uid(meeting)}\r\n"
    assert uid in first and uid in second
    assert "STATUS:CANCELLED" in second and "METHOD:CANCEL" in second


def test_long_lines_fold_without_splitting_characters() -> None:
    line = "DESCRIPTION:" + "é" * 100
    folded = ics.fold(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert ics.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_outsiders_get_404_for_the_calendar_file(
    personas: dict[str, Any], dudley: Any, essex: Any, make_user: Any, client_as: Any,
) -> None:
    meeting = papers_meeting(personas, dudley, cases=1)["meeting"]
    url = reverse("meetings:calendar", args=[meeting.pk])
    essex_hub = make_user("essex_hub", essex, "hub_coordinator")
    assert client_as(essex_hub, essex).get(url).status_code == 404


LINKS_REFUSED = ("javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=",
                 "http://meet.example.org/abc", "ftp://meet.example.org/abc",
                 "JAVASCRIPT://meet.example.org/%0aalert(1)", "https://meet.example.org/a\rb",
                 "vbscript:msgbox(1)")


def test_online_meeting_links_are_https_only_in_forms_api_and_calendar(
    personas: dict[str, Any], dudley: Any, client_as: Any,
) -> None:
    """SECURITY S5: a link that people click must not run code or travel in the clear."""
    from macehub.api.tests.helpers import Api
    from macehub.meetings.forms import ScheduleForm

    built = papers_meeting(personas, dudley)
    hub, meeting = built["hub"], built["meeting"]
    when = (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0)
    api = Api("hub_coordinator")
    for link in LINKS_REFUSED:
        with pytest.raises(ValidationError):
            services.meeting_schedule(actor=hub, forum="mace", starts_at=when, minutes=60,
                                      online_link=link, area=meeting.area)
        response = api.post("/meetings", {"forum": "mace", "starts_at": when.isoformat(),
                                          "minutes": 60, "online_link": link,
                                          "area_id": meeting.area_id})
        assert response.status_code in (400, 422), (link, response.content)
        form = ScheduleForm({"online_link": link}, pack=dudley.policy, partnership=dudley)
        assert not form.is_valid() and "online_link" in form.errors, link
    good = services.meeting_schedule(actor=hub, forum="mace", starts_at=when, minutes=60,
                                     online_link="https://meet.example.org/abc",
                                     area=meeting.area)
    assert "Join online: https://meet.example.org/abc" in _unfold(ics.calendar(good))
    # A link held from before is left out of the calendar file and the page.
    Meeting.objects.filter(pk=meeting.pk).update(online_link="javascript:alert(1)")
    meeting.refresh_from_db()
    assert "javascript" not in _unfold(ics.calendar(meeting)).lower()
    page = client_as(personas["hub_coordinator"]).get(
        reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "javascript:" not in page


def test_calendar_links_start_with_site_url_when_it_is_set(
    personas: dict[str, Any], dudley: Any, client_as: Any, settings: Any,
) -> None:
    settings.SITE_URL = "https://macehub.example.org/"
    meeting = papers_meeting(personas, dudley, cases=1)["meeting"]
    flat = _unfold(client_as(personas["panel_member"]).get(
        reverse("meetings:calendar", args=[meeting.pk]), HTTP_HOST="localhost:8001",
    ).content.decode())
    assert f"URL:https://macehub.example.org/meetings/{meeting.pk}/\r\n" in flat
    assert "@macehub.example.org\r\n" in flat and "localhost" not in flat


def test_calendar_links_in_development_without_site_url_use_the_host_and_port_asked(
    personas: dict[str, Any], dudley: Any, client_as: Any, settings: Any,
) -> None:
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    meeting = papers_meeting(personas, dudley, cases=1)["meeting"]
    flat = _unfold(client_as(personas["panel_member"]).get(
        reverse("meetings:calendar", args=[meeting.pk]), HTTP_HOST="localhost:8001",
    ).content.decode())
    assert f"URL:http://localhost:8001/meetings/{meeting.pk}/\r\n" in flat
    assert f"papers: http://localhost:8001/meetings/{meeting.pk}/" in flat
    assert "@localhost\r\n" in flat and "127.0.0.1" not in flat


def test_links_made_without_a_request_and_without_site_url_use_the_development_server(
    settings: Any,
) -> None:
    settings.SITE_URL = ""
    assert site_url() == DEVELOPMENT_SITE_URL == "http://127.0.0.1:8000"
