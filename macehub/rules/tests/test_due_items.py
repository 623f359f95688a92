"""Due items: each names its rule and its source document."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from macehub.accounts.models import Role
from macehub.accounts.system import system_actor as job
from macehub.cases.models import Case
from macehub.concerns.models import Concern
from macehub.concerns.services import concern_match_child, screening_record
from macehub.people.models import Child
from macehub.rules.due import due_items
from macehub.rules.reason import Reason
from macehub.tests.factories import new_concern

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _actors(partnership: Any, make_user: Any, actor_of: Any) -> tuple[Any, Any]:
    slug = partnership.slug
    hub = actor_of(make_user(f"{slug}-hub", partnership, Role.HUB_COORDINATOR), partnership)
    ref = actor_of(make_user(f"{slug}-ref", partnership, Role.REFERRER), partnership)
    return hub, ref


def _case(hub: Any, ref: Any, submitted: datetime, born: date | None = None) -> Case:
    details = {"first_name": "Riley", "last_name": "Sample",
               "date_of_birth": born or date(2012, 5, 1)}
    concern = new_concern(ref, child_details=details)
    Concern.objects.filter(pk=concern.pk).update(submitted_at=submitted)
    concern.refresh_from_db()
    concern_match_child(actor=hub, concern=concern, confirm_new=True)
    concern.refresh_from_db()
    screening = screening_record(actor=hub, concern=concern, indicators=[], risk="high",
                                 override_reason="r", outcome="mace_meeting")
    return screening.case


def test_dudley_first_mace_due_within_two_weeks_of_referral(
    make_partnership: Any, make_user: Any, actor_of: Any,
) -> None:
    # Dudley pathways: "MACE ... within 2 weeks" of the referral.
    dudley = make_partnership("dudley")
    hub, ref = _actors(dudley, make_user, actor_of)
    case = _case(hub, ref, datetime(2026, 11, 2, 10, 0, tzinfo=LONDON))
    [item] = [i for i in due_items(job(dudley, "due"), case=case, today=date(2026, 11, 10))
              if i.kind == "first_meeting"]
    assert item.due_on == date(2026, 11, 16)
    assert not item.overdue
    assert "2 weeks" in item.reason.rule
    assert item.reason.source.startswith("Dudley MACE and CEOG Terms of Reference (July 2021)")
    late = [i for i in due_items(job(dudley, "due"), case=case, today=date(2026, 11, 17))
            if i.kind == "first_meeting"]
    assert late[0].overdue


def test_dudley_first_mace_deadline_is_one_reason_on_the_due_list_and_the_reviews_due(
    make_partnership: Any, make_user: Any, actor_of: Any,
) -> None:
    # Dudley ToR (003) §MACE Purpose: MACE within 2 weeks. One computation serves the
    # case's due items and the forum's reviews due, in the same words and source.
    from macehub.meetings.rules import reviews_due

    dudley = make_partnership("dudley")
    hub, ref = _actors(dudley, make_user, actor_of)
    case = _case(hub, ref, datetime(2026, 11, 2, 10, 0, tzinfo=LONDON))
    [item] = [i for i in due_items(job(dudley, "due"), case=case) if i.kind == "first_meeting"]
    [review] = reviews_due(job(dudley, "due"))
    assert (item.due_on, item.reason) == (review.due_on, review.reason)
    assert item.reason == Reason(rule="First MACE meeting within 2 weeks of the referral",
                                 source="Dudley MACE and CEOG Terms of Reference (July 2021), "
                                 "section 'MACE Purpose'",
                                 path="first_meeting", default=False)


def test_kirklees_referrer_feedback_is_recorded_with_no_due_date(
    make_partnership: Any, make_user: Any, actor_of: Any,
) -> None:
    # Kirklees §5 ii: feedback to the referrer "will be recorded", with no timescale; the 2
    # working days of §8 iv is feedback to professionals after a meeting, not this.
    kirklees = make_partnership("kirklees")
    hub, ref = _actors(kirklees, make_user, actor_of)
    case = _case(hub, ref, datetime(2026, 12, 24, 15, 0, tzinfo=LONDON))
    screening = case.screenings.get()
    assert screening.feedback_given_at is None
    assert not [i for i in due_items(job(kirklees, "due"), today=date(2027, 1, 29))
                if i.kind == "feedback"]


def _with_referrer_timescale(monkeypatch: Any, partnership: Any, within: str) -> None:
    from macehub.partnerships.models import Partnership
    from macehub.partnerships.policy.screening import ReferrerFeedback

    pack = partnership.policy
    rule = ReferrerFeedback.model_validate(
        {"within": within, "default": True,
         "source": "default: a timescale set for this test"})
    screening = pack.screening.model_copy(update={"feedback_to_referrer": rule})
    changed = pack.model_copy(update={"screening": screening})
    monkeypatch.setattr(Partnership, "policy", property(lambda self: changed))


def test_referrer_feedback_with_a_timescale_is_due_excluding_bank_holidays(
    make_partnership: Any, make_user: Any, actor_of: Any, monkeypatch: Any,
) -> None:
    # A pack that does set a timescale makes the feedback due; Christmas 2026: Friday 25
    # December and Monday 28 December (Boxing Day substitute) are bank holidays.
    kirklees = make_partnership("kirklees")
    _with_referrer_timescale(monkeypatch, kirklees, "2 working days")
    hub, ref = _actors(kirklees, make_user, actor_of)
    concern = new_concern(ref)
    Concern.objects.filter(pk=concern.pk).update(
        submitted_at=datetime(2026, 12, 24, 15, 0, tzinfo=LONDON))
    items = [i for i in due_items(job(kirklees, "due"), today=date(2026, 12, 29))
             if i.kind == "feedback"]
    assert items[0].due_on == date(2026, 12, 30)
    assert "2 working days" in items[0].reason.rule and items[0].reason.default


def test_feedback_item_goes_once_feedback_is_recorded(
    make_partnership: Any, make_user: Any, actor_of: Any, monkeypatch: Any,
) -> None:
    from macehub.concerns.services import screening_feedback

    kirklees = make_partnership("kirklees")
    _with_referrer_timescale(monkeypatch, kirklees, "2 working days")
    hub, ref = _actors(kirklees, make_user, actor_of)
    case = _case(hub, ref, datetime(2026, 11, 2, 10, 0, tzinfo=LONDON))
    assert any(i.kind == "feedback" for i in due_items(job(kirklees, "due")))
    screening_feedback(actor=hub, screening=case.screenings.get(), feedback="Done")
    assert not any(i.kind == "feedback" for i in due_items(job(kirklees, "due")))


def test_screening_outstanding_is_due_from_receipt(
    make_partnership: Any, make_user: Any, actor_of: Any,
) -> None:
    kirklees = make_partnership("kirklees")
    hub, ref = _actors(kirklees, make_user, actor_of)
    concern = new_concern(ref)
    [item] = [i for i in due_items(job(kirklees, "due")) if i.kind == "screening"]
    assert item.subject == concern.reference and item.reason.source


def test_essex_adult_social_care_invited_from_the_17th_birthday(
    make_partnership: Any, make_user: Any, actor_of: Any,
) -> None:
    # Essex §6.4: MACE 1 includes Adult Social Care from the child's 17th birthday.
    essex = make_partnership("essex")
    hub, ref = _actors(essex, make_user, actor_of)
    case = _case(hub, ref, datetime(2026, 11, 2, 10, 0, tzinfo=LONDON),
                 born=date(2009, 12, 10))
    items = [i for i in due_items(job(essex, "due"), case=case, today=date(2026, 11, 20))
             if i.kind == "age_milestone"]
    assert items and items[0].due_on == date(2026, 12, 10)
    assert "17" in items[0].title
    assert items[0].reason.source.startswith("Essex Child Exploitation and Missing Arrangements")
    far = due_items(job(essex, "due"), case=case, today=date(2026, 6, 1))
    assert not [i for i in far if i.kind == "age_milestone"]


def test_a_birthday_shows_within_the_packs_milestone_window(
    make_partnership: Any, make_user: Any, actor_of: Any, monkeypatch: Any,
) -> None:
    # Essex §6.4 (adult social care from 17); the window is the pack's due.milestone_*
    # (a default: the documents are silent), here narrowed to 2 weeks before, 1 after.
    from macehub.partnerships.tests.changed import changed_pack

    def narrow(data: dict[str, Any]) -> None:
        data["due"]["milestone_before"]["value"] = "2 weeks"
        data["due"]["milestone_after"]["value"] = "1 week"

    changed_pack(monkeypatch, "essex", narrow)
    essex = make_partnership("essex")
    hub, ref = _actors(essex, make_user, actor_of)
    case = _case(hub, ref, datetime(2026, 11, 2, 10, 0, tzinfo=LONDON),
                 born=date(2009, 12, 10))

    def shown(today: date) -> bool:
        return any(i.kind == "age_milestone"
                   for i in due_items(job(essex, "due"), case=case, today=today))

    assert not shown(date(2026, 11, 25)) and shown(date(2026, 11, 26))
    assert shown(date(2026, 12, 17)) and not shown(date(2026, 12, 18))
    [item] = [i for i in due_items(job(essex, "due"), case=case, today=date(2026, 12, 1))
              if i.kind == "age_milestone"]
    assert item.reason.path.startswith("forums.mace_1.panels.")


def test_end_of_scope_at_the_packs_upper_age(
    make_partnership: Any, make_user: Any, actor_of: Any,
) -> None:
    dudley = make_partnership("dudley")
    hub, ref = _actors(dudley, make_user, actor_of)
    case = _case(hub, ref, datetime(2026, 11, 2, 10, 0, tzinfo=LONDON),
                 born=date(2008, 12, 20))
    [item] = [i for i in due_items(job(dudley, "due"), case=case, today=date(2026, 12, 1))
              if i.kind == "end_of_scope"]
    assert item.due_on == date(2026, 12, 20) and "18" in item.title


def test_dormant_cases_have_no_due_items(
    make_partnership: Any, make_user: Any, actor_of: Any,
) -> None:
    from macehub.cases.services import case_set_status

    dudley = make_partnership("dudley")
    hub, ref = _actors(dudley, make_user, actor_of)
    case = _case(hub, ref, datetime(2026, 11, 2, 10, 0, tzinfo=LONDON))
    case = case_set_status(actor=hub, case=case, status="dormant", reason="r",
                           version=case.version)
    assert due_items(job(dudley, "due"), case=case) == []
    assert [i for i in due_items(job(dudley, "due")) if i.case_id] == []
    assert Child.objects.count() == 1
