"""The one way tests build people and records.

Partnerships, agencies, areas and users with a role are plain rows (factory_boy). Case
records (concerns, children, cases, meetings, agenda items, actions, disclosures, missing
episodes, interviews, imports) go through the real services, so every record a test uses
is one the product itself could have made: audited, versioned and in its partnership.

`partnership_records` builds a partnership's full set: one user per role and one of each
record, reachable by every role that may reach it. The URL matrix and the outsider test use
it for the home partnership and for another partnership whose ids must never answer."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import factory
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from factory.django import DjangoModelFactory

from macehub.access.actor import Actor, actor_for
from macehub.accounts.middleware import LAST_SEEN, SIGNED_IN_AT, now
from macehub.accounts.models import Membership, Role, RoleGrant, User
from macehub.accounts.tokens import api_token_create
from macehub.partnerships.models import Agency, AgencyType, Area, Partnership

PASSWORD = "correct horse battery staple"

# The agency each role acts for unless a test says otherwise.
AGENCY_FOR_ROLE = {
    Role.REFERRER: AgencyType.EDUCATION,
    Role.PANEL_MEMBER: AgencyType.POLICE,
    Role.HUB_COORDINATOR: AgencyType.CHILDRENS_SOCIAL_CARE,
    Role.CHAIR: AgencyType.CHILDRENS_SOCIAL_CARE,
}


class PartnershipFactory(DjangoModelFactory[Partnership]):
    """A partnership on the real policy pack of its slug, with one agency of every type
    and one area."""

    class Meta:
        model = Partnership
        django_get_or_create = ("slug",)

    slug = "dudley"
    name = factory.LazyAttribute(lambda o: f"{o.slug.title()} Test Partnership")
    policy_key = factory.SelfAttribute("slug")

    @factory.post_generation
    def agencies(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create or Agency.objects.filter(partnership=self).exists():
            return
        for agency_type in AgencyType:
            AgencyFactory(partnership=self, type=agency_type)
        AreaFactory(partnership=self)


class AgencyFactory(DjangoModelFactory[Agency]):
    class Meta:
        model = Agency

    partnership = factory.SubFactory(PartnershipFactory)
    type = AgencyType.POLICE
    name = factory.LazyAttribute(lambda o: f"{o.partnership.name} {AgencyType(o.type).label}")


class AreaFactory(DjangoModelFactory[Area]):
    class Meta:
        model = Area

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.LazyAttribute(lambda o: f"{o.partnership.name} North")


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = factory.LazyAttribute(lambda o: o.username.title())
    last_name = "Tester"
    password = factory.django.Password(PASSWORD)


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    role = Role.HUB_COORDINATOR
    agency = factory.LazyAttribute(
        lambda o: Agency.objects.filter(partnership=o.partnership,
                                        type=AGENCY_FOR_ROLE.get(Role(o.role))).first()
        if Role(o.role) in AGENCY_FOR_ROLE else None)


def user_with_role(username: str, partnership: Partnership, role: str,
                   agency_type: str | None = None) -> User:
    """A user holding `role` in `partnership`, for the agency their role usually acts for
    (or `agency_type`)."""
    user = UserFactory(username=username)
    extra = {}
    if agency_type is not None:
        extra["agency"] = Agency.objects.get(partnership=partnership, type=agency_type)
    MembershipFactory(user=user, partnership=partnership, role=role, **extra)
    return user


def personas_for(partnership: Partnership, prefix: str = "") -> dict[str, User]:
    """One user per role (the panel member for the police), and a panel member for each
    of health, education and children's social care."""
    users = {role.value: user_with_role(f"{prefix}{role.value}", partnership, role.value)
             for role in Role}
    for agency_type in ("health", "education", "childrens_social_care"):
        users[f"panel_member_{agency_type}"] = user_with_role(
            f"{prefix}panel_{agency_type}", partnership, Role.PANEL_MEMBER, agency_type)
    return users


