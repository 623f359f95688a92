"""A person signs in with password and TOTP in a real browser, under the real CSP."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import PASSWORD
from macehub.tests.browser.conftest import axe_violations
from macehub.tests.browser.helpers import code_from_key

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_first_sign_in_enrols_an_authenticator_then_lands_on_home(
    strict_page: Any, live_server: Any, personas: dict[str, Any]
) -> None:
    page = strict_page
    page.goto(f"{live_server.url}/")
    assert "/accounts/sign-in/" in page.url
    page.fill("#id_username", "hub_coordinator")
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Continue')")
    assert page.locator("h1").inner_text() == "Set up your authenticator app"
    key = page.locator(".mh-key").inner_text().strip()
    page.fill("#id_code", code_from_key(key))
    page.click("button:has-text('Continue')")
    page.wait_for_url(f"{live_server.url}/")
    assert "Dudley Test Partnership" in page.locator("h1").inner_text()
    # GOV.UK Frontend's JavaScript ran (module script allowed by the CSP).
    assert "govuk-frontend-supported" in (page.locator("body").get_attribute("class") or "")
    assert page.console_errors == []


def test_wrong_code_shows_an_error_summary_that_passes_axe(
    browser: Any, live_server: Any, personas: dict[str, Any]
) -> None:
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.click("button:has-text('Continue')")
    assert page.locator(".govuk-error-summary").is_visible()
    assert axe_violations(page) == []
    page.fill("#id_username", "chair")
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Continue')")
    page.fill("#id_code", "12345")
    page.click("button:has-text('Continue')")
    assert "Enter the 6-digit code" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []
    context.close()
