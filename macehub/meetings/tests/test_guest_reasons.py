"""A guest's invitation names the agenda item by its number, never the child: every
invitee reads the list of who is invited, before agreeing confidentiality and after the
papers close (SECURITY: identity only where the need to know allows)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from macehub.meetings import services
from macehub.partnerships.models import Agency
from macehub.tests.factories import published_meeting

pytestmark = pytest.mark.django_db


def test_guest_reasons_carry_no_child_identity(
        personas: dict[str, Any], dudley: Any, client_as: Any, actor_of: Any,
        make_user: Any) -> None:
    # Dudley ToR (003) §MACE Membership: guests attend for an item; the invitation says
    # which item, not whose case it is.
    meeting = published_meeting(personas, dudley)
    item = meeting.items.exclude(case=None).first()
    child = item.case.child
    licensing = make_user("licensing_guest", dudley, "panel_member", "licensing")
    mail.outbox.clear()
    guest = services.guest_invite(
        actor=actor_of(personas["hub_coordinator"]), meeting=meeting,
        name="Licensing officer", item=item, user=licensing,
        agency=Agency.objects.get(partnership=dudley, type="licensing"))
    assert guest.why == f"Guest for agenda item {item.position}"
    police = client_as(personas["panel_member"])  # invited, not yet agreed
    seen = [police.get(f"/meetings/{meeting.pk}/").content.decode(),
            police.get(f"/api/v1/meetings/{meeting.pk}").content.decode(),
            client_as(licensing).get(f"/meetings/{meeting.pk}/").content.decode(),
            client_as(licensing).get(f"/meetings/{meeting.pk}/calendar.ics").content.decode()]
    seen += [m.subject + m.body for m in mail.outbox]
    for text in seen:
        assert child.last_name not in text and child.first_name not in text
        assert "risk)" not in text


def test_guest_reasons_written_before_are_made_neutral(
        personas: dict[str, Any], dudley: Any, actor_of: Any) -> None:
    from importlib import import_module

    from django.apps import apps
    meeting = published_meeting(personas, dudley)
    item = meeting.items.exclude(case=None).first()
    guest = services.guest_invite(
        actor=actor_of(personas["hub_coordinator"]), meeting=meeting, name="Officer",
        item=item, agency=Agency.objects.get(partnership=dudley, type="licensing"))
    type(guest).objects.filter(pk=guest.pk).update(why=f"Guest for: {item.title}")
    import_module("macehub.meetings.migrations.0005_guest_reasons_neutral").neutral(apps, None)
    guest.refresh_from_db()
    assert guest.why == f"Guest for agenda item {item.position}"
