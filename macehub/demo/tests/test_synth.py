"""The synthetic data generator makes records the product works with: its pages open on
them, the figures and due items compute, and the same seed makes the same records."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from macehub.accounts.models import User
from macehub.cases.models import Case
from macehub.demo.synth import generate
from macehub.meetings.models import Meeting
from macehub.missing.models import MissingEpisode
from macehub.partnerships.models import Partnership
from macehub.people.models import Child, ChildName
from macehub.rules.due import due_items
from macehub.tests.factories import actor, sign_in

pytestmark = pytest.mark.django_db

PAGES = ["home", "cases:list", "cases:due", "concerns:queue", "meetings:list",
         "meetings:reviews", "meetings:actions", "missing:index", "missing:triggers",
         "missing:figures", "intelligence:index", "people:search"]


def test_the_same_seed_makes_the_same_records() -> None:
    generate(scale="tiny", seed=3, slug="one")
    generate(scale="tiny", seed=3, slug="two")

    def shape(slug: str) -> list[object]:
        p = Partnership.objects.get(slug=slug)
        return [list(Child.objects.filter(partnership=p).order_by("pk").values_list(
                    "first_name", "last_name", "date_of_birth", "known_as")),
                Counter(MissingEpisode.objects.filter(partnership=p).values_list(
                    "child__first_name", flat=True)),
                [(status, risk, reference.split("-", 1)[1]) for status, risk, reference in
                 Case.objects.filter(partnership=p).order_by("pk").values_list(
                     "status", "risk", "reference")]]
    assert shape("one") == shape("two")


def test_every_name_a_child_goes_by_is_indexed_for_matching() -> None:
    generate(scale="tiny", seed=1, slug="names")
    for child in Child.objects.filter(partnership__slug="names"):
        assert ChildName.objects.filter(child=child).count() == 1 + len(child.known_as)


def test_missing_episodes_have_a_heavy_tail() -> None:
    # A few children account for many episodes; most children are reported once or twice.
    generate(scale="demo", seed=1, slug="tail")
    per_child = sorted(Counter(MissingEpisode.objects.filter(
        partnership__slug="tail").values_list("child_id", flat=True)).values())
    assert per_child[len(per_child) // 2] <= 3
    assert per_child[-1] >= 50


def test_the_main_pages_open_and_due_items_compute_on_generated_data() -> None:
    call_command("synth", scale="demo", seed=1, partnership="walk", stdout=open("/dev/null", "w"))  # noqa: SIM115
    partnership = Partnership.objects.get(slug="walk")
    coordinator = User.objects.get(username="walk-coordinator")
    items = due_items(actor(coordinator, partnership))
    assert items, "open cases, meetings and episodes leave something due"
    # The generator stores each case's due items, as the rules compute them.
    call_command("due_entries", "check", partnership="walk", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client = sign_in(Client(), coordinator, partnership)
    case = Case.objects.filter(partnership=partnership, status="open").first()
    meeting = Meeting.objects.filter(partnership=partnership, status="approved").first()
    assert case is not None and meeting is not None
    urls = [reverse(name) for name in PAGES] + [
        reverse("cases:detail", args=[case.pk]), reverse("meetings:detail", args=[meeting.pk]),
        reverse("oversight:dashboard")]
    for url in urls:
        assert client.get(url).status_code == 200, url
    chair = sign_in(Client(), User.objects.get(username="walk-chair"), partnership)
    assert chair.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200
    # A panel member reads the papers of the latest meeting they were invited to.
    latest = Meeting.objects.filter(partnership=partnership, status__in=["held", "published"]
                                    ).order_by("-starts_at").first()
    assert latest is not None
    police = sign_in(Client(), User.objects.get(username="walk-police"), partnership)
    assert police.get(reverse("meetings:papers", args=[latest.pk])).status_code == 200
    assert police.get(reverse("meetings:detail", args=[latest.pk])).status_code == 200
