"""Separation of duties for roles and accounts (SECURITY S9).

A partnership admin could grant themselves hub coordinator and read every child, with no
second person involved, and read the access log that showed it; and one partnership's
admin could disable a person shared with another partnership everywhere."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from macehub.access import reach
from macehub.access.roles import Role
from macehub.accounts.grants import roles_reaching_case_data
from macehub.accounts.models import Membership, RoleGrant, User
from macehub.api.tests.helpers import Api
from macehub.audit.models import AuditEvent
from macehub.partnerships.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_admin(dudley: Any, make_user: Any) -> User:
    return make_user("second-admin", dudley, "partnership_admin")  # type: ignore[no-any-return]


def test_no_one_grants_themselves_a_role(personas: dict[str, Any], client_as: Any) -> None:
    me = personas["partnership_admin"]
    admin = client_as(me)
    for role in ("hub_coordinator", "auditor"):
        response = admin.post(reverse("accounts:role_add", args=[me.pk]), {"role": role})
        assert response.status_code == 400
        assert b"You cannot give yourself a role" in response.content
    assert list(Membership.objects.filter(user=me).values_list("role", flat=True)) == [
        "partnership_admin"]
    assert not RoleGrant.objects.filter(user=me).exists()


def test_roles_that_reach_case_data_are_read_from_the_need_to_know_registry() -> None:
    reaching = roles_reaching_case_data()
    assert {Role.HUB_COORDINATOR, Role.CHAIR, Role.PANEL_MEMBER} <= reaching
    assert not reaching & {Role.REFERRER, Role.PARTNERSHIP_ADMIN, Role.AUDITOR}
    # A grant added to the registry is covered at once, with no list to keep in step.
    reach.grant("cases.Case", name="A test role reaching cases", roles=[Role.AUDITOR])
    try:
        assert Role.AUDITOR in roles_reaching_case_data()
    finally:
        reach._GRANTS["cases.Case"] = [g for g in reach._GRANTS["cases.Case"]
                                       if g.name != "A test role reaching cases"]


def test_a_role_reaching_case_data_starts_only_when_a_second_admin_approves(
        personas: dict[str, Any], client_as: Any, second_admin: User) -> None:
    analyst = personas["analyst"]
    first = client_as(personas["partnership_admin"])
    first.post(reverse("accounts:role_add", args=[analyst.pk]), {"role": "hub_coordinator"})
    assert not Membership.objects.filter(user=analyst, role="hub_coordinator").exists()
    grant = RoleGrant.objects.get(user=analyst, role="hub_coordinator", status="pending")
    assert str(analyst) in first.get(reverse("accounts:grants")).content.decode()
    # The admin who asked cannot approve their own request.
    first.post(reverse("accounts:grant_decide", args=[grant.pk]), {"decision": "approve"})
    grant.refresh_from_db()
    assert grant.status == "pending"
    client_as(second_admin).post(reverse("accounts:grant_decide", args=[grant.pk]),
                                 {"decision": "approve"})
    grant.refresh_from_db()
    assert grant.status == "approved" and grant.decided_by == second_admin
    assert Membership.objects.get(user=analyst, role="hub_coordinator").is_active
    actions = set(AuditEvent.objects.filter(object_id=str(grant.pk),
                                            object_type="accounts.rolegrant")
                  .values_list("action", flat=True))
    assert actions == {"role_grant.request", "role_grant.approve"}


def test_a_refused_role_never_starts(personas: dict[str, Any], client_as: Any,
                                     second_admin: User) -> None:
    analyst = personas["analyst"]
    client_as(personas["partnership_admin"]).post(
        reverse("accounts:role_add", args=[analyst.pk]), {"role": "chair"})
    grant = RoleGrant.objects.get(user=analyst, role="chair")
    client_as(second_admin).post(reverse("accounts:grant_decide", args=[grant.pk]),
                                 {"decision": "refuse"})
    grant.refresh_from_db()
    assert grant.status == "refused"
    assert not Membership.objects.filter(user=analyst, role="chair").exists()
    assert AuditEvent.objects.filter(action="role_grant.refuse",
                                     object_id=str(grant.pk)).exists()


def test_an_admin_cannot_approve_a_role_for_themselves(
        personas: dict[str, Any], client_as: Any, second_admin: User) -> None:
    me = personas["partnership_admin"]
    grant = RoleGrant.objects.create(user=me, partnership=second_admin.memberships.get()
                                     .partnership, role="hub_coordinator",
                                     requested_by=second_admin)
    client_as(me).post(reverse("accounts:grant_decide", args=[grant.pk]),
                       {"decision": "approve"})
    grant.refresh_from_db()
    assert grant.status == "pending"
    assert not Membership.objects.filter(user=me, role="hub_coordinator").exists()


def test_only_the_auditor_reads_the_access_log(personas: dict[str, Any],
                                               client_as: Any) -> None:
    assert client_as(personas["partnership_admin"]).get(reverse("audit:log")).status_code \
        == 403
    assert client_as(personas["auditor"]).get(reverse("audit:log")).status_code == 200


def test_privileged_grants_waiting_and_approved_appear_on_the_auditors_home_page(
        personas: dict[str, Any], client_as: Any, second_admin: User, dudley: Any) -> None:
    admin = personas["partnership_admin"]
    for username, status in (("Waiting", "pending"), ("Approved", "approved"),
                             ("Refused", "refused")):
        user = User.objects.create_user(username=username.lower(), first_name=username,
                                        last_name="Person", email=f"{username}@example.org")
        RoleGrant.objects.create(user=user, partnership=dudley, role="chair", status=status,
                                 requested_by=admin, decided_by=second_admin)
    page = client_as(personas["auditor"]).get(reverse("home")).content.decode()
    assert "Waiting Person" in page and "Approved Person" in page
    assert "Refused Person" not in page
    assert "Waiting Person" not in client_as(personas["chair"]).get(
        reverse("home")).content.decode()


def test_role_approvals_through_the_api(personas: dict[str, Any], second_admin: User,
                                        essex: Any, make_user: Any) -> None:
    analyst = personas["analyst"]
    asked = Api("partnership_admin").post(f"/users/{analyst.pk}/roles",
                                          {"role": "hub_coordinator"})
    assert asked.status_code == 202 and asked.json()["status"] == "pending"
    grant_id = asked.json()["id"]
    assert Api("partnership_admin").post(f"/role-approvals/{grant_id}/approve").status_code \
        == 422
    make_user("essex-admin", essex, "partnership_admin")
    assert Api("essex-admin").post(f"/role-approvals/{grant_id}/approve").status_code == 404
    assert Api("essex-admin").get("/role-approvals").json() == []
    assert Api("hub_coordinator").get("/role-approvals").status_code == 403
    second = Api("second-admin")
    assert [g["id"] for g in second.get("/role-approvals").json()] == [grant_id]
    approved = second.post(f"/role-approvals/{grant_id}/approve")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert Membership.objects.get(user=analyst, role="hub_coordinator").is_active


def test_one_partnerships_admin_cannot_disable_a_shared_user_everywhere(
        personas: dict[str, Any], client_as: Any, essex: Any) -> None:
    shared = personas["analyst"]
    Membership.objects.create(user=shared, partnership=essex, role="analyst")
    with pytest.raises(NoReverseMatch):
        reverse("accounts:user_active", args=[shared.pk])
    admin = client_as(personas["partnership_admin"])
    admin.post(reverse("accounts:user_remove", args=[shared.pk]))
    shared.refresh_from_db()
    assert shared.is_active
    assert not Membership.objects.get(user=shared, partnership__slug="dudley").is_active
    assert Membership.objects.get(user=shared, partnership=essex).is_active
    assert Api("partnership_admin").post(f"/users/{shared.pk}/active",
                                         {"active": False}).status_code == 404


def test_disabling_an_account_is_a_platform_action_audited_in_every_partnership(
        personas: dict[str, Any], essex: Any, dudley: Any) -> None:
    shared = personas["analyst"]
    Membership.objects.create(user=shared, partnership=essex, role="analyst",
                              agency=Agency.objects.filter(partnership=essex).first())
    call_command("set_account_active", shared.username, operator="Service desk",
                 reason="Left the council", stdout=StringIO())
    shared.refresh_from_db()
    assert not shared.is_active
    audited = set(AuditEvent.objects.filter(action="user.disable", object_id=str(shared.pk))
                  .values_list("partnership_id", flat=True))
    assert audited == {dudley.pk, essex.pk}
