"""Changing some of a case's details through the API (PATCH), as the case details page
does: the same service, the version checked (409 when stale), the fields left out kept."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.api.tests.helpers import Api
from macehub.cases.models import Case
from macehub.meetings.tests.test_outputs import make_case

pytestmark = pytest.mark.django_db


def test_a_patch_changes_only_the_fields_given_and_a_stale_version_is_a_conflict(
        personas: dict[str, Any], actor_of: Any, outsider: Api) -> None:
    case = make_case(actor_of(personas["hub_coordinator"]), "Rowan")
    types = list(case.exploitation_types)
    api = Api("hub_coordinator")
    changed = api.patch(f"/cases/{case.pk}", {"lead_professional": "A Worker",
                                              "version": case.version})
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert body["lead_professional"] == "A Worker" and body["exploitation_types"] == types
    assert body["version"] == case.version + 1
    # The version read before the change is stale now: refused, nothing changed.
    stale = api.patch(f"/cases/{case.pk}", {"lead_professional": "Someone Else",
                                            "version": case.version})
    assert stale.status_code == 409
    assert Case.objects.get(pk=case.pk).lead_professional == "A Worker"
    # The service's own checks answer as on the page.
    bad = api.patch(f"/cases/{case.pk}", {"exploitation_types": ["not-a-type"],
                                          "version": body["version"]})
    assert bad.status_code == 422
    assert Api("panel_member").patch(f"/cases/{case.pk}", {"version": 1}).status_code == 403
    assert outsider.patch(f"/cases/{case.pk}", {"version": 1}).status_code == 404
