"""The due work list and the cases due at a meeting take the same statements however many
cases are open (PERFORMANCE B7), and render and audit one page of rows at a time."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from macehub.audit.models import AuditEvent
from macehub.cases.services import case_set_risk
from macehub.tests import factories
from macehub.tests.factories import open_case, sign_in, years_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_in(db: Any) -> Any:
    """A partnership's team on its real pack, with its coordinator signed in."""
    def make(slug: str) -> dict[str, Any]:
        t: dict[str, Any] = dict(factories.team(slug))
        t["client"] = sign_in(Client(), t["hub"].user, t["hub"].partnership)
        return t
    return make


def _open(t: dict[str, Any], cases: int) -> None:
    for n in range(len(t.setdefault("opened", [])), cases):
        t["opened"].append(n)
        case = open_case(t["referrer"], t["hub"], child_details={
            "first_name": f"Due{n}", "last_name": "Example", "date_of_birth": years_ago(14)})
        # Essex §6.1: heard until the risk reduces; a lower risk makes the case due the
        # chair's discharge decision, dated from the risk's last change.
        case_set_risk(actor=t["hub"], case=case, risk="medium", reason="Reduced",
                      version=case.version)


def _queries(client: Any, url: str) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("name", ["cases:due", "meetings:reviews"])
def test_a_due_list_takes_the_same_statements_for_3_open_cases_as_for_30(
        team_in: Any, name: str, django_assert_max_num_queries: Any) -> None:
    t = team_in("essex")
    client = t["client"]
    _open(t, 3)
    few, _ = _queries(client, reverse(name))
    _open(t, 30)
    # PERFORMANCE B7: 10 for the page, plus the 4 of every signed-in request and the 3 of
    # the audit of what it shows (as macehub/access/tests/test_every_url_every_role.py).
    # The due list also reads, once, which of the pack's reports are signed off (one
    # statement whatever the cases: listed over the bound in bench/README.md).
    with django_assert_max_num_queries(10 + 4 + 3 + (name == "cases:due")):
        many, response = _queries(client, reverse(name))
    assert many == few, [q["sql"] for q in connection.queries[-many:]]
    assert "30 " in response.content.decode()


def test_the_cases_due_at_a_meeting_come_a_page_at_a_time_and_only_that_page_is_audited(
        team_in: Any) -> None:
    # Essex §6.1: every open case comes back to MACE 1; the list is paged, not cut.
    t = team_in("essex")
    _open(t, 30)
    first = t["client"].get(reverse("meetings:reviews")).content.decode()
    assert "Showing 1 to 25 of 30 cases" in first and "30 cases due" in first
    second = t["client"].get(reverse("meetings:reviews"), {"page": 2})
    assert len(second.context["page"].object_list) == 5
    event = AuditEvent.objects.filter(action="case.reviews_due").latest("at")
    assert event.objects_seen.filter(object_type="cases.case").count() == 5


def test_the_due_work_list_comes_a_page_at_a_time_with_its_filters_in_the_links(
        team_in: Any) -> None:
    t = team_in("essex")
    _open(t, 30)
    page = t["client"].get(reverse("cases:due"))
    listing = page.context["listing"]
    assert listing.page.paginator.count > 25 and len(listing.rows) == 25
    assert f"of {listing.page.paginator.count} items" in page.content.decode()
    filtered = t["client"].get(reverse("cases:due"), {"subject": "Due1"}).content.decode()
    assert "?subject=Due1&amp;sort=" in filtered  # the sort links keep the filter
