"""The rules that read a child's age or date of birth take every precision (exact, month
and year, approximate age, not known) without failing: the case list and its sort, the
case header, birthdays on the due list, retention's age-based dates, return interviews,
the police notification import, the meeting papers and the subject access bundle."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from macehub.accounts.system import system_actor
from macehub.cases.models import Case
from macehub.people.birth import Birth, Precision
from macehub.people.models import Child
from macehub.tests.factories import actor, new_concern, open_case, years_ago

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def team(personas: dict[str, Any], dudley: Any) -> dict[str, Any]:
    return {"referrer": actor(personas["referrer"], dudley),
            "hub": actor(personas["hub_coordinator"], dudley)}


def _case(team: dict[str, Any], first: str, **birth: Any) -> Case:
    return open_case(team["referrer"], team["hub"], child_details={
        "first_name": first, "last_name": "Example", **birth})


def _three(team: dict[str, Any]) -> dict[str, Case]:
    return {"exact": _case(team, "Ada", date_of_birth=years_ago(14)),
            "about": _case(team, "Bo", date_of_birth_precision="age", approximate_age=12),
            "unknown": _case(team, "Cy", date_of_birth_precision="unknown")}


def _sorted_by_age(client: Any, sort: str) -> list[str]:
    page = client.get(reverse("cases:list"), {"sort": sort})
    assert page.status_code == 200
    return [case.child.first_name for case in page.context["page"]]


def test_sorting_the_case_list_by_age_puts_not_known_last_either_way(
    team: dict[str, Any], personas: dict[str, Any], client_as: Any,
) -> None:
    _three(team)
    client = client_as(personas["hub_coordinator"])
    assert _sorted_by_age(client, "age") == ["Bo", "Ada", "Cy"]
    assert _sorted_by_age(client, "-age") == ["Ada", "Bo", "Cy"]
    text = client.get(reverse("cases:list")).content.decode()
    assert "about 12" in text and "Not known" in text


@pytest.mark.postgres
def test_sorting_the_case_list_by_age_puts_not_known_last_on_postgresql(
    team: dict[str, Any], personas: dict[str, Any], client_as: Any,
) -> None:
    from django.db import connection

    assert connection.vendor == "postgresql", "run in the PostgreSQL stage"
    _three(team)
    client = client_as(personas["hub_coordinator"])
    assert _sorted_by_age(client, "age") == ["Bo", "Ada", "Cy"]
    assert _sorted_by_age(client, "-age") == ["Ada", "Bo", "Cy"]


def test_the_case_header_and_api_show_an_approximate_age_and_a_date_not_known(
    team: dict[str, Any], personas: dict[str, Any], client_as: Any,
) -> None:
    from macehub.api.tests.helpers import Api

    cases = _three(team)
    client = client_as(personas["hub_coordinator"])
    header = client.get(reverse("cases:detail", args=[cases["about"].pk])).content.decode()
    assert "about 12" in header
    header = client.get(reverse("cases:detail", args=[cases["unknown"].pk])).content.decode()
    assert "Not known" in header
    api = Api(personas["hub_coordinator"].username)
    out = api.get(f"/cases/{cases['unknown'].pk}").json()
    assert out["child"]["date_of_birth"] is None
    assert out["child"]["date_of_birth_precision"] == "unknown"


def test_birthdays_on_the_due_list_skip_a_date_not_known_and_say_when_approximate(
    make_partnership: Any, make_user: Any, actor_of: Any,
) -> None:
    # Dudley pack: under 18 in scope (default); the 18th birthday takes a child out of scope
    from macehub.rules.due import due_items

    dudley = make_partnership("dudley")
    hub = actor_of(make_user("d-hub", dudley, "hub_coordinator"), dudley)
    ref = actor_of(make_user("d-ref", dudley, "referrer"), dudley)
    team = {"referrer": ref, "hub": hub}
    unknown = _case(team, "Cy", date_of_birth_precision="unknown")
    month = _case(team, "Di", date_of_birth_precision="month",
                  date_of_birth=date(2008, 12, 1))
    job = system_actor(dudley, "due")
    today = date(2026, 11, 25)
    assert not [i for i in due_items(job, case=unknown, today=today)
                if i.kind in ("end_of_scope", "age_milestone")]
    [leaves] = [i for i in due_items(job, case=month, today=today) if i.kind == "end_of_scope"]
    assert leaves.due_on == date(2026, 12, 1)
    assert "(date of birth December 2008)" in leaves.title


def test_retention_waits_for_the_latest_possible_birthday_and_keeps_a_date_not_known(
    team: dict[str, Any], dudley: Any,
) -> None:
    # Dudley pack, retention.closed_case: until the 25th birthday and 6 years after the
    # case's last entry (defaults). A month and year counts from the month's last day.
    from macehub.retention.due import find_due
    from macehub.retention.tests.helpers import closed_case

    case = closed_case(team["referrer"], team["hub"], born=date(2003, 2, 1))
    Child.objects.filter(pk=case.child_id).update(date_of_birth_precision=Precision.MONTH)
    unknown = closed_case(team["referrer"], team["hub"], born=date(2003, 2, 1))
    Child.objects.filter(pk=unknown.child_id).update(
        date_of_birth=None, date_of_birth_precision=Precision.UNKNOWN)
    job = system_actor(dudley, "retention")

    def due(today: date) -> set[int]:
        return {d.record_id for d in find_due(job, today) if d.record_type == "closed_case"}

    assert case.child_id not in due(date(2028, 2, 27))
    assert case.child_id in due(date(2028, 2, 28))
    assert unknown.child_id in due(date(2028, 2, 28))  # by the case's period alone


def test_a_return_interview_is_offered_to_a_child_whose_age_is_not_known(
    essex: Any, make_user: Any,
) -> None:
    # Essex Child Exploitation & Missing arrangements §4.1: offered to children aged 10-17
    from macehub.access.actor import actor_for
    from macehub.missing.interviews import interview_offer
    from macehub.missing.services import episode_record
    from macehub.people.services import child_create

    hub = actor_for(make_user("essex_hub", essex, "hub_coordinator"), essex.pk)
    assert hub is not None
    child = child_create(actor=hub, confirm_new=True, first_name="Cy", last_name="Example",
                         birth=Birth.unknown())
    back = datetime(2026, 1, 10, 12, 0, tzinfo=LONDON)
    episode = episode_record(actor=hub, child=child, force="Essex Police",
                             police_reference="X1", reported_at=back.replace(hour=6),
                             returned_at=back, missing_from="home", risk_grade="medium")
    assert episode.child_details["date_of_birth"] is None
    assert interview_offer(actor=hub, child=child, episodes=[episode],
                           offered_on=back.date(), offered_by="Missing team")


def test_a_notification_with_no_date_of_birth_is_imported_as_not_known(
    essex: Any, make_user: Any,
) -> None:
    # The importer's contract (docs/missing-import.md): the column is required, its value
    # may be empty when the police do not know it; a real bad date is still refused.
    from macehub.access.actor import actor_for
    from macehub.missing.importer import import_rows
    from macehub.missing.models import MissingEpisode
    from macehub.missing.tests.conftest import row

    hub = actor_for(make_user("essex_hub", essex, "hub_coordinator"), essex.pk)
    assert hub is not None
    run = import_rows(actor=hub, via="test", rows=[
        row("A", "2026-01-01 10:00", date_of_birth=""),
        row("B", "2026-01-01 10:00", first_name="Bo", date_of_birth="2011-02-30")])
    assert [(e["row"], e["field"]) for e in run.errors] == [(3, "date_of_birth")]
    episode = MissingEpisode.objects.for_bookkeeping(hub, why="test").get(
        police_reference="A")
    assert episode.child is not None and episode.child.born_label == "Not known"
    assert episode.born_label == "Not known"
    again = import_rows(actor=hub, via="test", rows=[
        row("C", "2026-01-02 10:00", date_of_birth="")])
    # The same name with no date of birth is never certain: the coordinator decides.
    assert again.queued == 1


def test_the_agenda_pack_and_the_subject_access_bundle_say_about_and_not_known(
    team: dict[str, Any], dudley: Any,
) -> None:
    from macehub.sar.collect import held_about
    from macehub.sar.readable import readable

    cases = _three(team)
    child = cases["unknown"].child
    bundle = readable(held_about(system_actor(dudley, "subject access"), child))
    rows = dict(bundle["sections"][0]["records"][0]["rows"])
    assert rows["Date of birth"] == "Not known"
    assert rows["Date of birth precision"] == "Not known"
    assert cases["about"].child.birth.age_label(date.today()) == "about 12"
    concern = new_concern(team["referrer"], child_details={
        "first_name": "Eve", "last_name": "Example", "date_of_birth_precision": "month",
        "date_of_birth": date(2013, 3, 9)})
    assert concern.child_details["date_of_birth"] == "2013-03-01"
    assert concern.born_label == "March 2013"