def sign_in(client: Client, user: User, partnership: Partnership | None = None) -> Client:
    """A fully signed-in session: password and second factor, partnership chosen."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, defaults={"name": "test"})
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[SIGNED_IN_AT] = session[LAST_SEEN] = now()
    if partnership is not None:
        session["partnership_id"] = partnership.pk
    session.save()
    return client


def actor(user: User, partnership: Partnership) -> Actor:
    found = actor_for(user, partnership.pk)
    assert found is not None, f"{user} holds no role in {partnership}"
    return found


# --- case records, through the services ----------------------------------------------------

def years_ago(years: int, days: int = 0) -> date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - timedelta(days=days)


def team(slug: str) -> dict[str, Actor]:
    """The hub, a chair, a referrer and a panel member per agency type in a partnership
    on that partnership's real policy pack."""
    partnership = PartnershipFactory(slug=slug)
    users = {"hub": user_with_role(f"{slug}_hub", partnership, Role.HUB_COORDINATOR),
             "chair": user_with_role(f"{slug}_chair", partnership, Role.CHAIR),
             "referrer": user_with_role(f"{slug}_referrer", partnership, Role.REFERRER)}
    for agency_type in AgencyType:
        users[agency_type.value] = user_with_role(f"{slug}_{agency_type.value}", partnership,
                                                  Role.PANEL_MEMBER, agency_type.value)
    return {key: actor(user, partnership) for key, user in users.items()}


def new_concern(referrer: Actor, **overrides: Any) -> Any:
    """A concern about a 14-year-old, as a referrer submits it."""
    from macehub.concerns.services import concern_submit

    pack = referrer.partnership.policy
    arguments: dict[str, Any] = {
        "immediate_danger": "no",
        "child_details": {"first_name": "Jordan", "last_name": "Example",
                          "date_of_birth": years_ago(14), "known_as": ["Jay"]},
        "what_happened": "Seen getting into cars with older men after school.",
        "exploitation_types": [next(iter(pack.exploitation_types))],
        "indicators": [],
        "child_protection_plan": False,
        "consent": "obtained",
    }
    arguments.update(overrides)
    return concern_submit(actor=referrer, **arguments)


def child(hub: Actor, first: str = "Ivy", last: str = "Example",
          born: date = date(2011, 4, 2), **fields: Any) -> Any:
    """A child's record made by the hub (a new child, confirmed as such)."""
    from macehub.people.services import child_create

    return child_create(actor=hub, confirm_new=True, first_name=first, last_name=last,
                        date_of_birth=born, **fields)


def quadrant(partnership: Partnership, name: str = "North Quadrant") -> Area:
    """One of a partnership's quadrants (Essex holds MACE 1 and 2 per quadrant)."""
    return Area.objects.get_or_create(partnership=partnership, name=name,
                                      defaults={"kind": Area.Kind.QUADRANT})[0]


def place(case: Any, area: Area) -> Any:
    """Record where the case's child lives."""
    from macehub.cases.due_store import mark
    from macehub.people.models import Child

    Child.objects.filter(pk=case.child_id).update(area=area)
    # An update saves no record: the case's stored due items are redone.
    mark(case.partnership_id, [case.pk])
    case.child.refresh_from_db()
    return case


def open_case(referrer: Actor, hub: Actor, risk: str = "high", **child_: Any) -> Any:
    """A concern screened into an open case for the partnership's MACE meeting; where a
    forum is held per area, the child lives in the default quadrant."""
    from macehub.concerns.services import concern_match_child, screening_record

    submitted = new_concern(referrer, **child_) if child_ else new_concern(referrer)
    concern_match_child(actor=hub, concern=submitted, confirm_new=True)
    submitted.refresh_from_db()
    made = screening_record(actor=hub, concern=submitted, indicators=[], risk=risk,
                            override_reason="test", outcome="mace_meeting").case
    if any(f.per_area for f in hub.partnership.policy.forums.values()):
        place(made, quadrant(hub.partnership))
    return made


def mace_forum(partnership: Partnership) -> str:
    """The forum the partnership's screening refers cases to."""
    return str(partnership.policy.screening.outcomes["mace_meeting"].forum)


def schedule(hub: Actor, forum: str = "mace", when: datetime | None = None,
             chair: Any = None, area: Area | None = None) -> Any:
    """A meeting a week ahead; a forum held per area (Essex MACE 1 and 2) meets in the
    default quadrant unless `area` says otherwise."""
    from macehub.meetings import services

    if area is None and hub.partnership.policy.forum(forum).per_area:
        area = quadrant(hub.partnership)
    return services.meeting_schedule(
        actor=hub, forum=forum, starts_at=when or timezone.now() + timedelta(days=7),
        minutes=120, venue="Council House, Room 2", chair=chair, area=area)


def started(meeting: Any) -> Any:
    """The meeting as if it began a few minutes ago: a meeting is recorded as held only
    once it has started (macehub.meetings.conduct.meeting_hold)."""
    from macehub.meetings.models import Meeting

    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(minutes=5))
    meeting.refresh_from_db()
    return meeting


