"""Essex MACE rules (Essex Child Exploitation & Missing arrangements, seed 000), one test
per rule, named after it and citing its section."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from macehub.access.actor import actor_for
from macehub.access.reach import reaches
from macehub.api.tests.test_meetings_api import Api
from macehub.cases.models import Case
from macehub.meetings import conduct, decisions, outputs, services
from macehub.meetings.agenda import suggest_agenda
from macehub.meetings.areas import within
from macehub.meetings.conditions import questions
from macehub.meetings.conduct import confidentiality_agree
from macehub.meetings.models import AgendaItem, Decision, Invitation, Meeting
from macehub.meetings.rules import reviews_due
from macehub.partnerships.models import Area
from macehub.people.models import Child
from macehub.rules.due import due_items
from macehub.tests.factories import open_case, place, quadrant, schedule, years_ago

pytestmark = pytest.mark.django_db
ZONE = timezone.get_current_timezone()
# The coordinator's answer at publication for every case: not known to the service.
NOT_KNOWN = {("known_to_service", None): False}


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZONE)


def _held(t: dict[str, Any], case: Case, when: datetime, forum: str = "mace_1") -> Meeting:
    """A MACE 1 in the case's quadrant with the case on its agenda, published and held."""
    hub = t["hub"]
    meeting = schedule(hub, forum=forum, when=when, chair=t["chair"].user)
    services.agenda_item_add(actor=hub, meeting=meeting, version=meeting.version,
                             title=str(case.child), kind=AgendaItem.Kind.REVIEW, case=case)
    meeting.refresh_from_db()
    services.agenda_publish(actor=hub, meeting=meeting, version=meeting.version,
                            conditions=NOT_KNOWN)
    meeting.refresh_from_db()
    conduct.meeting_hold(actor=hub, meeting=meeting, version=meeting.version)
    meeting.refresh_from_db()
    return meeting


# --- heard until the risk reduces; only the chair discharges ---------------------------------

def test_essex_mace_1_heard_until_risk_reduces_then_only_the_chair_discharges(
        team: Any) -> None:
    # Essex ToR (000) §6.1 MACE 1 (review case selection): the child "will continue to be
    # heard ... until the risk reduces or a multi-agency decision is made they no longer
    # require MACE 1 discussion". Lower risk makes the case eligible for the chair's
    # decision; recording the risk never closes the case by itself.
    t = team("essex")
    case = open_case(t["referrer"], t["hub"])
    meeting = _held(t, case, _at(timezone.localdate() - timedelta(days=1)))
    item = meeting.items.get(case=case)
    assert not [d for d in due_items(t["hub"]) if d.kind == "discharge_decision"]

    decisions.decision_record(actor=t["hub"], item=item, kind=Decision.Kind.RISK,
                              risk="medium", text="Fewer missing episodes; engaging")
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN and case.risk == "medium"
    due = [d for d in due_items(t["hub"]) if d.kind == "discharge_decision"]
    assert len(due) == 1 and due[0].case_id == case.pk and not due[0].overdue
    assert "below high" in due[0].reason.rule
    assert "Essex Child Exploitation and Missing Arrangements (September 2018), section 6.1" in \
        due[0].reason.source

    with pytest.raises(PermissionDenied):
        decisions.decision_record(actor=t["hub"], item=item, kind=Decision.Kind.DISCHARGE,
                                  text="Risk reduced")
    decisions.decision_record(actor=t["chair"], item=item, kind=Decision.Kind.DISCHARGE,
                              text="Risk reduced; plan continues through the CIN review")
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert not [d for d in due_items(t["hub"]) if d.kind == "discharge_decision"]


# --- the Information Sharing Statement in every agenda pack ----------------------------------

def _pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(BytesIO(pdf)).pages)


