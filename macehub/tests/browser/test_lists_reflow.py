"""Lists reflow (WCAG 2.1 1.4.10): at 320 CSS pixels wide, and at 1024, no list page
scrolls sideways; a wide table scrolls inside its own focusable box instead."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.access.tests.routes import page_url
from macehub.tests.browser.helpers import sign_in
from macehub.tests.factories import partnership_records

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every page whose main content is a list, with a role that may see it.
LIST_PAGES = {
    "hub_coordinator": [
        "home", "cases:list", "cases:due", "cases:forum_plans", "concerns:mine",
        "concerns:queue", "missing:index", "missing:queue", "missing:triggers",
        "missing:meeting", "missing:figures", "meetings:list", "meetings:reviews",
        "meetings:actions", "people:search"],
    "partnership_admin": ["accounts:users", "accounts:grants", "partnerships:agencies",
                          "partnerships:areas", "accounts:tokens",
                          "accounts:partnership_tokens", "retention:reviews",
                          "retention:holds"],
    "auditor": ["audit:log", "breakglass:review"],
}
WIDTHS = (320, 1024)


def test_no_list_page_scrolls_sideways_at_320_or_1024_pixels(
    live_server: Any, personas: dict[str, Any], dudley: Any, browser: Any
) -> None:
    records = partnership_records(dudley, personas)
    too_wide = []
    for role, names in LIST_PAGES.items():
        context = browser.new_context()
        page = context.new_page()
        sign_in(page, live_server.url, personas[role])
        for name in names:
            page.goto(f"{live_server.url}{page_url(name, records)}")
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    too_wide.append((name, width, scroll))
        context.close()
    assert too_wide == [], "\n".join(map(str, too_wide))
