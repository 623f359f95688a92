"""Need to know for missing records (macehub/missing/reach.py), each grant through a page
and the API: the hub and chairs keep the records; a panel member sees the rows of a missing
meeting's list while its papers are open, never an episode record; an analyst sees the
aggregate figures, never a record."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from macehub.access import reach
from macehub.api.tests.helpers import Api
from macehub.missing import reach as missing_reach
from macehub.missing.models import (
    EpisodeChange,
    ImportRun,
    MissingEpisode,
    ReturnInterview,
    SynopsisShare,
    TriggerFiring,
)
from macehub.missing.queries import get_episode_for, get_interview_for, oldest_open_list
from macehub.missing.services import episode_record
from macehub.people.services import child_create
from macehub.tests.factories import years_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(personas: dict[str, Any], actor_of: Any) -> dict[str, Any]:
    """A child back yesterday (on today's open lists), and one back long before the oldest
    list still open to panel members."""
    hub = actor_of(personas["hub_coordinator"])
    now = timezone.now()
    recent_child = child_create(actor=hub, confirm_new=True, first_name="Ivy",
                                last_name="Recent", date_of_birth=years_ago(13))
    old_child = child_create(actor=hub, confirm_new=True, first_name="Ada",
                             last_name="Longago", date_of_birth=years_ago(14))
    recent = episode_record(actor=hub, child=recent_child, force="West Midlands Police",
                            police_reference="WM-NEW", reported_at=now - timedelta(hours=20),
                            returned_at=now - timedelta(hours=2), missing_from="home",
                            risk_grade="medium")
    long_ago = now - timedelta(days=60)
    old = episode_record(actor=hub, child=old_child, force="West Midlands Police",
                         police_reference="WM-OLD", reported_at=long_ago,
                         returned_at=long_ago + timedelta(hours=5), missing_from="home",
                         risk_grade="medium")
    return {"hub": hub, "recent": recent, "old": old, "recent_child": recent_child,
            "old_child": old_child}


def _list_day(episode: MissingEpisode) -> str:
    return timezone.localtime(episode.returned_at).date().isoformat()


def test_panel_member_sees_the_episodes_on_the_list_of_a_missing_meeting_while_its_papers_are_open(
        records: dict[str, Any], personas: dict[str, Any], client_as: Any,
        actor_of: Any) -> None:
    # Dudley ToR (003) §Introduction: Locate Police sit at the daily missing meeting, so a
    # panel member sees its list; the list is the meeting's papers, open for the pack's
    # meetings.access_after (default 14 days) after the meeting, like a MACE agenda.
    panel = actor_of(personas["panel_member"])
    assert missing_reach.ON_AN_OPEN_LIST in {g.name for g in reach.grants_for(MissingEpisode)}
    reached = set(MissingEpisode.objects.for_actor(panel))
    assert reached == {records["recent"]}

    page = client_as(personas["panel_member"]).get(
        reverse("missing:meeting"), {"forum": "daily_missing", "on": _list_day(records["recent"])})
    assert page.status_code == 200 and "Ivy Recent" in page.content.decode()
    listed = Api("panel_member").get("/missing/meeting-list", forum="daily_missing",
                                     on=_list_day(records["recent"]))
    assert listed.status_code == 200
    assert [e["child"] for e in listed.json()["returned"]["items"]] == ["Ivy Recent"]

    # The list of a meeting whose papers have closed is refused, on the page and the API.
    closed = (oldest_open_list(panel) - timedelta(days=1)).isoformat()
    refused = client_as(personas["panel_member"]).get(
        reverse("missing:meeting"), {"forum": "daily_missing", "on": closed}).content.decode()
    assert "stays open to panel members" in refused and "Ada Longago" not in refused
    assert Api("panel_member").get("/missing/meeting-list", forum="daily_missing",
                                   on=closed).status_code == 422
    # The hub keeps every list.
    old_day = _list_day(records["old"])
    hub_list = Api("hub_coordinator").get("/missing/meeting-list", forum="daily_missing",
                                          on=old_day)
    assert [e["child"] for e in hub_list.json()["returned"]["items"]] == ["Ada Longago"]


def test_panel_member_sees_the_triggers_fired_in_a_missing_meetings_period_while_papers_open(
        records: dict[str, Any], personas: dict[str, Any], actor_of: Any) -> None:
    # Dudley ToR (003) §Introduction: every missing episode is triaged at the daily
    # meeting; the list shows the triggers fired in its period.
    panel = actor_of(personas["panel_member"])
    assert missing_reach.FIRED_ON_AN_OPEN_LIST in {
        g.name for g in reach.grants_for(TriggerFiring)}
    assert {f.anchor for f in TriggerFiring.objects.for_actor(panel)} == {records["recent"]}
    day = timezone.localtime(records["recent"].reported_at).date().isoformat()
    listed = Api("panel_member").get("/missing/meeting-list", forum="daily_missing", on=day).json()
    assert [f["child"] for f in listed["firings"]["items"]] == ["Ivy Recent"]
    assert listed["firings"]["count"] == 1


def test_panel_member_never_reaches_an_episode_record_interview_history_or_import(
        records: dict[str, Any], personas: dict[str, Any], client_as: Any,
        actor_of: Any) -> None:
    # The permission registry: panel members see the lists, "but not the episode records,
    # interviews or children's records behind them".
    panel, episode = actor_of(personas["panel_member"]), records["recent"]
    with pytest.raises(Http404):
        get_episode_for(panel, episode.pk)
    for model in (EpisodeChange, ReturnInterview, SynopsisShare, ImportRun):
        assert not model.objects.for_actor(panel).exists(), model
    page = client_as(personas["panel_member"]).get(reverse("missing:episode",
                                                           args=[episode.pk]))
    assert page.status_code == 403
    api = Api("panel_member")
    assert api.get(f"/missing/episodes/{episode.pk}").status_code == 403
    assert api.get("/missing/episodes").status_code == 403
    listed = api.get("/missing/meeting-list", forum="daily_missing", on=_list_day(episode)).json()
    row = listed["returned"]["items"][0]
    assert "child_id" not in row and "circumstances" not in row
    assert "harm_indicators" not in row and "missing_from" not in row


def test_analyst_sees_aggregate_figures_only(
        records: dict[str, Any], personas: dict[str, Any], client_as: Any,
        actor_of: Any) -> None:
    # Essex ToR (000) §4.6: oversight of missing children through figures by area and
    # period; aggregate tables carry no names, so analysts see them and nothing else.
    analyst = actor_of(personas["analyst"])
    assert missing_reach.FIGURES_ONLY in {g.name for g in reach.grants_for(MissingEpisode)}
    page = client_as(personas["analyst"]).get(reverse("missing:figures")).content.decode()
    assert "Episodes by time of day reported" in page
    assert "Ivy Recent" not in page and "WM-NEW" not in page
    today = timezone.localdate()
    figures = Api("analyst").get("/missing/figures", start=today - timedelta(days=90),
                                 end=today)
    assert figures.status_code == 200
    # Two episodes: a small number, suppressed for the analyst (SECURITY S20).
    assert (figures.json()["episodes"], figures.json()["children"]) == (None, None)
    assert "Ivy" not in figures.content.decode() and "WM-NEW" not in figures.content.decode()

    with pytest.raises(Http404):
        get_episode_for(analyst, records["recent"].pk)
    client = client_as(personas["analyst"])
    for name in ("missing:index", "missing:meeting", "missing:triggers"):
        assert client.get(reverse(name)).status_code == 403, name
    assert client.get(reverse("missing:episode", args=[records["recent"].pk])).status_code == 403
    api = Api("analyst")
    for path in ("/missing/episodes", f"/missing/episodes/{records['recent'].pk}",
                 "/missing/meeting-list", "/missing/triggers"):
        assert api.get(path).status_code == 403, path


def test_analyst_never_opens_a_return_interview(
        records: dict[str, Any], personas: dict[str, Any], actor_of: Any) -> None:
    from macehub.missing.interviews import interview_offer

    interview = interview_offer(actor=records["hub"], child=records["recent_child"],
                                episodes=[records["recent"]], offered_on=timezone.localdate(),
                                offered_by="Missing team")
    analyst = actor_of(personas["analyst"])
    with pytest.raises(Http404):
        get_interview_for(analyst, interview.pk)
    assert Api("analyst").get(f"/missing/interviews/{interview.pk}").status_code == 403


def test_another_partnerships_lists_and_figures_show_nothing_of_dudley(
        records: dict[str, Any], essex: Any, make_user: Any) -> None:
    make_user("essex_lists_hub", essex, "hub_coordinator")
    outsider = Api("essex_lists_hub")
    today = timezone.localdate()
    assert outsider.get("/missing/figures", start=today - timedelta(days=90),
                        end=today).json()["episodes"] == 0
    listed = outsider.get("/missing/meeting-list", on=_list_day(records["recent"])).json()
    assert (listed["returned"]["count"], listed["returned"]["items"]) == (0, [])
    assert listed["open"]["count"] == 0 and listed["firings"]["count"] == 0


def test_thurrock_rmm_list_through_the_api_holds_the_children_it_also_takes(
        make_partnership: Any, make_user: Any, actor_of: Any) -> None:
    # Thurrock (002) §2.2: the RMM reviews every child missing that week and the children
    # at high risk of CSE / CE: the API's list holds them as the page does.
    from macehub.concerns.services import concern_match_child, screening_record
    from macehub.tests.factories import new_concern

    thurrock = make_partnership("thurrock")
    hub_user = make_user("thurrock_list_hub", thurrock, "hub_coordinator")
    hub = actor_of(hub_user, thurrock)
    referrer = actor_of(make_user("thurrock_list_referrer", thurrock, "referrer"), thurrock)
    concern = new_concern(referrer, child_details={"first_name": "Avery", "last_name": "Sample",
                                              "date_of_birth": years_ago(15)})
    concern_match_child(actor=hub, concern=concern, confirm_new=True)
    concern.refresh_from_db()
    screening_record(actor=hub, concern=concern, indicators=[], risk="high",
                     override_reason="test", outcome="mace_meeting")
    listed = Api("thurrock_list_hub").get("/missing/meeting-list", forum="rmm").json()
    assert [t["child"] for t in listed["intake"]] == ["Avery Sample"]
    assert "children being exploited now" in listed["intake_caption"]
