"""The police notification import in the background worker (macehub.lib.background)."""

from __future__ import annotations

import logging

from macehub.access.actor import actor_for
from macehub.access.scoped import enforcing
from macehub.accounts.models import User
from macehub.accounts.system import system_actor
from macehub.missing.importer import carry_on
from macehub.missing.models import ImportRun, ImportStatus
from macehub.partnerships.models import Partnership

logger = logging.getLogger(__name__)
GONE = ("The person who started this import can no longer import police notifications "
        "here, so it was not run. Nothing was imported")
BROKEN = ("The import could not finish. The rows up to the count shown were imported; "
          "import the file again to finish it (nothing is duplicated)")


def import_in_background(run_id: int, partnership_id: int, user_id: int) -> str:
    """Run a queued import as the person who queued it, or carry on one whose worker was
    stopped part-way. A finished import is left as it is."""
    with enforcing():
        partnership = Partnership.objects.get(pk=partnership_id)
        user = User.objects.filter(pk=user_id, is_active=True).first()
        actor = actor_for(user, partnership.pk) if user else None
        keeper = actor or system_actor(partnership, "police notification import")
        run = ImportRun.objects.for_bookkeeping(
            keeper, why="the worker runs the import it was given").get(pk=run_id)
        if run.status in (ImportStatus.DONE, ImportStatus.FAILED):
            return f"import {run.pk}: already {run.status}"
        if actor is None or not actor.has("missing.import"):
            _fail(run, GONE)
            return f"import {run.pk}: not run"
        try:
            carry_on(actor, run, run.pending.get("rows", []),
                     first_row=run.pending.get("first_row", 2))
        except Exception:
            logger.exception("Police notification import %s failed", run.pk)
            run.refresh_from_db()
            _fail(run, BROKEN)
            raise
        return f"import {run.pk}: {run.handled} of {run.rows} rows"


def _fail(run: ImportRun, why: str) -> None:
    run.status, run.stopped, run.pending = ImportStatus.FAILED, why, {}
    run.save(update_fields=["status", "stopped", "pending"])
