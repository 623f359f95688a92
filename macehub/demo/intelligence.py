"""A small demo network in Dudley: a person of interest known by an alias and a street
name, the car he drives, his deal line, the flat above a takeaway marked as a vulnerable
location, the county line he runs, and links to two children with cases; a second person
of interest, his older associate, exploits both children too — two linked victims and two
suspects, so the coordinator is proposed a complex strategy meeting (Dudley ToR, CEOG
Scope); and two disruptions. Synthetic names and a phone number from Ofcom's drama range;
a second run adds nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from macehub.access.actor import actor_for
from macehub.accounts.models import User
from macehub.accounts.system import system_actor
from macehub.cases.models import Case
from macehub.disruption.services import record as disruption_record
from macehub.intelligence.models import PersonOfInterest
from macehub.intelligence.services import entity_create, link_create
from macehub.partnerships.models import Partnership


def load_intelligence() -> int:
    """The records made (0 when the network is there already)."""
    dudley = Partnership.objects.get(slug="dudley")
    if PersonOfInterest.objects.for_actor(system_actor(dudley, "demo data")).exists():
        return 0
    hub = actor_for(User.objects.get(username="coordinator"), dudley.pk)
    assert hub is not None
    area = dudley.areas.order_by("name").first()
    person = entity_create(actor=hub, kind="person", name="Kieran Oakwright",
                           aliases=["Kaz"], street_names=["Smoke"], approximate_age=23,
                           height="About 5 ft 10", build="Slim",
                           marks="Tattoo of a star on the left hand", status="active",
                           via="demo")
    car = entity_create(actor=hub, kind="vehicle", registration="KX19 ZZA",
                        make="Volkswagen", model="Golf", colour="Silver", via="demo")
    line = entity_create(actor=hub, kind="phone", number="07700 900461", deal_line=True,
                         line_name="Smoke line", via="demo")
    flat = entity_create(actor=hub, kind="location", address="Flat above the Golden "
                         "Fryer takeaway, Exampleton Road", postcode="ZZ99 3DY",
                         type="takeaway", status="vulnerable", area=area,
                         latitude=Decimal("52.5087"), longitude=Decimal("-2.0875"),
                         approximate=True, via="demo")
    group = entity_create(actor=hub, kind="group", name="Smoke line", type="county_line",
                          description="Deal line run into Dudley from outside the area",
                          via="demo")
    grade: dict[str, Any] = {"source_kind": "police_notification",
                             "source_detail": "Police intelligence shared at the hub",
                             "source_evaluation": "2", "assessment": "B", "handling": "P"}
    links = [("vehicle", car.pk, "uses", {}), ("phone", line.pk, "uses", {}),
             ("location", flat.pk, "frequents", {}), ("group", group.pk, "member_of", {}),
             ("location", flat.pk, "seen_with", {
                 "details": "Seen at the flat late at night by a neighbour",
                 "handling": "C", "disclose_to": ["panel_member", "analyst"],
                 "conditions": "Neighbour's account: not to be disclosed to the family"})]
    for kind, pk, what, extra in links:
        link_create(actor=hub, a_kind="person", a_id=person.pk, b_kind=kind, b_id=pk,
                    kind=what, via="demo", **(grade | extra))
    children = [c.child_id for c in Case.objects.for_actor(hub).order_by("pk")[:2]]
    for child_id in children:
        link_create(actor=hub, a_kind="person", a_id=person.pk, b_kind="child",
                    b_id=child_id, kind="exploiter_of", via="demo", **(grade | {
                        "source_kind": "concern", "source_detail": "Concern naming Kaz",
                        "assessment": "C"}))
        link_create(actor=hub, a_kind="child", a_id=child_id, b_kind="location",
                    b_id=flat.pk, kind="frequents", via="demo", **grade)
    associate = entity_create(actor=hub, kind="person", name="Dale Exampleford",
                              street_names=["Uncle"], approximate_age=34, status="active",
                              via="demo")
    link_create(actor=hub, a_kind="person", a_id=associate.pk, b_kind="person",
                b_id=person.pk, kind="associate", via="demo", **grade)
    for child_id in children:
        link_create(actor=hub, a_kind="person", a_id=associate.pk, b_kind="child",
                    b_id=child_id, kind="exploiter_of", via="demo", **(grade | {
                        "source_kind": "meeting", "source_detail": "MACE discussion",
                        "assessment": "C"}))
    today = timezone.localdate()
    disruption_record(actor=hub, target=person, tactic="abduction_warning_notice",
                      decided_on=today - timedelta(days=60),
                      started_on=today - timedelta(days=53),
                      outcome="successful", via="demo",
                      details="Notice served; not seen with the children since")
    disruption_record(actor=hub, target=flat, tactic="civil_enforcement",
                      decided_on=today - timedelta(days=30), via="demo",
                      details="Environmental health visit to the room above the takeaway")
    return 8 + len(links) + 1 + 3 * len(children)
