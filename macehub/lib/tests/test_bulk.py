"""insert_many (COPY on PostgreSQL, bulk_create elsewhere) stores exactly what bulk_create
stores, leaves the records saved with their ids, and refuses a record whose parent is in
another partnership, as bulk_create does."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.forms.models import model_to_dict

from macehub.access.actor import actor_for
from macehub.access.scoped import ScopeError
from macehub.audit.models import AuditEvent
from macehub.lib.bulk import insert_many
from macehub.missing.models import MissingEpisode, TriggerFiring
from macehub.tests.factories import child

pytestmark = pytest.mark.django_db


def _episodes(hub: Any, kid: Any, prefix: str) -> list[MissingEpisode]:
    return [MissingEpisode(
        partnership=hub.partnership, child=kid, child_details={"first_name": "Ivy", "n": n,
                                                               "quote": "it's \"odd\"\t\\"},
        force="Example Police", police_reference=f"{prefix}{n}",
        reported_at=datetime(2026, 3, 29, 0, 30 + n, tzinfo=UTC),
        returned_at=None if n else datetime(2026, 3, 29, 5, 0, tzinfo=UTC),
        missing_from="home", risk_grade="high", circumstances="line one\nline two",
        harm_indicators=["injury"] if n % 2 else []) for n in range(3)]


def _stored(model: Any, ids: list[int]) -> list[dict[str, Any]]:
    skip = {"id", "police_reference", "created_at", "anchor", "object_id", "at"}
    return [{k: v for k, v in model_to_dict(o).items() if k not in skip}
            for o in model.objects.filter(pk__in=ids).order_by("pk")]


def test_insert_many_stores_what_bulk_create_stores(personas: dict[str, Any],
                                                    dudley: Any) -> None:
    hub = actor_for(personas["hub_coordinator"], dudley.pk)
    assert hub is not None
    kid = child(hub)
    copied = insert_many(MissingEpisode, _episodes(hub, kid, "C"))
    created = MissingEpisode.objects.bulk_create(_episodes(hub, kid, "B"))
    assert all(e.pk and not e._state.adding for e in copied)
    assert len({e.pk for e in copied + created}) == 6
    assert _stored(MissingEpisode, [e.pk for e in copied]) == \
        _stored(MissingEpisode, [e.pk for e in created])
    firings = [TriggerFiring(partnership_id=dudley.pk, child=kid, rule_key="r", anchor=e,
                             episode_ids=[e.pk, 7], action="nominate",
                             fired_at=e.reported_at) for e in copied]
    assert [f.episode_ids for f in TriggerFiring.objects.filter(
        pk__in=[f.pk for f in insert_many(TriggerFiring, firings)]).order_by("pk")] == \
        [[e.pk, 7] for e in copied]
    events = insert_many(AuditEvent, [AuditEvent(at=datetime(2026, 2, 28, tzinfo=UTC),
                                                 action="x", object_id=str(n))
                                      for n in range(2)])
    assert list(AuditEvent.objects.filter(pk__in=[e.pk for e in events])
                .values_list("object_id", flat=True).order_by("pk")) == ["0", "1"]


def test_insert_many_refuses_a_parent_in_another_partnership(
        personas: dict[str, Any], dudley: Any, essex: Any) -> None:
    hub = actor_for(personas["hub_coordinator"], dudley.pk)
    assert hub is not None
    episodes = _episodes(hub, child(hub), "X")
    for e in episodes:
        e.partnership = essex
    with pytest.raises(ScopeError):
        insert_many(MissingEpisode, episodes)
    assert not MissingEpisode.objects.filter(police_reference__startswith="X").exists()


def test_insert_many_without_ids_writes_every_record_in_one_statement() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from macehub.audit.models import AuditEventObject

    event = insert_many(AuditEvent, [AuditEvent(at=datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
                                                action="x", object_id="1")])[0]
    seen = [AuditEventObject(event=event, object_type="people.child", object_id=str(n))
            for n in range(5)]
    with CaptureQueriesContext(connection) as wrote:
        insert_many(AuditEventObject, seen, with_ids=False)
    assert sorted(AuditEventObject.objects.filter(event=event).values_list(
        "object_id", flat=True)) == ["0", "1", "2", "3", "4"]
    assert len(wrote) == 1


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # Django warns of the naive day
def test_insert_many_converts_what_is_not_plain_as_bulk_create_does() -> None:
    # A yes/no for a number, a day for an instant: Django converts both (to 1, and to UK
    # midnight: 23:00 UTC the day before in summer), so COPY must not store them as given.
    from datetime import date

    made = [AuditEvent(at=date(2026, 7, 1), action="x", object_id="1", count=True)]
    copied = insert_many(AuditEvent, made)[0]
    created = AuditEvent.objects.bulk_create(
        [AuditEvent(at=date(2026, 7, 1), action="x", object_id="2", count=True)])[0]
    got = {e.object_id: (e.at, e.count) for e in AuditEvent.objects.filter(
        pk__in=[copied.pk, created.pk])}
    assert got["1"] == got["2"] == (datetime(2026, 6, 30, 23, 0, tzinfo=UTC), 1)
