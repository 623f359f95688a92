"""A partnership admin's set-up through the API, one operation per page action: agencies,
areas, users and their roles. Each: the happy path, a role refused, and an outsider's
404 (another partnership's admin)."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.accounts.models import Membership, User
from macehub.api.tests.helpers import Api
from macehub.partnerships.models import Agency, Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider_admin(essex: Any, make_user: Any) -> Api:
    make_user("essex-admin", essex, "partnership_admin")
    return Api("essex-admin")


def test_agencies_are_listed_created_and_changed(personas: dict[str, Any], dudley: Any,
                                                 outsider_admin: Api) -> None:
    admin = Api("partnership_admin")
    before = len(admin.get("/agencies").json())
    made = admin.post("/agencies", {"name": "Dudley Housing", "type": "housing"})
    assert made.status_code == 201, made.content
    assert len(admin.get("/agencies").json()) == before + 1
    agency = made.json()
    assert admin.post("/agencies", {"name": "dudley housing",
                                    "type": "housing"}).status_code == 422
    changed = admin.put(f"/agencies/{agency['id']}", {
        "name": "Dudley Homes", "type": "housing", "version": agency["version"]})
    assert changed.status_code == 200 and changed.json()["name"] == "Dudley Homes"
    assert Api("hub_coordinator").post("/agencies", {"name": "X",
                                                     "type": "housing"}).status_code == 403
    assert outsider_admin.put(f"/agencies/{agency['id']}", {
        "name": "Mine now", "type": "housing"}).status_code == 404
    assert Agency.objects.get(pk=agency["id"]).name == "Dudley Homes"


def test_areas_are_listed_created_and_changed(personas: dict[str, Any], dudley: Any,
                                              outsider_admin: Api) -> None:
    admin = Api("partnership_admin")
    made = admin.post("/areas", {"name": "North Ward", "kind": "district"})
    assert made.status_code == 201, made.content
    area = made.json()
    assert any(a["id"] == area["id"] for a in admin.get("/areas").json())
    changed = admin.put(f"/areas/{area['id']}", {"name": "North", "kind": "district",
                                                 "version": area["version"]})
    assert changed.status_code == 200 and changed.json()["name"] == "North"
    assert Api("chair").post("/areas", {"name": "X"}).status_code == 403
    assert outsider_admin.put(f"/areas/{area['id']}", {"name": "Y"}).status_code == 404
    assert all(a["id"] != area["id"] for a in outsider_admin.get("/areas").json())
    assert Area.objects.get(pk=area["id"]).name == "North"


def test_users_are_created_given_roles_and_disabled(personas: dict[str, Any], dudley: Any,
                                                    outsider_admin: Api) -> None:
    admin = Api("partnership_admin")
    police = Agency.objects.get(partnership=dudley, type="police")
    made = admin.post("/users", {"email": "new-panel@example.org",
                                 "first_name": "New", "last_name": "Panel",
                                 "role": "panel_member", "agency_id": police.pk})
    assert made.status_code == 201, made.content
    user_id = User.objects.get(email="new-panel@example.org").pk
    assert "password" not in made.content.decode()
    assert admin.get("/users").json()["count"] == User.objects.filter(
        memberships__partnership=dudley).distinct().count() + 1  # waiting for approval
    added = admin.post(f"/users/{user_id}/roles", {"role": "auditor"})
    assert added.status_code == 201 and len(added.json()["roles"]) == 1
    role_id = next(r["id"] for r in added.json()["roles"] if r["role"] == "auditor")
    ended = admin.post(f"/users/{user_id}/roles/{role_id}/end")
    assert ended.status_code == 200
    assert not Membership.objects.get(pk=role_id).is_active
    hub = Api("hub_coordinator")
    assert hub.get("/users").status_code == 403
    assert hub.post(f"/users/{user_id}/remove", {}).status_code == 403
    for url, body in [(f"/users/{user_id}/roles", {"role": "analyst"}),
                      (f"/users/{user_id}/roles/{role_id}/end", {}),
                      (f"/users/{user_id}/remove", {})]:
        assert outsider_admin.post(url, body).status_code == 404
    assert outsider_admin.get(f"/users/{user_id}").status_code == 404
    removed = admin.post(f"/users/{user_id}/remove", {})
    assert removed.status_code == 200
    assert not any(r["is_active"] for r in removed.json()["roles"])
    assert User.objects.get(pk=user_id).is_active  # the account itself is not the admin's
