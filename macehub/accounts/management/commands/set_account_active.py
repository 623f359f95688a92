from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from macehub.accounts.models import User
from macehub.accounts.services import account_set_active


class Command(BaseCommand):
    help = ("Disable (or re-enable) a person's account in every partnership: ends their "
            "sessions and revokes their API tokens. A platform action for the service's "
            "operators; a partnership admin ends roles in their own partnership instead. "
            "Audited in every partnership the person belongs to.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--enable", action="store_true", help="Re-enable the account")
        parser.add_argument("--operator", required=True, help="Who is doing this")
        parser.add_argument("--reason", required=True, help="Why, for the audit trail")

    def handle(self, *args: Any, username: str, enable: bool, operator: str, reason: str,
               **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account {username!r}.")
        account_set_active(user=user, active=enable, operator=operator, reason=reason)
        self.stdout.write(f"{username} {'enabled' if enable else 'disabled'} everywhere.")
