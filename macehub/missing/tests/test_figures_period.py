"""The figures page's From and To: the period shown is always filled in (GOV.UK date
inputs, day month year), an unreal or reversed period is refused with a clear message and
the default period is shown instead, never a blank or broken page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from macehub.missing.figures import default_period

pytestmark = pytest.mark.django_db


def _shown(page: str, name: str, day: Any, month: Any, year: Any) -> bool:
    return all(f'id="id_{name}_{part}" name="{name}_{part}" type="text" inputmode="numeric" '
               f'value="{value}"' in page
               for part, value in (("day", day), ("month", month), ("year", year)))


def test_figures_page_shows_the_default_period_in_from_and_to(
        personas: dict[str, Any], client_as: Any) -> None:
    start, end = default_period()
    response = client_as(personas["hub_coordinator"]).get(reverse("missing:figures"))
    page = response.content.decode()
    assert response.status_code == 200
    assert _shown(page, "start", start.day, start.month, start.year)
    assert _shown(page, "end", end.day, end.month, end.year)
    assert 'type="date"' not in page


def test_figures_page_keeps_the_chosen_period_in_from_and_to(
        personas: dict[str, Any], client_as: Any) -> None:
    query = {"start_day": "1", "start_month": "2", "start_year": "2024",
             "end_day": "29", "end_month": "2", "end_year": "2024"}
    page = client_as(personas["hub_coordinator"]).get(reverse("missing:figures"),
                                                      query).content.decode()
    assert _shown(page, "start", 1, 2, 2024) and _shown(page, "end", 29, 2, 2024)
    assert "1 February 2024 to 29 February 2024" in page


def test_figures_page_refuses_an_unreal_or_reversed_period_and_shows_why(
        personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["hub_coordinator"])
    unreal = {"start_day": "30", "start_month": "2", "start_year": "2025",
              "end_day": "1", "end_month": "3", "end_year": "2025"}
    page = client.get(reverse("missing:figures"), unreal).content.decode()
    assert "From must be a real date" in page
    reversed_ = {**unreal, "start_day": "2", "start_month": "3"}
    page = client.get(reverse("missing:figures"), reversed_).content.decode()
    assert "To must be the same as or after From" in page
