"""The synthetic data generator (`manage.py synth`): a partnership's worth of years of
records at a chosen scale, deterministic from a seed, written through bulk paths.

Shapes follow what partnerships see: a few children account for many missing episodes
(a heavy tail); concerns cluster in some areas and schools; names are written differently
from one notification to the next; risk moves between meetings; meetings carry agendas,
minutes, decisions and actions in proportion to the cases; intelligence links persons of
interest, vehicles, phones, online accounts, groups and places (with points); the audit
trail grows with use. Every name, address and number is invented (bench/synthetic.py)."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from bench.synthetic import FORENAMES, STREETS, SURNAMES, TOWNS
from macehub.accounts.models import Membership, Role, User
from macehub.cases.due_store import refresh
from macehub.cases.models import Case, RiskChange
from macehub.concerns.models import Concern, Screening
from macehub.demo.load import DEMO_PASSWORD, totp_hex
from macehub.demo.synth_names import known_as
from macehub.demo.synth_sizes import SCALES, Scale
from macehub.demo.synth_write import Counted, Writer
from macehub.partnerships.models import Agency, AgencyType, Area, Partnership
from macehub.people.matching import names_for_index
from macehub.people.models import Child, ChildName

RISKS = ["at_risk", "medium", "high"]
SCHOOLS_PER_AREA = 25
SCHOOL_KINDS = ["Academy", "High School", "Primary School", "College", "Pupil Referral Unit"]
AGENCIES = [(AgencyType.CHILDRENS_SOCIAL_CARE, "Children's Social Care"),
            (AgencyType.POLICE, "Police"), (AgencyType.HEALTH, "NHS Health Services"),
            (AgencyType.EDUCATION, "Education Services"),
            (AgencyType.YOUTH_OFFENDING, "Youth Justice Service"),
            (AgencyType.HOUSING, "Housing")]
# username suffix, role, agency type (None for hub-wide roles)
ACCOUNTS = [("coordinator", Role.HUB_COORDINATOR, AgencyType.CHILDRENS_SOCIAL_CARE),
            ("chair", Role.CHAIR, AgencyType.CHILDRENS_SOCIAL_CARE),
            ("police", Role.PANEL_MEMBER, AgencyType.POLICE),
            ("health", Role.PANEL_MEMBER, AgencyType.HEALTH),
            ("education", Role.PANEL_MEMBER, AgencyType.EDUCATION),
            ("analyst", Role.ANALYST, None), ("referrer", Role.REFERRER, AgencyType.EDUCATION)]


@dataclass
class Built:
    """What later steps of the generator need from earlier ones."""

    partnership: Partnership
    scale: Scale
    rng: random.Random
    now: datetime
    start: datetime
    writer: Writer
    users: dict[str, User]
    agencies: list[Agency]
    areas: list[Area]
    child_ids: list[int] = field(default_factory=list)
    born: list[date] = field(default_factory=list)
    names: list[tuple[str, str, list[str]]] = field(default_factory=list)
    child_area: list[int] = field(default_factory=list)
    school: list[str] = field(default_factory=list)
    cases: list[dict[str, Any]] = field(default_factory=list)

    def zipf(self, n: int, s: float = 1.0) -> list[float]:
        """Cumulative Zipf weights over `n` ranks: rank 1 is chosen most."""
        total, cumulative = 0.0, []
        for rank in range(n):
            total += 1 / (rank + 1) ** s
            cumulative.append(total)
        return cumulative

    def moment(self, earliest: datetime, latest: datetime | None = None) -> datetime:
        latest = latest or self.now
        span = max((latest - earliest).total_seconds(), 1)
        return earliest + timedelta(seconds=self.rng.random() * span)


def setup(slug: str, policy_key: str) -> tuple[Partnership, dict[str, User], list[Agency],
                                               list[Area]]:
    """The partnership (made if new), its areas and agencies, and one account per role
    named `<slug>-<role>` with the demo password and a fixed authenticator key."""
    partnership, _ = Partnership.objects.get_or_create(
        slug=slug, defaults={"name": f"{slug.title()} Synthetic Partnership",
                             "policy_key": policy_key})
    place = slug.split("-")[0].title()
    if not partnership.areas.exists():
        for name in ("North", "South", "West", "Mid"):
            Area.objects.create(partnership=partnership, name=f"{place} {name}",
                                kind=Area.Kind.DISTRICT)
    for kind, label in AGENCIES:
        if not partnership.agencies.filter(type=kind).exists():
            Agency.objects.create(partnership=partnership, name=f"{place} {label}", type=kind)
    users: dict[str, User] = {}
    for suffix, role, agency_type in ACCOUNTS:
        username = f"{slug}-{suffix}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=suffix.title(), last_name="Synthetic",
                        email=f"{username}@example.org")
            user.set_password(DEMO_PASSWORD)
            user.save()
        TOTPDevice.objects.update_or_create(
            user=user, name="Demo authenticator",
            defaults={"key": totp_hex(1, username), "confirmed": True})
        agency = partnership.agencies.filter(type=agency_type).first() if agency_type else None
        Membership.objects.get_or_create(user=user, partnership=partnership, agency=agency,
                                         role=role)
        users[suffix] = user
    return (partnership, users, list(partnership.agencies.order_by("pk")),
            list(partnership.areas.order_by("pk")))


def is_synthetic_account(username: str) -> bool:
    """An account the generator made: `<slug>-<role>` for a partnership that exists."""
    slug, _, suffix = username.rpartition("-")
    return suffix in {a[0] for a in ACCOUNTS} and Partnership.objects.filter(slug=slug).exists()


def _birthday(built: Built, index: int) -> date:
    """Children with an open case are 11 to 17 now; the others were children at some
    point in the years the data covers."""
    today = built.now.date()
    if index < built.scale.open_cases:
        age_days = built.rng.randrange(11 * 365 + 3, 17 * 365 + 300)
    else:
        age_days = built.rng.randrange(11 * 365, (17 + built.scale.years) * 365)
    return today - timedelta(days=age_days)


def people(built: Built) -> None:
    """Children, each in an area and a school (areas and schools weighted, so that a few
    hold many of them), some known by other names, and every name indexed for matching."""
    rng, scale, p = built.rng, built.scale, built.partnership
    surnames, forenames = built.zipf(len(SURNAMES)), built.zipf(len(FORENAMES), 0.5)
    area_weights = built.zipf(len(built.areas), 0.8)
    schools = [[f"{rng.choice(STREETS)} {rng.choice(SCHOOL_KINDS)}, {rng.choice(TOWNS)}"
                for _ in range(SCHOOLS_PER_AREA)] for _ in built.areas]
    school_weights = built.zipf(SCHOOLS_PER_AREA, 1.1)
    ids = built.writer.ids(Child, scale.children)
    rows: list[dict[str, Any]] = []
    for n, pk in enumerate(ids):
        first = rng.choices(FORENAMES, cum_weights=forenames)[0]
        last = rng.choices(SURNAMES, cum_weights=surnames)[0]
        aliases = known_as(rng, first, last)
        area = rng.choices(range(len(built.areas)), cum_weights=area_weights)[0]
        school = rng.choices(schools[area], cum_weights=school_weights)[0]
        born = _birthday(built, n)
        built.child_ids.append(pk)
        built.born.append(born)
        built.names.append((first, last, aliases))
        built.child_area.append(area)
        built.school.append(school)
        rows.append({"id": pk, "partnership_id": p.pk, "first_name": first, "last_name": last,
                     "known_as": aliases, "date_of_birth": born,
                     "gender": rng.choice(["female", "male", "male", "female", "unknown"]),
                     "area_id": built.areas[area].pk, "education_setting": school,
                     "education": rng.choice(["mainstream", "mainstream", "alternative_provision",
                                              "excluded", "college"]),
                     "address": f"{rng.randrange(1, 200)} {rng.choice(STREETS)} Road, "
                                f"{rng.choice(TOWNS)}",
                     "postcode": f"ZZ99 {rng.randrange(10)}AB", "created_at": built.start})
    built.writer.write(Child, rows)
    name_ids = iter(built.writer.ids(ChildName, sum(1 + len(r["known_as"]) for r in rows)))

    def index() -> Any:
        for row in rows:
            child = Child(**row)
            for name in names_for_index(child):
                values = {f.attname: getattr(name, f.attname)
                          for f in ChildName._meta.concrete_fields}
                values["id"] = next(name_ids)
                yield values
    built.writer.write(ChildName, index())


def cases_and_concerns(built: Built) -> None:
    """Cases (the first children; the first `open_cases` of them open now), each opened by
    a screened concern and with its risk history; then concerns about other children,
    clustered by area and school, the recent ones awaiting screening."""
    rng, scale, p, now = built.rng, built.scale, built.partnership, built.now
    users = built.users
    by_school: dict[str, list[int]] = {}
    for n, school in enumerate(built.school):
        by_school.setdefault(school, []).append(n)
    schools = sorted(by_school, key=lambda s: -len(by_school[s]))
    school_weights = built.zipf(len(schools), 0.7)
    case_ids = built.writer.ids(Case, scale.cases)
    numbers: dict[tuple[str, int], int] = {}
    concern_rows, screening_rows, risk_rows = [], [], []
    concern_ids = iter(built.writer.ids(Concern, scale.concerns + scale.cases))
    screening_ids = iter(built.writer.ids(Screening, scale.concerns + scale.cases))
    exploitation = list(p.policy.exploitation_types)
    outcomes = [o for o in p.policy.screening.outcomes if o != "mace_meeting"]

    def concern(n: int, at: datetime, status: str) -> int:
        first, last, _ = built.names[n]
        key = ("concern", at.year)
        numbers[key] = numbers.get(key, 0) + 1
        pk = next(concern_ids)
        concern_rows.append({
            "id": pk, "partnership_id": p.pk, "status": status, "submitted_at": at,
            "reference": f"{p.slug[:3].upper()}-{at.year}-{numbers[key]:05d}",
            "referrer_id": users["referrer"].pk, "referrer_agency_id": built.agencies[3].pk,
            "immediate_danger": "no", "child_id": built.child_ids[n],
            "child_details": {"first_name": first, "last_name": last,
                              "date_of_birth": built.born[n].isoformat()},
            "education_setting": built.school[n], "what_happened": "Seen with older males "
            "near the station late at night; new phone and clothes.",
            "exploitation_types": rng.sample(exploitation, k=rng.randint(1, 2)),
            "indicators": [], "consent": "obtained"})
        return pk

    def screening(concern_pk: int, at: datetime, risk: str, outcome: str,
                  case_pk: int | None) -> None:
        screening_rows.append({
            "id": next(screening_ids), "partnership_id": p.pk, "concern_id": concern_pk,
            "screened_by_id": users["coordinator"].pk, "screened_at": at, "indicators": [],
            "score": rng.randrange(0, 30), "risk": risk, "suggested_risk": risk,
            "outcome": outcome, "case_id": case_pk,
            "feedback_given_at": at + timedelta(days=rng.randrange(1, 6))
            if at < now - timedelta(days=14) else None})

    case_rows = []
    for n, pk in enumerate(case_ids):
        young = built.born[n] + timedelta(days=11 * 365)
        if n < scale.open_cases:
            eleven = timezone.make_aware(datetime.combine(young, datetime.min.time()))
            opened = built.moment(max(now - timedelta(days=400), built.start, eleven))
            status = "open"
        else:
            opened = built.moment(built.start, now - timedelta(days=30))
            status = rng.choice(["closed", "closed", "closed", "dormant"])
        risk = rng.choice(RISKS)
        history = [(opened, risk)]
        moment = opened
        while True:  # risk moves at reviews, about every six weeks while the case is open
            moment += timedelta(days=rng.randrange(28, 70))
            if moment >= now or (status != "open" and rng.random() < 0.3):
                break
            risk = RISKS[max(0, min(2, RISKS.index(risk) + rng.choice([-1, 0, 0, 1])))]
            history.append((moment, risk))
        year = timezone.localtime(opened).year
        numbers[("case", year)] = numbers.get(("case", year), 0) + 1
        number = numbers[("case", year)]
        case_rows.append({"id": pk, "partnership_id": p.pk, "child_id": built.child_ids[n],
                          "status": status, "risk": risk, "opened_at": opened,
                          "referred_at": opened, "number": number,
                          "reference": f"{p.code}-{year}-{number:04d}",
                          "exploitation_types": rng.sample(exploitation, k=1),
                          "lead_agency_id": built.agencies[0].pk})
        concern_pk = concern(n, opened - timedelta(days=rng.randrange(1, 5)), "screened")
        screening(concern_pk, opened, history[0][1], "mace_meeting", pk)
        for at, level in history:
            risk_rows.append({"partnership_id": p.pk, "case_id": pk, "risk": level, "at": at,
                              "by_id": users["chair"].pk, "reason": "Reviewed at the meeting"})
        built.cases.append({"id": pk, "n": n, "opened": opened, "status": status,
                            "history": history, "area": built.child_area[n]})
    for _ in range(scale.concerns):
        school = rng.choices(schools, cum_weights=school_weights)[0]
        n = rng.choice(by_school[school])
        at = built.moment(built.start)
        if at > now - timedelta(days=10) and rng.random() < 0.5:
            concern(n, at, "awaiting_screening")
            continue
        pk = concern(n, at, "screened")
        screening(pk, at + timedelta(days=rng.randrange(0, 3)), rng.choice(RISKS[:2]),
                  rng.choice(outcomes), None)
    built.writer.write(Case, case_rows)
    built.writer.write(Concern, concern_rows)
    built.writer.write(Screening, screening_rows)
    ids = iter(built.writer.ids(RiskChange, len(risk_rows)))
    built.writer.write(RiskChange, ({**row, "id": next(ids)} for row in risk_rows))


def generate(*, scale: str, seed: int, slug: str, policy_key: str = "essex") -> Writer:
    """Everything, in one transaction."""
    from macehub.demo.synth_intel import intelligence
    from macehub.demo.synth_more import audit, meetings, missing

    with transaction.atomic():
        partnership, users, agencies, areas = setup(slug, policy_key)
        size = SCALES[scale]
        now = timezone.now().replace(microsecond=0)
        # Not for security: a seeded generator makes the same data every run.
        built = Built(partnership=partnership, scale=size, rng=random.Random(seed),  # noqa: S311
                      now=now, start=now - timedelta(days=365 * size.years), writer=Writer(),
                      users=users, agencies=agencies, areas=areas)
        people(built)
        cases_and_concerns(built)
        missing(built)
        meetings(built)
        intelligence(built)
        audit(built)
        if connection.vendor == "postgresql":
            # Statistics for what was just written (ANALYZE counts this transaction's own
            # rows): without them the due store's joins are planned as for empty tables.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        began = time.perf_counter()
        stored = refresh(partnership)  # the bulk writes bypass the saves that keep them
        built.writer.counts["cases.DueEntry"] = Counted(stored, time.perf_counter() - began)
    return built.writer
