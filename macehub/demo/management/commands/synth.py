from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from macehub.demo.synth import generate
from macehub.demo.synth_sizes import SCALES


class Command(BaseCommand):
    help = ("Generate years of synthetic records for one partnership at a chosen scale, "
            "deterministic from the seed, and report rows per second per table.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=list(SCALES), default="demo")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--partnership", default="synth",
                            help="The partnership's slug (made with the Essex pack if new)")
        parser.add_argument("--policy", default="essex", help="Policy pack for a new one")

    def handle(self, *args: Any, scale: str, seed: int, partnership: str, policy: str,
               **options: Any) -> None:
        began = time.perf_counter()
        writer = generate(scale=scale, seed=seed, slug=partnership, policy_key=policy)
        total = time.perf_counter() - began
        out = self.stdout
        out.write(f"{'table':<34}{'rows':>12}{'seconds':>10}{'rows/s':>12}")
        for label, counted in writer.counts.items():
            rate = counted.rows / counted.seconds if counted.seconds else 0
            out.write(f"{label:<34}{counted.rows:>12,}{counted.seconds:>10.1f}{rate:>12,.0f}")
        rows = sum(c.rows for c in writer.counts.values())
        out.write(f"{'all':<34}{rows:>12,}{total:>10.1f}{rows / total:>12,.0f}")
        out.write(f"Accounts: {partnership}-coordinator, -chair, -police, -health, "
                  "-education, -analyst, -referrer (the demo password; "
                  "`manage.py demo_code USERNAME` for a code).")
