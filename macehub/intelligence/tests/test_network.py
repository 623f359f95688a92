"""The network: a record's neighbourhood to N hops within need to know (a link with
handling code C only for the roles its conditions allow), on a page with a table of the
same links and through the API; and the panel's agenda window: a panel member reaches the
intelligence records on their meeting's agenda inside its window, a referrer nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.intelligence.models import PersonOfInterest, Vehicle
from macehub.intelligence.models_meetings import AgendaRecord
from macehub.intelligence.network import neighbourhood
from macehub.intelligence.services import entity_create, link_create
from macehub.meetings.conduct import confidentiality_agree
from macehub.tests import factories

pytestmark = pytest.mark.django_db
GRADE = {"source_kind": "meeting", "source_evaluation": "1", "assessment": "A",
         "handling": "P", "kind": "associate"}


@pytest.fixture
def chain(hub: Actor) -> dict[str, Any]:
    """Kaz - Golf - Smoke - deal line; the Golf link is for the police only (C)."""
    kaz = entity_create(actor=hub, kind="person", name="Kaz", status="active")
    smoke = entity_create(actor=hub, kind="person", name="Smoke", status="active")
    car = entity_create(actor=hub, kind="vehicle", registration="AB12CDE")
    line = entity_create(actor=hub, kind="phone", number="07700 900123", deal_line=True)
    link_create(actor=hub, a_kind="person", a_id=kaz.pk, b_kind="vehicle", b_id=car.pk,
                **GRADE)
    secret = link_create(actor=hub, a_kind="vehicle", a_id=car.pk, b_kind="person",
                         b_id=smoke.pk, **(GRADE | {
                             "handling": "C", "disclose_to": ["panel_member"],
                             "conditions": "Police only"}))
    link_create(actor=hub, a_kind="person", a_id=smoke.pk, b_kind="phone", b_id=line.pk,
                **GRADE)
    return {"kaz": kaz, "smoke": smoke, "car": car, "line": line, "secret": secret}


def test_the_neighbourhood_grows_with_the_hops(chain: dict[str, Any], hub: Actor,
                                               personas: dict[str, Any],
                                               actor_of: Any) -> None:
    police = actor_of(personas["panel_member"])
    start = ("person", chain["kaz"].pk)
    assert set(neighbourhood(police, start, 1)[0]) == {start, ("vehicle", chain["car"].pk)}
    assert ("phone", chain["line"].pk) in neighbourhood(police, start, 3)[0]


def test_a_handling_code_c_link_joins_nothing_for_a_role_its_conditions_leave_out(
        chain: dict[str, Any], hub: Actor) -> None:
    # 3x5x2 handling code C: shared only as its conditions allow (docs/adr/0019).
    reached, links = neighbourhood(hub, ("person", chain["kaz"].pk), 3)
    assert ("person", chain["smoke"].pk) not in reached
    assert chain["secret"].pk not in links


def test_the_network_page_draws_and_tables_the_same_links(
        chain: dict[str, Any], personas: dict[str, Any], client_as: Any,
        django_assert_max_num_queries: Any) -> None:
    client = client_as(personas["panel_member"])
    url = reverse("intelligence:person_network", args=[chain["kaz"].pk])
    with django_assert_max_num_queries(20):
        page = client.get(url, {"hops": 3})
    text = page.content.decode()
    assert page.status_code == 200 and "network-data" in text and "07700 900123" in text
    assert client.get(url, {"hops": "9"}).status_code == 400
    for role in ("referrer", "auditor", "partnership_admin"):
        assert client_as(personas[role]).get(url).status_code == 403


def test_the_network_api_answers_within_need_to_know_and_refuses_bad_input(
        chain: dict[str, Any], personas: dict[str, Any], client_as: Any,
        essex_hub: Actor) -> None:
    client = client_as(personas["hub_coordinator"])
    api = "/api/v1/intelligence/network"
    body = client.get(api, {"record": f"person:{chain['kaz'].pk}", "hops": 3}).json()
    assert {n["id"] for n in body["nodes"]} == {f"person:{chain['kaz'].pk}",
                                                f"vehicle:{chain['car'].pk}"}
    bad = client.get(api, {"record": "person-12", "hops": 1})
    assert bad.status_code == 422 and "record" in bad.content.decode()
    assert client.get(api, {"record": f"person:{chain['kaz'].pk}", "hops": 7}
                      ).status_code == 422
    theirs = entity_create(actor=essex_hub, kind="person", name="Kaz", status="active")
    assert client.get(api, {"record": f"person:{theirs.pk}"}).status_code == 404


def _panel_meeting(hub: Actor, personas: dict[str, Any], actor_of: Any) -> dict[str, Any]:
    referrer = actor_of(personas["referrer"])
    case = factories.open_case(referrer, hub)
    meeting = factories.published_meeting_with(hub, personas["chair"], case)
    invited = set(meeting.invitations.values_list("user_id", flat=True))
    panel = next(actor_of(u) for k, u in personas.items() if k.startswith("panel_member")
                 and u.pk in invited and k != "panel_member")
    return {"meeting": meeting, "panel": panel, "referrer": referrer,
            "item": meeting.items.get(case=case)}


def test_a_panel_member_reaches_the_records_on_their_agenda_inside_its_window(
        hub: Actor, chain: dict[str, Any], personas: dict[str, Any],
        actor_of: Any) -> None:
    # Meetings' need to know (docs/adr/0007): a panel member sees what is on the agenda of
    # a meeting they are invited to and whose confidentiality statement they agreed, from
    # publication until the window after the meeting.
    m = _panel_meeting(hub, personas, actor_of)
    AgendaRecord.objects.create(partnership=hub.partnership, item=m["item"],
                                record_kind="vehicle", record_id=chain["car"].pk)
    panel = m["panel"]
    assert not Vehicle.objects.for_actor(panel).exists()  # not agreed yet
    confidentiality_agree(actor=panel, meeting=m["meeting"])
    assert list(Vehicle.objects.for_actor(panel)) == [chain["car"]]
    assert not PersonOfInterest.objects.for_actor(panel).exists()  # only what is on it
    m["meeting"].ends_at = timezone.now() - timedelta(days=400)
    m["meeting"].starts_at = m["meeting"].ends_at - timedelta(hours=2)
    m["meeting"].save()
    assert not Vehicle.objects.for_actor(panel).exists()  # the window has closed


def test_a_referrer_reaches_no_intelligence_beyond_their_own_concern(
        hub: Actor, chain: dict[str, Any], personas: dict[str, Any],
        actor_of: Any) -> None:
    m = _panel_meeting(hub, personas, actor_of)
    AgendaRecord.objects.create(partnership=hub.partnership, item=m["item"],
                                record_kind="vehicle", record_id=chain["car"].pk)
    referrer = m["referrer"]
    for model in (Vehicle, PersonOfInterest, AgendaRecord):
        assert not model.objects.for_actor(referrer).exists()


@pytest.mark.parametrize("chunk", [2, 2000])
def test_the_neighbourhood_read_hop_by_hop_is_the_whole_networks(
        hub: Actor, personas: dict[str, Any], actor_of: Any, chunk: int,
        monkeypatch: Any) -> None:
    # The page reads a record's neighbourhood hop by hop from the record; it must be
    # exactly what a search of the whole network finds, for every reach, with links
    # between two records at the last hop included and ended links left out.
    import random

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from macehub.intelligence import network

    monkeypatch.setattr(network, "_RING_CHUNK", chunk)
    pick = random.Random(7)
    nodes = [("person", entity_create(actor=hub, kind="person", name=f"P{n}",
                                      status="active").pk) for n in range(10)]
    nodes += [("vehicle", entity_create(actor=hub, kind="vehicle",
                                        registration=f"AB{n:02d}CDE").pk) for n in range(5)]
    for n in range(30):
        (a_kind, a_id), (b_kind, b_id) = pick.sample(nodes, 2)
        secret = {"handling": "C", "disclose_to": ["panel_member"],
                  "conditions": "Police only"} if n % 5 == 0 else {}
        ended = {"ended_on": timezone.localdate()} if n % 7 == 0 else {}
        link_create(actor=hub, a_kind=a_kind, a_id=a_id, b_kind=b_kind, b_id=b_id,
                    **(GRADE | secret | ended))
    for actor in (hub, actor_of(personas["panel_member"])):
        whole = network.network_of(actor)
        for start in nodes[:6]:
            for hops in (1, 2, 3):
                with CaptureQueriesContext(connection) as read:
                    found = neighbourhood(actor, start, hops)
                assert found == network.within(whole, start, hops), (start, hops)
                if chunk == 2000:
                    assert len(read) <= hops + 1


def test_a_network_too_large_to_draw_stops_at_the_hops_before(
        hub: Actor, personas: dict[str, Any], client_as: Any, monkeypatch: Any) -> None:
    # A person linked to three vehicles, each linked to two more people: past a cap of
    # five records, the second hop (ten records) is not taken; the first always is.
    from macehub.intelligence import network

    monkeypatch.setattr(network, "MAX_DRAWN", 5)
    monkeypatch.setattr("macehub.intelligence.views_network.MAX_DRAWN", 5)
    boss = entity_create(actor=hub, kind="person", name="Boss", status="active")
    for n in range(3):
        car = entity_create(actor=hub, kind="vehicle", registration=f"CD{n:02d}EFG")
        link_create(actor=hub, a_kind="person", a_id=boss.pk, b_kind="vehicle", b_id=car.pk,
                    **GRADE)
        for m in range(2):
            runner = entity_create(actor=hub, kind="person", name=f"Runner {n}{m}",
                                   status="active")
            link_create(actor=hub, a_kind="vehicle", a_id=car.pk, b_kind="person",
                        b_id=runner.pk, **GRADE)
    start = ("person", boss.pk)
    assert network.near(hub, start, 2, 5)[2] == 1
    assert len(network.near(hub, start, 2, 5)[0]) == 4
    assert network.near(hub, start, 2, 10)[2] == 2
    assert network.near(hub, start, 1, 2)[2] == 1  # the first hop is always taken
    client = client_as(personas["hub_coordinator"])
    page = client.get(reverse("intelligence:person_network", args=[boss.pk]), {"hops": 2})
    assert page.status_code == 200
    assert "too many to draw: showing those within 1 link." in page.content.decode()
    body = client.get("/api/v1/intelligence/network",
                      {"record": f"person:{boss.pk}", "hops": 2}).json()
    assert body["reached_hops"] == 1 and len(body["nodes"]) == 4
