"""A referrer reports a concern with the keyboard alone, and a coordinator screens one into
a case, in Chromium, with axe run on every page of each journey (including the error
states). WCAG 2.1.1: everything works from the keyboard."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.concerns.models import Concern
from macehub.tests.browser.helpers import accessible, screenshots
from macehub.tests.browser.keyboard import choose, press, select, tick, type_into
from macehub.tests.factories import actor, new_concern, years_ago

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def test_a_referrer_reports_a_concern_with_the_keyboard_alone(
    signed_in: Any, personas: dict[str, Any],
) -> None:
    page = signed_in(personas["referrer"])
    accessible(page)  # home
    press(page, "Your concerns")
    accessible(page)
    press(page, "Report a concern")
    accessible(page)
    press(page, "Continue")  # nothing chosen: an error summary
    assert page.locator(".govuk-error-summary").is_visible()
    accessible(page)
    choose(page, "immediate_danger", "no")
    press(page, "Continue")

    accessible(page)
    screenshots(page, "concern-form")
    type_into(page, "id_first_name", "Jordan")
    type_into(page, "id_last_name", "Example")
    born = years_ago(14)
    type_into(page, "id_date_of_birth_day", str(born.day))
    type_into(page, "id_date_of_birth_month", str(born.month))
    type_into(page, "id_date_of_birth_year", str(born.year))
    choose(page, "gender", "unknown")
    choose(page, "ethnicity", "unknown")
    press(page, "Continue")

    accessible(page)
    type_into(page, "id_what_happened", "Seen getting into cars with older men")
    tick(page, "exploitation_types")
    press(page, "Continue")

    accessible(page)
    select(page, "id_mention-0-kind", "vehicle")
    type_into(page, "id_mention-0-value", "AB12 CDE")
    press(page, "Continue")

    accessible(page)
    choose(page, "child_protection_plan", "no")
    choose(page, "consent", "dispensed")  # reveals who and why, next in the tab order
    type_into(page, "id_consent_dispensed_reason", "Asking would put the child at risk")
    type_into(page, "id_consent_dispensed_by", "Team manager")
    accessible(page)
    press(page, "Continue")
    assert "Check your answers" in page.locator("h1").inner_text()
    accessible(page)
    press(page, "Send the concern")
    assert "Concern sent" in page.locator("h1").inner_text()
    accessible(page)
    concern = Concern.objects.get()
    assert concern.mentions.count() == 1 and concern.consent == "dispensed"
    assert concern.child_protection_plan is False
    assert concern.reference in page.locator(".govuk-panel").inner_text()


def test_a_coordinator_screens_a_concern_into_a_case(
    signed_in: Any, personas: dict[str, Any], dudley: Any,
) -> None:
    reference = new_concern(actor(personas["referrer"], dudley)).reference
    page = signed_in(personas["hub_coordinator"])
    page.click(".govuk-service-navigation >> text=Screening")
    accessible(page)
    page.click(f"text={reference}")
    accessible(page)
    page.check("input[name='child'][value='0']")
    page.click("button:has-text('Confirm the child')")
    accessible(page)
    page.check("input[name='risk'][value='high']")
    page.click("button:has-text('Record the screening')")  # no outcome, no reason
    assert page.locator(".govuk-error-summary").is_visible()
    accessible(page)
    page.check("input[name='risk'][value='high']")
    page.fill("#id_override_reason", "Known to police")
    page.check("input[name='outcome'][value='mace_meeting']")
    page.click("button:has-text('Record the screening')")
    assert "Screening decision" in page.content()
    accessible(page)
    page.click("text=open the case")
    assert "Due on this case" in page.content()
    accessible(page)
