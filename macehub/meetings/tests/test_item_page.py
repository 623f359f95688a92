"""The agenda item page in the meeting: beside the minute box, the decisions earlier
meetings made on the case, its outstanding actions and this item's agency updates, each
only as far as the viewer needs to know (ARCHITECTURE principle 4); and links, with
keyboard shortcuts, to the previous and next items."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from macehub.meetings import conduct, decisions, services
from macehub.meetings.models import Action, Decision, Invitation, Meeting
from macehub.partnerships.models import Agency
from macehub.tests.factories import open_case, published_meeting_with

pytestmark = pytest.mark.django_db


def _discussed_before(hub: Any, chair: Any, case: Any, days_ago: int, text: str) -> Meeting:
    """An earlier meeting with `case` on it: a decision and a police and a health action."""
    earlier = published_meeting_with(hub, chair.user, case)
    item = earlier.items.get(case=case)
    decisions.decision_record(actor=chair, item=item, kind=Decision.Kind.OTHER, text=text)
    for agency_type in ("police", "health"):
        decisions.action_add(actor=hub, meeting=earlier, item=item,
                             description=f"{agency_type.title()} visit", owner_name="A Officer",
                             owner_agency=Agency.objects.get(partnership=hub.partnership,
                                                             type=agency_type),
                             due_on=timezone.localdate() + timedelta(days=14))
    moved = timezone.now() - timedelta(days=days_ago)
    Meeting.objects.filter(pk=earlier.pk).update(starts_at=moved,
                                                 ends_at=moved + timedelta(hours=2))
    Action.objects.filter(meeting=earlier).update(due_on=moved.date() + timedelta(days=7))
    return earlier


def _setting(personas: dict[str, Any], actor_of: Any, earlier: int = 1) -> dict[str, Any]:
    hub, chair = actor_of(personas["hub_coordinator"]), actor_of(personas["chair"])
    case, other = open_case(actor_of(personas["referrer"]), hub), \
        open_case(actor_of(personas["referrer"]), hub)
    past = [_discussed_before(hub, chair, case, 30 + 30 * n, f"Decided at meeting {n}")
            for n in range(earlier)]
    meeting = published_meeting_with(hub, chair.user, case, other)
    item = meeting.items.get(case=case)
    services.update_submit(actor=actor_of(personas["panel_member"]), item=item,
                           text="Seen twice near the station.")
    conduct.confidentiality_agree(actor=chair, meeting=meeting)  # the chair's papers open
    return {"meeting": meeting, "item": item, "past": past, "hub": hub}


def _page(client: Any, setting: dict[str, Any]) -> str:
    response = client.get(reverse("meetings:item", args=[setting["meeting"].pk,
                                                         setting["item"].pk]))
    assert response.status_code == 200
    return str(response.content.decode())


def test_beside_the_minutes_the_chair_sees_earlier_decisions_open_actions_and_updates(
        personas: dict[str, Any], dudley: Any, client_as: Any, actor_of: Any) -> None:
    setting = _setting(personas, actor_of)
    page = _page(client_as(personas["chair"]), setting)
    aside = page[page.index("For this discussion"):]
    assert "Decided at meeting 0" in aside
    assert "Police visit" in aside and "Health visit" in aside and "Overdue" in aside
    assert "Seen twice near the station." in aside


def test_a_panel_member_sees_beside_the_minutes_only_what_they_need_to_know(
        personas: dict[str, Any], dudley: Any, client_as: Any, actor_of: Any) -> None:
    # Need to know: a panel member sees the decisions of meetings they were invited to and
    # their own agency's actions, never another agency's.
    setting = _setting(personas, actor_of)
    panel = personas["panel_member"]
    Invitation.objects.filter(meeting=setting["past"][0], user=panel).delete()
    conduct.confidentiality_agree(actor=actor_of(panel), meeting=setting["meeting"])
    page = _page(client_as(panel), setting)
    aside = page[page.index("For this discussion"):]
    assert "Decided at meeting 0" not in aside and "None that you can see." in aside
    assert "Police visit" in aside and "Health visit" not in aside


def test_the_item_page_query_count_does_not_grow_with_the_case_history(
        personas: dict[str, Any], dudley: Any, client_as: Any, actor_of: Any,
        django_assert_max_num_queries: Any) -> None:
    setting = _setting(personas, actor_of, earlier=3)
    chair = client_as(personas["chair"])
    with django_assert_max_num_queries(18):
        page = _page(chair, setting)
    assert all(f"Decided at meeting {n}" in page for n in range(3))


def test_the_item_page_links_to_the_previous_and_next_items_with_keyboard_shortcuts(
        personas: dict[str, Any], dudley: Any, client_as: Any, actor_of: Any) -> None:
    setting = _setting(personas, actor_of, earlier=0)
    first, second = list(setting["meeting"].items.all())
    chair = client_as(personas["chair"])
    page = _page(chair, {**setting, "item": first})
    assert 'rel="next"' in page and 'rel="prev"' not in page
    assert reverse("meetings:item", args=[setting["meeting"].pk, second.pk]) in page
    # Told in visible text, and bound by a script file (no inline script: CSP).
    assert "Alt + Shift + N for the next item" in page
    assert "macehub/agenda-keys" in page and "<script>" not in page
    page = _page(chair, {**setting, "item": second})
    assert 'rel="prev"' in page and 'rel="next"' not in page
