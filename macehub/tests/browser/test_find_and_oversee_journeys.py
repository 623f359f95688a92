"""Finding a child, adding a user and reading the access log, in Chromium, with axe run on
every page: a misspelt name finds the child with the reason it matched; a partnership admin
adds a user; the auditor filters the access log to one person's searches."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from macehub.accounts.models import User
from macehub.tests.browser.helpers import accessible
from macehub.tests.factories import actor, child

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _menu(page: Any, label: str) -> None:
    page.click(f".govuk-service-navigation a:text-is('{label}')")


def test_a_misspelt_name_finds_the_child_with_the_reason_shown(
    signed_in: Any, personas: dict[str, Any], dudley: Any,
) -> None:
    child(actor(personas["hub_coordinator"], dudley), first="Kayden", last="Example")
    page = signed_in(personas["hub_coordinator"])
    _menu(page, "Find a child")
    accessible(page)
    page.click("button:has-text('Search')")  # nothing entered: an error
    assert page.locator(".govuk-error-summary").is_visible()
    accessible(page)
    page.fill("input[name$='name']", "Kaiden Exampel")
    page.click("button:has-text('Search')")
    result = page.locator("table tbody tr").first
    assert "Kayden Example" in result.inner_text()
    reason = result.locator("td").last.inner_text()
    assert "Sounds like surname" in reason and "sounds like first name" in reason
    accessible(page)


def test_a_partnership_admin_adds_a_user(
    signed_in: Any, personas: dict[str, Any],
) -> None:
    page = signed_in(personas["partnership_admin"])
    _menu(page, "Users")
    accessible(page)
    page.click("main a:text-is('Add a user')")
    accessible(page)
    page.click("button:has-text('Add user')")  # nothing filled: errors
    assert page.locator(".govuk-error-summary").is_visible()
    accessible(page)
    page.fill("input[name$='first_name']", "Robin")
    page.fill("input[name$='last_name']", "Sample")
    page.fill("input[name$='email']", "robin.sample@example.org")
    page.check("input[name$='role'][value='referrer']")
    agency = page.locator("select[name$='agency'] option").nth(1).get_attribute("value")
    page.select_option("select[name$='agency']", agency)
    page.click("button:has-text('Add user')")
    assert "User added" in page.locator("h1").inner_text()
    accessible(page)
    assert User.objects.filter(email="robin.sample@example.org").exists()
    assert [m.to for m in mail.outbox] == [["robin.sample@example.org"]]


def test_the_auditor_filters_the_access_log_to_one_persons_searches(
    signed_in: Any, personas: dict[str, Any],
) -> None:
    hub = signed_in(personas["hub_coordinator"])
    _menu(hub, "Find a child")
    hub.fill("input[name$='name']", "Nobody")
    hub.click("button:has-text('Search')")
    page = signed_in(personas["auditor"])
    _menu(page, "Access log")
    accessible(page)
    page.fill("input[name='username']", personas["hub_coordinator"].username)
    page.select_option("select[name='action']", label="Children searched")
    page.click("button:has-text('Apply filters')")
    accessible(page)
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    assert "Children searched" in rows.first.inner_text()
    assert page.locator(".moj-filter__tag").count() == 2
    page.click(".moj-filter__tag >> nth=1")  # remove the action filter
    accessible(page)
    assert page.locator(".moj-filter__tag").count() == 1
    assert rows.count() > 1
