"""Bad input never causes a server error (SECURITY S5): non-numeric or oversized ids,
bad agenda operations and characters the database cannot store answer 400 with a clear
message; a stale API edit answers 409 Conflict."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from macehub.api.tests.helpers import Api
from macehub.meetings.models import AgendaItem, Meeting
from macehub.meetings.tests.test_outputs import PAPERS_URLS, papers_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.urls(PAPERS_URLS)]

HUGE = "9" * 30


def test_non_numeric_ids_and_bad_agenda_operations_answer_400(
    personas: dict[str, Any], dudley: Any, client_as: Any,
) -> None:
    built = papers_meeting(personas, dudley)
    meeting = built["meeting"]
    hub = client_as(personas["hub_coordinator"])
    invitation = meeting.invitations.first()
    register = reverse("meetings:register_row", args=[meeting.pk, invitation.pk])
    for bad in ("abc", "1.5", "-1", HUGE, "1 OR 1=1"):
        response = hub.post(register, {"attendance": "present", "version": bad})
        assert response.status_code == 400, (bad, response.status_code)
    item = AgendaItem.objects.filter(meeting=meeting).first()
    assert item is not None
    for name in ("agenda_item_up", "agenda_item_down", "agenda_item_drop"):
        url = reverse(f"meetings:{name}", args=[meeting.pk, item.pk])
        for version in ("abc", HUGE, ""):
            response = hub.post(url, {"version": version})
            assert response.status_code == 400, (name, version, response.status_code)
    response = hub.post(reverse("meetings:agenda_item_add", args=[meeting.pk]),
                        {"version": HUGE, "title": "Theme", "kind": "theme"})
    assert response.status_code == 400
    api = Api("hub_coordinator")
    for path in (f"/meetings/{meeting.pk}/agenda/items/{HUGE}/move",
                 f"/meetings/{meeting.pk}/agenda/items/{item.pk}/move"):
        for body in ({"up": True, "version": int(HUGE)}, {"up": "sideways", "version": 1}):
            response = api.post(path, body)
            assert 400 <= response.status_code < 500, (path, body, response.content)
    assert api.get(f"/meetings/{HUGE}").status_code in (400, 404)
    assert hub.get(f"/meetings/{HUGE}/").status_code in (400, 404)


def test_a_stale_api_edit_answers_409_and_a_page_shows_it(
    personas: dict[str, Any], dudley: Any, client_as: Any,
) -> None:
    meeting = papers_meeting(personas, dudley)["meeting"]
    item = AgendaItem.objects.filter(meeting=meeting).first()
    assert item is not None
    stale = meeting.version - 1
    response = Api("hub_coordinator").post(
        f"/meetings/{meeting.pk}/agenda/items/{item.pk}/move", {"up": False, "version": stale})
    assert response.status_code == 409
    assert "Someone else changed" in str(response.json()["detail"])
    page = client_as(personas["hub_coordinator"]).post(
        reverse("meetings:agenda_item_down", args=[meeting.pk, item.pk]), {"version": stale})
    assert page.status_code == 400 and "Someone else changed" in page.content.decode()


def test_every_stale_edit_is_raised_as_a_stale_edit() -> None:
    """The API tells a stale edit (409) from invalid input (422) by its class: no service
    raises the "someone else changed" refusal as a plain ValidationError."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    plain = re.compile(r"ValidationError\(\s*(\"Someone|STALE\))")
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if "tests" not in p.parts and plain.search(p.read_text())]
    assert offenders == []


@pytest.mark.postgres
def test_nul_bytes_answer_400_on_postgresql(
    personas: dict[str, Any], dudley: Any, client_as: Any,
) -> None:
    """PostgreSQL cannot store a NUL character in text: a NUL anywhere in a page's or the
    API's input is refused with 400, never a server error."""
    assert connection.vendor == "postgresql", "run in the PostgreSQL stage"
    built = papers_meeting(personas, dudley)
    meeting = built["meeting"]
    hub = client_as(personas["hub_coordinator"])
    response = hub.post(reverse("meetings:agenda_item_add", args=[meeting.pk]),
                        {"version": str(meeting.version), "title": "Theme\x00", "kind": "theme"})
    assert response.status_code == 400
    response = hub.post(reverse("meetings:disclosure_new", args=[meeting.pk]),
                        {"document": "agenda", "recipient": "School\x00", "purpose": "Plan"})
    assert response.status_code == 400
    assert hub.get(reverse("meetings:list"), {"when": "x\x00"}).status_code == 400
    api = Api("hub_coordinator")
    response = api.post(f"/meetings/{meeting.pk}/agenda/items",
                        {"title": "Theme\u0000", "kind": "theme", "version": meeting.version})
    assert response.status_code == 400
    assert Meeting.objects.get(pk=meeting.pk).version == meeting.version
