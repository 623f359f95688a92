"""The accessibility statement, privacy notice, cookies and help pages every footer links
to: anyone reads them; each partnership's admin writes its own text (else the product's
default is shown), on a page and through the API, audited, and a stale edit is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from macehub.api.tests.helpers import Api
from macehub.audit.models import AuditEvent
from macehub.partnerships.info_pages import DEFAULTS
from macehub.partnerships.models import InfoPage

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_default_text_before_signing_in() -> None:
    page = Client().get(reverse("info_page", args=["accessibility"])).content.decode()
    assert "<h1 class=\"govuk-heading-l\">Accessibility statement</h1>" in page
    assert DEFAULTS["accessibility"].split("\n\n")[0].split(".")[0] in page


def test_an_unknown_page_is_not_found() -> None:
    assert Client().get(reverse("info_page", args=["terms"])).status_code == 404


def test_the_admin_writes_the_partnerships_help_page_and_its_people_read_it(
    personas: dict[str, Any], client_as: Any, essex: Any, make_user: Any,
    django_assert_max_num_queries: Any,
) -> None:
    admin = client_as(personas["partnership_admin"])
    response = admin.post(reverse("partnerships:info_page_edit", args=["help"]),
                          {"body": "Call the hub on the duty line.\n\nOr ask your manager.",
                           "version": "0"})
    assert response.status_code == 302
    chair = client_as(personas["chair"])
    with django_assert_max_num_queries(8):
        page = chair.get(reverse("info_page", args=["help"])).content.decode()
    assert "<p class=\"govuk-body\">Call the hub on the duty line.</p>" in page
    assert "Change the help" not in page  # only the admin may change it
    outsider = make_user("essex_hub", essex, "hub_coordinator")
    other = client_as(outsider, essex).get(reverse("info_page", args=["help"])).content
    assert b"duty line" not in other
    event = AuditEvent.objects.get(action="info_page.change")
    assert event.object_type == "partnerships.infopage"


def test_a_stale_edit_of_a_page_is_refused_and_changes_nothing(
    personas: dict[str, Any], client_as: Any,
) -> None:
    admin = client_as(personas["partnership_admin"])
    url = reverse("partnerships:info_page_edit", args=["privacy"])
    admin.post(url, {"body": "First text.", "version": "0"})
    response = admin.post(url, {"body": "Second text.", "version": "0"})
    assert response.status_code == 400
    assert b"Someone else changed this page" in response.content
    assert InfoPage.objects.get(kind="privacy").body == "First text."


def test_a_failed_form_puts_error_first_in_the_title(
    personas: dict[str, Any], client_as: Any,
) -> None:
    admin = client_as(personas["partnership_admin"])
    url = reverse("partnerships:info_page_edit", args=["cookies"])
    assert "<title>Change" in admin.get(url).content.decode()
    failed = admin.post(url, {"body": "", "version": "0"}).content.decode()
    assert "<title>Error: Change the cookies" in failed


def test_the_api_reads_and_changes_the_pages(personas: dict[str, Any]) -> None:
    chair = Api(personas["chair"].username)
    pages = chair.get("/info-pages").json()
    assert [p["kind"] for p in pages] == ["accessibility", "privacy", "cookies", "help"]
    assert all(p["version"] == 0 for p in pages)
    assert chair.put("/info-pages", {"kind": "help", "body": "x"}).status_code == 403
    admin = Api(personas["partnership_admin"].username)
    changed = admin.put("/info-pages", {"kind": "help", "body": "Ring the hub.",
                                               "version": 0})
    assert changed.status_code == 200 and changed.json()["version"] == 1
    assert admin.put("/info-pages", {"kind": "help", "body": "Again.",
                                            "version": 0}).status_code == 409
    assert admin.put("/info-pages", {"kind": "terms", "body": "x"}).status_code == 422
    assert InfoPage.objects.get(kind="help").body == "Ring the hub."
