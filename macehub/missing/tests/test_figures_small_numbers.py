"""The missing figures as aggregates only (SECURITY S20; Essex ToR (000) §4.6, oversight of
missing children through figures): free text is never a group, and for someone who sees
the figures but no missing record (an analyst) small numbers are suppressed on the page,
in the spreadsheet and in the API."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from macehub.api.tests.helpers import Api
from macehub.missing.services import episode_record
from macehub.people.services import child_create
from macehub.tests.factories import years_ago

pytestmark = pytest.mark.django_db

# Where the police found one child: free text naming an adult (synthetic).
FOUND = "At the flat of Barnaby Quillfeather on Tanner Row"


@pytest.fixture
def seven(personas: dict[str, Any], actor_of: Any) -> None:
    """Seven children, one episode each in the last week: six from home, one from a care
    placement (a count of 1 in "where from")."""
    hub = actor_of(personas["hub_coordinator"])
    now = timezone.now()
    for n in range(7):
        child = child_create(actor=hub, confirm_new=True, first_name=f"Figure{n}",
                             last_name="Child", date_of_birth=years_ago(13))
        episode_record(actor=hub, child=child, force="West Midlands Police",
                       police_reference=f"WM-FIG-{n}", reported_at=now - timedelta(days=1),
                       returned_at=now - timedelta(hours=20),
                       missing_from="care_placement" if n == 0 else "home",
                       found_location=FOUND if n == 0 else "", risk_grade="medium")


def _period() -> dict[str, str]:
    today = timezone.localdate()
    return {"start": (today - timedelta(days=30)).isoformat(), "end": today.isoformat()}


def _api_table(body: dict[str, Any], title: str) -> dict[str, Any]:
    return {r["label"]: r["count"] for t in body["tables"] if t["title"] == title
            for r in t["rows"]}


def _xlsx_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content))
    return "\n".join(" ".join(str(c) for c in row if c is not None)
                     for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))


def test_figures_never_group_by_free_text_such_as_where_a_child_was_found(
        seven: None, personas: dict[str, Any], client_as: Any) -> None:
    # SECURITY S20 and the finding: the police's "where found" is typed text that can
    # name an adult; it is no group in the figures, for the analyst or the hub.
    for role in ("analyst", "hub_coordinator"):
        client = client_as(personas[role])
        page = client.get(reverse("missing:figures"), _period()).content.decode()
        assert "Episodes by time of day reported" in page, role
        assert "Quillfeather" not in page and "found or located" not in page, role
        sheet = _xlsx_text(client.get(reverse("missing:figures_xlsx"), _period()).content)
        assert "Quillfeather" not in sheet and "Missing episodes" in sheet, role
        api = Api(role).get("/missing/figures", **_period())
        assert api.status_code == 200 and "Quillfeather" not in api.content.decode(), role


def test_analysts_figures_suppress_counts_of_one_to_four_on_page_spreadsheet_and_api(
        seven: None, personas: dict[str, Any], client_as: Any) -> None:
    # SECURITY S20: small numbers (fewer than 5: the pack's figures_suppress_below, a
    # default) are suppressed for those who see aggregates only. One child from a care
    # placement is hidden, and so is the home count that would give it away.
    api = Api("analyst").get("/missing/figures", **_period()).json()
    assert (api["children"], api["episodes"], api["suppressed_below"]) == (7, 7, 5)
    where = _api_table(api, "Where children went missing from")
    assert where == {"Care placement": None, "Home": None}
    repeat = _api_table(api, "Repeat missing: children by number of episodes")
    assert repeat["1 episode"] == 7 and repeat["2 episodes"] == 0
    counts = [r["count"] for t in api["tables"] for r in t["rows"]]
    assert not [n for n in counts if n is not None and 0 < n < 5]
    assert all(r["suppressed"] == (r["count"] is None) for t in api["tables"]
               for r in t["rows"])

    client = client_as(personas["analyst"])
    page = client.get(reverse("missing:figures"), _period()).content.decode()
    assert "fewer than 5" in page and "Numbers from 1 to 4" in page
    sheet = client.get(reverse("missing:figures_xlsx"), _period()).content
    rows = {row[0]: row[1] for row in load_workbook(io.BytesIO(sheet)).active.iter_rows(
        values_only=True) if len(row) > 1}
    assert rows["Care placement"] == "fewer than 5" and rows["Home"] == "fewer than 5"
    assert rows["Children missing"] == 7
    assert not [n for n in rows.values() if isinstance(n, int) and 0 < n < 5]


def test_the_hub_who_keeps_the_records_sees_the_figures_unsuppressed(
        seven: None, personas: dict[str, Any]) -> None:
    # The hub reaches every missing record (macehub.missing.reach), so hiding its small
    # numbers protects no one: S20 is about reports for people who see aggregates only.
    api = Api("hub_coordinator").get("/missing/figures", **_period()).json()
    assert api["suppressed_below"] == 0
    assert _api_table(api, "Where children went missing from") == {
        "Care placement": 1, "Home": 6}


def test_analysts_total_of_fewer_than_five_children_is_suppressed(
        personas: dict[str, Any], actor_of: Any, client_as: Any) -> None:
    # SECURITY S20: the headline counts are small numbers too.
    hub = actor_of(personas["hub_coordinator"])
    child = child_create(actor=hub, confirm_new=True, first_name="Lone", last_name="Figure",
                         date_of_birth=years_ago(12))
    episode_record(actor=hub, child=child, force="West Midlands Police",
                   police_reference="WM-LONE", reported_at=timezone.now() - timedelta(days=2),
                   missing_from="home", risk_grade="medium")
    api = Api("analyst").get("/missing/figures", **_period()).json()
    assert (api["children"], api["episodes"]) == (None, None)
    page = client_as(personas["analyst"]).get(reverse("missing:figures"),
                                              _period()).content.decode()
    assert "fewer than 5 children missing in fewer than 5 episodes" in page