def test_essex_information_sharing_statement_is_embedded_in_every_agenda_pack(
        team: Any) -> None:
    # Essex ToR (000) §6.7: an 'Information Sharing Statement' (Appendix 3) "is embedded in
    # every agenda to members"; MACE 1 and MACE 2 packs, draft or published.
    t = team("essex")
    case = open_case(t["referrer"], t["hub"])
    mace_1 = schedule(t["hub"], forum="mace_1", chair=t["chair"].user)
    services.agenda_item_add(actor=t["hub"], meeting=mace_1, version=mace_1.version,
                             title=str(case.child), kind=AgendaItem.Kind.NOMINATION, case=case)
    mace_1.refresh_from_db()
    services.agenda_publish(actor=t["hub"], meeting=mace_1, version=mace_1.version,
                            conditions=NOT_KNOWN)
    mace_2 = schedule(t["hub"], forum="mace_2")
    for meeting in (mace_1, mace_2):
        text = _pdf_text(outputs.render_pdf(t["hub"], meeting, "agenda"))
        assert "Information sharing statement" in text
        assert "Essex Information Sharing Protocol for Safeguarding" in text
        assert "necessity and proportionality" in text


def test_a_partnership_without_a_sharing_statement_has_none_in_its_agenda_pack(
        team: Any) -> None:
    # Only Essex names a statement for its agendas (000 Appendix 3); Dudley's packs carry
    # its confidentiality statement at the meeting instead (003 §MACE Confidentiality).
    t = team("dudley")
    meeting = schedule(t["hub"])
    assert "Information sharing statement" not in _pdf_text(
        outputs.render_pdf(t["hub"], meeting, "agenda"))


# --- MACE 1 is held per quadrant ------------------------------------------------------------

def _quadrants(t: dict[str, Any]) -> tuple[Area, Area, Area]:
    """North and South quadrants, and Colchester, a district inside North."""
    north, south = quadrant(t["hub"].partnership), quadrant(t["hub"].partnership,
                                                            "South Quadrant")
    colchester = Area.objects.create(partnership=t["hub"].partnership, name="Colchester",
                                     kind=Area.Kind.DISTRICT, parent=north)
    return north, south, colchester


def _child_in(t: dict[str, Any], area: Area, name: str) -> Case:
    return place(open_case(t["referrer"], t["hub"], child_details={
        "first_name": name, "last_name": "Sample", "date_of_birth": years_ago(14),
        "known_as": []}), area)


def test_essex_mace_1_and_2_are_scheduled_in_a_quadrant(team: Any) -> None:
    # Essex ToR (000) §6.1: MACE works "across Essex within the four quadrants"; §6.5:
    # MACE 1 monthly and MACE 2 quarterly "across all four quadrants" (pack: per_area).
    t = team("essex")
    _, _, colchester = _quadrants(t)
    when = timezone.now() + timedelta(days=7)
    for forum in ("mace_1", "mace_2"):
        for area in (None, colchester):
            with pytest.raises(ValidationError, match="held per quadrant"):
                services.meeting_schedule(actor=t["hub"], forum=forum, starts_at=when,
                                          minutes=60, venue="Room 1", area=area)
    # A forum the pack does not hold per area needs none (the RIC meeting).
    services.meeting_schedule(actor=t["hub"], forum="ric_meeting", starts_at=when,
                              minutes=60, venue="Room 1")


def test_essex_mace_1_agenda_and_reviews_hold_only_the_quadrants_children(
        team: Any, client_as: Any) -> None:
    # Essex ToR (000) §6.1 and Appendix 3 (purpose): MACE 1 oversees the children at high
    # risk "in each ECC quadrant"; a child recorded in a district belongs to its quadrant.
    t = team("essex")
    north, south, colchester = _quadrants(t)
    in_north, in_colchester = _child_in(t, north, "Nia"), _child_in(t, colchester, "Cole")
    in_south = _child_in(t, south, "Sol")
    nowhere = open_case(t["referrer"], t["hub"], child_details={
        "first_name": "Noa", "last_name": "Sample", "date_of_birth": years_ago(14),
        "known_as": []})
    place(nowhere, colchester)
    Child.objects.filter(pk=nowhere.child_id).update(area=None)

    meeting = schedule(t["hub"], forum="mace_1", area=north, chair=t["chair"].user)
    suggested = {s.case.pk for s in suggest_agenda(meeting, t["hub"]) if s.case}
    assert suggested == {in_north.pk, in_colchester.pk}
    assert {r.case.pk for r in reviews_due(t["hub"], areas=within(north))} == {
        in_north.pk, in_colchester.pk}
    assert {r.case.pk for r in reviews_due(t["hub"], areas=within(south))} == {
        in_south.pk}

    services.agenda_build(actor=t["hub"], meeting=meeting, version=meeting.version)
    assert {i.case_id for i in meeting.items.all() if i.case_id} == suggested

    # The cases-due page and the API filter by area the same way.
    page = client_as(t["hub"].user, t["hub"].partnership).get(
        reverse("meetings:reviews"), {"area": south.pk})
    assert "Sol Sample" in page.content.decode() and "Nia Sample" not in page.content.decode()
    api = Api(t["hub"].user.username)
    assert [r["case_id"] for r in api.get(f"/reviews-due?area_id={south.pk}").json()] == [
        in_south.pk]
    assert api.get("/reviews-due?area_id=999999").status_code == 422


