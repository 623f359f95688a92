"""Police notifications through the API: the same importer, idempotent, row errors, and
the same permissions as the pages."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.api.tests.test_front_door_api import _client, _post
from macehub.missing.models import MissingEpisode

pytestmark = pytest.mark.django_db


def _note(ref: str, **extra: str) -> dict[str, str]:
    return {"force": "West Midlands Police", "police_reference": ref, "first_name": "Ivy",
            "last_name": "Example", "date_of_birth": "2012-03-04",
            "reported_at": "2026-01-05 21:00", "returned_at": "2026-01-06 07:00",
            "missing_from": "home", "risk_grade": "medium", **extra}


def test_batch_import_is_idempotent_and_lists_bad_rows(personas: dict[str, Any]) -> None:
    client, headers = _client("hub_coordinator")
    body = {"notifications": [_note("A"), _note("B", risk_grade="severe")]}
    first = _post(client, headers, "/api/v1/missing/notifications", body).json()
    assert (first["created"], first["errors"][0]["row"], first["errors"][0]["field"]) == (
        1, 2, "risk_grade")
    again = _post(client, headers, "/api/v1/missing/notifications", body).json()
    assert (again["created"], again["unchanged"]) == (0, 1)
    assert MissingEpisode.objects.count() == 1
    episode = MissingEpisode.objects.get()
    read = client.get(f"/api/v1/missing/episodes/{episode.pk}", headers=headers)
    assert read.status_code == 200 and read.json()["police_reference"] == "A"


def test_batch_import_is_refused_to_a_panel_member(personas: dict[str, Any]) -> None:
    client, headers = _client("panel_member")
    response = _post(client, headers, "/api/v1/missing/notifications",
                     {"notifications": [_note("A")]})
    assert response.status_code == 403 and not MissingEpisode.objects.exists()
