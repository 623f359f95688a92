"""`manage.py policy validate [NAME ...]` and `manage.py policy explain NAME`.

validate: every pack when no NAME is given (then also across packs); a NAME is a pack key
("dudley") or a path to a TOML file. Prints "ok <name>" per good pack; any bad pack makes
the command fail with the file, field and problem.
explain: every rule of one pack with its source; defaults are marked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from macehub.partnerships.policy import (
    PolicyError,
    PolicyPack,
    load_all,
    load_pack,
    validate_file,
)


def _is_path(name: str) -> bool:
    return name.endswith(".toml") or "/" in name or "\\" in name


def _load(name: str) -> PolicyPack:
    return validate_file(Path(name)) if _is_path(name) else load_pack(name)


class Command(BaseCommand):
    help = "Validate policy packs, or explain one pack's rules with their sources."
    # Checking packs must work even while other parts of the project are misconfigured.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        validate = actions.add_parser("validate", help="check packs; non-zero exit if any fails")
        validate.add_argument("names", nargs="*", help="pack keys or TOML paths (default: all)")
        explain = actions.add_parser("explain", help="every rule of a pack with its source")
        explain.add_argument("name", help="pack key or TOML path")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "validate":
            self._validate(options["names"])
        else:
            self._explain(options["name"])

    def _validate(self, names: list[str]) -> None:
        if not names:
            try:
                packs = load_all()
            except PolicyError as exc:
                raise CommandError(f"policy packs failed validation:\n{exc}") from None
            if not packs:
                raise CommandError("no policy packs found")
            for key in packs:
                self.stdout.write(f"ok {key}")
            return
        failures: list[str] = []
        for name in names:
            try:
                _load(name)
            except PolicyError as exc:
                failures.append(str(exc))  # reported together below, once
            else:
                self.stdout.write(f"ok {name}")
        if failures:
            raise CommandError(
                f"{len(failures)} of {len(names)} policy pack(s) failed validation:\n"
                + "\n".join(failures)
            )

    def _explain(self, name: str) -> None:
        try:
            pack = _load(name)
        except PolicyError as exc:
            raise CommandError(str(exc)) from None
        rules = pack.explain()
        defaults = sum(rule.reason.default for rule in rules)
        self.stdout.write(f"{pack.name} ({pack.key}): {len(rules)} rules, {defaults} defaults")
        for rule in rules:
            reason = rule.reason
            self.stdout.write("")
            self.stdout.write(f"{'DEFAULT ' if reason.default else ''}{reason.path}")
            self.stdout.write(f"    {reason.rule}")
            self.stdout.write(f"    source: {reason.source}")
            if rule.why_default:
                self.stdout.write(f"    why: {rule.why_default}")
            if rule.note:
                self.stdout.write(f"    note: {rule.note}")
