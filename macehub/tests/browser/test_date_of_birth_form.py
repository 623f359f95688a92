"""The child's date of birth on the concern form: choosing "Approximate age" reveals the age
question under it, and the page passes axe before and after, and with its errors shown."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.tests.browser.helpers import accessible
from macehub.tests.browser.keyboard import choose, press, type_into

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_choosing_approximate_age_reveals_the_age_question_and_stays_accessible(
    signed_in: Any, personas: dict[str, Any],
) -> None:
    page = signed_in(personas["referrer"])
    press(page, "Your concerns")
    press(page, "Report a concern")
    choose(page, "immediate_danger", "no")
    press(page, "Continue")
    age = page.locator("#id_approximate_age")
    assert not age.is_visible()  # hidden under its option until chosen
    accessible(page)
    choose(page, "date_of_birth_precision", "age")
    assert age.is_visible()
    accessible(page)
    type_into(page, "id_first_name", "Jordan")
    type_into(page, "id_last_name", "Example")
    type_into(page, "id_approximate_age", "19")
    press(page, "Continue")  # out of the pack's age scope: an error under the question
    assert page.locator(".govuk-error-summary").is_visible()
    assert "This child is about 19" in page.content()
    assert age.is_visible()
    accessible(page)
