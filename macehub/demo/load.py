"""Demo data for a first run: the six partnerships, their areas and agencies, and one
account per role. Synthetic and deterministic; loading it again changes nothing."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from bench.synthetic import Synthetic
from macehub.accounts.models import Membership, Role, User
from macehub.partnerships.models import Agency, AgencyType, Area, Partnership

DEMO_PASSWORD = "macehub-demo-2026"  # demo data only; printed by `make run`

PARTNERSHIPS = [
    # slug, name, policy pack, police force, areas (kind, names)
    ("wolverhampton", "Wolverhampton Safeguarding Together", "wolverhampton",
     "West Midlands Police", ("district", ["Wolverhampton North", "Wolverhampton South"])),
    ("dudley", "Dudley Safeguarding People Partnership", "dudley", "West Midlands Police",
     ("district", ["Dudley North", "Dudley Central", "Stourbridge and Halesowen"])),
    ("kirklees", "Kirklees Safeguarding Children Partnership", "kirklees",
     "West Yorkshire Police", ("district", ["Huddersfield", "Dewsbury and Batley"])),
    ("essex", "Essex Safeguarding Children Board", "essex", "Essex Police",
     ("quadrant", ["North", "South", "West", "Mid"])),
    ("thurrock", "Thurrock Local Safeguarding Children Partnership", "thurrock",
     "Essex Police", ("district", ["Grays", "Tilbury"])),
    ("southend", "Southend Safeguarding Partnership", "southend", "Essex Police",
     ("district", ["Southend Central", "Shoeburyness"])),
]

AGENCY_TYPES = [
    (AgencyType.CHILDRENS_SOCIAL_CARE, "{place} Children's Social Care"),
    (AgencyType.POLICE, "{force}"),
    (AgencyType.HEALTH, "{place} NHS Health Services"),
    (AgencyType.EDUCATION, "{place} Education Services"),
    (AgencyType.YOUTH_OFFENDING, "{place} Youth Justice Service"),
    (AgencyType.HOUSING, "{place} Housing"),
    (AgencyType.LICENSING, "{place} Licensing"),
    (AgencyType.ADULT_SOCIAL_CARE, "{place} Adult Social Care"),
    (AgencyType.VOLUNTARY_SECTOR, "{place} Youth Charity"),
]

# username, partnership slugs, role, agency type (None for hub-wide roles)
ACCOUNTS = [
    ("admin", ["dudley"], Role.PARTNERSHIP_ADMIN, None),
    ("coordinator", ["dudley"], Role.HUB_COORDINATOR, AgencyType.CHILDRENS_SOCIAL_CARE),
    ("chair", ["dudley"], Role.CHAIR, AgencyType.CHILDRENS_SOCIAL_CARE),
    ("police", ["dudley"], Role.PANEL_MEMBER, AgencyType.POLICE),
    ("health", ["dudley"], Role.PANEL_MEMBER, AgencyType.HEALTH),
    ("education", ["dudley"], Role.PANEL_MEMBER, AgencyType.EDUCATION),
    ("socialcare", ["dudley"], Role.PANEL_MEMBER, AgencyType.CHILDRENS_SOCIAL_CARE),
    ("referrer", ["dudley"], Role.REFERRER, AgencyType.EDUCATION),
    ("analyst", ["dudley"], Role.ANALYST, None),
    ("auditor", ["dudley"], Role.AUDITOR, None),
    ("set-coordinator", ["essex", "thurrock", "southend"], Role.HUB_COORDINATOR,
     AgencyType.CHILDRENS_SOCIAL_CARE),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    partnerships: str
    agency: str
    totp_key: str


def totp_hex(seed: int, username: str) -> str:
    """A fixed TOTP secret per demo account, so the printed keys stay valid across runs."""
    return hashlib.sha256(f"macehub-demo:{seed}:{username}".encode()).hexdigest()[:40]


def _place(name: str) -> str:
    return name.split(" ")[0]


@transaction.atomic
def load_demo(seed: int = 1) -> list[DemoAccount]:
    synthetic = Synthetic(seed)
    partnerships: dict[str, Partnership] = {}
    for slug, name, pack, force, (kind, areas) in PARTNERSHIPS:
        partnership, _ = Partnership.objects.get_or_create(
            slug=slug, defaults={"name": name, "policy_key": pack}
        )
        partnerships[slug] = partnership
        for area in areas:
            Area.objects.get_or_create(partnership=partnership, name=area,
                                       defaults={"kind": kind})
        for agency_type, pattern in AGENCY_TYPES:
            Agency.objects.get_or_create(
                partnership=partnership,
                name=pattern.format(place=_place(slug.title()), force=force),
                defaults={"type": agency_type},
            )
    accounts = []
    for username, slugs, role, agency_type in ACCOUNTS:  # type: ignore[assignment]
        person = synthetic.person()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=person.first_name,
                        last_name=person.last_name, email=f"{username}@example.org")
            user.set_password(DEMO_PASSWORD)
            user.save()
        key = totp_hex(seed, username)
        TOTPDevice.objects.update_or_create(
            user=user, name="Demo authenticator", defaults={"key": key, "confirmed": True}
        )
        agency_name = ""
        for slug in slugs:
            agency: Agency | None = None
            if agency_type is not None:
                agency = partnerships[slug].agencies.get(type=agency_type)
                agency_name = agency.name
            Membership.objects.get_or_create(
                user=user, partnership=partnerships[slug], agency=agency, role=role
            )
        accounts.append(DemoAccount(
            username=username,
            role=Role(role).label,
            partnerships=", ".join(slugs),
            agency=agency_name,
            totp_key=base64.b32encode(bytes.fromhex(key)).decode(),
        ))
    return accounts
