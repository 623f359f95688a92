from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.test.utils import override_settings

from macehub.demo.front_door import load_front_door
from macehub.demo.intelligence import load_intelligence
from macehub.demo.load import DEMO_PASSWORD, load_demo
from macehub.demo.locations import load_locations
from macehub.demo.meetings import load_meetings
from macehub.demo.missing import load_missing


class Command(BaseCommand):
    help = "Load the synthetic demo data (safe to run again) and print the demo accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, seed: int, **options: Any) -> None:
        accounts = load_demo(seed=seed)
        load_front_door(seed=seed)
        # Demo invitations go nowhere: the demo accounts' addresses are not real.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            load_meetings()
        load_missing()
        load_intelligence()
        load_locations()
        out = self.stdout
        out.write("Demo accounts (synthetic demo data only). Password for every account: "
                  f"{DEMO_PASSWORD}")
        out.write("Add the TOTP key to an authenticator app (or run: "
                  "uv run python manage.py demo_code USERNAME).")
        out.write(f"{'username':<16} {'role':<18} {'partnerships':<24} {'agency':<36} TOTP key")
        for a in accounts:
            out.write(f"{a.username:<16} {a.role:<18} {a.partnerships:<24} {a.agency:<36} "
                      f"{a.totp_key}")
