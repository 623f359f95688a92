"""From what is named to the records: what a referrer names on a concern (and what a
coordinator hears at screening or a meeting) becomes a candidate; the coordinator confirms
it as a new record or an existing one, seeing the likely matches and their reasons, and
each judgement is kept with who made it and when."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from macehub.access.actor import Actor
from macehub.concerns.services import MentionData
from macehub.intelligence.candidates import (
    candidate_add,
    candidate_confirm_existing,
    candidate_confirm_new,
    candidates_collect,
    judgement_record,
)
from macehub.intelligence.matching import likely_matches
from macehub.intelligence.models import PersonOfInterest
from macehub.intelligence.models_matching import Candidate, Judgement, Outcome
from macehub.intelligence.services import entity_create
from macehub.lib.errors import StaleEdit
from macehub.tests import factories

pytestmark = pytest.mark.django_db
MAX_QUERIES = 20


@pytest.fixture
def referrer(hub: Actor) -> Actor:
    user = factories.user_with_role("referrer_m", hub.partnership, "referrer")
    return factories.actor(user, hub.partnership)


def _concern_naming(referrer: Actor) -> Any:
    return factories.new_concern(referrer, mentions=[
        MentionData("person", "Kaz", "Older man, about 20, collects children after school"),
        MentionData("vehicle", "ab12 cde", "Silver Golf"),
        MentionData("phone", "+44 7700-900-123"),
        MentionData("place", "14 High Street, dy11aa"),
        MentionData("online_account", "@smokeline", "Snapchat")])


def test_what_a_referrer_names_on_a_concern_becomes_candidates_to_confirm(
        hub: Actor, referrer: Actor) -> None:
    # DOMAIN "Intelligence": people, places, vehicles, phones and accounts named on a
    # concern are kept structured, to become intelligence records once confirmed.
    concern = _concern_naming(referrer)
    made = candidates_collect(actor=hub)
    assert sorted(c.kind for c in made) == ["account", "location", "person", "phone",
                                            "vehicle"]
    assert {c.concern_id for c in made} == {concern.pk}
    assert all(c.outcome == Outcome.PENDING for c in made)
    assert candidates_collect(actor=hub) == []  # a mention is brought in once
    assert not PersonOfInterest.objects.exists()  # nothing recorded until confirmed


def test_likely_matches_give_their_reasons_for_each_kind(hub: Actor) -> None:
    # ADR 0005 (matching with reasons): a person decides, never the matcher.
    kaz = entity_create(actor=hub, kind="person", name="Karl Zed", aliases=["Kaz"],
                        status="active")
    car = entity_create(actor=hub, kind="vehicle", registration="AB12 CDE")
    phone = entity_create(actor=hub, kind="phone", number="07700 900123")
    flat = entity_create(actor=hub, kind="location", address="14 High Street, Dudley",
                         postcode="DY1 1AA", type="home", status="not_assessed")
    next_door = entity_create(actor=hub, kind="location", address="16 High Street",
                              postcode="DY1 1AA", type="home", status="not_assessed")
    by_kind = {kind: likely_matches(hub, kind, value) for kind, value in (
        ("person", "kaz"), ("vehicle", "ab12cde"), ("phone", "0044 7700 900123"),
        ("location", "14 high st DY11AA"))}
    assert by_kind["person"][0].record == kaz and "alias" in by_kind["person"][0].because
    assert by_kind["vehicle"][0].record == car and "spaced" in by_kind["vehicle"][0].because
    assert by_kind["phone"][0].record == phone
    assert [m.record for m in by_kind["location"]] == [flat]  # not the house next door
    assert "house number" in by_kind["location"][0].because
    assert next_door.pk not in [m.record.pk for m in by_kind["location"]]


def test_a_name_that_sounds_the_same_or_is_misspelt_is_a_likely_match(hub: Actor) -> None:
    # ADR 0005: typos and nicknames; names sounding the same (metaphone) are candidates.
    entity_create(actor=hub, kind="person", name="Dean Sample", status="active")
    assert likely_matches(hub, "person", "Deen Sampel")
    assert not likely_matches(hub, "person", "Alexandra Price")


def test_each_judgement_is_kept_with_who_and_when_and_confirming_links_the_record(
        hub: Actor) -> None:
    kaz = entity_create(actor=hub, kind="person", name="Kaz", status="active")
    candidate = candidate_add(actor=hub, kind="person", value="Kazz",
                              source_detail="MACE on 3 March")
    judgement_record(actor=hub, candidate=candidate, record_id=kaz.pk, verdict="not_sure")
    judgement_record(actor=hub, candidate=candidate, record_id=kaz.pk, verdict="different")
    candidate_confirm_existing(actor=hub, candidate=candidate, version=candidate.version,
                               record_id=kaz.pk)
    verdicts = list(Judgement.objects.filter(candidate=candidate).order_by("pk")
                    .values_list("verdict", "by"))
    assert verdicts == [("not_sure", hub.user.pk), ("different", hub.user.pk),
                        ("same", hub.user.pk)]
    candidate.refresh_from_db()
    assert (candidate.outcome, candidate.record_id, candidate.decided_by) == (
        "existing", kaz.pk, hub.user)
    with pytest.raises(StaleEdit):  # confirmed once
        candidate_confirm_existing(actor=hub, candidate=candidate, version=1,
                                   record_id=kaz.pk)


def test_a_candidate_confirmed_as_new_is_recorded_with_every_check(hub: Actor) -> None:
    candidate = candidate_add(actor=hub, kind="vehicle", value="AB12 CDE",
                              source_kind="meeting")
    with pytest.raises(ValidationError) as error:
        candidate_confirm_new(actor=hub, candidate=candidate, version=candidate.version,
                              registration="NOT A PLATE!")
    assert "registration" in error.value.message_dict
    car = candidate_confirm_new(actor=hub, candidate=candidate, version=candidate.version,
                                registration="ab12 cde")
    candidate.refresh_from_db()
    assert candidate.outcome == Outcome.NEW and candidate.record_id == car.pk


@pytest.mark.parametrize(("kind", "value"), [("vehicle", "AB12 CDE FGH!"),
                                             ("phone", "12"), ("kind", "x")])
def test_a_malformed_registration_or_phone_is_refused_naming_the_field(
        hub: Actor, kind: str, value: str) -> None:
    # SECURITY S5: bad input gets a clear error naming the field and changes nothing.
    with pytest.raises(ValidationError) as error:
        candidate_add(actor=hub, kind="person" if kind == "kind" else kind, value=value,
                      source_kind="nowhere" if kind == "kind" else "meeting")
    assert set(error.value.message_dict) <= {"value", "source_kind"}
    assert not Candidate.objects.exists()


def test_a_record_of_another_partnership_is_not_found(hub: Actor, essex_hub: Actor) -> None:
    theirs = entity_create(actor=essex_hub, kind="person", name="Kaz", status="active")
    candidate = candidate_add(actor=hub, kind="person", value="Kaz")
    assert likely_matches(hub, "person", "Kaz") == []
    with pytest.raises(Http404):
        candidate_confirm_existing(actor=hub, candidate=candidate,
                                   version=candidate.version, record_id=theirs.pk)


def test_the_coordinator_confirms_on_the_pages_and_only_the_hub_may(
        hub: Actor, referrer: Actor, personas: dict[str, Any], client_as: Any,
        django_assert_max_num_queries: Any) -> None:
    entity_create(actor=hub, kind="vehicle", registration="AB12CDE", colour="Silver")
    _concern_naming(referrer)
    client = client_as(personas["hub_coordinator"])
    home = client.get(reverse("home"))
    assert "Matches to confirm" in home.content.decode()
    client.post(reverse("intelligence:matches"))
    with django_assert_max_num_queries(MAX_QUERIES):
        page = client.get(reverse("intelligence:matches"))
    assert "ab12 cde" in page.content.decode()
    car = Candidate.objects.get(kind="vehicle")
    with django_assert_max_num_queries(MAX_QUERIES):
        page = client.get(reverse("intelligence:match", args=[car.pk]))
    assert "the same registration, AB12CDE" in page.content.decode().replace("The same", "the same")
    for role in ("analyst", "referrer", "auditor"):
        assert client_as(personas[role]).get(reverse("intelligence:matches")).status_code \
            == 403


def test_a_judgement_sent_without_a_verdict_is_refused_and_confirms_nothing(
        hub: Actor, personas: dict[str, Any], client_as: Any) -> None:
    kaz = entity_create(actor=hub, kind="person", name="Kaz", status="active")
    candidate = candidate_add(actor=hub, kind="person", value="Kaz")
    client = client_as(personas["hub_coordinator"])
    url = reverse("intelligence:match", args=[candidate.pk])
    answer = client.post(url, {"action": "judge", "record": kaz.pk})
    assert answer.status_code == 400 and "Answer the question" in answer.content.decode()
    candidate.refresh_from_db()
    assert candidate.outcome == Outcome.PENDING and not Judgement.objects.exists()
    client.post(url, {"action": "judge", "record": kaz.pk, "verdict": "same"})
    client.post(url, {"action": "confirm", "record": kaz.pk, "version": candidate.version})
    candidate.refresh_from_db()
    assert candidate.outcome == Outcome.EXISTING
