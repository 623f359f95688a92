"""Return interviews ("Missing Chats"), Essex 000_68bb681c4736f6ba.txt §4.1: offered to
children aged 10-17 on return; one offer may cover several episodes in a week; the
synopsis is shared with police and social care (audited) and goes in the chronology."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from macehub.audit.models import AuditEvent
from macehub.missing.interviews import (
    interview_complete,
    interview_offer,
    interview_respond,
    interview_share_synopsis,
)
from macehub.missing.services import episode_record
from macehub.people.models import Child

pytestmark = pytest.mark.django_db
RETURNED = datetime(2026, 1, 10, 12, 0, tzinfo=timezone.get_current_timezone())


def episode(actor: Any, child: Any, ref: str, days: int = 0) -> Any:
    back = RETURNED + timedelta(days=days)
    return episode_record(actor=actor, child=child, force="Essex Police", police_reference=ref,
                          reported_at=back - timedelta(hours=6), returned_at=back,
                          missing_from="home", risk_grade="medium")


def born_years_before(years: int) -> date:
    return date(RETURNED.year - years, RETURNED.month, RETURNED.day)


@pytest.mark.parametrize(("age", "offered"), [(9, False), (10, True), (17, True),
                                              (18, False)])
def test_essex_missing_chat_is_offered_to_ages_10_to_17(
        essex_hub: Any, make_child: Any, age: int, offered: bool) -> None:
    # Age on the day of return. An 18-year-old is out of Essex's scope for a new record,
    # so that child's record is one made while they were 17.
    if age < 18:
        child = make_child(essex_hub, born=born_years_before(age))
    else:
        child = Child.objects.create(partnership=essex_hub.partnership, first_name="Ivy",
                                     last_name="Example", date_of_birth=born_years_before(18))
    ep = episode(essex_hub, child, "A")
    if offered:
        assert interview_offer(actor=essex_hub, child=child, episodes=[ep],
                               offered_on=RETURNED.date(), offered_by="Missing team")
    else:
        with pytest.raises(ValidationError, match="offered to children aged 10–17"):
            interview_offer(actor=essex_hub, child=child, episodes=[ep],
                            offered_on=RETURNED.date(), offered_by="Missing team")


def test_essex_one_offer_covers_several_episodes_within_a_week(
        essex_hub: Any, make_child: Any) -> None:
    # Essex (000) §4.1: "Where a child had had multiple missing episodes in a week, one
    # offer may cover all episodes" (the pack's one_offer_covers: 1 week).
    child = make_child(essex_hub, born=born_years_before(14))
    a, b = episode(essex_hub, child, "A"), episode(essex_hub, child, "B", 6)
    c, d = episode(essex_hub, child, "C", 9), episode(essex_hub, child, "D", 17)
    assert interview_offer(actor=essex_hub, child=child, episodes=[a, b],
                           offered_on=RETURNED.date() + timedelta(days=6), offered_by="Team")
    with pytest.raises(ValidationError, match="within 1 week only"):
        interview_offer(actor=essex_hub, child=child, episodes=[c, d],
                        offered_on=RETURNED.date() + timedelta(days=17), offered_by="Team")


def test_completed_interview_synopsis_is_shared_with_police_and_social_care(
        essex_hub: Any, make_child: Any) -> None:
    child = make_child(essex_hub, born=born_years_before(14))
    ep = episode(essex_hub, child, "A")
    pack = essex_hub.partnership.policy.missing.return_interview
    iv = interview_offer(actor=essex_hub, child=child, episodes=[ep],
                         offered_on=RETURNED.date(), offered_by="Missing team")
    iv = interview_respond(actor=essex_hub, interview=iv, accepted=True,
                           responded_on=RETURNED.date(), version=iv.version)
    iv = interview_complete(actor=essex_hub, interview=iv, version=iv.version,
                            completed_on=RETURNED.date() + timedelta(days=1),
                            conducted_by="Missing Chat worker",
                            push_factors=[pack.push_factors.value[0]],
                            pull_factors=[pack.pull_factors.value[0]],
                            disclosures="None", outcome="Referred to youth work",
                            synopsis="Left after an argument; stayed with a friend.")
    shares = interview_share_synopsis(actor=essex_hub, interview=iv)
    assert sorted(s.agency_type for s in shares) == ["childrens_social_care", "police"]
    assert AuditEvent.objects.filter(action="return_interview.share").count() == 2
    with pytest.raises(ValidationError):
        interview_share_synopsis(actor=essex_hub, interview=iv)


def test_a_parental_interview_can_be_recorded(essex_hub: Any, make_child: Any) -> None:
    child = make_child(essex_hub, born=born_years_before(14))
    ep = episode(essex_hub, child, "A")
    iv = interview_offer(actor=essex_hub, child=child, episodes=[ep], kind="parent",
                         offered_on=RETURNED.date(), offered_by="Missing team")
    assert iv.kind == "parent"


def test_return_interview_is_due_within_72_hours_of_return(
        essex_hub: Any, make_child: Any) -> None:
    # Pack default: DfE statutory guidance (2014), within 72 hours of return.
    from macehub.rules.due import due_items

    child = make_child(essex_hub, born=date(2012, 1, 1))
    back = timezone.now() - timedelta(hours=2)
    episode_record(actor=essex_hub, child=child, force="Essex Police", police_reference="A",
                   reported_at=back - timedelta(hours=5), returned_at=back,
                   missing_from="home", risk_grade="high")
    items = [i for i in due_items(essex_hub) if i.kind == "return_interview"]
    assert len(items) == 1
    assert items[0].due_on == timezone.localtime(back + timedelta(hours=72)).date()
    assert items[0].reason.default


def test_figures_export_carries_the_marking_top_and_bottom(essex_hub: Any) -> None:
    from openpyxl import load_workbook

    from macehub.missing.exports import figures_xlsx
    from macehub.missing.figures import missing_figures

    result = missing_figures(essex_hub, date(2026, 1, 1), date(2026, 12, 31))
    sheet = load_workbook(BytesIO(figures_xlsx(result, "Essex"))).active
    assert "OFFICIAL-SENSITIVE" in sheet["A1"].value
    assert "OFFICIAL-SENSITIVE" in sheet.cell(row=sheet.max_row, column=1).value


def test_error_report_neutralises_formulas() -> None:
    from macehub.missing.exports import error_report_csv

    text = error_report_csv([{"row": 2, "field": "", "reason": "=HYPERLINK(1)"},
                             {"row": 3, "field": "@x", "reason": "y"}])
    assert "'=HYPERLINK" in text and ",'@x," in text and text.startswith("OFFICIAL-SENSITIVE")
