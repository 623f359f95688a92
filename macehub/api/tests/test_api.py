"""The API foundation: tokens bound to a role, the same permission layer, JSON errors."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from macehub.accounts.services import account_set_active

pytestmark = pytest.mark.django_db


def _token(username: str, *args: str) -> str:
    out = StringIO()
    call_command("create_api_token", username, *args, stdout=out)
    return out.getvalue().strip()


def test_whoami_with_a_token_names_user_partnership_agency_and_role(
    personas: dict[str, Any],
) -> None:
    token = _token("panel_member")
    response = Client().get("/api/v1/whoami", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "panel_member"
    assert body["partnership"] == "Dudley Test Partnership"
    assert body["agency"] == "Dudley Test Partnership Police"
    assert body["roles"] == ["panel_member"]
    assert body["marking"] == "OFFICIAL-SENSITIVE"


def test_no_token_or_a_wrong_token_gets_401_json() -> None:
    assert Client().get("/api/v1/whoami").status_code == 401
    response = Client().get("/api/v1/whoami", headers={"Authorization": "Bearer mh_nope"})
    assert response.status_code == 401
    assert "detail" in response.json()


def test_token_of_a_disabled_user_stops_working(personas: dict[str, Any]) -> None:
    token = _token("chair")
    account_set_active(user=personas["chair"], active=False, operator="ops", reason="left")
    response = Client().get("/api/v1/whoami", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_signed_in_browser_session_can_use_the_api(personas: dict[str, Any],
                                                   client_as: Any) -> None:
    response = client_as(personas["analyst"]).get("/api/v1/whoami")
    assert response.status_code == 200
    assert response.json()["roles"] == ["analyst"]


def test_password_only_session_cannot_use_the_api(personas: dict[str, Any]) -> None:
    client = Client()
    client.force_login(personas["analyst"])
    assert client.get("/api/v1/whoami").status_code == 401


def test_openapi_schema_is_published() -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/whoami" in response.json()["paths"]


def test_unknown_api_path_is_a_json_404(personas: dict[str, Any]) -> None:
    token = _token("chair")
    response = Client().get("/api/v1/nothing-here", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 404


def test_token_command_needs_a_single_role(personas: dict[str, Any], essex: Any,
                                           make_user: Any) -> None:
    from macehub.tests.factories import MembershipFactory

    MembershipFactory(user=personas["chair"], partnership=essex, role="analyst")
    with pytest.raises(CommandError, match="holds several roles"):
        _token("chair")
    assert _token("chair", "--partnership", "essex").startswith("mh_")
    with pytest.raises(CommandError, match="No active role"):
        _token("nobody")


def test_only_a_hash_of_the_token_is_stored(personas: dict[str, Any]) -> None:
    from macehub.accounts.models import ApiToken

    token = _token("chair")
    stored = ApiToken.objects.get()
    assert token not in (stored.digest, stored.prefix) and stored.digest != token


def test_openapi_schema_keeps_published_operation_ids_and_adds_the_page_actions() -> None:
    # Integrators use operation ids: those published before the routers moved into the
    # apps keep their ids; new ones name the app.
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    ids = {op["operationId"] for ops in paths.values() for op in ops.values()}
    assert {"macehub_api_core_whoami", "macehub_api_front_door_record_screening",
            "macehub_api_meetings_publish_agenda", "macehub_api_missing_read_episode",
            "macehub_meetings_hold_meeting", "macehub_cases_list_cases"} <= ids
    assert len(ids) == sum(len(ops) for ops in paths.values())
    assert "post" in paths["/api/v1/meetings/{meeting_id}/hold"]
    assert "put" in paths["/api/v1/missing/episodes/{episode_id}"]
