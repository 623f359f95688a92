"""A token is held to its role and to the scopes chosen when it was made (SECURITY S4:
least privilege for systems): a read-only token is refused every write (403), a token
for the police notification import does that and nothing else; the token lists show
what each token may do."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from macehub.accounts.models import ApiToken, Membership
from macehub.accounts.tokens import api_token_create
from macehub.partnerships.models import Agency

pytestmark = pytest.mark.django_db


def _client(user: Any, scopes: list[str]) -> tuple[Client, dict[str, str]]:
    _record, secret = api_token_create(membership=Membership.objects.get(user=user),
                                       name="Partner system", scopes=scopes)
    return Client(), {"Authorization": f"Bearer {secret}"}


def test_a_read_only_token_reads_but_is_refused_every_write(
        personas: dict[str, Any], dudley: Any) -> None:
    client, headers = _client(personas["partnership_admin"], ["read"])
    assert client.get("/api/v1/agencies", headers=headers).status_code == 200
    before = Agency.objects.filter(partnership=dudley).count()
    refused = client.post("/api/v1/agencies", {"name": "Example Trust", "type": "health"},
                          content_type="application/json", headers=headers)
    assert refused.status_code == 403
    assert "scopes" in refused.json()["detail"]
    assert Agency.objects.filter(partnership=dudley).count() == before
    # With write, the same role may.
    client, headers = _client(personas["partnership_admin"], ["read", "write"])
    made = client.post("/api/v1/agencies", {"name": "Example Trust", "type": "health"},
                       content_type="application/json", headers=headers)
    assert made.status_code == 201, made.content


def test_an_import_token_imports_and_does_nothing_else(personas: dict[str, Any]) -> None:
    client, headers = _client(personas["hub_coordinator"], ["missing:import"])
    assert client.get("/api/v1/cases", headers=headers).status_code == 403
    response = client.post("/api/v1/missing/notifications", {"rows": []},
                           content_type="application/json", headers=headers)
    assert response.status_code != 403


def test_a_token_needs_a_known_scope(personas: dict[str, Any]) -> None:
    membership = Membership.objects.get(user=personas["referrer"])
    for scopes in ([], ["admin"]):
        with pytest.raises(Exception, match="Select what the token may do"):
            api_token_create(membership=membership, name="x", scopes=scopes)


def test_the_page_makes_a_token_with_the_scopes_chosen_and_lists_them(
        personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["referrer"])
    assert client.post(reverse("accounts:tokens"), {"name": "No scope"}).status_code == 400
    made = client.post(reverse("accounts:tokens"), {"name": "Reader", "scopes": ["read"]})
    assert made.status_code == 201
    assert ApiToken.objects.get(name="Reader").scopes == ["read"]
    listed = client.get(reverse("accounts:tokens")).content.decode()
    assert '<td class="govuk-table__cell">Read</td>' in listed


def test_the_api_makes_a_token_with_its_scopes(personas: dict[str, Any],
                                               client_as: Any) -> None:
    client = client_as(personas["referrer"])
    made = client.post("/api/v1/api-tokens", {"name": "Reader", "scopes": ["read"]},
                       content_type="application/json")
    assert made.status_code == 201, made.content
    assert made.json()["scopes"] == ["read"]
    listed = client.get("/api/v1/api-tokens").json()["items"]
    assert listed[0]["scopes"] == ["read"]
