"""Case references people read and say, DUD-2026-0001: the partnership's code, the UK year
the case opened and its number in that partnership and year; never two alike, even when
two cases open at once; on the case's page, in the case list and its filter, in the
people search and in the access log instead of an id."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from macehub.audit.models import AuditEvent
from macehub.cases.models import Case
from macehub.cases.references import allocate
from macehub.tests.factories import child as make_child
from macehub.tests.factories import open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def essex_hub(essex: Any) -> Any:
    from macehub.tests.factories import actor, user_with_role

    return actor(user_with_role("essex_hub", essex, "hub_coordinator"), essex)


@pytest.fixture
def dudley_team(personas: dict[str, Any], actor_of: Any) -> tuple[Any, Any]:
    return actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"])


def _case(hub: Any, opened: datetime, first: str = "Ivy") -> Case:
    child = make_child(hub, first=first)
    return Case.objects.create(partnership=hub.partnership, child=child, risk="high",
                               opened_at=opened, referred_at=opened)


def test_a_case_reference_is_the_partnership_code_the_year_and_its_number(
        dudley_team: tuple[Any, Any], essex_hub: Any) -> None:
    referrer, hub = dudley_team
    year = timezone.localdate().year
    first = open_case(referrer, hub)
    second = open_case(referrer, hub, child_details={
        "first_name": "Noa", "last_name": "Sample", "date_of_birth": first.child.date_of_birth})
    other = _case(essex_hub, timezone.now())
    assert (first.reference, second.reference) == (f"DUD-{year}-0001", f"DUD-{year}-0002")
    assert other.reference == f"ESS-{year}-0001"  # numbered per partnership


def test_numbers_start_again_each_uk_year(dudley_team: tuple[Any, Any]) -> None:
    _referrer, hub = dudley_team
    # New Year's Eve is in GMT, so the UK year turns with UTC's; mid-summer is in BST.
    late = _case(hub, datetime(2026, 12, 31, 23, 59, tzinfo=UTC), "Amy")
    early = _case(hub, datetime(2027, 1, 1, 0, 0, 30, tzinfo=UTC), "Bea")
    summer = _case(hub, datetime(2027, 6, 30, 23, 30, tzinfo=UTC), "Cal")  # 1 July BST
    assert (late.reference, early.reference, summer.reference) == (
        "DUD-2026-0001", "DUD-2027-0001", "DUD-2027-0002")


def test_a_number_is_never_given_twice_even_after_a_case_is_gone(
        dudley_team: tuple[Any, Any]) -> None:
    _referrer, hub = dudley_team
    at = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # the night the clocks go forward
    first, second = _case(hub, at, "Amy"), _case(hub, at, "Bea")
    Case._base_manager.filter(pk=first.pk).update(reference="DUD-2026-0009", number=9)
    assert _case(hub, at, "Cal").reference == "DUD-2026-0010"
    assert second.reference == "DUD-2026-0002"


def test_cases_opened_together_take_consecutive_numbers(dudley_team: tuple[Any, Any]) -> None:
    _referrer, hub = dudley_team
    now = timezone.now()
    fresh = [Case(partnership=hub.partnership, child=make_child(hub, first=f"K{i}"),
                  risk="high", opened_at=now, referred_at=now) for i in range(3)]
    allocate(hub.partnership, fresh)
    assert [c.number for c in fresh] == [1, 2, 3]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_cases_opened_at_once_never_share_a_reference(
        dudley_team: tuple[Any, Any]) -> None:
    assert connection.vendor == "postgresql", "run in the PostgreSQL stage"
    _referrer, hub = dudley_team
    children = [make_child(hub, first=f"Twin{i}") for i in range(2)]
    start, made, errors = threading.Barrier(2), [], []

    def open_one(child: Any) -> None:
        try:
            start.wait()
            now = timezone.now()
            made.append(Case.objects.create(partnership=hub.partnership, child=child,
                                            risk="high", opened_at=now, referred_at=now))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=open_one, args=(c,)) for c in children]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(c.number for c in made) == [1, 2]


def test_the_migration_numbers_existing_cases_in_the_order_they_opened(
        dudley_team: tuple[Any, Any], essex_hub: Any) -> None:
    from importlib import import_module

    _referrer, hub = dudley_team
    later = _case(hub, datetime(2025, 5, 2, 9, 0, tzinfo=UTC), "Amy")
    earlier = _case(hub, datetime(2025, 1, 3, 9, 0, tzinfo=UTC), "Bea")
    next_year = _case(hub, datetime(2026, 2, 1, 9, 0, tzinfo=UTC), "Cal")
    essex = _case(essex_hub, datetime(2025, 7, 1, 9, 0, tzinfo=UTC), "Dee")
    Case._base_manager.update(reference="", number=0)
    import_module("macehub.cases.migrations.0005_case_reference").backfill(apps, None)
    refs = dict(Case._base_manager.values_list("pk", "reference"))
    assert [refs[c.pk] for c in (earlier, later, next_year, essex)] == [
        "DUD-2025-0001", "DUD-2025-0002", "DUD-2026-0001", "ESS-2025-0001"]


def test_the_case_page_and_list_show_the_reference_and_the_list_finds_by_it(
        dudley_team: tuple[Any, Any], personas: dict[str, Any], client_as: Any,
        django_assert_max_num_queries: Any) -> None:
    referrer, hub = dudley_team
    case = open_case(referrer, hub)
    client = client_as(personas["hub_coordinator"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f"Case {case.reference}" in page
    listed = client.get(reverse("cases:list"), {"filter-reference": case.reference[-4:]})
    assert case.reference in listed.content.decode()
    assert list(listed.context["page"]) == [case]
    none = client.get(reverse("cases:list"), {"filter-reference": "ESS-"})
    assert list(none.context["page"]) == []
    from macehub.api.tests.helpers import Api

    api = Api("hub_coordinator")
    found = api.get("/cases", reference=case.reference.lower()).json()
    assert [c["reference"] for c in found["items"]] == [case.reference]


def test_the_people_search_finds_the_child_by_case_reference(
        dudley_team: tuple[Any, Any], personas: dict[str, Any], client_as: Any) -> None:
    referrer, hub = dudley_team
    case = open_case(referrer, hub)
    typed = case.reference.lower().replace("-000", "-")  # dud-2026-1
    page = client_as(personas["hub_coordinator"]).post(reverse("people:search"),
                                                        {"name": typed})
    assert str(case.child) in page.content.decode()
    assert f"Case {case.reference}" in page.content.decode()  # why it was found
    from macehub.api.tests.helpers import Api

    hits = Api("hub_coordinator").post("/children/search", {"name": case.reference}).json()
    assert [(h["id"], h["reasons"]) for h in hits] == [(case.child_id,
                                                        [f"case {case.reference}"])]


def test_the_access_log_names_the_case_by_its_reference_in_a_sentence(
        dudley_team: tuple[Any, Any], personas: dict[str, Any], client_as: Any) -> None:
    referrer, hub = dudley_team
    case = open_case(referrer, hub)
    client_as(personas["hub_coordinator"]).get(reverse("cases:detail", args=[case.pk]))
    user = personas["hub_coordinator"]
    role = hub.partnership.policy.role_label("hub_coordinator", "Hub coordinator")
    said = f"{user.get_full_name()} ({role}) viewed case {case.reference}"
    page = client_as(personas["auditor"]).get(reverse("audit:log"), {"action": "case.view"})
    assert said in page.content.decode(), [r["summary"] for r in page.context["rows"]]
    assert f"case {case.pk}<" not in page.content.decode()
    from macehub.api.tests.helpers import Api

    events = Api("auditor").get("/audit/events", action="case.view").json()
    assert events["items"][0]["summary"] == said
    assert events["items"][0]["record"] == f"case {case.reference}"
    assert AuditEvent.objects.filter(action="audit.view", username="auditor").count() == 2
