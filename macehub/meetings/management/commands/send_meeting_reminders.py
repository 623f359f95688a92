"""Scheduled job: remind invited agencies whose written updates are due and owners of
overdue actions. Run daily (docs/deployment.md). E-mails carry no personal data."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from macehub.meetings.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail reminders: agency updates due before meetings, and overdue actions."

    def handle(self, *args: Any, **options: Any) -> None:
        updates, actions = send_reminders()
        self.stdout.write(f"{updates} update reminder(s), {actions} overdue-action reminder(s) "
                          "sent")
