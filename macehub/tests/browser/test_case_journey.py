"""A coordinator changes a case from its own pages, in Chromium, with axe run on every page:
the risk level (first with nothing chosen, an error), the lead professional, and a plan
added from the case's plans section."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from macehub.tests.browser.helpers import accessible, screenshots
from macehub.tests.factories import actor, open_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_sets_risk_lead_professional_and_a_plan_from_the_case_pages(
    signed_in: Any, live_server: Any, personas: dict[str, Any], dudley: Any,
) -> None:
    case = open_case(actor(personas["referrer"], dudley), actor(personas["hub_coordinator"],
                                                                dudley))
    page = signed_in(personas["hub_coordinator"])
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    accessible(page)
    screenshots(page, "case")
    header = page.locator(".mh-case-header")
    assert "High risk" in header.inner_text()

    page.click("main a:text-is('Set the risk level')")
    accessible(page)
    page.click("button:has-text('Set risk level')")  # no reason given
    assert page.locator(".govuk-error-summary").is_visible()
    accessible(page)
    page.check("input[name$='risk'][value='medium']")
    page.fill("textarea[name$='reason']", "Engaging with the youth worker")
    page.click("button:has-text('Set risk level')")
    assert "Medium risk" in header.inner_text()
    accessible(page)

    page.click("main a:text-is('Lead professional, exploitation types, places and outcome')")
    accessible(page)
    page.fill("input[name$='lead_professional']", "Sam Worker")
    agency = page.locator("select[name$='lead_agency'] option").nth(1).get_attribute("value")
    page.select_option("select[name$='lead_agency']", agency)
    page.click("button:has-text('Save')")
    assert "Sam Worker" in header.inner_text()
    accessible(page)

    page.click(".moj-sub-navigation >> text=Plans")
    accessible(page)
    page.click("main a:text-is('Add a plan')")
    accessible(page)
    page.locator("input[name$='kind']").first.check()
    page.fill("textarea[name$='summary']", "Weekly sessions with the youth worker")
    today = timezone.localdate()
    page.fill("input[name$='agreed_on_day']", str(today.day))
    page.fill("input[name$='agreed_on_month']", str(today.month))
    page.fill("input[name$='agreed_on_year']", str(today.year))
    page.click("button:has-text('Add plan')")
    assert "Weekly sessions with the youth worker" in page.locator("main").inner_text()
    accessible(page)
    case.refresh_from_db()
    assert (case.risk, case.lead_professional) == ("medium", "Sam Worker")
