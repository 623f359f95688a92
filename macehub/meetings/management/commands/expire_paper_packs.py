"""Delete the meeting papers prepared as PDF that have passed PAPER_PACK_HOURS, in every
partnership (run hourly by the worker's schedule, macehub.jobs.schedule)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from macehub.meetings.packs import expire_packs


class Command(BaseCommand):
    help = "Delete prepared meeting papers that have expired."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Expired meeting papers deleted: {expire_packs()}")
