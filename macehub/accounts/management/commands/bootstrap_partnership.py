from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from macehub.accounts.bootstrap import partnership_bootstrap


class Command(BaseCommand):
    help = ("Create a partnership with its policy pack and first partnership admin, and "
            "print the admin's first password once. The admin sets up MFA at first sign-in "
            "and adds everyone else through the Users page.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--slug", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument("--policy", required=True, help="Policy pack name in policies/")
        parser.add_argument("--admin-username", required=True)
        parser.add_argument("--admin-email", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            partnership, password = partnership_bootstrap(
                slug=options["slug"], name=options["name"], policy_key=options["policy"],
                admin_username=options["admin_username"], admin_email=options["admin_email"],
            )
        except ValidationError as error:
            raise CommandError("; ".join(
                f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items()
            )) from None
        self.stdout.write(f"Created {partnership.name} ({partnership.slug}).")
        self.stdout.write(f"First password for {options['admin_username']}: {password}")
