"""A referrer reports a concern and a coordinator screens it, in Chromium, with axe run
on every page of the journey (including the error states)."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.concerns.models import Concern
from macehub.tests.browser.conftest import axe_violations
from macehub.tests.browser.helpers import sign_in
from macehub.tests.factories import years_ago

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _accessible(page: Any) -> None:
    assert axe_violations(page) == [], page.url
    assert page.locator(".mh-marking").count() == 2


def _continue(page: Any) -> None:
    page.click("button:has-text('Continue')")


def test_referrer_reports_and_coordinator_screens(
    browser: Any, live_server: Any, personas: dict[str, Any],
) -> None:
    base = live_server.url
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    sign_in(page, base, personas["referrer"])
    page.goto(f"{base}/concerns/new/start/")
    _accessible(page)
    _continue(page)  # nothing chosen: an error summary
    assert page.locator(".govuk-error-summary").is_visible()
    _accessible(page)
    page.check("input[value='no']")
    _continue(page)
    _accessible(page)
    page.fill("#id_first_name", "Jordan")
    page.fill("#id_last_name", "Example")
    born = years_ago(14)
    page.fill("#id_date_of_birth_day", str(born.day))
    page.fill("#id_date_of_birth_month", str(born.month))
    page.fill("#id_date_of_birth_year", str(born.year))
    page.check("input[name='gender'][value='unknown']")
    page.check("input[name='ethnicity'][value='unknown']")
    _continue(page)
    _accessible(page)
    page.fill("#id_what_happened", "Seen getting into cars with older men")
    page.locator("input[name='exploitation_types']").first.check()
    _continue(page)
    _accessible(page)
    page.select_option("#id_mention-0-kind", "vehicle")
    page.fill("#id_mention-0-value", "AB12 CDE")
    page.click("button:has-text('Add another entry')")  # MOJ add another, in the browser
    page.select_option("#id_mention-1-kind", "place")
    page.fill("#id_mention-1-value", "Bus station")
    _continue(page)
    _accessible(page)
    page.check("#id_child_protection_plan_1")
    page.check("input[name='consent'][value='dispensed']")  # reveals who and why
    page.fill("#id_consent_dispensed_reason", "Asking would put the child at risk")
    page.fill("#id_consent_dispensed_by", "Team manager")
    _accessible(page)
    _continue(page)
    assert "Check your answers" in page.locator("h1").inner_text()
    _accessible(page)
    page.click("button:has-text('Send the concern')")
    assert "Concern sent" in page.locator("h1").inner_text()
    _accessible(page)
    concern = Concern.objects.get()
    assert concern.mentions.count() == 2 and concern.consent == "dispensed"
    reference = concern.reference
    assert reference in page.locator(".govuk-panel").inner_text()
    context.close()

    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    sign_in(page, base, personas["hub_coordinator"])
    page.goto(f"{base}/concerns/queue/")
    page.click(f"text={reference}")
    _accessible(page)
    page.check("input[name='child'][value='0']")
    page.click("button:has-text('Confirm the child')")
    _accessible(page)
    page.check("input[name='risk'][value='high']")
    page.click("button:has-text('Record the screening')")  # no outcome, no reason
    assert page.locator(".govuk-error-summary").is_visible()
    _accessible(page)
    page.check("input[name='risk'][value='high']")
    page.fill("#id_override_reason", "Known to police")
    page.check("input[name='outcome'][value='mace_meeting']")
    page.click("button:has-text('Record the screening')")
    assert "Screening decision" in page.content()
    page.click("text=open the case")
    assert "Due on this case" in page.content()
    _accessible(page)
    context.close()
