from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp

from macehub.demo.load import ACCOUNTS, totp_hex
from macehub.demo.synth import is_synthetic_account


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo account (demo data only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, username: str, seed: int, **options: Any) -> None:
        if username not in {account[0] for account in ACCOUNTS} and \
                not is_synthetic_account(username):
            raise CommandError(f"{username} is not a demo account.")
        self.stdout.write(f"{totp(bytes.fromhex(totp_hex(seed, username))):06d}")
