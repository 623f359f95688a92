"""Another partnership's admin cannot reach Dudley's people, roles or role requests through
the role pages or the API: every id of Dudley's answers 404, as for one that does not
exist, changes nothing, and is recorded as a refused attempt in the access log of the
partnership the outsider acts in (SECURITY S7, S9)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from macehub.accounts.models import Membership, RoleGrant
from macehub.api.tests.helpers import Api
from macehub.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def dudley_records(personas: dict[str, Any], dudley: Any) -> dict[str, Any]:
    analyst = personas["analyst"]
    grant = RoleGrant.objects.create(user=analyst, partnership=dudley, role="hub_coordinator",
                                     requested_by=personas["partnership_admin"])
    membership = Membership.objects.get(user=analyst, partnership=dudley)
    return {"user": analyst, "grant": grant, "membership": membership}


def _refused(essex: Any, username: str) -> list[str]:
    return sorted(AuditEvent.objects.filter(
        action="access.refused", username=username, partnership_id=essex.pk,
        outcome="denied").values_list("purpose", flat=True))


def test_an_outsider_admin_gets_404_on_the_role_pages_and_each_attempt_is_audited(
        dudley_records: dict[str, Any], essex: Any, make_user: Any, client_as: Any) -> None:
    outsider = make_user("essex-admin", essex, "partnership_admin")
    own = make_user("essex-person", essex, "analyst")
    client = client_as(outsider, essex)
    user, grant, membership = (dudley_records[k] for k in ("user", "grant", "membership"))
    attempts = [
        reverse("accounts:user_detail", args=[user.pk]),
        reverse("accounts:role_add", args=[user.pk]),
        reverse("accounts:role_end", args=[user.pk, membership.pk]),
        # The outsider's own person, with Dudley's role id: still not found.
        reverse("accounts:role_end", args=[own.pk, membership.pk]),
        reverse("accounts:user_remove", args=[user.pk]),
        reverse("accounts:grant_decide", args=[grant.pk]),
    ]
    for url in attempts:
        if url == attempts[0]:
            assert client.get(url).status_code == 404, url
        else:
            assert client.post(url, {"role": "auditor", "decision": "approve"}
                               ).status_code == 404, url
    grant.refresh_from_db()
    membership.refresh_from_db()
    assert grant.status == "pending" and membership.is_active
    assert not Membership.objects.filter(user=user, role="auditor").exists()
    methods = ["GET"] + ["POST"] * (len(attempts) - 1)
    assert _refused(essex, "essex-admin") == sorted(
        f"404 {method} {url}" for method, url in zip(methods, attempts, strict=True))


def test_an_outsider_admin_gets_404_from_the_role_operations_and_each_is_audited(
        dudley_records: dict[str, Any], essex: Any, make_user: Any) -> None:
    make_user("essex-admin", essex, "partnership_admin")
    api = Api("essex-admin")
    user, grant, membership = (dudley_records[k] for k in ("user", "grant", "membership"))
    paths = [f"/users/{user.pk}/roles", f"/users/{user.pk}/roles/{membership.pk}/end",
             f"/users/{user.pk}/remove", f"/role-approvals/{grant.pk}/approve",
             f"/role-approvals/{grant.pk}/refuse"]
    for path in paths:
        assert api.post(path, {"role": "auditor"}).status_code == 404, path
    grant.refresh_from_db()
    membership.refresh_from_db()
    assert grant.status == "pending" and membership.is_active
    assert _refused(essex, "essex-admin") == sorted(f"404 POST /api/v1{p}" for p in paths)
