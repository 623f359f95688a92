"""Intelligence in Chromium, with axe on every page: a concern names a man and a car; the
coordinator confirms both as new records, links the man to a child, reads the network
around him (drawn, with the same links in a table), and accepts the linked-children
proposal — in Dudley a complex strategy meeting for two linked victims and two suspects
(Dudley ToR (003) §CEOG Scope) — which puts the children on a new meeting's agenda."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from macehub.concerns.services import MentionData
from macehub.intelligence.services import entity_create, link_create
from macehub.meetings.models import AgendaItem
from macehub.tests.browser.helpers import accessible
from macehub.tests.factories import actor, new_concern, open_case, years_ago

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
GRADE = {"source_kind": "concern", "source_evaluation": "2", "assessment": "B",
         "handling": "P"}


@pytest.fixture
def arranged(personas: dict[str, Any], dudley: Any) -> dict[str, Any]:
    referrer, hub = actor(personas["referrer"], dudley), actor(personas["hub_coordinator"],
                                                                dudley)
    cases = [open_case(referrer, hub, child_details={
        "first_name": f"Linked{n}", "last_name": "Sample", "date_of_birth": years_ago(14),
        "known_as": []}) for n in range(2)]
    new_concern(referrer, mentions=[MentionData("person", "Kaz", "Drives a silver Golf"),
                                    MentionData("vehicle", "ab12 cde", "Silver Golf")])
    # A second suspect already known to the hub, linked to both children.
    smoke = entity_create(actor=hub, kind="person", name="Smoke", status="active")
    for case in cases:
        link_create(actor=hub, a_kind="person", a_id=smoke.pk, b_kind="child",
                    b_id=case.child_id, kind="exploiter_of", **GRADE)
    return {"hub": hub, "cases": cases}


def test_from_a_concern_to_the_records_the_network_and_a_linked_children_meeting(
    signed_in: Any, personas: dict[str, Any], arranged: dict[str, Any],
) -> None:
    page = signed_in(personas["hub_coordinator"])
    page.click("a:has-text('Matches to confirm')")
    accessible(page)
    page.click("button:has-text('Bring them in to confirm')")
    page.click("a:text-is('ab12 cde')")
    accessible(page)
    page.click("a:has-text('record it as a new vehicle')")
    accessible(page)
    assert page.input_value("#id_registration") == "ab12 cde"
    page.click("button:text-is('Save')")
    assert "AB12CDE" in page.locator("h1").inner_text()

    page.goto(page.url.split("/intelligence/")[0] + "/intelligence/matches/")
    page.click("a:text-is('Kaz')")
    page.click("a:has-text('record it as a new person of interest')")
    page.check("#id_status_0")
    page.click("button:text-is('Save')")
    assert page.locator("h1").inner_text() == "Kaz"

    # Link Kaz to the first child, through the page.
    page.click("a:has-text('Add a link')")
    accessible(page)
    page.select_option("#id_to", "child")
    page.fill("#id_q", "Linked0")
    page.click("button:text-is('Find')")
    page.check("input[name='other']")
    page.select_option("#id_kind", "exploiter_of")
    page.check("input[name='source_kind'][value='concern']")
    page.check("input[name='source_evaluation'][value='2']")
    page.check("input[name='assessment'][value='B']")
    page.check("input[name='handling'][value='P']")
    page.click("button:has-text('Record the link')")
    assert "Link recorded" in page.locator("main").inner_text()

    page.click("a:has-text('See the network around this record')")
    accessible(page)
    page.wait_for_selector("#network-drawing canvas")
    table = page.locator("table.govuk-table").inner_text()
    assert "Linked0 Sample" in table and "Smoke" in table

    page.goto(page.url.split("/intelligence/")[0] + "/")
    page.click("a:has-text('Linked-children proposals')")
    accessible(page)
    assert "Complex strategy meeting" in page.locator("main").inner_text()
    page.click("a:has-text('Accept or decline')")
    accessible(page)
    day = timezone.localdate() + timedelta(days=10)
    page.check("input[name='meeting'][value='0']")
    page.fill("#id_day_day", str(day.day))
    page.fill("#id_day_month", str(day.month))
    page.fill("#id_day_year", str(day.year))
    page.fill("#id_at", "14:00")
    page.fill("#id_venue", "Council House, Room 3")
    page.click("button:text-is('Save')")
    accessible(page)
    item = AgendaItem.objects.get(title__startswith="Linked children")
    assert item.meeting.forum == "complex_strategy"
