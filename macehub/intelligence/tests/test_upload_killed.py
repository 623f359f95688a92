"""SECURITY R4: an upload killed part-way and run again ends as a clean run does, with no
record or link twice. The upload runs as `manage.py upload_intelligence` in a subprocess
on its own SQLite file, is killed (SIGKILL) after some rows were committed, then run
again; a second partnership gets the same file in one clean run; the two must match."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
SETUP = """
from macehub.accounts.models import Membership, User
from macehub.partnerships.models import Partnership
for slug in ("dudley-a", "dudley-b"):
    p = Partnership.objects.create(slug=slug, name=slug, policy_key="dudley")
    u = User.objects.create(username=f"hub-{slug}", email=f"hub-{slug}@example.org")
    Membership.objects.create(user=u, partnership=p, role="hub_coordinator")
"""
SNAPSHOT = """
import json
from macehub.access.scoped import unscoped
inspecting = unscoped("the test inspects what the upload left")
inspecting.__enter__()
from macehub.intelligence.models import Link, PersonOfInterest, UploadedRecord, Vehicle
out = {}
for slug in ("dudley-a", "dudley-b"):
    people = PersonOfInterest.objects.filter(partnership__slug=slug)
    plates = {v.pk: v.registration for v in Vehicle.objects.filter(partnership__slug=slug)}
    names = {p.pk: p.name for p in people}
    out[slug] = {
        "people": sorted(names.values()), "vehicles": sorted(plates.values()),
        "links": sorted((names[k.a_id], plates[k.b_id]) for k in
                        Link.objects.filter(partnership__slug=slug)),
        "references": UploadedRecord.objects.filter(partnership__slug=slug).count(),
    }
print(json.dumps(out))
"""
GRADE = {"source_kind": "police_notification", "source_evaluation": "1", "assessment": "B",
         "handling": "P"}


def _file(path: Path) -> int:
    letters = "ABCDEFGHJK"
    entities: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for n in range(10):
        entities += [
            {"ref": f"P{n}", "kind": "person", "fields": {"name": f"Nominal {letters[n]}"}},
            {"ref": f"V{n}", "kind": "vehicle", "fields": {
                "registration": f"AB{10 + n} C{letters[n]}E"}}]
        links.append({"ref": f"L{n}", "a_ref": f"P{n}", "b_ref": f"V{n}", "kind": "uses",
                      **GRADE})
    path.write_text(json.dumps({"source": "Force records", "entities": entities,
                                "links": links}))
    return len(entities) + len(links)


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=True)
    return done.stdout


def test_a_killed_upload_run_again_ends_as_a_clean_run(tmp_path: Path) -> None:
    database = tmp_path / "upload.sqlite3"
    env = {**os.environ, "SQLITE_PATH": str(database), "MACEHUB_ENV": "development"}
    env.pop("DATABASE_URL", None)
    _manage(env, "migrate", "--no-input", "-v", "0")
    _manage(env, "shell", "-c", SETUP)
    file = tmp_path / "batch.json"
    total = _file(file)

    args = [sys.executable, "manage.py", "upload_intelligence", str(file), "--partnership",
            "dudley-a", "--as", "hub-dudley-a", "--pause", "0.2"]
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    seen = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        with sqlite3.connect(database, timeout=5) as db:
            seen = db.execute("SELECT COUNT(*) FROM intelligence_uploadedrecord").fetchone()[0]
        if seen >= 5:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 0 < seen < total, "the upload was not stopped part-way"

    rerun = json.loads(_manage(env, "upload_intelligence", str(file), "--partnership",
                               "dudley-a", "--as", "hub-dudley-a").strip().splitlines()[-1])
    assert rerun["refused"] == 0 and rerun["existing"] >= seen
    _manage(env, "upload_intelligence", str(file), "--partnership", "dudley-b", "--as",
            "hub-dudley-b")
    out = _manage(env, "shell", "--no-imports", "-c", SNAPSHOT)
    state: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    assert state["dudley-a"] == state["dudley-b"]
    assert state["dudley-a"]["references"] == total
    assert len(state["dudley-a"]["links"]) == 10 and len(state["dudley-a"]["people"]) == 10
