"""Scheduled job: remind invited agencies whose written updates are due and owners of
overdue actions. Run daily (docs/deployment.md). E-mails carry no personal data. Each
partnership's reminders are sent by its own system actor, inside the scoped kernel."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from macehub.access.scoped import enforcing
from macehub.accounts.system import system_actor
from macehub.meetings.reminders import send_reminders
from macehub.partnerships.models import Partnership

JOB = "send_meeting_reminders"


class Command(BaseCommand):
    help = "E-mail reminders: agency updates due before meetings, and overdue actions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--partnership", help="only this partnership (slug)")

    def handle(self, *args: Any, partnership: str | None = None, **options: Any) -> None:
        partnerships = Partnership.objects.filter(is_active=True)
        if partnership:
            partnerships = partnerships.filter(slug=partnership)
        with enforcing():  # a scheduled job loads records only through the kernel
            for p in partnerships:
                updates, actions = send_reminders(system_actor(p, JOB))
                self.stdout.write(f"{p.slug}: {updates} update reminder(s), {actions} "
                                  "overdue-action reminder(s) sent")
