"""Delete the answers kept for API writes that have passed IDEMPOTENCY_KEY_HOURS, in every
partnership (run hourly by the worker's schedule, macehub.jobs.schedule)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from macehub.accounts.idempotency import expire_keys


class Command(BaseCommand):
    help = "Delete expired API idempotency keys and the answers kept with them."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Expired idempotency keys deleted: {expire_keys()}")
