"""The confidentiality agreement is part of the need to know: an invited panel member
reaches a meeting's cases only once they have agreed the meeting's confidentiality
statement, on every road to the case (page, API, lists, agenda item, papers)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from macehub.meetings import services
from macehub.meetings.conduct import confidentiality_agree
from macehub.meetings.models import Meeting
from macehub.tests.factories import open_case, published_meeting, schedule
from macehub.tests.papers import download_papers

pytestmark = pytest.mark.django_db


def _roads(client: Any, meeting: Meeting, case: Any) -> dict[str, tuple[int, str]]:
    item = meeting.items.get(case=case)
    urls = {"case page": f"/cases/{case.pk}/", "case API": f"/api/v1/cases/{case.pk}",
            "case list": "/cases/", "case list API": "/api/v1/cases",
            "agenda item": f"/meetings/{meeting.pk}/items/{item.pk}/",
            "agenda": f"/meetings/{meeting.pk}/",
            "papers PDF": f"/meetings/{meeting.pk}/papers/agenda.pdf"}
    out = {}
    for road, url in urls.items():
        # The papers are asked for, prepared in the background, then downloaded.
        response = download_papers(client, meeting.pk) if road == "papers PDF" \
            else client.get(url)
        body = b"" if road == "papers PDF" else response.content
        out[road] = (response.status_code, body.decode(errors="replace"))
    return out


def test_the_confidentiality_agreement_gates_every_road_to_the_meetings_cases(
        personas: dict[str, Any], dudley: Any, client_as: Any, actor_of: Any) -> None:
    # Dudley ToR (003) §MACE Confidentiality: every member agrees the confidentiality
    # statement for each meeting; until then no case of the meeting is theirs to read.
    meeting = published_meeting(personas, dudley)
    case = meeting.items.exclude(case=None).first().case
    name = case.child.last_name
    police = client_as(personas["panel_member"])
    before = _roads(police, meeting, case)
    assert before["case page"][0] == 404 and before["case API"][0] == 404
    assert before["agenda item"][0] in (200, 404) and before["papers PDF"][0] != 200
    for road, (_status, body) in before.items():
        assert name not in body, road
    assert case.pk not in [c["id"] for c in police.get("/api/v1/cases").json()["items"]]
    confidentiality_agree(actor=actor_of(personas["panel_member"]), meeting=meeting)
    after = _roads(police, meeting, case)
    assert after["case page"][0] == 200 and name in after["case page"][1]
    assert after["case API"][0] == 200 and after["papers PDF"][0] == 200
    assert name in after["case list"][1] and name in after["agenda item"][1]


def test_a_case_stays_reachable_through_an_earlier_meeting_agreed_while_its_window_is_open(
        personas: dict[str, Any], dudley: Any, client_as: Any, actor_of: Any) -> None:
    # Dudley ToR (003) §MACE Confidentiality: the agreement is per meeting; an agreement
    # given for one meeting opens that meeting's cases for its own window only.
    hub = actor_of(personas["hub_coordinator"])
    case = open_case(actor_of(personas["referrer"]), hub)
    first = published_meeting(personas, dudley, case)
    police = actor_of(personas["panel_member"])
    confidentiality_agree(actor=police, meeting=first)
    client = client_as(personas["panel_member"])
    assert client.get(f"/cases/{case.pk}/").status_code == 200
    second = schedule(hub, chair=personas["chair"], when=timezone.now() + timedelta(days=20))
    services.agenda_item_add(actor=hub, meeting=second, case=case, version=second.version,
                             title="Review", kind="review")
    second.refresh_from_db()
    services.agenda_publish(actor=hub, meeting=second, version=second.version)
    assert client.get(f"/cases/{case.pk}/").status_code == 200  # through the first
    Meeting.objects.filter(pk=first.pk).update(
        starts_at=timezone.now() - timedelta(days=16),
        ends_at=timezone.now() - timedelta(days=15))
    assert client.get(f"/cases/{case.pk}/").status_code == 404  # second not agreed yet
    confidentiality_agree(actor=police, meeting=Meeting.objects.get(pk=second.pk))
    assert client.get(f"/cases/{case.pk}/").status_code == 200
