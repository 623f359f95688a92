"""Matching, merging and linked-children proposals through the API, with the pages' rules:
what concerns name is brought in once, a candidate is judged and confirmed as an existing
or a new record (each judgement kept), a merge is made from both versions and undone from
its own, and a linked-children proposal goes onto a meeting's agenda once or is declined
with a reason. Only the hub may; another partnership's records are not found; bad input
is answered 422 naming the field; a stale version or a concurrent merge, 409."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.access.actor import Actor
from macehub.api.tests.helpers import Api
from macehub.concerns.services import MentionData
from macehub.intelligence.candidates import candidate_add
from macehub.intelligence.merging import records_merge
from macehub.intelligence.models import PersonOfInterest, Vehicle
from macehub.intelligence.models_matching import Candidate, Judgement
from macehub.intelligence.models_meetings import ProposalDecision
from macehub.intelligence.services import entity_create, link_create
from macehub.lib.problems import fields
from macehub.meetings.models import AgendaItem
from macehub.tests import factories

pytestmark = pytest.mark.django_db
GRADE = {"source_kind": "concern", "source_evaluation": "2", "assessment": "B",
         "handling": "P"}


def _person(hub: Actor, name: str) -> Any:
    return entity_create(actor=hub, kind="person", name=name, status="active")


def test_what_concerns_name_is_brought_in_once_and_listed_with_a_cursor(
        hub: Actor, personas: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    # DOMAIN "Intelligence": nothing a referrer names becomes a record unconfirmed.
    referrer = factories.actor(personas["referrer"], hub.partnership)
    factories.new_concern(referrer, mentions=[
        MentionData("person", "Kaz", "Older man"), MentionData("vehicle", "ab12 cde"),
        MentionData("phone", "+44 7700-900-123")])
    api = Api("hub_coordinator")
    assert api.get("/intelligence/candidates").json()["waiting"] == 3
    made = api.post("/intelligence/candidates/collect")
    assert made.status_code == 200 and made.json()["brought_in"] == 3
    assert api.post("/intelligence/candidates/collect").json()["brought_in"] == 0
    with django_assert_max_num_queries(20):
        first = api.get("/intelligence/candidates", page_size=2).json()
    assert (first["count"], first["waiting"], len(first["items"])) == (3, 0, 2)
    rest = api.get("/intelligence/candidates", page_size=2, cursor=first["next"]).json()
    assert [c["value"] for c in first["items"] + rest["items"]] == [
        "Kaz", "ab12 cde", "+44 7700-900-123"] and rest["next"] is None
    assert api.get("/intelligence/candidates", cursor="forged").status_code == 422
    for role in ("analyst", "referrer", "auditor", "panel_member"):
        assert Api(role).get("/intelligence/candidates").status_code == 403
        assert Api(role).post("/intelligence/candidates/collect").status_code == 403


def test_each_judgement_is_kept_and_confirming_links_the_candidate_to_the_record(
        hub: Actor, django_assert_max_num_queries: Any) -> None:
    kaz = _person(hub, "Kaz")
    api = Api("hub_coordinator")
    added = api.post("/intelligence/candidates", {"kind": "person", "value": "Kazz",
                                                  "source_detail": "MACE on 3 March"})
    assert added.status_code == 201, added.json()
    url = f"/intelligence/candidates/{added.json()['id']}"
    with django_assert_max_num_queries(20):
        shown = api.get(url).json()
    assert [m["record_id"] for m in shown["likely_matches"]] == [kaz.pk]
    assert shown["likely_matches"][0]["because"]
    for verdict in ("not_sure", "different"):
        judged = api.post(f"{url}/judgements", {"record_id": kaz.pk, "verdict": verdict})
        assert judged.status_code == 201 and judged.json()["reasons"]
    assert api.get(url).json()["likely_matches"][0]["judged"]["verdict"] == "different"
    version = shown["candidate"]["version"]
    confirmed = api.post(f"{url}/confirm", {"version": version, "record_id": kaz.pk})
    assert confirmed.status_code == 200
    assert (confirmed.json()["outcome"], confirmed.json()["record_id"]) == ("existing", kaz.pk)
    assert api.post(f"{url}/confirm", {"version": version, "record_id": kaz.pk}
                    ).status_code == 409  # confirmed once
    assert list(Judgement.objects.order_by("pk").values_list("verdict", flat=True)) == [
        "not_sure", "different", "same"]
    assert Api("analyst").post(f"{url}/judgements", {"record_id": kaz.pk,
                                                     "verdict": "same"}).status_code == 403


def test_a_candidate_confirmed_as_new_is_recorded_with_every_check(hub: Actor) -> None:
    car = candidate_add(actor=hub, kind="vehicle", value="AB12 CDE")
    place = candidate_add(actor=hub, kind="location", value="14 High Street, DY1 1AA")
    api = Api("hub_coordinator")
    url = f"/intelligence/candidates/{car.pk}/confirm-new"
    refused = api.post(url, {"version": 1, "record": {"registration": "NOT A PLATE!"}})
    assert refused.status_code == 422 and "registration" in fields(refused.json())
    untyped = api.post(f"/intelligence/candidates/{place.pk}/confirm-new", {"version": 1})
    assert untyped.status_code == 422 and "type" in fields(untyped.json())
    assert not Vehicle.objects.exists()
    made = api.post(url, {"version": 1, "record": {"colour": "Silver"}})
    assert made.status_code == 201 and made.json()["outcome"] == "new"
    vehicle = Vehicle.objects.get()
    assert (vehicle.registration, vehicle.colour, made.json()["record_id"]) == (
        "AB12CDE", "Silver", vehicle.pk)
    assert api.post(url, {"version": 1}).status_code == 409


@pytest.mark.parametrize(("body", "field"), [
    ({"kind": "vehicle", "value": "AB12 CDE FGH!"}, "value"),
    ({"kind": "phone", "value": "12"}, "value"),
    ({"kind": "person", "value": "Kaz", "source_kind": "nowhere"}, "source_kind"),
    ({"kind": "boat", "value": "Kaz"}, "kind")])
def test_bad_input_is_answered_422_naming_the_field_and_nothing_is_saved(
        personas: dict[str, Any], body: dict[str, Any], field: str) -> None:
    # SECURITY S5: bad input gets a clear error naming the field and changes nothing.
    answer = Api("hub_coordinator").post("/intelligence/candidates", body)
    assert answer.status_code == 422 and field in fields(answer.json())
    assert not Candidate.objects.exists()


def test_a_judgement_without_a_verdict_is_refused_naming_it(hub: Actor) -> None:
    kaz = _person(hub, "Kaz")
    candidate = candidate_add(actor=hub, kind="person", value="Kaz")
    url = f"/intelligence/candidates/{candidate.pk}/judgements"
    api = Api("hub_coordinator")
    for body in ({"record_id": kaz.pk}, {"record_id": kaz.pk, "verdict": "maybe"}):
        answer = api.post(url, body)
        assert answer.status_code == 422 and "verdict" in fields(answer.json())
    assert not Judgement.objects.exists()


def test_another_partnerships_candidates_records_and_merges_are_not_found(
        hub: Actor, essex_hub: Actor) -> None:
    theirs = candidate_add(actor=essex_hub, kind="person", value="Kaz")
    their_man, their_twin = _person(essex_hub, "Kaz"), _person(essex_hub, "Kazz")
    merge = records_merge(actor=essex_hub, kind="person", kept=their_man, merged=their_twin,
                          kept_version=1, merged_version=1)
    ours, our_man = candidate_add(actor=hub, kind="person", value="Kaz"), _person(hub, "Kaz")
    api = Api("hub_coordinator")
    at = f"/intelligence/candidates/{theirs.pk}"
    assert api.get(at).status_code == 404
    assert api.post(f"{at}/judgements", {"record_id": our_man.pk,
                                         "verdict": "same"}).status_code == 404
    assert api.post(f"{at}/confirm", {"version": 1, "record_id": our_man.pk}
                    ).status_code == 404
    assert api.post(f"/intelligence/candidates/{ours.pk}/confirm",
                    {"version": 1, "record_id": their_man.pk}).status_code == 404
    assert api.post(f"/intelligence/people/{our_man.pk}/merges", {
        "other_id": their_twin.pk, "version": 1, "other_version": 1,
        "reason": "Same"}).status_code == 404
    assert api.get(f"/intelligence/merges/{merge.pk}").status_code == 404
    assert api.post(f"/intelligence/merges/{merge.pk}/undo", {"version": 1}
                    ).status_code == 404
    assert Api("essex_hub").get(f"/intelligence/candidates/{ours.pk}").status_code == 404


def test_a_merge_is_made_from_both_versions_and_undone_from_its_own(hub: Actor) -> None:
    dean, deen = _person(hub, "Dean Sampel"), _person(hub, "Deen Sampel")
    api = Api("hub_coordinator")
    at = f"/intelligence/people/{dean.pk}"
    choices = api.get(f"{at}/merge-choices").json()
    assert [c["id"] for c in choices] == [deen.pk] and choices[0]["because"]
    assert [c["id"] for c in api.get(f"{at}/merge-choices", q="Deen").json()] == [deen.pk]
    body = {"other_id": deen.pk, "version": 1, "other_version": 1, "reason": "Same man"}
    assert api.post(f"{at}/merges", body | {"other_version": 0}).status_code == 409
    assert api.post(f"{at}/merges", body | {"other_id": dean.pk}).status_code == 422
    merged = api.post(f"{at}/merges", body)
    assert merged.status_code == 201, merged.json()
    assert "Deen Sampel" in PersonOfInterest.objects.get(pk=dean.pk).names.values_list(
        "name", flat=True)
    url = f"/intelligence/merges/{merged.json()['id']}"
    assert api.get(url).json()["kept_id"] == dean.pk
    assert api.post(f"{url}/undo", {"version": 0}).status_code == 409
    undone = api.post(f"{url}/undo", {"version": merged.json()["version"]})
    assert undone.status_code == 200 and undone.json()["undone_at"]
    assert not PersonOfInterest.objects.get(pk=dean.pk).names.exists()
    assert api.post(f"{url}/undo", {"version": undone.json()["version"]}).status_code == 422
    assert Api("analyst").post(f"{at}/merges", body).status_code == 403


def test_the_second_of_two_merges_of_the_same_record_is_refused(hub: Actor) -> None:
    # The second coordinator merging a record already merged into another gets 409.
    kaz, twin, third = _person(hub, "Kaz"), _person(hub, "Kazz"), _person(hub, "Kaz Z")
    api = Api("hub_coordinator")
    assert api.post(f"/intelligence/people/{kaz.pk}/merges", {
        "other_id": twin.pk, "version": 1, "other_version": 1, "reason": "Same"}
    ).status_code == 201
    twin.refresh_from_db()
    second = api.post(f"/intelligence/people/{third.pk}/merges", {
        "other_id": twin.pk, "version": 1, "other_version": twin.version, "reason": "Same"})
    assert second.status_code == 409


def _linked_children(hub: Actor) -> Any:
    car = entity_create(actor=hub, kind="vehicle", registration="AB12CDE")
    for first in ("Ivy", "Ash"):
        kid = factories.child(hub, first, "Example")
        link_create(actor=hub, a_kind="child", a_id=kid.pk, b_kind="vehicle", b_id=car.pk,
                    kind="seen_with", **GRADE)
    return car


def test_a_proposal_is_listed_with_its_rule_and_source_and_accepted_onto_a_meeting_once(
        essex: Any) -> None:
    # Wolverhampton, Professionals' meeting: more than one young person linked to a
    # situation convenes a professionals' meeting.
    t = factories.team("wolverhampton")
    hub = t["hub"]
    car = _linked_children(hub)
    meeting = factories.schedule(hub, forum="professionals_meeting")
    api = Api(hub.user.username)
    found = api.get("/intelligence/proposals").json()
    assert found["count"] == 1 and found["items"][0]["forum"] == "professionals_meeting"
    shown = found["items"][0]
    assert shown["source"] and shown["reason"]
    assert shown["through"] == [{"kind": "vehicle", "id": car.pk, "label": "AB12CDE"}]
    assert len(shown["linked_children"]) == 2
    which = {"rule": shown["rule"], "children": shown["children"]}
    other = factories.schedule(factories.actor(factories.user_with_role(
        "essex_hub", essex, "hub_coordinator"), essex), forum="ric_meeting")
    assert api.post("/intelligence/proposals/accept", which | {"meeting_id": other.pk}
                    ).status_code == 404
    assert fields(api.post("/intelligence/proposals/accept", which).json()) == {"day"}
    accepted = api.post("/intelligence/proposals/accept", which | {"meeting_id": meeting.pk})
    assert accepted.status_code == 201 and accepted.json()["meeting_id"] == meeting.pk
    assert api.post("/intelligence/proposals/accept", which | {"meeting_id": meeting.pk}
                    ).status_code == 409
    assert AgendaItem.objects.filter(meeting=meeting).count() == 1
    assert api.get("/intelligence/proposals").json()["count"] == 0
    assert Api(t["referrer"].user.username).get("/intelligence/proposals").status_code == 403


def test_a_proposal_declined_keeps_its_reason_and_is_not_proposed_again() -> None:
    t = factories.team("wolverhampton")
    hub = t["hub"]
    _linked_children(hub)
    api = Api(hub.user.username)
    shown = api.get("/intelligence/proposals").json()["items"][0]
    which = {"rule": shown["rule"], "children": shown["children"]}
    blank = api.post("/intelligence/proposals/decline", which | {"reason": " "})
    assert blank.status_code == 422 and "reason" in fields(blank.json())
    declined = api.post("/intelligence/proposals/decline",
                        which | {"reason": "Already discussed at MACE"})
    assert declined.status_code == 200
    assert ProposalDecision.objects.get().reason == "Already discussed at MACE"
    assert api.get("/intelligence/proposals").json()["count"] == 0
    assert api.post("/intelligence/proposals/decline", which | {"reason": "Again"}
                    ).status_code == 409


def test_a_proposal_accepted_without_a_meeting_arranges_a_new_one() -> None:
    t = factories.team("wolverhampton")
    hub = t["hub"]
    _linked_children(hub)
    api = Api(hub.user.username)
    shown = api.get("/intelligence/proposals").json()["items"][0]
    accepted = api.post("/intelligence/proposals/accept", {
        "rule": shown["rule"], "children": shown["children"], "day": "2030-03-04",
        "at": "14:00", "venue": "Civic Centre"})
    assert accepted.status_code == 201, accepted.json()
    item = AgendaItem.objects.get(pk=accepted.json()["item_id"])
    assert (item.meeting.forum, item.meeting.venue) == ("professionals_meeting", "Civic Centre")
