from __future__ import annotations

import pytest

from bench.synthetic import Synthetic
from macehub.accounts.models import Membership, User
from macehub.demo.load import load_demo
from macehub.partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def test_demo_loads_six_partnerships_and_one_account_per_role_and_reloads_unchanged() -> None:
    first = load_demo(seed=1)
    counts = (Partnership.objects.count(), User.objects.count(), Membership.objects.count())
    second = load_demo(seed=1)
    assert counts == (Partnership.objects.count(), User.objects.count(),
                      Membership.objects.count())
    assert [a.totp_key for a in first] == [a.totp_key for a in second]
    assert sorted(Partnership.objects.values_list("policy_key", flat=True)) == [
        "dudley", "essex", "kirklees", "southend", "thurrock", "wolverhampton"]
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {"referrer", "hub_coordinator", "chair", "panel_member", "analyst",
                     "partnership_admin", "auditor"}


def test_synthetic_people_are_deterministic_and_obviously_fictional() -> None:
    a = [Synthetic(7).person() for _ in range(1)] + [Synthetic(7).person()]
    assert a[0] == a[1]
    people = [Synthetic(3).person() for _ in range(50)]
    for person in people:
        assert person.email.endswith("@example.org")
        assert person.phone.startswith("07700 900")
        assert person.postcode.startswith("ZZ99")


def test_demo_front_door_loads_concerns_and_cases_once() -> None:
    from macehub.cases.models import Case
    from macehub.concerns.models import Concern
    from macehub.demo.front_door import load_front_door

    load_demo(seed=1)
    assert load_front_door(seed=1) == 8
    counts = (Concern.objects.count(), Case.objects.count())
    assert load_front_door(seed=1) == 0
    assert counts == (Concern.objects.count(), Case.objects.count()) == (8, 3)
    assert Concern.objects.filter(status="awaiting_screening").count() == 3


def test_demo_missing_episodes_fire_triggers_once() -> None:
    from macehub.demo.missing import load_missing
    from macehub.missing.models import MissingEpisode, ReturnInterview, TriggerFiring

    load_demo(seed=1)
    assert load_missing() == 8
    counts = (MissingEpisode.objects.count(), TriggerFiring.objects.count())
    assert load_missing() == 0
    assert counts == (MissingEpisode.objects.count(), TriggerFiring.objects.count())
    assert TriggerFiring.objects.filter(rule_key="three_in_four_weeks").exists()
    assert ReturnInterview.objects.filter(status="completed").count() == 1


def test_demo_intelligence_is_a_small_dudley_network_linked_to_two_children_once() -> None:
    # Dudley ToR (003) §CEOG: perpetrators, locations and linked victims discussed together.
    from macehub.demo.front_door import load_front_door
    from macehub.demo.intelligence import load_intelligence
    from macehub.intelligence.models import Link, PersonOfInterest, PhoneNumber

    load_demo(seed=1)
    load_front_door(seed=1)
    made = load_intelligence()
    # Six records and two disruptions; the rest are links.
    assert made == load_intelligence() + made and Link.objects.count() == made - 8
    from macehub.disruption.models import Disruption

    assert Disruption.objects.count() == 2
    person = PersonOfInterest.objects.get(name="Kieran Oakwright")
    assert sorted(n.name for n in person.names.all()) == ["Kaz", "Smoke"]
    assert PhoneNumber.objects.get().number.startswith("+44770090")
    assert Link.objects.filter(b_kind="child").values("b_id").distinct().count() == 2
    assert Link.objects.filter(handling="C").exclude(conditions="").count() == 1
    # Two linked victims and two suspects: a complex strategy meeting is proposed.
    from macehub.access.actor import actor_for
    from macehub.accounts.models import User
    from macehub.intelligence.linked import proposals

    hub = actor_for(User.objects.get(username="coordinator"), person.partnership_id)
    assert hub is not None
    assert [p.forum for p in proposals(hub)] == ["complex_strategy"]


def test_demo_locations_give_the_dudley_and_essex_maps_a_cluster_once() -> None:
    # Essex arrangements §6.1 MACE 2 (vulnerable locations and hotspots); Dudley ToR §CEOG.
    from macehub.access.actor import actor_for
    from macehub.accounts.models import User
    from macehub.demo.front_door import load_front_door
    from macehub.demo.intelligence import load_intelligence
    from macehub.demo.locations import load_locations
    from macehub.intelligence.hotspots import analyse
    from macehub.intelligence.mapping import located
    from macehub.partnerships.models import Partnership

    load_demo(seed=1)
    load_front_door(seed=1)
    load_intelligence()
    assert load_locations() == 7 and load_locations() == 0
    for slug, username in (("dudley", "analyst"), ("essex", "set-coordinator")):
        actor = actor_for(User.objects.get(username=username),
                          Partnership.objects.get(slug=slug).pk)
        assert actor is not None
        assert len(analyse(actor, list(located(actor, {}))).clusters) == 1
