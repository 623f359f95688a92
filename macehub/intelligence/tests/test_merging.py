"""Merging two records of the same kind keeps everything (names, links re-pointed with
their history), and undoing it brings both records and their links back as they were.
Of two coordinators merging at once, the second is refused and nothing is lost."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from macehub.access.actor import Actor
from macehub.intelligence.merging import merge_undo, records_merge
from macehub.intelligence.models import Link, PersonName, PersonOfInterest
from macehub.intelligence.models_matching import Merge
from macehub.intelligence.queries import entity_list, links_of
from macehub.intelligence.services import entity_create, link_correct, link_create
from macehub.lib.errors import StaleEdit
from macehub.tests import factories

pytestmark = pytest.mark.django_db
GRADE = {"kind": "associate", "source_kind": "meeting", "source_evaluation": "2",
         "assessment": "B", "handling": "P"}


@pytest.fixture
def twins(hub: Actor) -> dict[str, Any]:
    """Kaz recorded twice: once by name with an alias and a car, once by a street name
    linked to a child and a phone (a link since corrected)."""
    kaz = entity_create(actor=hub, kind="person", name="Karl Zed", aliases=["Kaz"],
                        status="active")
    smoke = entity_create(actor=hub, kind="person", name="K Zed", street_names=["Smoke"],
                          status="active")
    car = entity_create(actor=hub, kind="vehicle", registration="AB12CDE")
    phone = entity_create(actor=hub, kind="phone", number="07700 900123")
    child = factories.child(hub)
    car_link = link_create(actor=hub, a_kind="person", a_id=kaz.pk, b_kind="vehicle",
                           b_id=car.pk, **GRADE)
    child_link = link_create(actor=hub, a_kind="child", a_id=child.pk, b_kind="person",
                             b_id=smoke.pk, **(GRADE | {"kind": "exploiter_of"}))
    first = link_create(actor=hub, a_kind="person", a_id=smoke.pk, b_kind="phone",
                        b_id=phone.pk, **(GRADE | {"kind": "uses"}))
    corrected = link_correct(actor=hub, link=first, version=first.version,
                             reason="It is his deal line", details="Deal line")
    between = link_create(actor=hub, a_kind="person", a_id=kaz.pk, b_kind="person",
                          b_id=smoke.pk, **GRADE)
    return {"kaz": kaz, "smoke": smoke, "child": child, "car_link": car_link,
            "child_link": child_link, "first": first, "corrected": corrected,
            "between": between}


def _state(t: dict[str, Any]) -> dict[str, Any]:
    links = {k: Link.objects.filter(pk=t[k].pk).values(
        "a_kind", "a_id", "b_kind", "b_id", "superseded", "corrects_id").get()
        for k in ("car_link", "child_link", "first", "corrected", "between")}
    names = sorted(PersonName.objects.values_list("person_id", "name", "kind"))
    people = sorted(PersonOfInterest.objects.values_list("pk", "name", "status"))
    return {"links": links, "names": names, "people": people}


def _merge(hub: Actor, t: dict[str, Any]) -> Merge:
    return records_merge(actor=hub, kind="person", kept=t["kaz"], merged=t["smoke"],
                         kept_version=t["kaz"].version, merged_version=t["smoke"].version,
                         reason="Same man, same car")


def test_a_merge_keeps_names_and_links_with_their_history(hub: Actor,
                                                          twins: dict[str, Any]) -> None:
    # ADR 0019: a merge re-points the ends and keeps the old ones as history.
    t = twins
    _merge(hub, t)
    kaz = t["kaz"]
    names = set(PersonName.objects.filter(person=kaz).values_list("name", flat=True))
    assert names == {"Kaz", "Smoke", "K Zed"}  # the merged name kept as an alias
    shown = {s.other.label for s in links_of(hub, "person", kaz.pk)}
    assert str(t["child"]) in shown and "07700 900123" in shown
    history = [s.history for s in links_of(hub, "person", kaz.pk) if s.link == t["corrected"]]
    assert history == [[t["first"]]]  # the correction's history came along
    assert t["smoke"].pk not in {r.pk for r in entity_list(hub, "person", {})}
    assert PersonOfInterest.objects.filter(pk=t["smoke"].pk).exists()  # kept, not deleted


def test_undoing_a_merge_brings_back_both_records_and_their_links_as_they_were(
        hub: Actor, twins: dict[str, Any]) -> None:
    t = twins
    before = _state(t)
    done = _merge(hub, t)
    assert _state(t) != before
    merge_undo(actor=hub, merge=done, version=done.version)
    after = _state(t)
    assert after == before
    assert t["smoke"].pk in {r.pk for r in entity_list(hub, "person", {})}


def test_a_link_corrected_after_the_merge_goes_back_with_it_when_undone(
        hub: Actor, twins: dict[str, Any]) -> None:
    t = twins
    done = _merge(hub, t)
    child_link = Link.objects.get(pk=t["child_link"].pk)
    later = link_correct(actor=hub, link=child_link, version=child_link.version,
                         reason="Seen again", details="Seen at the park")
    merge_undo(actor=hub, merge=done, version=done.version)
    later.refresh_from_db()
    assert (later.b_kind, later.b_id) == ("person", t["smoke"].pk)


def test_the_second_of_two_coordinators_merging_at_once_is_refused(
        hub: Actor, twins: dict[str, Any]) -> None:
    # Both saw the records at the same version; the first merge changes them.
    t = twins
    other = entity_create(actor=hub, kind="person", name="Karl Zedd", status="active")
    seen = {"kaz": t["kaz"].version, "smoke": t["smoke"].version}
    _merge(hub, t)
    with pytest.raises(StaleEdit):
        records_merge(actor=hub, kind="person", kept=other, merged=t["smoke"],
                      kept_version=other.version, merged_version=seen["smoke"])
    with pytest.raises(StaleEdit):
        records_merge(actor=hub, kind="person", kept=t["kaz"], merged=other,
                      kept_version=seen["kaz"], merged_version=other.version)
    assert Merge.objects.count() == 1
    assert Link.objects.filter(a_kind="person", a_id=other.pk).count() == 0


def test_a_merge_undone_twice_or_from_an_old_version_is_refused(
        hub: Actor, twins: dict[str, Any]) -> None:
    done = _merge(hub, twins)
    merge_undo(actor=hub, merge=done, version=done.version)
    with pytest.raises((StaleEdit, ValidationError)):
        merge_undo(actor=hub, merge=done, version=done.version)


def test_only_records_of_the_same_kind_and_partnership_merge(
        hub: Actor, essex_hub: Actor, twins: dict[str, Any]) -> None:
    car = entity_create(actor=hub, kind="vehicle", registration="CD34EFG")
    with pytest.raises(ValidationError):
        records_merge(actor=hub, kind="person", kept=twins["kaz"], merged=car,
                      kept_version=twins["kaz"].version, merged_version=car.version)
    theirs = entity_create(actor=essex_hub, kind="person", name="Kaz", status="active")
    with pytest.raises(ValidationError):
        records_merge(actor=hub, kind="person", kept=twins["kaz"], merged=theirs,
                      kept_version=twins["kaz"].version, merged_version=theirs.version)


def test_merging_and_undoing_on_the_pages(hub: Actor, twins: dict[str, Any],
                                          personas: dict[str, Any], client_as: Any,
                                          django_assert_max_num_queries: Any) -> None:
    t = twins
    client = client_as(personas["hub_coordinator"])
    url = reverse("intelligence:person_merge", args=[t["kaz"].pk])
    with django_assert_max_num_queries(20):
        page = client.get(url, {"q": "Smoke"})
    assert "K Zed" in page.content.decode()
    client.post(f"{url}?q=Smoke", {"other": t["smoke"].pk, "reason": "Same man",
                                   "version": t["kaz"].version})
    done = Merge.objects.get()
    with django_assert_max_num_queries(25):
        page = client.get(reverse("intelligence:person", args=[t["kaz"].pk]))
    assert "Undo the merge" in page.content.decode()
    client.post(reverse("intelligence:merge_undo", args=[done.pk]),
                {"version": done.version})
    done.refresh_from_db()
    assert done.undone_at is not None and done.undone_by == hub.user
    assert client_as(personas["analyst"]).get(url).status_code == 403


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_merging_the_same_record_at_the_same_moment_one_is_refused(
        hub: Actor) -> None:
    # Both read the records at the same version and press "merge" together: the rows are
    # locked (select_for_update), so the second sees the first's change and is refused.
    import threading

    from django.db import connection

    assert connection.vendor == "postgresql", "run in the PostgreSQL stage"
    smoke = entity_create(actor=hub, kind="person", name="Smoke", status="active")
    keepers = [entity_create(actor=hub, kind="person", name=f"Kaz {n}", status="active")
               for n in range(2)]
    start, done, refused = threading.Barrier(2), [], []

    def merge_into(kept: Any) -> None:
        try:
            start.wait()
            done.append(records_merge(actor=hub, kind="person", kept=kept, merged=smoke,
                                      kept_version=kept.version,
                                      merged_version=smoke.version))
        except StaleEdit as error:
            refused.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=merge_into, args=(k,)) for k in keepers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert (len(done), len(refused)) == (1, 1)
    assert Merge.objects.count() == 1
