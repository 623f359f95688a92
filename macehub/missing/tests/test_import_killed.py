"""SECURITY R4: killing the import part-way and running it again ends exactly as a clean
run does. The import runs as `manage.py import_missing` in a subprocess on its own SQLite
file, is killed (SIGKILL) after some chunks have been committed, then run again; a second
partnership with the same pack gets the same file in one clean run; the two must match."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
SETUP = """
from macehub.accounts.models import Membership, User
from macehub.partnerships.models import Partnership
for slug in ("essex-a", "essex-b"):
    p = Partnership.objects.create(slug=slug, name=slug, policy_key="essex")
    u = User.objects.create(username=f"hub-{slug}", email=f"hub-{slug}@example.org")
    Membership.objects.create(user=u, partnership=p, role="hub_coordinator")
"""
SNAPSHOT = """
import json
from macehub.access.scoped import unscoped
inspecting = unscoped("the test inspects what the import left")
inspecting.__enter__()
from macehub.missing.models import MissingEpisode, TriggerFiring, EpisodeChange
from macehub.cases.models import Case, RiskChange
out = {}
for slug in ("essex-a", "essex-b"):
    eps = MissingEpisode.objects.filter(partnership__slug=slug)
    out[slug] = {
        "episodes": sorted((e.police_reference, e.child.first_name if e.child else None,
                            str(e.returned_at), e.version) for e in eps),
        "children": sorted(set((e.child.first_name, e.child.last_name, str(e.child.date_of_birth))
                               for e in eps if e.child)),
        "history": EpisodeChange.objects.filter(episode__partnership__slug=slug).count(),
        "firings": sorted((f.rule_key, f.anchor.police_reference, f.status)
                          for f in TriggerFiring.objects.filter(partnership__slug=slug)),
        "cases": sorted((c.child.first_name, c.risk, c.status)
                        for c in Case.objects.filter(partnership__slug=slug)),
        "risk_changes": RiskChange.objects.filter(case__partnership__slug=slug).count(),
    }
print(json.dumps(out))
"""
NAMES = ["Ivy", "Noah", "Mia", "Leo", "Ava", "Kai", "Zara", "Rory"]


def _csv(path: Path) -> int:
    lines = ["force,police_reference,first_name,last_name,date_of_birth,reported_at,"
             "returned_at,missing_from,risk_grade,harm_indicators"]
    n = 0
    for c, name in enumerate(NAMES):
        for k in range(4):  # four episodes ten days apart: every trigger fires
            n += 1
            day = date(2026, 1, 1) + timedelta(days=c + 10 * k)
            harm = "injury" if k == 1 else ""
            lines.append(f"Essex Police,R{n:04d},{name},Example{c},2011-0{1 + c % 9}-1{c},"
                         f"{day} 20:00,{day} 23:00,home,high,{harm}")
    path.write_text("\n".join(lines) + "\n")
    return n


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=True)
    return done.stdout


def test_a_killed_import_run_again_ends_as_a_clean_run(tmp_path: Path) -> None:
    database = tmp_path / "import.sqlite3"
    env = {**os.environ, "SQLITE_PATH": str(database), "MACEHUB_ENV": "development"}
    env.pop("DATABASE_URL", None)
    _manage(env, "migrate", "--no-input", "-v", "0")
    _manage(env, "shell", "-c", SETUP)
    file = tmp_path / "notifications.csv"
    total = _csv(file)

    args = [sys.executable, "manage.py", "import_missing", str(file), "--partnership",
            "essex-a", "--as", "hub-essex-a", "--chunk-size", "3", "--pause", "0.4"]
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    seen = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        with sqlite3.connect(database, timeout=5) as db:
            seen = db.execute("SELECT COUNT(*) FROM missing_missingepisode").fetchone()[0]
        if seen >= 6:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 0 < seen < total, "the import was not stopped part-way"

    _manage(env, "import_missing", str(file), "--partnership", "essex-a", "--as",
            "hub-essex-a")
    _manage(env, "import_missing", str(file), "--partnership", "essex-b", "--as",
            "hub-essex-b")
    out = _manage(env, "shell", "--no-imports", "-c", SNAPSHOT)
    state: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    assert state["essex-a"] == state["essex-b"]
    assert len(state["essex-a"]["episodes"]) == total
    assert {f[0] for f in state["essex-a"]["firings"]} == {
        "three_in_90_days", "three_in_four_weeks", "harm_indicated"}
