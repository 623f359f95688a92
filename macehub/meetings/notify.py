"""E-mails about meetings. They carry no personal data about children or cases: only the
forum, the date and a link to sign in (SECURITY: nothing sensitive leaves by e-mail)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import timezone

from macehub.lib.marking import marked_email_body
from macehub.lib.site import site_url
from macehub.meetings.models import Action, Invitation, Meeting


def _link(path: str) -> str:
    return f"{site_url()}{path}"


def _when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%A %d %B %Y at %H:%M}"


def _send(messages: list[tuple[str, str, str, list[str]]]) -> int:
    """Every body marked at top and bottom with the handling line (SECURITY S15)."""
    marked = [(subject, marked_email_body(body), sender, to)
              for subject, body, sender, to in messages]
    return send_mass_mail(marked, fail_silently=False) if marked else 0


def invited(meeting: Meeting, invitations: Iterable[Invitation]) -> int:
    subject = f"[OFFICIAL-SENSITIVE] Invitation: {meeting.forum_label}, {_when(meeting.starts_at)}"
    body = (f"You are invited to the {meeting.forum_label} of {meeting.partnership.name} on "
            f"{_when(meeting.starts_at)}.\n\nSign in to macehub to read the agenda, send "
            f"apologies or submit your agency's updates:\n"
            f"{_link(reverse('meetings:detail', args=[meeting.pk]))}\n")
    return _send([(subject, body, settings.DEFAULT_FROM_EMAIL, [i.user.email])
                  for i in invitations if i.user is not None and i.user.email])


def updates_due(meeting: Meeting, invitations: Iterable[Invitation], due: datetime) -> int:
    subject = f"[OFFICIAL-SENSITIVE] Agency update due: {meeting.forum_label}"
    body = (f"Your agency's written updates for the {meeting.forum_label} on "
            f"{_when(meeting.starts_at)} are due by {_when(due)}.\n\nSign in to submit them:\n"
            f"{_link(reverse('meetings:detail', args=[meeting.pk]))}\n")
    return _send([(subject, body, settings.DEFAULT_FROM_EMAIL, [i.user.email])
                  for i in invitations if i.user is not None and i.user.email])


def actions_overdue(email: str, actions: list[Action]) -> int:
    subject = f"[OFFICIAL-SENSITIVE] {len(actions)} overdue action(s) in macehub"
    body = (f"You own {len(actions)} action(s) past their due date. Sign in to update "
            f"them:\n{_link(reverse('meetings:actions'))}\n")
    return _send([(subject, body, settings.DEFAULT_FROM_EMAIL, [email])])
