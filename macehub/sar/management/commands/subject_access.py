"""Build a subject access export for one child: the redacted JSON bundle and the marked
PDF, written to a folder. Run by the hub coordinator answering the request (their
account is named, and the build is audited against the child as on the page)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from macehub.access.actor import actor_for
from macehub.accounts.models import User
from macehub.partnerships.models import Partnership
from macehub.sar.services import sar_prepare, sar_release


class Command(BaseCommand):
    help = "Export everything held about one child (subject access), with redactions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--partnership", required=True, help="partnership (slug)")
        parser.add_argument("--child", required=True, help="the child's record number")
        parser.add_argument("--user", required=True, help="who answers the request")
        parser.add_argument("--out", required=True, help="folder to write the files to")
        parser.add_argument("--redact", action="append", default=[],
                            help="another third-party name to redact (repeatable)")
        parser.add_argument("--preview", action="store_true",
                            help="list the redactions only; write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        partnership = Partnership.objects.filter(slug=options["partnership"]).first()
        user = User.objects.filter(username=options["user"]).first()
        actor = actor_for(user, partnership.pk) if partnership and user else None
        if actor is None or not actor.has("sar.export"):
            raise CommandError("That user does not build subject access exports there.")
        try:
            prepared = sar_prepare(actor=actor, child_id=options["child"],
                                   extra_terms=options["redact"])
        except Http404:
            raise CommandError("No child with that record number there.") from None
        terms = ", ".join(prepared.terms) or "none"
        self.stdout.write(f"Third-party names redacted: {terms} "
                          f"({prepared.redactions} replaced)")
        if options["preview"]:
            return
        folder = Path(options["out"])
        folder.mkdir(parents=True, exist_ok=True)
        for kind in ("json", "pdf"):
            path = folder / f"subject-access-{prepared.child.pk}.{kind}"
            path.write_bytes(sar_release(actor=actor, prepared=prepared, kind=kind))
            self.stdout.write(f"Wrote {path}")
