"""Ethnic group in the 2021 Census's detail for England and Wales: 19 categories under five
headings, plus not known and prefers not to say; earlier top-level values become their
heading's "Any other … background" with nothing lost, and figures still count by heading."""

from __future__ import annotations

import importlib
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps as live_apps
from django.urls import reverse

from macehub.people.ethnicity import (
    HEADINGS,
    Ethnicity,
    ethnic_group,
    ethnicity_label,
    grouped_choices,
)
from macehub.people.models import Child
from macehub.tests.factories import child as make_child

# ONS, Ethnic group classification 2021 (England and Wales): 19 categories, 5 headings.


@pytest.fixture
def hub(personas: dict[str, Any], actor_of: Any) -> Any:
    return actor_of(personas["hub_coordinator"])


def test_the_census_has_nineteen_categories_under_five_headings() -> None:
    details = [c for c in Ethnicity if c not in (Ethnicity.UNKNOWN, Ethnicity.REFUSED)]
    assert len(details) == 19 and len(HEADINGS) == 5
    counts = {top: sum(ethnic_group(c) == top for c in details) for top in HEADINGS}
    assert counts == {"asian": 5, "black": 3, "mixed": 4, "white": 5, "other": 2}


def test_every_category_rolls_up_to_its_heading_and_not_given_to_unknown() -> None:
    assert ethnic_group("asian_pakistani") == "asian"
    assert ethnic_group("white_gypsy_irish_traveller") == "white"
    assert ethnic_group("other_arab") == "other"
    assert ethnic_group("refused") == ethnic_group("unknown") == "unknown"
    assert ethnic_group("black") == "black"  # a top-level value kept from before
    assert ethnic_group("something else") == "unknown"


def test_a_page_shows_heading_and_category_never_a_code() -> None:
    assert ethnicity_label("white_irish") == "White: Irish"
    assert ethnicity_label("refused") == "Prefers not to say"
    assert ethnicity_label("mixed") == "Mixed or Multiple ethnic groups"


def test_the_form_groups_the_categories_under_their_headings_then_not_given() -> None:
    choices = grouped_choices()
    assert [c[0] for c in choices[:5]] == list(HEADINGS.values())
    assert [c[0] for c in choices[5:]] == ["unknown", "refused"]


def _migration(app: str, name: str) -> Any:
    return importlib.import_module(f"macehub.{app}.migrations.{name}")


class _Apps:
    """The models as a migration sees them: every row, no scoping."""

    def get_model(self, app: str, name: str) -> Any:
        return SimpleNamespace(objects=live_apps.get_model(app, name)._base_manager)


@pytest.mark.django_db
def test_earlier_top_level_values_become_any_other_and_unknown_values_are_kept(
        hub: Any) -> None:
    rows = {old: make_child(hub, first=f"Sam{n}").pk for n, old in enumerate(
        ["asian", "black", "mixed", "white", "other", "unknown", "white_irish", "kurdish"])}
    for old, pk in rows.items():
        Child._base_manager.filter(pk=pk).update(ethnicity=old)
    _migration("people", "0004_detailed_ethnic_group").forwards(_Apps(), None)
    now = dict(Child._base_manager.filter(pk__in=rows.values()).values_list("pk", "ethnicity"))
    assert {old: now[pk] for old, pk in rows.items()} == {
        "asian": "asian_other", "black": "black_other", "mixed": "mixed_other",
        "white": "white_other", "other": "other_any", "unknown": "unknown",
        "white_irish": "white_irish", "kurdish": "kurdish"}
    # The five top-level counts are what they were before the detail.
    assert ethnic_group(now[rows["white_irish"]]) == ethnic_group(now[rows["white"]])
    _migration("people", "0004_detailed_ethnic_group").backwards(_Apps(), None)
    assert Child._base_manager.get(pk=rows["white_irish"]).ethnicity == "white"


@pytest.mark.django_db
def test_the_childs_page_and_api_show_the_detail_and_its_heading(
        personas: dict[str, Any], client_as: Any, hub: Any) -> None:
    from macehub.api.tests.helpers import Api

    child = make_child(hub, ethnicity="asian_bangladeshi")
    page = client_as(personas["hub_coordinator"]).get(
        reverse("people:detail", args=[child.pk])).content.decode()
    assert "Asian, Asian British or Asian Welsh: Bangladeshi" in page
    read = Api("hub_coordinator").get(f"/children/{child.pk}").json()
    assert (read["ethnicity"], read["ethnic_group"]) == ("asian_bangladeshi", "asian")
    assert read["ethnicity_label"] == "Asian, Asian British or Asian Welsh: Bangladeshi"


@pytest.mark.django_db
def test_the_concern_form_asks_with_a_fieldset_per_heading(
        personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["referrer"])
    start = client.post(reverse("concerns:step", args=["start"]), {"immediate_danger": "no"})
    page = client.get(start["Location"]).content.decode()
    for heading in HEADINGS.values():
        assert f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{heading}' \
            in page
    assert 'value="refused"' in page and "Prefers not to say" in page