def published_meeting(personas: dict[str, Any], partnership: Partnership,
                      case: Any = None) -> Any:
    """A MACE meeting chaired by the chair persona with `case` (or a new case) on its
    agenda as the rules suggest it, published: every Dudley panel agency is invited."""
    from macehub.meetings import services

    hub, referrer = actor(personas["hub_coordinator"], partnership), actor(
        personas["referrer"], partnership)
    case = case or open_case(referrer, hub)
    made = schedule(hub, chair=personas["chair"])
    services.agenda_build(actor=hub, meeting=made, version=made.version)
    made.refresh_from_db()
    assert made.items.filter(case=case).exists(), "the case is due at the meeting"
    services.agenda_publish(actor=hub, meeting=made, version=made.version)
    made.refresh_from_db()
    return made


def published_meeting_with(hub: Actor, chair: User, *cases: Any) -> Any:
    """A meeting of the partnership's MACE forum chaired by `chair` with `cases` on its
    published agenda (in the default quadrant where the forum is held per area, with the
    children living there)."""
    from macehub.meetings import services
    from macehub.meetings.conditions import questions
    from macehub.meetings.models import AgendaItem

    forum = mace_forum(hub.partnership)
    made = schedule(hub, forum=forum, chair=chair)
    for case_ in cases:
        if made.area is not None:
            place(case_, made.area)
        services.agenda_item_add(actor=hub, meeting=made, version=made.version,
                                 title=str(case_.child), kind=AgendaItem.Kind.REVIEW,
                                 case=case_)
        made.refresh_from_db()
    # A panel invited on a condition the records cannot answer ("if the child is known to
    # the service", Essex MACE 1): the coordinator answers yes for every case.
    services.agenda_publish(actor=hub, meeting=made, version=made.version, conditions={
        (q.panel, q.case_id): True for q in questions(made)})
    made.refresh_from_db()
    return made


def action(hub: Actor, meeting_: Any, item: Any, agency_type: str = "police") -> Any:
    from macehub.meetings.decisions import action_add

    return action_add(actor=hub, meeting=meeting_, item=item, description="Visit",
                      owner_name="PC Example",
                      owner_agency=Agency.objects.get(partnership=hub.partnership,
                                                      type=agency_type),
                      due_on=meeting_.starts_at.date() + timedelta(days=7))


def forum_plan(hub: Actor) -> Any:
    """A forum's plan for an area (Essex MACE 2's quadrant action plan), through the
    service where the pack has such a plan type."""
    from macehub.cases import plans
    from macehub.cases.models import Plan

    pack = hub.partnership.policy
    kinds = [k for k, t in pack.plans.types.items() if t.belongs_to == "forum_area"]
    if not kinds:
        # A pack with no forum plan type: a forum's plan row as an earlier plan left it.
        return Plan.objects.create(partnership=hub.partnership, forum=next(iter(pack.forums)),
                                   kind=next(iter(pack.plans.types)),
                                   summary="Disrupt the hotspot", agreed_on=date(2026, 1, 5),
                                   by=hub.user)
    forum = pack.plans.types[kinds[0]].forum or ""
    area = quadrant(hub.partnership) if pack.forum(forum).per_area else None
    return plans.forum_plan_create(actor=hub, forum=forum, area=area, kind=kinds[0],
                                   summary="Disrupt the hotspot",
                                   impact_measures=["Fewer missing episodes"],
                                   agreed_on=date(2026, 1, 5))


def missing_records(hub: Actor, child: Any) -> dict[str, Any]:
    """An episode of `child` that ended two days ago, with a return interview offered, the
    triggers it fired, and a police notification import with an error row."""
    from macehub.missing.importer import import_rows
    from macehub.missing.interviews import interview_offer
    from macehub.missing.models import TriggerFiring
    from macehub.missing.services import episode_record

    returned = timezone.now() - timedelta(days=2)
    episode = episode_record(actor=hub, child=child, force="Example Police",
                             police_reference=f"REF-{hub.partnership.slug}",
                             reported_at=returned - timedelta(hours=9), returned_at=returned,
                             missing_from="home", risk_grade="medium",
                             harm_indicators=["injury"])
    interview = interview_offer(actor=hub, child=child, episodes=[episode],
                                offered_on=timezone.localdate(), offered_by="Missing team")
    run = import_rows(actor=hub, via="test", rows=[{"force": "Example Police"}])
    return {"episode": episode, "interview": interview, "import_run": run,
            "firing": TriggerFiring.objects.filter(anchor=episode).first()}


