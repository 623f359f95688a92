"""How intelligence records keep registration numbers, phone numbers and postcodes: one
form each, so the same car, phone or address is found however it was typed. Each function
returns the normalised value or raises ValidationError naming the field."""

from __future__ import annotations

import re
from decimal import Decimal

import phonenumbers
from django.core.exceptions import ValidationError

# The shapes of a full UK registration, spaces removed: current (AB12CDE, 2001 on),
# prefix (A123BCD), suffix (ABC123D) and dateless or Northern Ireland (1ABC, ABC1234).
FULL_PLATES = [re.compile(p) for p in (
    r"[A-Z]{2}[0-9]{2}[A-Z]{3}", r"[A-Z][0-9]{1,3}[A-Z]{3}", r"[A-Z]{3}[0-9]{1,3}[A-Z]",
    r"[0-9]{1,4}[A-Z]{1,3}", r"[A-Z]{1,3}[0-9]{1,4}")]
PLATE_CHARACTERS = re.compile(r"[A-Z0-9]+")
POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})")


def registration(value: str, *, partial: bool) -> str:
    """Upper case without spaces or hyphens. A full plate must have a UK shape; a partial
    one (what a witness saw) may be any 1 to 6 of its letters and digits."""
    plate = re.sub(r"[\s-]", "", value or "").upper()
    if not plate:
        raise ValidationError({"registration": "Enter the registration number"})
    if not PLATE_CHARACTERS.fullmatch(plate):
        raise ValidationError({"registration": "Registration number must only include "
                                               "letters, numbers and spaces"})
    if partial:
        if len(plate) > 6:
            raise ValidationError({"registration": "A partial registration number must be "
                                                   "6 characters or fewer"})
        return plate
    if not any(p.fullmatch(plate) for p in FULL_PLATES):
        raise ValidationError({"registration": "Enter a registration number in a UK format, "
                                               "like AB12 CDE, or say that it is partial"})
    return plate


def phone(value: str) -> str:
    """The number in international form (+447700900123). A UK number may be typed in any
    usual way (07700 900123, +44 7700-900-123). A number must have a possible length for
    its country; it need not be in a range already allocated (see docs/adr)."""
    text = (value or "").strip()
    if not text:
        raise ValidationError({"number": "Enter the phone number"})
    try:
        parsed = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        raise ValidationError({"number": "Enter a phone number, like 07700 900982 or "
                                         "+44 7700 900982"}) from None
    possible = phonenumbers.is_possible_number_with_reason(parsed)
    uk_full = parsed.country_code != 44 or len(str(parsed.national_number)) == 10
    if not phonenumbers.is_valid_number(parsed) and not (
            possible == phonenumbers.ValidationResult.IS_POSSIBLE and uk_full):
        raise ValidationError({"number": "Enter a phone number with the right number of "
                                         "digits, like 07700 900982"})
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def phone_display(e164: str) -> str:
    """A UK number as people write it (07700 900123); others in international form."""
    parsed = phonenumbers.parse(e164, None)
    style = (phonenumbers.PhoneNumberFormat.NATIONAL if parsed.country_code == 44
             else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(parsed, style)


def postcode(value: str) -> str:
    """A UK postcode in capitals with one space before its last three characters, or ""
    when none is given."""
    text = re.sub(r"\s", "", value or "").upper()
    if not text:
        return ""
    found = POSTCODE.fullmatch(text)
    if found is None:
        raise ValidationError({"postcode": "Enter a real postcode, like DY1 1HF"})
    return f"{found.group(1)} {found.group(2)}"


def point(latitude: Decimal | None, longitude: Decimal | None) -> None:
    """Both or neither, and on the globe."""
    if (latitude is None) != (longitude is None):
        field = "longitude" if longitude is None else "latitude"
        raise ValidationError({field: "Enter both the latitude and the longitude, or neither"})
    if latitude is not None and not -90 <= latitude <= 90:
        raise ValidationError({"latitude": "Latitude must be between -90 and 90"})
    if longitude is not None and not -180 <= longitude <= 180:
        raise ValidationError({"longitude": "Longitude must be between -180 and 180"})
