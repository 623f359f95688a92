"""Each need-to-know grant of the meetings app (macehub/meetings/reach.py), one test per
rule, through a page and through the API: both ask the same registry, so both answer the
same, and a record outside reach is not found (404), as one that does not exist.

ARCHITECTURE principle 4 (need to know). The window after the meeting is the pack's
`meetings.access_after` (14 days in Dudley's pack, a default: the terms of reference are
silent on it)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from macehub.api.tests.helpers import Api
from macehub.meetings import decisions, services
from macehub.meetings.conduct import confidentiality_agree
from macehub.meetings.models import Action, Meeting
from macehub.tests.factories import open_case, published_meeting, schedule

pytestmark = pytest.mark.django_db

POLICE = "panel_member"  # the Dudley police persona: a panel member of an invited agency


def _reads(page: Client, api: Api, page_url: str, api_url: str) -> tuple[int, int]:
    """What the page and the API answer for the same record."""
    return page.get(page_url).status_code, api.get(api_url).status_code


def _case(page: Client, api: Api, case: Any) -> tuple[int, int]:
    return _reads(page, api, f"/cases/{case.pk}/", f"/cases/{case.pk}")


def _meeting(page: Client, api: Api, meeting: Meeting) -> tuple[int, int]:
    return _reads(page, api, f"/meetings/{meeting.pk}/", f"/meetings/{meeting.pk}")


def _action(page: Client, api: Api, action: Action) -> tuple[int, int]:
    return _reads(page, api, f"/meetings/actions/{action.pk}/", f"/actions/{action.pk}")


def _move(meeting: Meeting, ended_days_ago: int) -> None:
    """The meeting took place `ended_days_ago` days ago."""
    end = timezone.now() - timedelta(days=ended_days_ago)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=end - timedelta(hours=2),
                                                  ends_at=end)


def _action_on(hub: Any, meeting: Meeting, case: Any, agency: Any) -> Action:
    return decisions.action_add(actor=hub, meeting=Meeting.objects.get(pk=meeting.pk),
                                item=meeting.items.get(case=case), description="Visit",
                                owner_name="Named officer", owner_agency=agency,
                                due_on=timezone.localtime(meeting.starts_at).date()
                                + timedelta(days=7))


def test_the_hub_and_chairs_reach_every_meeting_of_the_partnership(
        personas: dict[str, Any], client_as: Any, actor_of: Any) -> None:
    # Grant: "The hub and chairs: every meeting of the partnership", a draft agenda too.
    draft = schedule(actor_of(personas["hub_coordinator"]))
    for role in ("hub_coordinator", "chair"):
        assert _meeting(client_as(personas[role]), Api(role), draft) == (200, 200), role
    assert _meeting(client_as(personas[POLICE]), Api(POLICE), draft) == (404, 404)


def test_a_panel_member_reaches_a_meeting_they_are_invited_to_once_it_is_published(
        personas: dict[str, Any], dudley: Any, client_as: Any, actor_of: Any) -> None:
    # Grant: "A panel member: the meetings they are invited to, once published".
    hub = actor_of(personas["hub_coordinator"])
    case = open_case(actor_of(personas["referrer"]), hub)
    meeting = schedule(hub, chair=personas["chair"])
    services.agenda_build(actor=hub, meeting=meeting, version=meeting.version)
    meeting.refresh_from_db()
    police = actor_of(personas[POLICE])
    services.guest_invite(actor=hub, meeting=meeting, name="Police officer",
                          agency=police.agency, user=personas[POLICE])
    page, api = client_as(personas[POLICE]), Api(POLICE)
    assert _meeting(page, api, meeting) == (404, 404)  # invited, but the agenda is a draft
    assert _case(page, api, case) == (404, 404)
    assert api.get("/meetings").json()["count"] == 0
    meeting.refresh_from_db()
    services.agenda_publish(actor=hub, meeting=meeting, version=meeting.version)
    assert _meeting(page, api, meeting) == (200, 200)
    assert [m["id"] for m in api.get("/meetings").json()["items"]] == [meeting.pk]
    item = meeting.items.get(case=case)
    assert page.get(f"/meetings/{meeting.pk}/items/{item.pk}/").status_code == 200


def test_a_panel_member_never_reaches_a_meeting_they_are_not_invited_to(
        personas: dict[str, Any], dudley: Any, client_as: Any, make_user: Any) -> None:
    # Grant: "A panel member: the meetings they are invited to, once published" (only those).
    meeting = published_meeting(personas, dudley)
    item = meeting.items.exclude(case=None).get()
    housing = make_user("housing_rep", dudley, "panel_member", "housing")  # not on the panel
    page, api = client_as(housing), Api("housing_rep")
    assert _meeting(page, api, meeting) == (404, 404)
    assert _case(page, api, item.case) == (404, 404)
    assert _reads(page, api, f"/meetings/{meeting.pk}/items/{item.pk}/",
                  f"/meetings/{meeting.pk}/agenda") == (404, 404)
    assert api.get("/meetings").json()["count"] == 0
    assert api.get("/decisions").json()["count"] == 0
    listed = page.get("/meetings/")  # the forum filter names every forum: no meeting is listed
    assert listed.context["listing"].rows == []
    assert f"/meetings/{meeting.pk}/" not in listed.content.decode()


def test_a_panel_member_reaches_a_case_from_publication_until_the_window_closes(
        personas: dict[str, Any], dudley: Any, client_as: Any, actor_of: Any) -> None:
    # Grant: "A panel member: a case on the agenda of a meeting they are invited to and
    # whose confidentiality statement they agreed, from
    # publication until the window after the meeting closes" (access_after: 14 days).
    hub = actor_of(personas["hub_coordinator"])
    case = open_case(actor_of(personas["referrer"]), hub)
    page, api = client_as(personas[POLICE]), Api(POLICE)
    assert _case(page, api, case) == (404, 404)  # on no agenda yet
    meeting = published_meeting(personas, dudley, case)
    assert _case(page, api, case) == (404, 404)  # published, invited, not yet agreed
    confidentiality_agree(actor=actor_of(personas[POLICE]), meeting=meeting)
    assert _case(page, api, case) == (200, 200)  # published, invited, agreed
    _move(meeting, ended_days_ago=13)
    assert _case(page, api, case) == (200, 200)  # held, inside the window
    _move(meeting, ended_days_ago=15)
    assert _case(page, api, case) == (404, 404)  # the window has closed
    assert api.get("/cases").json()["count"] == 0
    assert _case(client_as(personas["hub_coordinator"]), Api("hub_coordinator"),
                 case) == (200, 200)  # the hub sees every case, always


def test_another_partnerships_panel_member_never_reaches_the_meeting_or_its_cases(
        personas: dict[str, Any], dudley: Any, essex: Any, client_as: Any,
        make_user: Any) -> None:
    # Every grant is inside the actor's own partnership: an invitation is never made across.
    meeting = published_meeting(personas, dudley)
    case = meeting.items.exclude(case=None).get().case
    for role in ("panel_member", "hub_coordinator"):
        outsider = make_user(f"essex_{role}", essex, role, "police")
        page, api = client_as(outsider, essex), Api(f"essex_{role}")
        assert _meeting(page, api, meeting) == (404, 404), role
        assert _case(page, api, case) == (404, 404), role


def test_a_panel_member_reaches_the_actions_their_agency_owns_and_no_others(
        personas: dict[str, Any], dudley: Any, client_as: Any, actor_of: Any) -> None:
    # Grant: "A panel member: the actions their agency or they own".
    hub = actor_of(personas["hub_coordinator"])
    meeting = published_meeting(personas, dudley)
    case = meeting.items.exclude(case=None).get().case
    ours = _action_on(hub, meeting, case, actor_of(personas[POLICE]).agency)
    theirs = _action_on(hub, meeting, case, actor_of(personas["panel_member_health"]).agency)
    page, api = client_as(personas[POLICE]), Api(POLICE)
    assert _action(page, api, ours) == (200, 200)
    assert _action(page, api, theirs) == (404, 404)
    assert [a["id"] for a in api.get("/actions").json()["items"]] == [ours.pk]
    listed = page.get("/meetings/actions/").content.decode()
    assert f"/meetings/actions/{ours.pk}/" in listed
    assert f"/meetings/actions/{theirs.pk}/" not in listed
    hub_api = Api("hub_coordinator")  # the hub and chairs: every action of the partnership
    assert {a["id"] for a in hub_api.get("/actions").json()["items"]} == {ours.pk, theirs.pk}


def test_a_panel_member_reaches_a_case_while_their_agency_owns_an_open_action_on_it(
        personas: dict[str, Any], dudley: Any, client_as: Any, actor_of: Any) -> None:
    # Grant: "A panel member: a case on which their agency owns an open action", after the
    # meeting's window has closed; a done action no longer opens the case.
    hub = actor_of(personas["hub_coordinator"])
    meeting = published_meeting(personas, dudley)
    case = meeting.items.exclude(case=None).get().case
    action = _action_on(hub, meeting, case, actor_of(personas[POLICE]).agency)
    _move(meeting, ended_days_ago=30)
    page, api = client_as(personas[POLICE]), Api(POLICE)
    assert _case(page, api, case) == (200, 200)
    assert _action(page, api, action) == (200, 200)
    assert str(case.child) in page.get(f"/meetings/actions/{action.pk}/").content.decode()
    decisions.action_update(actor=actor_of(personas[POLICE]), action=action, text="Visited",
                            status=Action.Status.DONE, version=action.version)
    assert _case(page, api, case) == (404, 404)
    # Their agency's action stays theirs to read; the child is no longer named on it.
    assert _action(page, api, action) == (200, 200)
    assert str(case.child) not in page.get(f"/meetings/actions/{action.pk}/").content.decode()
