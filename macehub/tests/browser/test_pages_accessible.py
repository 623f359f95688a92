"""Every page passes axe-core (WCAG 2.1 AA) in Chromium, is marked OFFICIAL-SENSITIVE at
top and bottom (SECURITY S15), and reflows (WCAG 2.1 1.4.10): at 320 CSS pixels wide, and
at 1024, no page scrolls sideways; a wide table scrolls inside its own focusable box."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.access.decorators import rule_of
from macehub.access.permissions import PERMISSIONS
from macehub.access.tests.routes import ROUTES, page_url
from macehub.access.tests.test_url_walk import walk
from macehub.tests.browser.conftest import axe_violations
from macehub.tests.browser.helpers import screenshots, sign_in, too_wide
from macehub.tests.factories import partnership_records

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLE_FOR = {"partnership.manage": "partnership_admin", "audit.read": "auditor",
            "info_page.edit": "partnership_admin",
            "meeting.chair": "chair", "breakglass.open": "panel_member",
            "breakglass.review": "auditor", "retention.review": "partnership_admin",
            "plan_audit.run": "auditor"}
# Files, not pages: PDFs (read back with pypdf), the calendar file, downloads whose marking
# is tested in macehub/meetings/tests and macehub/missing/tests.
FILES = {"meetings:papers_pdf", "meetings:calendar", "meetings:disclosure_document",
         "missing:import_errors", "missing:figures_xlsx", "oversight:export",
         "oversight:tracker_export", "oversight:report_pdf", "oversight:report_xlsx"}
# Pages kept as screenshots at 1280 and 320 pixels (var/screenshots/), by URL name.
SCREENSHOTS = {"cases:due": "due-list"}


def _check(page: Any, url: str) -> list[tuple[str, int, int, list[str]]]:
    """The page's marking, heading and axe; then its width at each reflow width, returned
    as (url, width, scroll width) where the page scrolls sideways."""
    page.goto(url)
    markings = page.locator(".mh-marking").all_inner_texts()
    assert len(markings) == 2 and all("OFFICIAL-SENSITIVE" in m for m in markings), url
    assert page.locator("h1").count() == 1, url
    assert axe_violations(page) == [], url
    return too_wide(page)


def test_sign_in_and_error_pages_pass_axe_and_reflow(page: Any, live_server: Any) -> None:
    wide = [found for path in ("/accounts/sign-in/", "/no-such-page/", "/about/accessibility/")
            for found in _check(page, f"{live_server.url}{path}")]
    assert wide == [], "\n".join(map(str, wide))


def test_every_page_passes_axe_and_reflows_for_a_role_that_may_use_it(
    page: Any, live_server: Any, personas: dict[str, Any], dudley: Any, browser: Any
) -> None:
    objects = partnership_records(dudley, personas)
    by_role: dict[str, list[tuple[str, str]]] = {}
    for name, view in walk():
        rule = rule_of(view)
        if name.startswith("api:") or rule is None or name in FILES \
                or "GET" not in ROUTES[name][0]:
            continue
        if rule.level != "permission":
            continue
        role = ROLE_FOR.get(rule.permission or "", "hub_coordinator")
        assert role in PERMISSIONS[rule.permission or ""]
        by_role.setdefault(role, []).append((name, page_url(name, objects)))
    checked, wide = 0, []
    for role, urls in by_role.items():
        context = browser.new_context(bypass_csp=True)
        role_page = context.new_page()
        sign_in(role_page, live_server.url, personas[role])
        for name, url in urls:
            wide += _check(role_page, f"{live_server.url}{url}")
            if name in SCREENSHOTS:
                screenshots(role_page, SCREENSHOTS[name])
            checked += 1
        context.close()
    assert checked >= 15
    assert wide == [], "\n".join(map(str, wide))
