"""Intelligence records: what each holds, how registration numbers, phone numbers and
postcodes are kept, and bad input refused with the field named and nothing saved."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from macehub.access.actor import Actor
from macehub.access.scoped import enforcing
from macehub.audit.models import AuditEvent
from macehub.intelligence import normalise
from macehub.intelligence.models import Location, PersonOfInterest, PhoneNumber, Vehicle
from macehub.intelligence.services import entity_create, entity_update
from macehub.lib.errors import StaleEdit
from macehub.tests import factories

pytestmark = pytest.mark.django_db


def _errors(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, Any]:
    return error.value.message_dict


# Dudley ToR (003) §MACE Scope: share nicknames/aliases, descriptions and tattoos; the hub
# has a pathway for perpetrators (§Introduction): a person of interest with names, aliases
# and street names, age or date of birth, description and status.
def test_a_person_of_interest_keeps_aliases_and_street_names_as_names_of_its_own(
        hub: Actor) -> None:
    with enforcing():
        person = entity_create(actor=hub, kind="person", name="Kieran Example",
                               aliases=["Kaz", "kaz", " "], street_names=["Smoke"],
                               approximate_age=24, status="active")
    assert sorted((n.kind, n.name) for n in person.names.all()) == [
        ("alias", "Kaz"), ("street_name", "Smoke")]
    assert person.partnership_id == hub.partnership.pk and person.version == 1


def test_a_person_known_only_by_a_street_name_can_be_recorded(hub: Actor) -> None:
    # Dudley ToR (003): the CEOG takes perpetrators known only through intelligence.
    person = entity_create(actor=hub, kind="person", street_names=["Smoke"], status="active")
    assert str(person) == "Known as Smoke"


def test_a_person_needs_a_name_of_some_kind_and_a_release_date_only_in_custody(
        hub: Actor) -> None:
    with pytest.raises(ValidationError) as error:
        entity_create(actor=hub, kind="person", status="active",
                      release_on=date(2027, 1, 1),
                      date_of_birth=date.today() + timedelta(days=1))
    assert set(_errors(error)) == {"name", "release_on", "date_of_birth"}
    assert not PersonOfInterest.objects.exists()
    person = entity_create(actor=hub, kind="person", name="Dean Sample", status="in_custody",
                           release_on=date(2027, 1, 1))
    assert person.get_status_display() == "In custody"


def test_a_child_is_linked_as_a_person_of_interest_once_never_copied(hub: Actor) -> None:
    # DOMAIN "Intelligence": a child can be both victim and perpetrator without losing the
    # welfare-first view; the child's record is linked, never duplicated (docs/adr/0016).
    child = factories.child(hub)
    person = entity_create(actor=hub, kind="person", name="", aliases=["Ivy E"],
                           status="active", child=child)
    assert person.child == child
    with pytest.raises(ValidationError) as error:
        entity_create(actor=hub, kind="person", name="Another", status="active", child=child)
    assert "child" in _errors(error)


@pytest.mark.parametrize(("typed", "partial", "kept"), [
    ("ab12 cde", False, "AB12CDE"), ("A123 BCD", False, "A123BCD"),
    ("abc-123d", False, "ABC123D"), ("1 ABC", False, "1ABC"), ("ab1", True, "AB1"),
    ("  kx 6", True, "KX6")])
def test_a_registration_is_kept_in_capitals_without_spaces(
        typed: str, partial: bool, kept: str) -> None:
    assert normalise.registration(typed, partial=partial) == kept


def test_the_same_car_typed_two_ways_is_one_vehicle(hub: Actor) -> None:
    entity_create(actor=hub, kind="vehicle", registration="ab12cde", make="Volkswagen",
                  model="Golf", colour="Silver")
    with pytest.raises(ValidationError) as error:
        entity_create(actor=hub, kind="vehicle", registration="AB12 CDE")
    assert "registration" in _errors(error)
    assert Vehicle.objects.count() == 1


@pytest.mark.parametrize(("typed", "partial"), [
    ("AB12 C$E", False), ("ABCDEFGH", False), ("", False), ("AB12CDE9", True)])
def test_a_malformed_registration_is_refused_naming_the_field(
        hub: Actor, typed: str, partial: bool) -> None:
    # SET protocol (002) §Sharing: the make, colour and registration of a vehicle used by a
    # suspected abuser. A malformed one gets an error naming the field; nothing is saved.
    with pytest.raises(ValidationError) as error:
        entity_create(actor=hub, kind="vehicle", registration=typed, partial=partial)
    assert list(_errors(error)) == ["registration"]
    assert not Vehicle.objects.exists()


@pytest.mark.parametrize("typed", ["07700 900123", "+44 7700-900-123", "0044 7700 900123",
                                   "(07700) 900 123"])
def test_a_phone_number_is_kept_in_one_form_however_it_was_typed(typed: str) -> None:
    assert normalise.phone(typed) == "+447700900123"


def test_a_deal_line_is_flagged_with_its_line_name(hub: Actor) -> None:
    line = entity_create(actor=hub, kind="phone", number="07700 900456", deal_line=True,
                         line_name="Smoke line")
    assert str(line) == "07700 900456 (deal line Smoke line)"
    with pytest.raises(ValidationError) as error:
        entity_create(actor=hub, kind="phone", number="+447700900456")
    assert "number" in _errors(error)


@pytest.mark.parametrize("typed", ["not a phone", "0770090", "07700 900123 999", "999"])
def test_a_malformed_phone_number_is_refused_naming_the_field(hub: Actor, typed: str) -> None:
    # SECURITY S5 (bad input changes nothing): the field is named, nothing is saved.
    with pytest.raises(ValidationError) as error:
        entity_create(actor=hub, kind="phone", number=typed)
    assert list(_errors(error)) == ["number"]
    assert not PhoneNumber.objects.exists()


def test_a_location_keeps_its_postcode_in_one_form_and_an_approximate_point(
        hub: Actor) -> None:
    # Essex (000): the hotspot tracker separates vulnerable locations from hotspots.
    place = entity_create(actor=hub, kind="location", address="Flat above the takeaway",
                          postcode="dy11hf", type="takeaway", status="vulnerable",
                          latitude=Decimal("52.5120"), longitude=Decimal("-2.0810"),
                          approximate=True, area=factories.quadrant(hub.partnership))
    assert place.postcode == "DY1 1HF" and place.approximate
    assert place.get_status_display() == "Vulnerable location"


@pytest.mark.parametrize(("fields", "named"), [
    ({"postcode": "DY1"}, "postcode"), ({"postcode": "12345"}, "postcode"),
    ({"latitude": Decimal("95")}, "longitude"),
    ({"latitude": Decimal("95"), "longitude": Decimal("1")}, "latitude"),
    ({"type": "castle"}, "type"), ({"status": "hot"}, "status")])
def test_a_malformed_postcode_point_or_type_is_refused_naming_the_field(
        hub: Actor, fields: dict[str, Any], named: str) -> None:
    # SECURITY S5 (bad input changes nothing): the field is named, nothing is saved.
    base = {"address": "Bus station", "type": "transport_hub", "status": "hotspot"}
    with pytest.raises(ValidationError) as error:
        entity_create(actor=hub, kind="location", **(base | fields))
    assert named in _errors(error)
    assert not Location.objects.exists()


def test_an_area_of_another_partnership_is_refused(hub: Actor, essex: Any) -> None:
    with pytest.raises(ValidationError) as error:
        entity_create(actor=hub, kind="location", address="Park", type="park",
                      status="hotspot", area=factories.quadrant(essex))
    assert "area" in _errors(error)


def test_groups_and_accounts_name_their_type(hub: Actor) -> None:
    group = entity_create(actor=hub, kind="group", name="Smoke line", type="county_line")
    assert group.get_type_display() == "County line"
    with pytest.raises(ValidationError) as error:
        entity_create(actor=hub, kind="account", platform="", handle="")
    assert set(_errors(error)) == {"platform", "handle"}


def test_an_edit_from_an_older_version_is_refused(hub: Actor) -> None:
    # CONTRIBUTING "Writes": editable records carry a version; a stale one is refused.
    car = entity_create(actor=hub, kind="vehicle", registration="AB12CDE")
    entity_update(actor=hub, record=car, version=1, registration="AB12CDE", colour="Silver")
    with pytest.raises(StaleEdit):
        entity_update(actor=hub, record=car, version=1, registration="AB12CDE",
                      colour="Blue")
    car.refresh_from_db()
    assert (car.colour, car.version) == ("Silver", 2)


def test_only_the_hub_and_chairs_record_intelligence(
        personas: dict[str, Any], actor_of: Any) -> None:
    for role in ("analyst", "panel_member", "referrer", "auditor", "partnership_admin"):
        with pytest.raises(PermissionDenied):
            entity_create(actor=actor_of(personas[role]), kind="group", name="G", type="gang")


def test_reading_a_record_is_audited(hub: Actor) -> None:
    car = entity_create(actor=hub, kind="vehicle", registration="AB12CDE")
    with enforcing():
        Vehicle.objects.get_for(hub, car.pk)
    assert AuditEvent.objects.filter(action="vehicle.view", object_id=str(car.pk)).exists()