def intelligence_records(hub: Actor, child: Any) -> dict[str, Any]:
    """One intelligence record of each kind, a person of interest linked to `child`, and
    the person linked to the vehicle (sharing permitted: every reader reaches it); a
    candidate to confirm, and a second record of the person merged into it."""
    from macehub.disruption.services import record as disruption_record
    from macehub.intelligence.candidates import candidate_add
    from macehub.intelligence.merging import records_merge
    from macehub.intelligence.services import entity_create, link_create

    made = {
        "person": entity_create(actor=hub, kind="person", name="Dean Sample",
                                aliases=["Deano"], street_names=["Smoke"], status="active"),
        "vehicle": entity_create(actor=hub, kind="vehicle", registration="AB12 CDE",
                                 make="Volkswagen", model="Golf", colour="Silver"),
        "phone": entity_create(actor=hub, kind="phone", number="07700 900123",
                               deal_line=True, line_name="Smoke line"),
        "account": entity_create(actor=hub, kind="account", platform="Snapchat",
                                 handle="smokeline"),
        "location": entity_create(actor=hub, kind="location", address="Flat above the "
                                  "takeaway, High Street", postcode="DY1 1AA",
                                  type="takeaway", status="vulnerable"),
        "group": entity_create(actor=hub, kind="group", name="Smoke line",
                               type="county_line"),
    }
    grade = {"source_kind": "concern", "source_evaluation": "2", "assessment": "B",
             "handling": "P"}
    made["link"] = link_create(actor=hub, a_kind="person", a_id=made["person"].pk,
                               b_kind="vehicle", b_id=made["vehicle"].pk, kind="uses",
                               **grade)
    link_create(actor=hub, a_kind="person", a_id=made["person"].pk, b_kind="child",
                b_id=child.pk, kind="exploiter_of", **grade)
    made["candidate"] = candidate_add(actor=hub, kind="person", value="Deano",
                                      source_kind="meeting")
    twin = entity_create(actor=hub, kind="person", name="Dean Sampel", status="active")
    made["merge"] = records_merge(actor=hub, kind="person", kept=made["person"], merged=twin,
                                  kept_version=made["person"].version,
                                  merged_version=twin.version)
    made["person"].refresh_from_db()
    made["disruption"] = disruption_record(actor=hub, target=made["person"],
                                           tactic="diversion",
                                           decided_on=timezone.localdate())
    return made


