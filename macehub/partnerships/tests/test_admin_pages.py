"""A partnership admin manages agencies, areas and users of their own partnership only."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from macehub.accounts.models import Membership, RoleGrant, User
from macehub.audit.models import AuditEvent
from macehub.partnerships.models import Agency, Area
from macehub.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(personas: dict[str, Any], client_as: Any) -> Any:
    return client_as(personas["partnership_admin"])


def test_admin_adds_an_agency(admin: Any, dudley: Any) -> None:
    response = admin.post(reverse("partnerships:agency_new"),
                          {"name": "Dudley Fire Service", "type": "other", "is_active": "on"})
    assert response.status_code == 302
    assert Agency.objects.filter(partnership=dudley, name="Dudley Fire Service").exists()


def test_duplicate_agency_name_is_refused_and_nothing_changes(admin: Any, dudley: Any) -> None:
    name = Agency.objects.filter(partnership=dudley).first().name
    before = Agency.objects.count()
    response = admin.post(reverse("partnerships:agency_new"), {"name": name, "type": "police"})
    assert response.status_code == 400
    assert b"An agency with that name already exists" in response.content
    assert Agency.objects.count() == before


def test_stale_edit_is_refused_not_silently_applied(admin: Any, dudley: Any) -> None:
    agency = Agency.objects.filter(partnership=dudley).first()
    url = reverse("partnerships:agency_edit", args=[agency.pk])
    first = admin.post(url, {"name": "Renamed once", "type": agency.type, "version": 1,
                             "is_active": "on"})
    assert first.status_code == 302
    second = admin.post(url, {"name": "Renamed twice", "type": agency.type, "version": 1,
                              "is_active": "on"})
    assert second.status_code == 400
    assert b"Someone else changed this record" in second.content
    agency.refresh_from_db()
    assert agency.name == "Renamed once"


def test_another_partnerships_agency_is_not_found(admin: Any, essex: Any) -> None:
    theirs = Agency.objects.filter(partnership=essex).first()
    assert admin.get(reverse("partnerships:agency_edit", args=[theirs.pk])).status_code == 404
    listing = admin.get(reverse("partnerships:agencies")).content.decode()
    assert theirs.name not in listing


def test_area_cannot_sit_inside_itself(admin: Any, dudley: Any) -> None:
    parent = Area.objects.filter(partnership=dudley).first()
    admin.post(reverse("partnerships:area_new"),
               {"name": "Brierley Hill", "kind": "locality", "parent": parent.pk})
    child = Area.objects.get(name="Brierley Hill")
    response = admin.post(reverse("partnerships:area_edit", args=[parent.pk]),
                          {"name": parent.name, "kind": "district", "parent": child.pk,
                           "version": parent.version})
    assert response.status_code == 400
    assert b"An area cannot sit inside itself" in response.content


def test_admin_adds_a_user_with_a_role_and_never_sees_a_password(
    admin: Any, dudley: Any, mailoutbox: Any,
) -> None:
    police = Agency.objects.get(partnership=dudley, type="police")
    response = admin.post(reverse("accounts:user_new"), {
        "first_name": "Sam", "last_name": "Example", "email": "sam.example@example.org",
        "role": "panel_member", "agency": police.pk})
    assert response.status_code == 200
    user = User.objects.get(email="sam.example@example.org")
    assert not user.has_usable_password()
    assert "/accounts/password/set/" in mailoutbox[0].body
    # A panel member reaches case data, so the role waits for a second admin.
    assert RoleGrant.objects.filter(user=user, partnership=dudley, agency=police,
                                    status="pending").exists()
    assert not Membership.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action="user.create", object_id=str(user.pk)).exists()


def test_panel_member_without_an_agency_is_refused(admin: Any) -> None:
    response = admin.post(reverse("accounts:user_new"), {
        "first_name": "Sam", "last_name": "Example", "email": "sam.example@example.org",
        "role": "panel_member"})
    assert b"must have an agency" in response.content
    assert not User.objects.filter(email="sam.example@example.org").exists()


def test_users_of_another_partnership_are_not_found(admin: Any, essex: Any,
                                                    make_user: Any) -> None:
    outsider = make_user("essex-chair", essex, "chair")
    assert admin.get(reverse("accounts:user_detail", args=[outsider.pk])).status_code == 404
    response = admin.post(reverse("accounts:user_remove", args=[outsider.pk]))
    assert response.status_code == 404
    assert Membership.objects.get(user=outsider).is_active


def test_admin_cannot_remove_themselves(admin: Any, personas: dict[str, Any]) -> None:
    me = personas["partnership_admin"]
    admin.post(reverse("accounts:user_remove", args=[me.pk]))
    assert Membership.objects.get(user=me).is_active


def test_role_added_and_ended_never_deleted(admin: Any, personas: dict[str, Any]) -> None:
    chair = personas["chair"]
    admin.post(reverse("accounts:role_add", args=[chair.pk]), {"role": "auditor"})
    membership = Membership.objects.get(user=chair, role="auditor")
    admin.post(reverse("accounts:role_end", args=[chair.pk, membership.pk]))
    membership.refresh_from_db()
    assert membership.is_active is False


def test_user_list_query_count_does_not_grow_with_users(
    admin: Any, dudley: Any, make_user: Any, django_assert_max_num_queries: Any,
) -> None:
    for i in range(30):
        make_user(f"extra{i}", dudley, "referrer")
    with django_assert_max_num_queries(10):
        assert admin.get(reverse("accounts:users")).status_code == 200


def test_user_in_two_partnerships_chooses_and_sees_only_the_chosen_one(
    personas: dict[str, Any], essex: Any, client_as: Any,
) -> None:
    chair = personas["chair"]
    MembershipFactory(user=chair, partnership=essex, role="hub_coordinator")
    client = client_as(chair)
    response = client.post(reverse("partnerships:choose"), {"partnership": essex.pk})
    assert response.status_code == 302
    home = client.get(reverse("home")).content.decode()
    assert "Essex Test Partnership" in home and "Dudley Test Partnership" not in home
