from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from macehub.accounts.models import ApiToken
from macehub.accounts.tokens import api_token_revoke_by_operator


class Command(BaseCommand):
    help = ("Revoke one API token, named by the start of the token (as listed on the API "
            "tokens page, such as mh_Ab3dE6g) or by its number. The token stops working at "
            "once. A platform action for the service's operators, audited in the token's "
            "partnership.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("token", help="The token's start (mh_…) or its number")
        parser.add_argument("--operator", required=True, help="Who is doing this")
        parser.add_argument("--reason", required=True, help="Why, for the audit trail")

    def handle(self, *args: Any, token: str, operator: str, reason: str,
               **options: Any) -> None:
        key = token.strip().rstrip("…")
        found = list(ApiToken.objects.filter(pk=int(key)) if key.isdigit()
                     else ApiToken.objects.filter(prefix=key[:11]))
        if not found:
            raise CommandError(f"No API token {token!r}.")
        if len(found) > 1:
            raise CommandError(f"Several tokens start {key[:11]!r}: name it by its number, "
                               f"one of {', '.join(str(t.pk) for t in found)}.")
        try:
            api_token_revoke_by_operator(token=found[0], operator=operator, reason=reason)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"API token {found[0].prefix}… ({found[0].name}) revoked.")