def partnership_records(partnership: Partnership, users: dict[str, User]) -> dict[str, Any]:
    """One of each record in `partnership`: a concern by the referrer screened into an open
    case with an NRM referral; a published MACE meeting with the case (and a second child's
    case, which carries a decision) on its agenda, an invited panel member and the chair
    having agreed its confidentiality statement, an action for the panel member's agency and
    a disclosure the chair approved; a forum's plan; a missing episode with its interview,
    trigger and import run; one intelligence record of each kind, linked."""
    from macehub.breakglass.models import BreakGlass
    from macehub.cases.services import nrm_record
    from macehub.concerns.services import concern_match_child, screening_record
    from macehub.meetings.conduct import confidentiality_agree
    from macehub.meetings.decisions import decision_record
    from macehub.meetings.disclosure import disclosure_decide, disclosure_request
    from macehub.retention.models import LegalHold, RetentionItem, RetentionReview

    referrer, hub = actor(users["referrer"], partnership), actor(users["hub_coordinator"],
                                                                 partnership)
    chair = actor(users["chair"], partnership)
    submitted = new_concern(referrer)
    found = concern_match_child(actor=hub, concern=submitted, confirm_new=True)
    submitted.refresh_from_db()
    case_ = screening_record(actor=hub, concern=submitted, indicators=[], risk="high",
                             override_reason="test", outcome="mace_meeting").case
    nrm = nrm_record(actor=hub, case=case_, referred_on=date(2026, 1, 5),
                     first_responder="Example Police")
    # A second child's case, discussed at the same meeting, carries the meeting's decision.
    decided = open_case(referrer, hub, child_details={
        "first_name": "Riley", "last_name": "Sample", "date_of_birth": years_ago(15),
        "known_as": []})
    made = published_meeting_with(hub, users["chair"], case_, decided)
    item = made.items.get(case=case_)
    # The panel member the meeting invites: the police, or another agency where the
    # partnership's panel has no police seat.
    invited = set(made.invitations.values_list("user_id", flat=True))
    panel = actor(next(user for key, user in users.items()
                       if key.startswith("panel_member") and user.pk in invited), partnership)
    assert panel.agency is not None
    agreed = action(hub, made, item, agency_type=panel.agency.type)
    for attendee in (panel, chair):
        confidentiality_agree(actor=attendee, meeting=made)
    disclosure = disclosure_request(actor=panel, meeting=made, document="agenda",
                                    recipient="School", purpose="Safety plan")
    disclosure_decide(actor=chair, disclosure=disclosure, approve=True, reason="Needed")
    decision = decision_record(actor=hub, item=made.items.get(case=decided), kind="other",
                               text="Keep under review")
    return {**missing_records(hub, found), **intelligence_records(hub, found),
            "partnership": partnership, "forum_plan": forum_plan(hub),
            "agency": Agency.objects.filter(partnership=partnership).first(),
            "area": Area.objects.filter(partnership=partnership).first(),
            "meeting": made, "item": item, "action": agreed, "disclosure": disclosure,
            "decision": decision, "invitation": made.invitations.first(),
            "user": users["referrer"],
            "membership": users["referrer"].memberships.get(partnership=partnership),
            "token": api_token_create(
                membership=users["referrer"].memberships.get(partnership=partnership),
                name="Referral system")[0],
            "grant": RoleGrant.objects.create(
                user=users["referrer"], partnership=partnership, role=Role.HUB_COORDINATOR,
                requested_by=user_with_role(f"{partnership.slug}_second_admin", partnership,
                                            Role.PARTNERSHIP_ADMIN)),
            "concern": submitted, "child": found, "case": case_, "nrm": nrm,
            "retention_review": (review := RetentionReview.objects.create(
                partnership=partnership, proposed_at=timezone.now(),
                proposed_by=users["hub_coordinator"])),
            "retention_item": RetentionItem.objects.create(
                partnership=partnership, review=review, record_type="concern_not_progressed",
                model_label="concerns.concern", record_id=submitted.pk,
                due_on=date(2026, 1, 5), action="delete"),
            "legal_hold": LegalHold.objects.create(
                partnership=partnership, case=decided, reason="Test",
                placed_by=users["hub_coordinator"], placed_at=timezone.now()),
            **plan_audit_records(partnership, case_, users),
            "break_glass": BreakGlass.objects.create(
                partnership=partnership, user=panel.user, model_label="cases.Case",
                record_id=decided.pk, reason="Test", started_at=timezone.now(),
                expires_at=timezone.now() + timedelta(hours=1))}


def plan_audit_records(partnership: Partnership, case_: Any,
                       users: dict[str, User]) -> dict[str, Any]:
    """A MACE plan on the case, sampled in an open plan audit of its quarter."""
    from macehub.cases.models import Plan
    from macehub.oversight.models import PlanAudit, PlanAuditEntry
    from macehub.oversight.services import quarter_start

    kind = next(k for k, t in partnership.policy.plans.types.items() if t.belongs_to == "case")
    today = timezone.localdate()
    plan = Plan.objects.create(partnership=partnership, case=case_, kind=kind,
                               summary="Safety plan", agreed_on=today,
                               by=users["hub_coordinator"])
    audit = PlanAudit.objects.create(
        partnership=partnership, quarter_start=quarter_start(today),
        seed=1, sample_size=1, plans_in_quarter=1, drawn_by=users["auditor"],
        drawn_at=timezone.now())
    entry = PlanAuditEntry.objects.create(partnership=partnership, audit=audit, plan=plan,
                                          position=1)
    from macehub.oversight.models import TrackerImport

    upload = TrackerImport.objects.create(
        partnership=partnership, by=users["hub_coordinator"], uploaded_at=timezone.now(),
        headings=["First name", "Last name", "Date of birth"],
        rows=[{"line": 2, "cells": ["Test", "Tracked", "2012-03-04"]}],
        mapping={"0": "first_name", "1": "last_name", "2": "date_of_birth"})
    from macehub.oversight.models import Report

    kind, rule = next(iter(partnership.policy.oversight.reports.items()))
    report = Report.objects.create(
        partnership=partnership, kind=kind, title=rule.title, period_start=today.replace(day=1),
        period_end=today, external=rule.external.value, suppressed_below=5,
        figures={"tables": [{"title": "Concerns by referring agency",
                             "rows": [["Police", 7], ["Health", 2]]}], "outcomes": []},
        narrative=[{"title": t, "text": ""} for t in rule.sections.value],
        generated_by=users["chair"], generated_at=timezone.now())
    return {"plan": plan, "plan_audit": audit, "plan_audit_entry": entry,
            "tracker_import": upload, "report": report}
