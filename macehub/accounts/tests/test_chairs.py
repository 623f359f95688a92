"""The partnership admin names the partnership's chair and deputy chair, on the page and
through the API; they decide on sharing the papers of a meeting with no chair of its own
(SECURITY S16: disclosure only with a recorded chair approval)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from macehub.accounts.models import Membership
from macehub.api.tests.helpers import Api
from macehub.audit.models import AuditEvent
from macehub.meetings.disclosure import deciders
from macehub.meetings.models import Meeting

pytestmark = pytest.mark.django_db
URL = reverse("accounts:chairs")


@pytest.fixture
def chair_roles(personas: dict[str, Any], dudley: Any, make_user: Any) -> dict[str, Any]:
    deputy = make_user("deputy-chair", dudley, "chair")
    return {"chair": Membership.objects.get(user=personas["chair"], role="chair"),
            "deputy": Membership.objects.get(user=deputy, role="chair")}


def _chairless(dudley: Any) -> Meeting:
    return Meeting(partnership=dudley, chair=None, vice_chair=None)


def test_the_admin_names_the_chair_and_deputy_and_chairless_meetings_go_to_them(
        personas: dict[str, Any], dudley: Any, client_as: Any, chair_roles: dict[str, Any],
        django_assert_max_num_queries: Any) -> None:
    admin = client_as(personas["partnership_admin"])
    assert deciders(_chairless(dudley)) == set()
    with django_assert_max_num_queries(12):
        page = admin.get(URL)
    assert page.status_code == 200 and "deputy-chair" not in page.content.decode()
    response = admin.post(URL, {"chair": chair_roles["chair"].pk,
                                "deputy": chair_roles["deputy"].pk})
    assert response.status_code == 302
    assert deciders(_chairless(dudley)) == {personas["chair"].pk,
                                            chair_roles["deputy"].user_id}
    named = AuditEvent.objects.filter(action="membership.chair_named",
                                      partnership_id=dudley.pk)
    assert sorted(named.values_list("purpose", flat=True)) == ["chair", "deputy"]
    # Saving the same again changes nothing and records nothing more.
    admin.post(URL, {"chair": chair_roles["chair"].pk, "deputy": chair_roles["deputy"].pk})
    assert named.count() == 2
    # Naming nobody as deputy leaves only the chair to decide.
    admin.post(URL, {"chair": chair_roles["chair"].pk, "deputy": ""})
    assert deciders(_chairless(dudley)) == {personas["chair"].pk}


def test_only_a_current_chair_role_can_be_named_and_not_as_both(
        personas: dict[str, Any], dudley: Any, client_as: Any,
        chair_roles: dict[str, Any]) -> None:
    admin = client_as(personas["partnership_admin"])
    panel = Membership.objects.get(user=personas["panel_member"], partnership=dudley)
    response = admin.post(URL, {"chair": panel.pk})
    assert response.status_code == 400
    both = admin.post(URL, {"chair": chair_roles["chair"].pk,
                            "deputy": chair_roles["chair"].pk})
    assert both.status_code == 400
    assert "someone other than the chair" in both.content.decode()
    chair_roles["deputy"].is_active = False
    chair_roles["deputy"].save()
    assert admin.post(URL, {"deputy": chair_roles["deputy"].pk}).status_code == 400
    assert not Membership.objects.exclude(chair_standing="").exists()
    assert not AuditEvent.objects.filter(action="membership.chair_named").exists()


def test_the_api_names_the_chair_and_deputy_with_the_same_rules(
        personas: dict[str, Any], dudley: Any, essex: Any, make_user: Any,
        chair_roles: dict[str, Any]) -> None:
    api = Api("partnership_admin")
    assert api.get("/partnership-chair").json()["chair"] is None
    response = api.put("/partnership-chair", {"chair_role_id": chair_roles["deputy"].pk,
                                              "deputy_role_id": chair_roles["chair"].pk})
    assert response.status_code == 200, response.content
    assert response.json()["chair"]["user_id"] == chair_roles["deputy"].user_id
    assert deciders(_chairless(dudley)) == {personas["chair"].pk,
                                            chair_roles["deputy"].user_id}
    panel = Membership.objects.get(user=personas["panel_member"], partnership=dudley)
    assert api.put("/partnership-chair", {"chair_role_id": panel.pk}).status_code == 422
    # Another partnership's admin neither reads nor names Dudley's chair roles.
    make_user("essex-admin", essex, "partnership_admin")
    outsider = Api("essex-admin")
    assert outsider.get("/partnership-chair").json()["chair"] is None
    refused = outsider.put("/partnership-chair",
                           {"chair_role_id": chair_roles["chair"].pk})
    assert refused.status_code == 422
    assert Membership.objects.get(pk=chair_roles["deputy"].pk).chair_standing == "chair"
