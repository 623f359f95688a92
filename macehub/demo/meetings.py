"""Demo meetings for the Dudley demo partnership, made through the same services people
use: a MACE held last week (minutes, decisions, dissent, actions, one overdue), the next
MACE with its agenda published, and a CEOG in preparation. Made once."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from macehub.access.actor import actor_for
from macehub.accounts.models import User
from macehub.accounts.system import system_actor
from macehub.meetings import conduct, decisions, services
from macehub.meetings.models import Decision, Invitation, Meeting
from macehub.partnerships.models import Partnership


def load_meetings() -> int:
    dudley = Partnership.objects.get(slug="dudley")
    if Meeting.objects.for_actor(system_actor(dudley, "demo data")).exists():
        return 0
    hub = actor_for(User.objects.get(username="coordinator"), dudley.pk)
    chair = actor_for(User.objects.get(username="chair"), dudley.pk)
    police = actor_for(User.objects.get(username="police"), dudley.pk)
    assert hub is not None and chair is not None and police is not None
    police_agency = police.agency
    assert police_agency is not None
    zone = timezone.get_current_timezone()
    today = timezone.localdate()

    def at(days: int, hour: int = 10) -> datetime:
        return datetime.combine(today + timedelta(days=days), time(hour), tzinfo=zone)

    held = services.meeting_schedule(actor=hub, forum="mace", starts_at=at(-7), minutes=180,
                                     venue="Council House, Committee Room 2",
                                     chair=chair.user)
    services.agenda_build(actor=hub, meeting=held, version=held.version)
    held.refresh_from_db()
    services.agenda_publish(actor=hub, meeting=held, version=held.version)
    for invitation in held.invitations.all():
        conduct.attendance_record(actor=hub, invitation=invitation,
                                  attendance=Invitation.Attendance.PRESENT, agreed=True)
    held.refresh_from_db()
    items = list(held.items.exclude(case=None))
    for n, item in enumerate(items):
        services.update_submit(actor=police, item=item,
                               text="Two intelligence reports since referral; vehicle seen "
                                    "near the school twice.")
        conduct.minute_add(actor=hub, item=item, text="Agencies shared updates. The child "
                                                       "is engaging with the youth worker.")
        decision = decisions.decision_record(
            actor=chair, item=item, kind=Decision.Kind.INTELLIGENCE,
            text="Police officer present records the vehicle details.",
            details={"route": "officer_present"})
        if n == 0:
            decisions.dissent_record(actor=hub, decision=decision, agency=police_agency,
                                     person="Police exploitation co-ordinator",
                                     reason="An intelligence form is also needed.")
        decisions.action_add(actor=hub, meeting=held, item=item, description="Disruption "
                             "visit to the address linked to the vehicle",
                             owner_name="Police exploitation co-ordinator",
                             owner_agency=police_agency, owner=police.user,
                             due_on=today - timedelta(days=1) if n == 0
                             else today + timedelta(days=14))
        decisions.action_add(actor=hub, meeting=held, item=item,
                             description="School attendance plan reviewed",
                             owner_name="Designated safeguarding lead",
                             owner_agency=dudley.agencies.get(type="education"),
                             due_on=today + timedelta(days=21))
    conduct.meeting_hold(actor=hub, meeting=held, version=held.version)
    held.refresh_from_db()
    conduct.minutes_approve(actor=chair, meeting=held, version=held.version)

    upcoming = services.meeting_schedule(actor=hub, forum="mace", starts_at=at(7),
                                         minutes=180, venue="Council House, Committee Room 2",
                                         online_link="https://meet.example.org/mace",
                                         chair=chair.user)
    services.agenda_item_add(actor=hub, meeting=upcoming, version=upcoming.version,
                             title="Theme: exploitation near the retail park", kind="theme",
                             minutes=20)
    upcoming.refresh_from_db()
    services.agenda_build(actor=hub, meeting=upcoming, version=upcoming.version)
    upcoming.refresh_from_db()
    services.agenda_publish(actor=hub, meeting=upcoming, version=upcoming.version)
    services.meeting_schedule(actor=hub, forum="ceog", starts_at=at(14, 14), minutes=120,
                              venue="Police station, Briefing Room", chair=chair.user)
    return 3
