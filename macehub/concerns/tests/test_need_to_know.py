"""Need to know on the front door (ARCHITECTURE principle 4; DOMAIN "Who uses it"): the
hub and chairs reach every concern and child of their partnership; a referrer reaches the
concerns they submitted and their outcome, nothing else; the other roles reach none.
Each grant is checked through the kernel, a page and the API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from macehub.access.actor import Actor
from macehub.concerns.models import Concern
from macehub.partnerships.models import Partnership
from macehub.people.models import Child
from macehub.tests.factories import new_concern


def _two_referrers(personas: dict[str, Any], dudley: Partnership,
                   make_user: Callable[..., Any], actor_of: Callable[..., Actor]
                   ) -> tuple[Actor, Actor, Concern, Concern]:
    mine = actor_of(personas["referrer"])
    theirs = actor_of(make_user("other_referrer", dudley, "referrer"))
    return mine, theirs, new_concern(mine), new_concern(theirs)


def test_a_referrer_reaches_only_the_concerns_they_submitted(
        personas: dict[str, Any], dudley: Partnership, make_user: Callable[..., Any],
        actor_of: Callable[..., Actor], client_as: Callable[..., Client]) -> None:
    mine, _theirs, own, other = _two_referrers(personas, dudley, make_user, actor_of)
    assert list(Concern.objects.for_actor(mine)) == [own]
    client = client_as(personas["referrer"])
    assert client.get(f"/concerns/{own.pk}/submitted/").status_code == 200
    assert client.get(f"/concerns/{other.pk}/submitted/").status_code == 404
    assert client.get(f"/api/v1/concerns/{own.pk}").status_code == 200
    assert client.get(f"/api/v1/concerns/{other.pk}").status_code == 404


def test_a_referrer_reaches_no_childs_record(
        personas: dict[str, Any], actor_of: Callable[..., Actor],
        client_as: Callable[..., Client]) -> None:
    concern = new_concern(actor_of(personas["referrer"]))
    child = Child.objects.create(partnership=concern.partnership, first_name="Robin",
                                 last_name="Example", date_of_birth=concern.submitted_at.date())
    assert not Child.objects.for_actor(actor_of(personas["referrer"])).exists()
    assert client_as(personas["referrer"]).get(f"/api/v1/children/{child.pk}").status_code \
        in (403, 404)


def test_the_hub_and_chairs_reach_every_concern_of_their_partnership(
        personas: dict[str, Any], dudley: Partnership, essex: Partnership,
        make_user: Callable[..., Any], actor_of: Callable[..., Actor],
        client_as: Callable[..., Client]) -> None:
    _mine, _theirs, own, other = _two_referrers(personas, dudley, make_user, actor_of)
    outsider = new_concern(actor_of(make_user("essex_referrer", essex, "referrer"), essex))
    for role in ("hub_coordinator", "chair"):
        assert set(Concern.objects.for_actor(actor_of(personas[role]))) == {own, other}
        client = client_as(personas[role])
        assert client.get(f"/concerns/{other.pk}/screen/").status_code == 200
        assert client.get(f"/concerns/{outsider.pk}/screen/").status_code == 404


def test_panel_members_analysts_admins_and_auditors_reach_no_concern(
        personas: dict[str, Any], actor_of: Callable[..., Actor]) -> None:
    new_concern(actor_of(personas["referrer"]))
    for role in ("panel_member", "analyst", "partnership_admin", "auditor"):
        # An analyst counts concerns for the dashboard (aggregate figures only, never a
        # single record: every concern page asks for a permission analysts do not hold).
        if role != "analyst":
            assert not Concern.objects.for_actor(actor_of(personas[role])).exists(), role
        assert not Child.objects.for_actor(actor_of(personas[role])).exists(), role
    assert not actor_of(personas["analyst"]).has("concern.screen")
