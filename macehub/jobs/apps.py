from __future__ import annotations

from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class JobsConfig(AppConfig):
    name = "macehub.jobs"
    verbose_name = "Scheduled jobs"

    def ready(self) -> None:
        # After the worker's own tables are migrated (this app has no models of its own).
        post_migrate.connect(_sync_schedule, sender=apps.get_app_config("django_q"))


def _sync_schedule(**kwargs: Any) -> None:
    # Every `migrate` makes the worker's schedule match macehub.jobs.schedule.JOBS.
    from macehub.jobs.schedule import sync_schedule

    sync_schedule()
