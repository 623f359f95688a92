"""Linked children: children linked through the same person, place, vehicle, phone or
group are found on the graph of links; the pack proposes a professionals' meeting
(Wolverhampton) or a complex strategy meeting (Dudley, multi-victim multi-suspect), each
proposal with its rule and source; accepting one puts it on a meeting's agenda."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from macehub.access.actor import Actor
from macehub.intelligence.linked import proposal_accept, proposal_decline, proposals
from macehub.intelligence.models_meetings import AgendaRecord, ProposalDecision
from macehub.intelligence.network import situations
from macehub.intelligence.services import entity_create, link_create, link_end
from macehub.lib.errors import StaleEdit
from macehub.meetings.models import AgendaItem
from macehub.tests import factories

pytestmark = pytest.mark.django_db
GRADE = {"source_kind": "concern", "source_evaluation": "2", "assessment": "B",
         "handling": "P"}


def _link(hub: Actor, a: tuple[str, int], b: tuple[str, int], kind: str = "associate",
          **extra: Any) -> Any:
    return link_create(actor=hub, a_kind=a[0], a_id=a[1], b_kind=b[0], b_id=b[1], kind=kind,
                       **(GRADE | extra))


def _two_children_and_a_car(hub: Actor) -> dict[str, Any]:
    ivy = factories.child(hub, "Ivy", "Example")
    ash = factories.child(hub, "Ash", "Example")
    car = entity_create(actor=hub, kind="vehicle", registration="AB12CDE")
    one = _link(hub, ("child", ivy.pk), ("vehicle", car.pk), "seen_with")
    _link(hub, ("child", ash.pk), ("vehicle", car.pk), "seen_with")
    return {"ivy": ivy, "ash": ash, "car": car, "one": one}


def test_children_linked_through_the_same_record_form_one_situation(
        hub: Actor) -> None:
    made = _two_children_and_a_car(hub)
    lone = factories.child(hub, "Lee", "Example")
    flat = entity_create(actor=hub, kind="location", address="Flat 2", type="home",
                         status="not_assessed")
    _link(hub, ("child", lone.pk), ("location", flat.pk), "frequents")
    found = situations(hub)
    assert [(s.children, s.through) for s in found] == [
        (sorted([made["ivy"].pk, made["ash"].pk]), [("vehicle", made["car"].pk)])]


def test_an_ended_link_no_longer_links_children(hub: Actor) -> None:
    made = _two_children_and_a_car(hub)
    link_end(actor=hub, link=made["one"], version=made["one"].version,
             ended_on=made["one"].recorded_at.date())
    assert situations(hub) == []


def test_wolverhampton_proposes_a_professionals_meeting_for_two_linked_children() -> None:
    # Wolverhampton ToR §Professionals' meeting: "more than 1 young person involved or
    # linked to a situation" convenes a professionals' meeting.
    t = factories.team("wolverhampton")
    _two_children_and_a_car(t["hub"])
    found = proposals(t["hub"])
    assert [p.forum for p in found] == ["professionals_meeting"]
    assert "Professionals' meeting" in found[0].reason.source
    assert "2 children are linked" in found[0].reason.rule


def test_dudley_proposes_a_complex_strategy_meeting_only_when_multi_suspect() -> None:
    # Dudley ToR §CEOG Scope: a Complex Strategy Meeting or Strategic Management Group for
    # multi-victim, multi-suspect cases.
    t = factories.team("dudley")
    hub = t["hub"]
    made = _two_children_and_a_car(hub)
    assert proposals(hub) == []  # two victims, no suspect yet
    for name in ("Kaz", "Smoke"):
        man = entity_create(actor=hub, kind="person", name=name, status="active")
        _link(hub, ("person", man.pk), ("child", made["ivy"].pk), "exploiter_of")
    found = proposals(hub)
    assert [p.forum for p in found] == ["complex_strategy"]
    assert "CEOG Scope" in found[0].reason.source


def test_accepting_a_proposal_puts_it_on_a_meeting_agenda_once() -> None:
    t = factories.team("wolverhampton")
    hub = t["hub"]
    made = _two_children_and_a_car(hub)
    meeting = factories.schedule(hub, forum="professionals_meeting")
    found = proposals(hub)[0]
    item = proposal_accept(actor=hub, rule=found.rule, children=found.situation.key,
                           meeting=meeting)
    assert item.meeting == meeting and "Linked children" in item.title
    assert "Professionals' meeting" in item.why
    assert list(AgendaRecord.objects.filter(item=item).values_list(
        "record_kind", "record_id")) == [("vehicle", made["car"].pk)]
    assert proposals(hub) == []  # decided: not proposed again
    with pytest.raises(StaleEdit):
        proposal_accept(actor=hub, rule=found.rule, children=found.situation.key,
                        meeting=meeting)
    assert AgendaItem.objects.filter(meeting=meeting).count() == 1


def test_a_declined_proposal_keeps_its_reason_and_is_not_proposed_again() -> None:
    t = factories.team("wolverhampton")
    hub = t["hub"]
    _two_children_and_a_car(hub)
    found = proposals(hub)[0]
    proposal_decline(actor=hub, rule=found.rule, children=found.situation.key,
                     reason="Already discussed at MACE")
    assert ProposalDecision.objects.get().reason == "Already discussed at MACE"
    assert proposals(hub) == []


def test_the_coordinator_sees_proposals_on_a_page_and_in_the_work_waiting(
        client_as: Any, django_assert_max_num_queries: Any) -> None:
    t = factories.team("wolverhampton")
    hub = t["hub"]
    _two_children_and_a_car(hub)
    meeting = factories.schedule(hub, forum="professionals_meeting")
    client = client_as(hub.user, hub.partnership)
    assert "Linked-children proposals" in client.get(reverse("home")).content.decode()
    with django_assert_max_num_queries(20):
        page = client.get(reverse("intelligence:proposals"))
    assert "Professionals&#x27; meeting" in page.content.decode()
    found = proposals(hub)[0]
    url = (f"{reverse('intelligence:proposal')}?rule={found.rule}&children="
           f"{found.situation.key}")
    with django_assert_max_num_queries(22):
        assert client.get(url).status_code == 200
    answer = client.post(url, {"meeting": meeting.pk})
    assert answer.status_code == 302
    assert AgendaItem.objects.filter(meeting=meeting).exists()
    referrer = client_as(t["referrer"].user, hub.partnership)
    assert referrer.get(reverse("intelligence:proposals")).status_code == 403
