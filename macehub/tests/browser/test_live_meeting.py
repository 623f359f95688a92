"""The chair's live meeting in Chromium with the content security policy enforced: the
register saves each row in place (and says so in the row when someone else saved it
first), and the agenda item keyboard shortcuts move between items but never away from
text being typed."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.meetings import conduct
from macehub.meetings.models import Invitation
from macehub.tests.browser.conftest import axe_violations
from macehub.tests.browser.helpers import sign_in
from macehub.tests.factories import open_case, published_meeting, published_meeting_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(browser: Any, base: str, user: Any, *, csp: bool = True) -> Any:
    page = browser.new_context(bypass_csp=not csp).new_page()
    sign_in(page, base, user)
    return page


def test_the_register_saves_a_row_in_place_and_refuses_a_stale_one_in_that_row(
        browser: Any, live_server: Any, personas: dict[str, Any], dudley: Any) -> None:
    meeting = published_meeting(personas, dudley)
    first = meeting.invitations.order_by("pk").first()
    url = f"{live_server.url}/meetings/{meeting.pk}/register/"
    hub = _as(browser, live_server.url, personas["hub_coordinator"])
    chair = _as(browser, live_server.url, personas["chair"], csp=False)
    hub.goto(url)
    chair.goto(url)
    hub.evaluate("window.stayed = true")
    row = hub.locator(f"#row-{first.pk}")
    row.locator("input[value='present']").check()
    row.locator("button").click()
    hub.locator(f"#row-{first.pk} [role='status']").wait_for()
    assert hub.evaluate("window.stayed === true"), "saved in place, no page load"
    assert Invitation.objects.get(pk=first.pk).attendance == "present"

    late = chair.locator(f"#row-{first.pk}")
    late.locator("input[value='absent']").check()
    late.locator("button").click()
    chair.locator(f"#row-{first.pk} [role='alert']").wait_for()
    assert "Someone else saved this row" in chair.locator(f"#row-{first.pk}").inner_text()
    assert chair.locator(f"#row-{first.pk}-present").is_checked()
    assert Invitation.objects.get(pk=first.pk).attendance == "present"
    assert axe_violations(chair) == []


def test_the_item_shortcuts_move_between_items_but_not_while_typing(
        browser: Any, live_server: Any, personas: dict[str, Any], dudley: Any,
        actor_of: Any) -> None:
    hub = actor_of(personas["hub_coordinator"])
    meeting = published_meeting_with(hub, personas["chair"],
                                     open_case(actor_of(personas["referrer"]), hub),
                                     open_case(actor_of(personas["referrer"]), hub))
    conduct.confidentiality_agree(actor=actor_of(personas["chair"]), meeting=meeting)
    items = list(meeting.items.all())
    assert len(items) >= 2
    base = f"{live_server.url}/meetings/{meeting.pk}/items"
    chair = _as(browser, live_server.url, personas["chair"])
    chair.goto(f"{base}/{items[0].pk}/")
    assert chair.get_by_text("Alt + Shift + N for the next item").is_visible()
    chair.click("summary:has-text('Add a minute')")
    chair.fill("#id_minute-text", "Typed but not saved")
    chair.keyboard.press("Alt+Shift+KeyN")
    assert chair.url.endswith(f"/{items[0].pk}/"), "typing in a box: the key is ignored"
    chair.locator("h1").click()
    chair.keyboard.press("Alt+Shift+KeyN")
    assert chair.url.endswith(f"/{items[0].pk}/"), "unsaved text: the page stays"
    assert chair.evaluate("document.activeElement.getAttribute('rel')") == "next"
    chair.goto(f"{base}/{items[0].pk}/")
    chair.keyboard.press("Alt+Shift+KeyN")
    chair.wait_for_url(f"{base}/{items[1].pk}/")
    chair.keyboard.press("Alt+Shift+KeyP")
    chair.wait_for_url(f"{base}/{items[0].pk}/")
    checked = _as(browser, live_server.url, personas["hub_coordinator"], csp=False)
    checked.goto(f"{base}/{items[1].pk}/")
    assert "For this discussion" in checked.content()
    assert axe_violations(checked) == []
