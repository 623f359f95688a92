"""Oversight in Chromium, with axe on every page: an analyst reads the exploitation
dashboard (each chart with its table, small numbers suppressed) and downloads it; the
auditor draws a quarter's plan sample, grades every plan and completes the audit
(Wolverhampton (001) §Accountability: MACE plans audited quarterly)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from macehub.cases.models import Plan
from macehub.oversight.services import quarter_start
from macehub.tests.browser.helpers import accessible, screenshots
from macehub.tests.factories import actor, open_case, years_ago

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cases(personas: dict[str, Any], dudley: Any) -> list[Any]:
    referrer, hub = actor(personas["referrer"], dudley), actor(personas["hub_coordinator"],
                                                                dudley)
    made = [open_case(referrer, hub, child_details={
        "first_name": f"Journey{n}", "last_name": "Sample", "date_of_birth": years_ago(14),
        "known_as": []}) for n in range(3)]
    for n, case in enumerate(made):
        Plan.objects.create(partnership=dudley, case=case, kind="mace_safety_plan",
                            summary=f"Safety plan {n}", by=personas["hub_coordinator"],
                            agreed_on=quarter_start(timezone.localdate()) + timedelta(days=n))
    return made


def test_an_analyst_reads_the_dashboard_charts_beside_their_tables(
    signed_in: Any, personas: dict[str, Any], cases: list[Any],
) -> None:
    page = signed_in(personas["analyst"])
    page.click(".govuk-service-navigation a:text-is('Dashboard')")
    assert page.locator("h1").inner_text() == "Exploitation dashboard"
    accessible(page)
    assert page.locator("svg.mh-chart").count() >= 10
    assert page.locator("table.govuk-table").count() == page.locator("h3.govuk-heading-m").count()
    assert "fewer than 5" in page.locator("main").inner_text()
    assert "Journey0" not in page.content()
    screenshots(page, "dashboard")
    with page.expect_download() as download:
        page.click("a:has-text('Download as a spreadsheet')")
    assert download.value.suggested_filename.endswith("OFFICIAL-SENSITIVE.xlsx")


def test_the_auditor_draws_grades_and_completes_a_plan_audit(
    signed_in: Any, personas: dict[str, Any], cases: list[Any],
) -> None:
    page = signed_in(personas["auditor"])
    assert "Sampled plans waiting to be graded" in page.locator("main").inner_text()
    page.click(".govuk-service-navigation a:text-is('Plan audits')")
    accessible(page)
    page.click("button:has-text('Draw the sample')")
    assert page.locator("h1").inner_text().startswith("Plan audit, ")
    accessible(page)
    page.click("button:has-text('Complete the audit')")  # nothing graded: an error
    assert page.locator(".govuk-error-summary").is_visible()
    accessible(page)
    for n in range(3):
        page.click(f"a:text-is('Plan {n + 1}')")
        accessible(page)
        page.click("button:has-text('Save the grades')")  # no grades: every question asked
        assert page.locator(".govuk-error-summary li").count() == 6
        accessible(page)
        for radio in page.locator("input[type='radio'][value='met']").all():
            radio.check()
        page.click("button:has-text('Save the grades')")
        assert page.locator("h1").inner_text().startswith("Plan audit, ")
    page.fill("textarea[name='findings']", "Every plan names owners and dates.")
    page.fill("textarea[name='actions']", "Share the good practice at CEMOG")
    page.click("button:has-text('Complete the audit')")
    main = page.locator("main").inner_text()
    assert "Every plan names owners and dates." in main and "Complete" in main
    accessible(page)
