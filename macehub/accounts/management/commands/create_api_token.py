from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from macehub.accounts.models import Membership
from macehub.accounts.tokens import api_token_create


class Command(BaseCommand):
    help = ("Make an API token for a user's role and print it once. The token acts with "
            "exactly that role, agency and partnership.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--partnership", help="Partnership slug, if the user has several")
        parser.add_argument("--role", help="Role, if the user holds several")
        parser.add_argument("--name", default="API client", help="What the token is for")

    def handle(self, *args: Any, username: str, partnership: str | None, role: str | None,
               name: str, **options: Any) -> None:
        memberships = Membership.objects.filter(
            user__username=username, user__is_active=True, is_active=True
        ).select_related("partnership", "agency", "user")
        if partnership:
            memberships = memberships.filter(partnership__slug=partnership)
        if role:
            memberships = memberships.filter(role=role)
        found = list(memberships)
        if not found:
            raise CommandError(f"No active role found for {username!r} with those options.")
        if len(found) > 1:
            listed = "; ".join(f"--partnership {m.partnership.slug} --role {m.role}"
                               for m in found)
            raise CommandError(f"{username} holds several roles; choose one: {listed}")
        record, token = api_token_create(membership=found[0], name=name)
        self.stdout.write(token)
        self.stderr.write(f"Token {record.prefix}… expires on "
                          f"{record.expires_at:%Y-%m-%d %H:%M} UTC.")