def test_essex_child_with_no_quadrant_on_record_is_a_due_item_not_left_off_silently(
        team: Any) -> None:
    # Essex ToR (000) §6.1: MACE 1 is held per quadrant; a child whose quadrant is not on
    # record would be on no quadrant's agenda, so the work list asks for it.
    t = team("essex")
    north, _, colchester = _quadrants(t)
    case = open_case(t["referrer"], t["hub"])
    Child.objects.filter(pk=case.child_id).update(area=None)
    missing = [d for d in due_items(t["hub"]) if d.kind == "area_missing"]
    assert [d.case_id for d in missing] == [case.pk]
    assert missing[0].title == "Record the child's quadrant"
    assert "MACE 1 is held per quadrant" in missing[0].reason.rule
    place(case, colchester)  # a district inside the North quadrant is enough
    assert not [d for d in due_items(t["hub"]) if d.kind == "area_missing"]
    assert case.pk in {r.case.pk for r in reviews_due(t["hub"], areas=within(north))}


def test_essex_no_panel_member_reaches_another_quadrants_case_through_an_invitation(
        team: Any) -> None:
    # Essex ToR (000) §6.1: each quadrant's MACE 1 hears its own children; need to know
    # (ARCHITECTURE principle 4) means an invitation opens only the cases on that agenda.
    t = team("essex")
    north, south, _ = _quadrants(t)
    in_north, in_south = _child_in(t, north, "Nia"), _child_in(t, south, "Sol")
    meeting = schedule(t["hub"], forum="mace_1", area=north, chair=t["chair"].user)
    with pytest.raises(ValidationError, match="does not live in North Quadrant"):
        services.agenda_item_add(actor=t["hub"], meeting=meeting, version=meeting.version,
                                 title="Sol", kind=AgendaItem.Kind.NOMINATION, case=in_south)
    services.agenda_item_add(actor=t["hub"], meeting=meeting, version=meeting.version,
                             title="Nia", kind=AgendaItem.Kind.NOMINATION, case=in_north)
    item = meeting.items.get(case=in_north)
    services.guest_invite(actor=t["hub"], meeting=meeting, name="Licensing officer",
                          agency=t["licensing"].agency, item=item, user=t["licensing"].user)
    # The child moves to the South before the agenda goes out: it cannot be published with
    # another quadrant's child on it.
    place(in_north, south)
    meeting.refresh_from_db()
    with pytest.raises(ValidationError, match="does not live in North Quadrant"):
        services.agenda_publish(actor=t["hub"], meeting=meeting, version=meeting.version)
    place(in_north, north)
    services.agenda_publish(actor=t["hub"], meeting=meeting, version=meeting.version,
                            conditions=NOT_KNOWN)
    members = [actor_for(i.user, t["hub"].partnership.pk) for i in meeting.invitations.all()
               if i.user_id and i.basis != Invitation.Basis.CHAIR]
    assert len(members) > 3  # the panel and the guest
    for member in members:
        assert member is not None and not member.has("case.manage")
        assert not reaches(member, in_north)  # not before agreeing confidentiality
        confidentiality_agree(actor=member, meeting=meeting)
        assert reaches(member, in_north) and not reaches(member, in_south)


