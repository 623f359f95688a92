"""Every page passes axe-core (WCAG 2.1 AA) in Chromium, and is marked OFFICIAL-SENSITIVE
at top and bottom (SECURITY S15)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from macehub.access.decorators import rule_of
from macehub.access.permissions import PERMISSIONS
from macehub.access.tests.test_every_url_every_role import _kwargs_for, front_door_objects
from macehub.access.tests.test_url_walk import walk
from macehub.tests.browser.conftest import axe_violations
from macehub.tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLE_FOR = {"partnership.manage": "partnership_admin", "audit.read": "auditor",
            "meeting.chair": "chair"}
POST_ONLY = {"accounts:logout", "accounts:role_add", "accounts:role_end",
             "accounts:user_remove", "accounts:grant_decide", "concerns:match", "concerns:feedback",
             "people:relation_add", "cases:risk", "cases:status", "cases:edit",
             "cases:plan_add", "cases:flag_add", "cases:nrm_add", "cases:nrm_update",
             "meetings:agenda_build", "meetings:agenda_publish", "meetings:agenda_item_add",
             "meetings:agenda_item_up", "meetings:agenda_item_down", "meetings:agenda_item_drop",
             "meetings:hold", "meetings:approve", "meetings:cancel",
             "meetings:feedback", "meetings:guest", "meetings:apologies",
             "meetings:item_update", "meetings:item_minute", "meetings:item_decision",
             "meetings:item_dissent", "meetings:item_action", "meetings:item_remove",
             "missing:edit", "missing:offer", "missing:match", "missing:handle",
             "missing:respond", "missing:complete", "missing:share",
             # files, not pages: PDFs (read back with pypdf), the calendar file, downloads
             # whose marking is tested in macehub/meetings/tests and macehub/missing/tests
             "meetings:papers_pdf", "meetings:calendar", "meetings:disclosure_document",
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


def test_every_page_passes_axe_for_a_role_that_may_use_it(
    page: Any, live_server: Any, personas: dict[str, Any], dudley: Any, browser: Any
) -> None:
    objects = front_door_objects(personas, dudley)
    by_role: dict[str, list[str]] = {}
    for name, view in walk():
        rule = rule_of(view)
        if name.startswith("api:") or name in POST_ONLY or rule is None:
            continue
        if rule.level != "permission":
            continue
        role = ROLE_FOR.get(rule.permission or "", "hub_coordinator")
        assert role in PERMISSIONS[rule.permission or ""]
        by_role.setdefault(role, []).append(reverse(name, kwargs=_kwargs_for(name, objects)))
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
