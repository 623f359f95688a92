"""Essex MACE rules (Essex Child Exploitation & Missing arrangements, seed 000), one test
per rule, named after it and citing its section."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from pypdf import PdfReader

from macehub.cases.models import Case
from macehub.meetings import conduct, decisions, outputs, services
from macehub.meetings.models import AgendaItem, Decision, Meeting
from macehub.meetings.tests.helpers import open_case, schedule
from macehub.rules.due import due_items

pytestmark = pytest.mark.django_db
ZONE = timezone.get_current_timezone()


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZONE)


def _held(t: dict[str, Any], case: Case, when: datetime, forum: str = "mace_1") -> Meeting:
    """A MACE 1 in the case's quadrant with the case on its agenda, published and held."""
    hub = t["hub"]
    meeting = schedule(hub, forum=forum, when=when, chair=t["chair"].user)
    services.agenda_item_add(actor=hub, meeting=meeting, version=meeting.version,
                             title=str(case.child), kind=AgendaItem.Kind.REVIEW, case=case)
    meeting.refresh_from_db()
    services.agenda_publish(actor=hub, meeting=meeting, version=meeting.version)
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
    assert not [d for d in due_items(t["hub"].partnership) if d.kind == "discharge_decision"]

    decisions.decision_record(actor=t["hub"], item=item, kind=Decision.Kind.RISK,
                              risk="medium", text="Fewer missing episodes; engaging")
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN and case.risk == "medium"
    due = [d for d in due_items(t["hub"].partnership) if d.kind == "discharge_decision"]
    assert len(due) == 1 and due[0].case_id == case.pk and not due[0].overdue
    assert "below high" in due[0].rule and "000_68bb681c4736f6ba.txt §6.1" in due[0].source

    with pytest.raises(PermissionDenied):
        decisions.decision_record(actor=t["hub"], item=item, kind=Decision.Kind.DISCHARGE,
                                  text="Risk reduced")
    decisions.decision_record(actor=t["chair"], item=item, kind=Decision.Kind.DISCHARGE,
                              text="Risk reduced; plan continues through the CIN review")
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert not [d for d in due_items(t["hub"].partnership) if d.kind == "discharge_decision"]


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
    services.agenda_publish(actor=t["hub"], meeting=mace_1, version=mace_1.version)
    mace_2 = schedule(t["hub"], forum="mace_2")
    for meeting in (mace_1, mace_2):
        text = _pdf_text(outputs.render_pdf(meeting, "agenda"))
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
        outputs.render_pdf(meeting, "agenda"))
