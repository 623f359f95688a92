"""No list in the missing records is cut silently: every episode, import problem, queued
notification and trigger to triage is reachable, page by page, with its count shown."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from macehub.access.actor import Actor, actor_for
from macehub.missing.due import missing_due
from macehub.missing.models import ImportRun, MissingEpisode, TriggerFiring
from macehub.people.models import Child
from macehub.people.services import child_create
from macehub.rules.due import DueScope

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub(personas: dict[str, Any], dudley: Any) -> Actor:
    actor = actor_for(personas["hub_coordinator"], dudley.pk)
    assert actor is not None
    return actor


@pytest.fixture
def client(personas: dict[str, Any], client_as: Any) -> Client:
    return client_as(personas["hub_coordinator"])  # type: ignore[no-any-return]


def _child(hub: Actor) -> Child:
    return child_create(actor=hub, confirm_new=True, first_name="Cal", last_name="Often",
                        date_of_birth=timezone.localdate().replace(year=2012))


def _episodes(hub: Actor, child: Child | None, n: int) -> list[MissingEpisode]:
    now = timezone.now()
    return MissingEpisode.objects.bulk_create([MissingEpisode(
        partnership=hub.partnership, child=child, force="West Midlands Police",
        police_reference=f"E-{i}", reported_at=now - timedelta(days=i + 1, hours=5),
        returned_at=now - timedelta(days=i + 1), missing_from="home", risk_grade="medium",
        child_details={"first_name": "Cal", "last_name": "Often",
                       "date_of_birth": "2012-01-01"}) for i in range(n)])


def _every_page(client: Client, url: str, param: str, key: str, pages: int) -> list[Any]:
    seen: list[Any] = []
    for number in range(1, pages + 1):
        seen += list(client.get(url, {param: number}).context[key])
    return seen


def test_a_childs_page_reaches_every_missing_episode(hub: Actor, client: Client) -> None:
    child = _child(hub)
    _episodes(hub, child, 60)
    url = reverse("people:detail", args=[child.pk])
    assert "60 missing episodes" in client.get(url).content.decode()
    seen = _every_page(client, url, "episodes_page", "episodes_page", 3)
    assert len({e.pk for e in seen}) == 60


def test_an_interview_can_be_offered_for_any_of_the_childs_episodes(
        hub: Actor, client: Client) -> None:
    child = _child(hub)
    episodes = _episodes(hub, child, 25)
    page = client.get(reverse("missing:episode", args=[episodes[0].pk]))
    choices = {str(value) for value, _ in page.context["offer_form"].fields["episodes"].choices}
    assert choices >= {str(e.pk) for e in episodes}


def test_the_import_result_reaches_every_problem(hub: Actor, client: Client) -> None:
    errors = [{"row": n, "field": "risk_grade", "reason": "Not a grade"} for n in range(2, 252)]
    run = ImportRun.objects.create(partnership=hub.partnership, by=hub.user, via="test",
                                   started_at=timezone.now(), rows=250, errors=errors)
    url = reverse("missing:import_run", args=[run.pk])
    seen = _every_page(client, url, "page", "errors", 3)
    assert [e["row"] for e in seen] == list(range(2, 252))


def test_the_match_queue_reaches_every_waiting_notification(
        hub: Actor, client: Client) -> None:
    _episodes(hub, None, 12)
    url = reverse("missing:queue")
    assert "12 notifications wait" in client.get(url).content.decode()
    seen = _every_page(client, url, "page", "items", 2)
    assert len({episode.pk for episode, _, _ in seen}) == 12


def test_every_open_trigger_to_triage_is_due(hub: Actor) -> None:
    child = _child(hub)
    episodes = _episodes(hub, child, 210)
    TriggerFiring.objects.bulk_create([TriggerFiring(
        partnership=hub.partnership, child=child, rule_key="harm", anchor=e, action="triage",
        explanation="Harm in an episode", source="003 §Introduction", fired_at=e.reported_at)
        for e in episodes])
    due = missing_due(DueScope(actor=hub, today=timezone.localdate()))
    assert len([d for d in due if d.kind == "missing_triage"]) == 210
