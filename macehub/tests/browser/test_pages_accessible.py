"""Every page passes axe-core (WCAG 2.1 AA) in Chromium, and is marked OFFICIAL-SENSITIVE
at top and bottom (SECURITY S15)."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.access.decorators import rule_of
from macehub.access.permissions import PERMISSIONS
from macehub.access.tests.routes import ROUTES, page_url
from macehub.access.tests.test_url_walk import walk
from macehub.tests.browser.conftest import axe_violations
from macehub.tests.browser.helpers import sign_in
from macehub.tests.factories import partnership_records

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLE_FOR = {"partnership.manage": "partnership_admin", "audit.read": "auditor",
            "info_page.edit": "partnership_admin",
            "meeting.chair": "chair", "breakglass.open": "panel_member",
            "breakglass.review": "auditor", "retention.review": "partnership_admin"}
# Files, not pages: PDFs (read back with pypdf), the calendar file, downloads whose marking
# is tested in macehub/meetings/tests and macehub/missing/tests.
FILES = {"meetings:papers_pdf", "meetings:calendar", "meetings:disclosure_document",
         "missing:import_errors", "missing:figures_xlsx"}


def _check(page: Any, url: str) -> None:
    page.goto(url)
    markings = page.locator(".mh-marking").all_inner_texts()
    assert len(markings) == 2 and all("OFFICIAL-SENSITIVE" in m for m in markings), url
    assert page.locator("h1").count() == 1, url
    assert axe_violations(page) == [], url


def test_sign_in_and_error_pages_pass_axe(page: Any, live_server: Any) -> None:
    _check(page, f"{live_server.url}/accounts/sign-in/")
    _check(page, f"{live_server.url}/no-such-page/")
    _check(page, f"{live_server.url}/about/accessibility/")


def test_every_page_passes_axe_for_a_role_that_may_use_it(
    page: Any, live_server: Any, personas: dict[str, Any], dudley: Any, browser: Any
) -> None:
    objects = partnership_records(dudley, personas)
    by_role: dict[str, list[str]] = {}
    for name, view in walk():
        rule = rule_of(view)
        if name.startswith("api:") or rule is None or name in FILES \
                or "GET" not in ROUTES[name][0]:
            continue
        if rule.level != "permission":
            continue
        role = ROLE_FOR.get(rule.permission or "", "hub_coordinator")
        assert role in PERMISSIONS[rule.permission or ""]
        by_role.setdefault(role, []).append(page_url(name, objects))
    checked = 0
    for role, urls in by_role.items():
        context = browser.new_context(bypass_csp=True)
        role_page = context.new_page()
        sign_in(role_page, live_server.url, personas[role])
        for url in urls:
            _check(role_page, f"{live_server.url}{url}")
            checked += 1
        context.close()
    assert checked >= 15