# --- a panel's condition is checked before inviting ------------------------------------------

def _mace_1_with(t: dict[str, Any], *cases: Case) -> Meeting:
    meeting = schedule(t["hub"], forum="mace_1", chair=t["chair"].user)
    for case in cases:
        meeting.refresh_from_db()
        services.agenda_item_add(actor=t["hub"], meeting=meeting, version=meeting.version,
                                 title=str(case.child), kind=AgendaItem.Kind.NOMINATION,
                                 case=case)
    meeting.refresh_from_db()
    return meeting


def _invited_types(meeting: Meeting) -> set[str]:
    return {i.agency.type for i in meeting.invitations.select_related("agency") if i.agency}


def test_essex_known_to_service_panel_is_asked_of_the_coordinator_never_assumed(
        team: Any) -> None:
    # Essex ToR (000) §6.4 MACE 1 membership: Family Solutions, the child's education
    # provision, the Involvement Team and the Integrated Sexual Health Team attend "if child
    # known to service only". The record cannot say so: the coordinator answers at
    # publication, per case or for the whole meeting, and no answer is never a yes.
    t = team("essex")
    known, unknown = open_case(t["referrer"], t["hub"]), open_case(t["referrer"], t["hub"])
    meeting = _mace_1_with(t, known, unknown)
    asked = questions(meeting)
    assert {(q.panel, q.case_id) for q in asked} == {("known_to_service", known.pk),
                                                     ("known_to_service", unknown.pk)}
    assert "the child is known to the service" in asked[0].text
    with pytest.raises(ValidationError, match="Answer yes or no before publishing"):
        services.agenda_publish(actor=t["hub"], meeting=meeting, version=meeting.version,
                                conditions={("known_to_service", known.pk): True})
    services.agenda_publish(actor=t["hub"], meeting=meeting, version=meeting.version,
                            conditions={("known_to_service", known.pk): True,
                                        ("known_to_service", unknown.pk): False})
    assert "early_help" in _invited_types(meeting)  # Family Solutions, for the known child
    assert meeting.items.get(case=unknown).panel_answers == {"known_to_service": False}
    family_solutions = meeting.invitations.get(agency__type="early_help")
    assert "coordinator confirmed the child is known to the service" in family_solutions.why

    # Answered no for the whole meeting: the panel is not invited.
    other = _mace_1_with(t, open_case(t["referrer"], t["hub"]))
    services.agenda_publish(actor=t["hub"], meeting=other, version=other.version,
                            conditions={("known_to_service", None): False})
    assert "early_help" not in _invited_types(other)
    assert "childrens_social_care" in _invited_types(other)  # the core panel still comes


def test_essex_publish_page_and_api_ask_the_panel_conditions(team: Any, client_as: Any) -> None:
    # Essex ToR (000) §6.4 MACE 1 (if child known to service only): the question is on the
    # publish form and in the API, answered yes or no for each child.
    t = team("essex")
    case = open_case(t["referrer"], t["hub"])
    meeting = _mace_1_with(t, case)
    client = client_as(t["hub"].user, t["hub"].partnership)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "the child is known to the service?" in page
    publish = reverse("meetings:agenda_publish", args=[meeting.pk])
    refused = client.post(publish, {"version": meeting.version})
    assert refused.status_code == 400 and "Answer yes or no" in refused.content.decode()
    field = questions(meeting)[0].field
    assert client.post(publish, {"version": meeting.version, field: "yes"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED and "early_help" in _invited_types(
        meeting)

    api, second = Api(t["hub"].user.username), _mace_1_with(t, case)
    listed = api.get(f"/meetings/{second.pk}/agenda/conditions").json()
    assert [(c["panel"], c["case_id"]) for c in listed] == [("known_to_service", case.pk)]
    url = f"/meetings/{second.pk}/agenda/publish"
    assert api.post(url, {"version": second.version}).status_code == 422
    done = api.post(url, {"version": second.version, "conditions": [
        {"panel": "known_to_service", "case_id": case.pk, "answer": False}]})
    assert done.status_code == 200, done.content
    assert "early_help" not in _invited_types(second)
