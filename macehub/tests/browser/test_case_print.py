"""A case page printed: the header and the section shown, without the navigation or the
forms, marked OFFICIAL-SENSITIVE at top and bottom (SECURITY S15)."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.tests.browser.helpers import sign_in
from macehub.tests.factories import actor, open_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_printed_case_page_keeps_the_marking_and_drops_navigation_and_forms(
    page: Any, live_server: Any, personas: dict[str, Any], dudley: Any,
) -> None:
    case = open_case(actor(personas["referrer"], dudley), actor(personas["hub_coordinator"],
                                                                dudley))
    sign_in(page, live_server.url, personas["hub_coordinator"])
    page.goto(f"{live_server.url}/cases/{case.pk}/timeline/")
    assert page.locator(".moj-sub-navigation").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".moj-sub-navigation").is_visible()
    assert not page.locator(".govuk-service-navigation").is_visible()
    assert not page.locator("main form").first.is_visible()
    markings = page.locator(".mh-marking")
    assert markings.count() == 2 and all(markings.nth(i).is_visible() for i in range(2))
    assert page.locator("h1").is_visible() and page.locator(".moj-timeline").is_visible()
