"""One whole MACE meeting through the services: schedule, agenda, publish and invite,
updates, register and confidentiality, minutes, decisions, dissent, actions, approval."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from macehub.meetings import conduct, decisions, services
from macehub.meetings.models import AgendaItem, Decision, Invitation, Meeting, Minute
from macehub.tests.factories import published_meeting, started

pytestmark = pytest.mark.django_db


def test_a_whole_meeting_from_agenda_to_approved_minutes(
        personas: dict[str, Any], dudley: Any, actor_of: Any,
        django_capture_on_commit_callbacks: Any) -> None:
    hub, chair = actor_of(personas["hub_coordinator"]), actor_of(personas["chair"])
    police = actor_of(personas["panel_member"])
    with django_capture_on_commit_callbacks(execute=True):
        meeting = published_meeting(personas, dudley)
    item = meeting.items.get(kind=AgendaItem.Kind.NOMINATION)
    assert meeting.status == Meeting.Status.PUBLISHED
    invited = {i.user_id for i in meeting.invitations.all()}
    assert personas["panel_member"].pk in invited and personas["chair"].pk in invited
    assert len(mail.outbox) >= 2
    assert "Jordan" not in mail.outbox[0].body, "no personal data in e-mails"
    from macehub.meetings.tests.test_due_and_reminders import (
        assert_email_marked_top_and_bottom,
    )
    for message in mail.outbox:  # SECURITY S15: the invitation is marked top and bottom
        assert_email_marked_top_and_bottom(message.body)

    services.update_submit(actor=police, item=item, text="Two intelligence reports this month.")
    police_invitation = meeting.invitations.get(user=personas["panel_member"])
    conduct.attendance_record(actor=hub, invitation=police_invitation,
                              attendance=Invitation.Attendance.PRESENT, agreed=True)
    started(meeting)
    conduct.meeting_hold(actor=hub, meeting=meeting, version=meeting.version)
    meeting.refresh_from_db()
    conduct.minute_add(actor=hub, item=item, text="Police shared two reports.")
    decision = decisions.decision_record(actor=chair, item=item, kind=Decision.Kind.RISK,
                                         risk="medium", text="Engaging with youth worker.")
    decisions.dissent_record(actor=hub, decision=decision, agency=police.agency,
                             person="PC Example", reason="Risk remains high in our view.")
    action = decisions.action_add(actor=hub, meeting=meeting, item=item,
                                  description="Disruption visit", owner_name="PC Example",
                                  owner_agency=police.agency,
                                  due_on=timezone.localdate() + timedelta(days=14))
    decisions.action_update(actor=police, action=action, text="Visit done.", status="done",
                            version=action.version)
    conduct.minutes_approve(actor=chair, meeting=meeting, version=meeting.version)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.APPROVED
    item.case.refresh_from_db()
    assert item.case.risk == "medium"
    with pytest.raises(ValidationError):
        conduct.minute_add(actor=hub, item=item, text="Late addition")


def test_decisions_minutes_and_dissent_are_never_edited_or_deleted(
        personas: dict[str, Any], dudley: Any, actor_of: Any) -> None:
    hub, chair = actor_of(personas["hub_coordinator"]), actor_of(personas["chair"])
    meeting = published_meeting(personas, dudley)
    item = meeting.items.exclude(case=None).first()
    minute = conduct.minute_add(actor=hub, item=item, text="First")
    decision = decisions.decision_record(actor=chair, item=item, kind=Decision.Kind.OTHER,
                                         text="Refer to youth service")
    dissent = decisions.dissent_record(actor=hub, decision=decision,
                                       agency=actor_of(personas["panel_member"]).agency,
                                       person="PC Example", reason="Disagree")
    for record in (minute, decision, dissent):
        record.text = "changed" if hasattr(record, "text") else record.reason
        with pytest.raises(ValueError):
            record.save()
        with pytest.raises(ValueError):
            record.delete()
    correction = decisions.decision_record(actor=chair, item=item, kind=Decision.Kind.OTHER,
                                           text="Refer to early help", corrects=decision)
    assert correction.corrects_id == decision.pk
    assert Decision.objects.get(pk=decision.pk).text == "Refer to youth service"


def test_two_people_minuting_the_same_item_at_once_keep_both_entries(
        personas: dict[str, Any], dudley: Any, actor_of: Any) -> None:
    hub, chair = actor_of(personas["hub_coordinator"]), actor_of(personas["chair"])
    meeting = published_meeting(personas, dudley)
    item = meeting.items.exclude(case=None).first()
    stale_view_of_item = AgendaItem.objects.get(pk=item.pk)
    conduct.minute_add(actor=hub, item=item, text="Hub's note")
    conduct.minute_add(actor=chair, item=stale_view_of_item, text="Chair's note")
    assert list(Minute.objects.filter(item=item).values_list("text", flat=True)) == [
        "Hub's note", "Chair's note"]


def test_only_the_chair_takes_the_chairs_decisions(personas: dict[str, Any], dudley: Any,
                                                  actor_of: Any) -> None:
    hub = actor_of(personas["hub_coordinator"])
    meeting = published_meeting(personas, dudley)
    item = meeting.items.exclude(case=None).first()
    with pytest.raises(PermissionDenied):
        decisions.decision_record(actor=hub, item=item, kind=Decision.Kind.ESCALATE,
                                  to_forum="ceog", text="Escalate")


def test_a_stale_agenda_change_is_refused(personas: dict[str, Any], dudley: Any,
                                          actor_of: Any) -> None:
    hub = actor_of(personas["hub_coordinator"])
    meeting = published_meeting(personas, dudley)
    with pytest.raises(ValidationError):
        services.agenda_item_add(actor=hub, meeting=meeting, version=meeting.version - 1,
                                 title="Theme", kind="theme")


def test_bulk_changes_to_decisions_and_minutes_are_refused(
        personas: dict[str, Any], dudley: Any, actor_of: Any) -> None:
    hub, chair = actor_of(personas["hub_coordinator"]), actor_of(personas["chair"])
    meeting = published_meeting(personas, dudley)
    item = meeting.items.exclude(case=None).first()
    conduct.minute_add(actor=hub, item=item, text="Kept")
    decisions.decision_record(actor=chair, item=item, kind=Decision.Kind.OTHER, text="Kept")
    for model in (Minute, Decision):
        with pytest.raises(ValueError):
            model.objects.filter(item=item).update(text="rewritten")
        with pytest.raises(ValueError):
            model.objects.filter(item=item).delete()


def test_another_chair_cannot_take_this_meetings_decisions(
        personas: dict[str, Any], dudley: Any, actor_of: Any, make_user: Any) -> None:
    meeting = published_meeting(personas, dudley)
    item = meeting.items.exclude(case=None).first()
    other = actor_of(make_user("other_chair", dudley, "chair"))
    with pytest.raises(PermissionDenied):
        decisions.decision_record(actor=other, item=item, kind=Decision.Kind.ESCALATE,
                                  to_forum="ceog", text="Escalate")


def test_a_deputy_agreeing_does_not_open_the_absent_invitees_papers(
        personas: dict[str, Any], dudley: Any, actor_of: Any) -> None:
    hub = actor_of(personas["hub_coordinator"])
    meeting = published_meeting(personas, dudley)
    invitation = meeting.invitations.get(user=personas["panel_member"])
    with pytest.raises(ValidationError):
        conduct.attendance_record(actor=hub, invitation=invitation, deputy="DC Deputy",
                                  attendance=Invitation.Attendance.APOLOGIES, agreed=True)
    invitation.refresh_from_db()
    assert invitation.confidentiality_agreed_at is None


def test_an_item_with_a_guest_stays_on_the_draft_agenda(
        personas: dict[str, Any], dudley: Any, actor_of: Any) -> None:
    from macehub.partnerships.models import Agency
    from macehub.tests.factories import open_case, schedule
    hub = actor_of(personas["hub_coordinator"])
    open_case(actor_of(personas["referrer"]), hub)
    meeting = schedule(hub)
    services.agenda_build(actor=hub, meeting=meeting, version=meeting.version)
    meeting.refresh_from_db()
    item = meeting.items.first()
    services.guest_invite(actor=hub, meeting=meeting, name="Licensing officer", item=item,
                          agency=Agency.objects.get(partnership=dudley, type="licensing"))
    with pytest.raises(ValidationError, match="guest"):
        services.agenda_item_drop(actor=hub, meeting=meeting, version=meeting.version,
                                  item=item)
    assert AgendaItem.objects.filter(pk=item.pk).exists()
