"""Meeting due items and reminders: feedback to professionals (Kirklees), agendas to
publish (Essex), overdue actions; reminder e-mails are sent once and carry no names."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from macehub.accounts.system import system_actor as job
from macehub.meetings import conduct, decisions, services
from macehub.meetings.reminders import send_reminders
from macehub.rules.due import due_items
from macehub.tests.factories import open_case, published_meeting, schedule

pytestmark = pytest.mark.django_db


def test_kirklees_feedback_to_professionals_due_within_two_working_days(team: Any) -> None:
    # Kirklees §8 iv: feedback to relevant professionals within 2 working days.
    t = team("kirklees")
    case = open_case(t["referrer"], t["hub"])
    zone = timezone.get_current_timezone()
    friday = datetime.combine(date(2026, 11, 20), time(10), tzinfo=zone)
    meeting = schedule(t["hub"], when=friday, chair=t["chair"].user)
    services.agenda_item_add(actor=t["hub"], meeting=meeting, version=meeting.version,
                             title="x", kind="nomination", case=case)
    meeting.refresh_from_db()
    services.agenda_publish(actor=t["hub"], meeting=meeting, version=meeting.version)
    meeting.refresh_from_db()
    conduct.meeting_hold(actor=t["hub"], meeting=meeting, version=meeting.version,
                         inquorate_reason="test")
    [item] = [i for i in due_items(t["hub"], today=date(2026, 11, 25))
              if i.kind == "feedback_professionals"]
    assert item.due_on == date(2026, 11, 24) and item.overdue  # Monday, Tuesday
    meeting.refresh_from_db()
    conduct.feedback_record(actor=t["hub"], meeting=meeting, version=meeting.version)
    assert not [i for i in due_items(t["hub"]) if i.kind == "feedback_professionals"]


def test_essex_agenda_to_publish_is_a_due_item(team: Any) -> None:
    # Essex §6.5: the MACE 1 agenda goes out one month before the meeting.
    t = team("essex")
    schedule(t["hub"], forum="mace_1", when=timezone.now() + timedelta(days=20))
    [item] = [i for i in due_items(t["hub"]) if i.kind == "agenda"]
    assert item.overdue and "1 month" in item.reason.rule


def assert_email_marked_top_and_bottom(body: str) -> None:
    """SECURITY S15: every e-mail body opens and closes with the marking and the handling
    line."""
    from macehub.lib.marking import HANDLING, LEVEL

    lines = [line for line in body.splitlines() if line.strip()]
    assert lines[:2] == [LEVEL, HANDLING], lines[:2]
    assert lines[-2:] == [LEVEL, HANDLING], lines[-2:]


def test_overdue_actions_are_due_items_and_reminded_once(
        personas: dict[str, Any], dudley: Any, actor_of: Any) -> None:
    hub, police = actor_of(personas["hub_coordinator"]), actor_of(personas["panel_member"])
    meeting = published_meeting(personas, dudley)
    action = decisions.action_add(actor=hub, meeting=meeting, description="Visit",
                                  owner_name="PC Example", owner_agency=police.agency,
                                  owner=police.user,
                                  due_on=timezone.localtime(meeting.starts_at).date())
    type(action).objects.filter(pk=action.pk).update(due_on=date(2026, 1, 1))
    assert [i.kind for i in due_items(job(dudley, "due")) if i.kind == "action"] == ["action"]
    mail.outbox.clear()
    assert send_reminders(job(dudley, "send_meeting_reminders")) == (0, 1)
    assert send_reminders(job(dudley, "send_meeting_reminders")) == (0, 0)
    assert "Visit" not in mail.outbox[0].body and "Jordan" not in mail.outbox[0].body
    assert_email_marked_top_and_bottom(mail.outbox[0].body)


def test_agencies_without_updates_are_reminded_before_the_deadline(team: Any) -> None:
    # Essex Appendix 3: updates at least 48 hours before the meeting.
    t = team("essex")
    case = open_case(t["referrer"], t["hub"])
    meeting = schedule(t["hub"], forum="mace_1", when=timezone.now() + timedelta(days=3),
                       chair=t["chair"].user)
    services.agenda_item_add(actor=t["hub"], meeting=meeting, version=meeting.version,
                             title="x", kind="nomination", case=case)
    meeting.refresh_from_db()
    # Essex §6.4: the coordinator says whether the child is known to the service.
    services.agenda_publish(actor=t["hub"], meeting=meeting, version=meeting.version,
                            conditions={("known_to_service", None): False})
    item = meeting.items.get()
    # Only an invited agency gives an update (Essex MACE 1 invites children's social care).
    services.update_submit(actor=t["childrens_social_care"], item=item,
                           text="Social care update")
    mail.outbox.clear()
    updates, _ = send_reminders(job(t["hub"].partnership, "send_meeting_reminders"))
    recipients = {m.to[0] for m in mail.outbox}
    assert updates >= 1 and t["childrens_social_care"].user.email not in recipients
    assert t["health"].user.email in recipients
    for message in mail.outbox:
        assert_email_marked_top_and_bottom(message.body)


def test_the_reminder_job_runs_for_each_partnership_as_its_own_system_actor(
        team: Any) -> None:
    # ADR 0009: a scheduled job acts as a system actor for one partnership, inside the
    # kernel; each partnership's overdue action is reminded by its own job, once.
    from io import StringIO

    from django.core.management import call_command

    from macehub.audit.models import AuditEvent

    sent = []
    for slug in ("dudley", "essex"):
        t = team(slug)
        meeting = schedule(t["hub"], forum="mace" if slug == "dudley" else "mace_1",
                           chair=t["chair"].user)
        case = open_case(t["referrer"], t["hub"])
        services.agenda_item_add(actor=t["hub"], meeting=meeting, version=meeting.version,
                                 title="x", kind="nomination", case=case)
        meeting.refresh_from_db()
        services.agenda_publish(actor=t["hub"], meeting=meeting, version=meeting.version,
                                conditions={("known_to_service", None): False})
        action = decisions.action_add(
            actor=t["hub"], meeting=meeting, description="Visit", owner_name="Officer",
            owner_agency=t["childrens_social_care"].agency,
            owner=t["childrens_social_care"].user,
            due_on=timezone.localtime(meeting.starts_at).date())
        type(action).objects.filter(pk=action.pk).update(due_on=date(2026, 1, 1))
        sent.append((t["hub"].partnership.pk, action.pk))
    mail.outbox.clear()
    out = StringIO()
    call_command("send_meeting_reminders", stdout=out)
    assert {m.to[0] for m in mail.outbox} == {"dudley_childrens_social_care@example.org",
                                               "essex_childrens_social_care@example.org"}
    events = AuditEvent.objects.filter(action="reminder.action")
    assert {(e.partnership_id, int(e.object_id)) for e in events} == set(sent)
    assert {e.username for e in events} == {"macehub-scheduler"}
    call_command("send_meeting_reminders", stdout=out)
    assert len(mail.outbox) == 2  # each is sent once
