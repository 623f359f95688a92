"""Headers, marking, health check and error pages (SECURITY S5, S11, S13, S15)."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from macehub.lib.marking import HANDLING, LEVEL

pytestmark = pytest.mark.django_db


def _assert_marked(content: bytes) -> None:
    text = html.unescape(content.decode())
    assert text.count(f"{LEVEL}</strong>") == 2
    assert text.count(HANDLING) == 2


def test_healthz_needs_no_sign_in_and_shows_no_data() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_signed_in_pages_have_the_security_headers(personas: dict[str, Any],
                                                   client_as: Any) -> None:
    response = client_as(personas["hub_coordinator"]).get(reverse("home"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    for directive in ["default-src 'self'", "object-src 'none'", "base-uri 'none'",
                      "frame-ancestors 'none'", "script-src 'self'", "style-src 'self'"]:
        assert directive in csp
    assert "unsafe-inline" not in csp
    _assert_marked(response.content)


def test_pages_carry_no_inline_script_or_style(personas: dict[str, Any],
                                              client_as: Any) -> None:
    client = client_as(personas["partnership_admin"])
    for name in ["home", "partnerships:agencies", "accounts:users", "accounts:grants",
                 "accounts:user_new"]:
        text = client.get(reverse(name)).content.decode()
        assert "style=" not in text, name
        assert "<script>" not in text and "onclick" not in text, name


def test_sign_in_page_is_marked() -> None:
    _assert_marked(Client().get(reverse("accounts:login")).content)


@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_error_pages_are_govuk_styled_and_marked(status: int, rf: Any) -> None:
    from macehub import views

    request = rf.get("/")
    request.user = None
    handler = {400: views.bad_request, 403: views.forbidden, 404: views.not_found,
               500: views.server_error}[status]
    response = handler(request) if status == 500 else handler(request, None)
    assert response.status_code == status
    assert b"govuk-heading-l" in response.content
    _assert_marked(response.content)


def test_unknown_url_gives_the_404_page() -> None:
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_session_cookie_is_httponly_and_samesite(personas: dict[str, Any]) -> None:
    from conftest import PASSWORD

    client = Client()
    response = client.post(reverse("accounts:login"),
                           {"username": "chair", "password": PASSWORD})
    cookie = response.cookies["macehub_session"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_forms_need_a_csrf_token(personas: dict[str, Any]) -> None:
    from conftest import sign_in

    client = sign_in(Client(enforce_csrf_checks=True), personas["partnership_admin"],
                     personas["partnership_admin"].memberships.first().partnership)
    response = client.post(reverse("partnerships:agency_new"), {"name": "X", "type": "police"})
    assert response.status_code == 403
    assert b"Your form has expired" in response.content


def test_required_fields_say_what_to_do() -> None:
    response = Client().post(reverse("accounts:login"), {"username": "", "password": ""})
    text = response.content.decode()
    assert "Enter username" in text and "Enter password" in text
    assert "This field is required" not in text
