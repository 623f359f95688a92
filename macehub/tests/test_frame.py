"""The frame every page shares (templates/base.html): service navigation with its mobile
menu button, a phase banner whose feedback link is a setting, and footer links to the
accessibility statement, privacy notice, cookies and help."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_links_to_the_footer_pages(personas: dict[str, Any],
                                              client_as: Any) -> None:
    for page in (Client().get(reverse("accounts:login")),
                 client_as(personas["hub_coordinator"]).get("/")):
        html = page.content.decode()
        for kind, label in (("accessibility", "Accessibility statement"),
                            ("privacy", "Privacy notice"), ("cookies", "Cookies"),
                            ("help", "Help")):
            assert f'href="/about/{kind}/">{label}</a>' in html


def test_the_menu_collapses_behind_a_button_on_small_screens(personas: dict[str, Any],
                                                             client_as: Any) -> None:
    html = client_as(personas["hub_coordinator"]).get("/").content.decode()
    assert 'class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" ' \
        'aria-controls="navigation"' in html
    assert '<ul class="govuk-service-navigation__list" id="navigation">' in html


def test_the_phase_banner_links_to_the_help_page_unless_a_feedback_address_is_set() -> None:
    html = Client().get(reverse("accounts:login")).content.decode()
    assert 'govuk-phase-banner' in html and 'href="/about/help/">give your feedback' in html
    with override_settings(FEEDBACK_URL="https://forms.example.org/macehub"):
        html = Client().get(reverse("accounts:login")).content.decode()
    assert 'href="https://forms.example.org/macehub">give your feedback' in html


def test_a_refused_sign_in_puts_error_first_in_the_title() -> None:
    html = Client().post(reverse("accounts:login"), {"username": "", "password": ""})
    assert "<title>Error: " in html.content.decode()
    assert "<title>Error: " not in Client().get(reverse("accounts:login")).content.decode()
