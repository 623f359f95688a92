"""Links between any two records: graded 3x5x2 with their source, ended or corrected but
never deleted, never across partnerships, and handling code C shown only to the roles its
conditions allow."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from macehub.access.actor import Actor
from macehub.access.scoped import enforcing
from macehub.intelligence.models import Link
from macehub.intelligence.services import entity_create, link_correct, link_create, link_end
from macehub.lib.errors import StaleEdit
from macehub.tests import factories

pytestmark = pytest.mark.django_db

GRADE = {"kind": "exploiter_of", "source_kind": "concern",
         "source_detail": "Concern from the school", "source_evaluation": "2",
         "assessment": "B", "handling": "P"}


def _kaz(hub: Actor) -> Any:
    return entity_create(actor=hub, kind="person", name="", aliases=["Kaz"], status="active")


def test_a_person_is_linked_to_a_child_with_grade_source_and_recorder(hub: Actor) -> None:
    # Dudley ToR (003) §CEOG: perpetrators linked to offending via intelligence even with no
    # known victims; links graded 3x5x2 as police grade intelligence (docs/adr/0016).
    kaz, child = _kaz(hub), factories.child(hub)
    link = link_create(actor=hub, a_kind="person", a_id=kaz.pk, b_kind="child",
                       b_id=child.pk, started_on=date(2026, 3, 1), **GRADE)
    assert link.recorded_by == hub.user and link.get_source_kind_display() == "A concern"
    assert link.grade == ("Untested (2), Known indirectly to the source but corroborated "
                          "(B), Sharing permitted (P)")


@pytest.mark.parametrize(("field", "value"), [
    ("source_evaluation", "4"), ("assessment", "F"), ("handling", "X"), ("kind", "enemy")])
def test_a_malformed_grade_is_refused_naming_the_field(
        hub: Actor, field: str, value: str) -> None:
    # SECURITY S5 (bad input changes nothing): a malformed grade names its field.
    kaz, car = _kaz(hub), entity_create(actor=hub, kind="vehicle", registration="AB12CDE")
    with pytest.raises(ValidationError) as error:
        link_create(actor=hub, a_kind="person", a_id=kaz.pk, b_kind="vehicle", b_id=car.pk,
                    **(GRADE | {field: value}))
    assert list(error.value.message_dict) == [field]
    assert not Link.objects.exists()


def test_handling_code_c_needs_its_conditions_and_the_roles_they_allow(hub: Actor) -> None:
    kaz, car = _kaz(hub), entity_create(actor=hub, kind="vehicle", registration="AB12CDE")
    with pytest.raises(ValidationError) as error:
        link_create(actor=hub, a_kind="person", a_id=kaz.pk, b_kind="vehicle", b_id=car.pk,
                    **(GRADE | {"handling": "C"}))
    assert set(error.value.message_dict) == {"conditions", "disclose_to"}
    link = link_create(actor=hub, a_kind="person", a_id=kaz.pk, b_kind="vehicle",
                       b_id=car.pk, disclose_to=["analyst", "panel_member"],
                       conditions="Not to be disclosed to the family", **(GRADE | {
                           "handling": "C"}))
    assert link.roles_allowed_labels == ["Analyst", "Panel member"]


def test_handling_code_c_links_are_reached_only_by_the_roles_their_conditions_allow(
        hub: Actor, personas: dict[str, Any], actor_of: Any) -> None:
    # SECURITY S8: police-only intelligence hidden from others; handling code C links are
    # reached only by the roles their conditions allow (docs/adr/0016).
    kaz, car = _kaz(hub), entity_create(actor=hub, kind="vehicle", registration="AB12CDE")
    shared = link_create(actor=hub, a_kind="person", a_id=kaz.pk, b_kind="vehicle",
                         b_id=car.pk, **GRADE)
    held = link_create(actor=hub, a_kind="person", a_id=kaz.pk, b_kind="vehicle",
                       b_id=car.pk, disclose_to=["panel_member"], conditions="Police only",
                       **(GRADE | {"kind": "uses", "handling": "C"}))
    with enforcing():
        seen = {role: set(Link.objects.for_actor(actor_of(personas[role])))
                for role in ("hub_coordinator", "analyst", "panel_member", "chair")}
        assert seen["panel_member"] == {shared, held}
        assert seen["hub_coordinator"] == seen["analyst"] == seen["chair"] == {shared}
        with pytest.raises(Http404):
            Link.objects.get_for(hub, held.pk)


def test_referrers_admins_auditors_and_other_agencies_panel_members_reach_no_intelligence(
        hub: Actor, personas: dict[str, Any], actor_of: Any) -> None:
    # ARCHITECTURE principle 4 and SECURITY S8: police intelligence for police roles (and
    # the hub, chairs and analysts who assess it); deny by default for the rest.
    from macehub.intelligence.models import PersonOfInterest

    kaz, car = _kaz(hub), entity_create(actor=hub, kind="vehicle", registration="AB12CDE")
    link_create(actor=hub, a_kind="person", a_id=kaz.pk, b_kind="vehicle", b_id=car.pk,
                **GRADE)
    with enforcing():
        for role in ("referrer", "partnership_admin", "auditor", "panel_member_health",
                     "panel_member_education"):
            actor = actor_of(personas[role])
            assert not PersonOfInterest.objects.for_actor(actor).exists(), role
            assert not Link.objects.for_actor(actor).exists(), role
        for role in ("analyst", "panel_member", "chair"):
            assert PersonOfInterest.objects.for_actor(actor_of(personas[role])).exists(), role


def test_a_link_to_a_record_in_another_partnership_is_not_found(
        hub: Actor, essex_hub: Actor) -> None:
    # SECURITY S5: nothing crosses between partnerships; another partnership's record is
    # "not found", the same as one that does not exist.
    kaz, theirs = _kaz(hub), _kaz(essex_hub)
    essex_child = factories.child(essex_hub)
    with enforcing():
        for kind, pk in (("person", theirs.pk), ("child", essex_child.pk)):
            with pytest.raises(Http404):
                link_create(actor=hub, a_kind="person", a_id=kaz.pk, b_kind=kind, b_id=pk,
                            **GRADE)
    assert not Link.objects.exists()


def test_a_record_is_not_linked_to_itself(hub: Actor) -> None:
    kaz = _kaz(hub)
    with pytest.raises(ValidationError):
        link_create(actor=hub, a_kind="person", a_id=kaz.pk, b_kind="person", b_id=kaz.pk,
                    **GRADE)


def test_an_ended_link_stays_with_its_end_date(hub: Actor) -> None:
    # Dudley ToR (003) §CEOG: removals are documented with the reason; a link is ended,
    # never deleted (docs/adr/0016).
    kaz, child = _kaz(hub), factories.child(hub)
    link = link_create(actor=hub, a_kind="person", a_id=kaz.pk, b_kind="child",
                       b_id=child.pk, started_on=date(2026, 3, 1), **GRADE)
    with pytest.raises(ValidationError) as error:
        link_end(actor=hub, link=link, version=1, ended_on=date(2026, 2, 1))
    assert "ended_on" in error.value.message_dict
    link_end(actor=hub, link=link, version=1, ended_on=date(2026, 4, 1), reason="Moved away")
    link.refresh_from_db()
    assert (link.ended_on, link.ended_by, link.version) == (date(2026, 4, 1), hub.user, 2)
    with pytest.raises(StaleEdit):
        link_end(actor=hub, link=link, version=1, ended_on=date(2026, 4, 1))


def test_a_correction_keeps_the_previous_version_as_history(hub: Actor) -> None:
    # docs/adr/0016: a correction is a new version; the one corrected is kept as history.
    kaz, car = _kaz(hub), entity_create(actor=hub, kind="vehicle", registration="AB12CDE")
    first = link_create(actor=hub, a_kind="person", a_id=kaz.pk, b_kind="vehicle",
                        b_id=car.pk, **GRADE)
    with pytest.raises(ValidationError):
        link_correct(actor=hub, link=first, version=1, reason="", assessment="A")
    second = link_correct(actor=hub, link=first, version=1, reason="Police confirmed it",
                          assessment="A")
    first.refresh_from_db()
    assert first.superseded and first.assessment == "B"
    assert second.corrects == first and second.assessment == "A"
    assert second.source_detail == first.source_detail
    with pytest.raises(ValidationError):
        link_correct(actor=hub, link=first, version=2, reason="Again", assessment="C")
    assert Link.objects.count() == 2
