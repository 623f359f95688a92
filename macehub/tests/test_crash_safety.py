"""Crash safety on PostgreSQL (SECURITY R3, R4). The database server
itself is killed (SIGKILL to the postmaster and every server process, as a power cut of
the server would) while an import has a chunk's transaction open and while a meeting
series is being scheduled. After the server restarts and recovers, nothing is partial or
duplicated, and running the same work again completes as a clean run does.

The test starts its own throwaway server (scripts/pg_temp.sh, with synchronous commit on
as in production), never the suite's shared one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg
import pytest

from macehub.missing.tests.test_import_killed import SETUP, SNAPSHOT, _csv

ROOT = Path(__file__).resolve().parents[2]
PG_TEMP = str(ROOT / "scripts" / "pg_temp.sh")
MEETINGS = """
import os, time
from datetime import date, time as clock
from macehub.access.actor import actor_for
from macehub.accounts.models import User
from macehub.meetings import services
from macehub.partnerships.models import Area, Partnership
stop_after = int(os.environ.get("CRASH_STOP_AFTER", "0"))
if stop_after:
    # Hold the series' transaction open once this many meetings are written, so the
    # server can be killed part-way through it.
    real, written = services.audit_record, []
    def audit_then_hold(**kwargs):
        event = real(**kwargs)
        written.append(event)
        if len(written) == stop_after:
            open(os.environ["CRASH_MARK"], "w").close()
            time.sleep(120)
        return event
    services.audit_record = audit_then_hold
place = Partnership.objects.get(slug="essex-a")
north, _ = Area.objects.get_or_create(partnership=place, name="North", kind="quadrant")
actor = actor_for(User.objects.get(username="hub-essex-a"), place.pk)
made = services.meeting_series(actor=actor, forum="mace_2", area=north,
                               first=date(2027, 1, 15), at=clock(10), minutes=120,
                               count=4, venue="Room 1")
print(len(made))
"""


def _start(work: Path, action: str = "start") -> str:
    env = {**os.environ, "PG_TEMP_OPTIONS": "-c synchronous_commit=on"}
    done = subprocess.run([PG_TEMP, action, str(work)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _kill_server(work: Path) -> None:
    """SIGKILL the postmaster and all its server processes, then wait until all are gone."""
    postmaster = int((work / "data" / "postmaster.pid").read_text().split()[0])
    children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(postmaster)],
                              capture_output=True, text=True).stdout.split()
    pids = [postmaster, *map(int, children)]
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        alive = []
        for pid in pids:
            try:
                os.kill(pid, 0)
                alive.append(pid)
            except ProcessLookupError:
                pass
        if not alive:
            return
        time.sleep(0.05)
    raise AssertionError(f"server processes {alive} outlived SIGKILL")


def _query(work: Path, sql: str) -> Any:
    with psycopg.connect(host=str(work), user="macehub", dbname="postgres",
                         connect_timeout=5) as db:
        return db.execute(sql).fetchone()


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return done.stdout


def _import(file: Path, slug: str, *extra: str) -> list[str]:
    return [sys.executable, "manage.py", "import_missing", str(file), "--partnership", slug,
            "--as", f"hub-{slug}", *extra]


@pytest.mark.postgres
def test_postgresql_server_killed_mid_import_and_mid_meeting_write_loses_nothing_and_reruns_clean(
        tmp_path: Path) -> None:
    work = ROOT / "var" / f"crash-{uuid.uuid4().hex[:8]}"
    url = _start(work)
    try:
        env = {**os.environ, "DATABASE_URL": url, "MACEHUB_ENV": "development"}
        _manage(env, "migrate", "--no-input", "-v", "0")
        _manage(env, "shell", "-c", SETUP)

        # 1. An import, killed while one of its chunks has written rows but not committed.
        file = tmp_path / "notifications.csv"
        total = _csv(file)
        importing = subprocess.Popen(_import(file, "essex-a", "--chunk-size", "3",
                                             "--pause", "0.3"),
                                     cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        mid_chunk = False
        seen = 0
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and importing.poll() is None:
            seen, writing = _query(work, """
                SELECT (SELECT count(*) FROM missing_missingepisode),
                       (SELECT count(*) FROM pg_stat_activity
                        WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid())""")
            if seen >= 6 and writing:
                mid_chunk = True
                break
        _kill_server(work)
        importing.wait(timeout=60)
        assert mid_chunk and 0 < seen < total, "the server was not killed part-way"
        _start(work, "restart")
        committed = _query(work, "SELECT count(*) FROM missing_missingepisode")[0]
        assert committed % 3 == 0, "a chunk was left half-written"

        _manage(env, *_import(file, "essex-a")[2:])
        _manage(env, *_import(file, "essex-b")[2:])
        state = json.loads(_manage(env, "shell", "--no-imports", "-c", SNAPSHOT)
                           .strip().splitlines()[-1])
        assert state["essex-a"] == state["essex-b"]
        assert len(state["essex-a"]["episodes"]) == total

        # 2. A meeting series, killed with two of its four meetings written in its
        # transaction: after recovery there are none, and scheduling again makes four.
        mark = tmp_path / "holding"
        holding = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", MEETINGS], cwd=ROOT,
            env={**env, "CRASH_STOP_AFTER": "2", "CRASH_MARK": str(mark)},
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while not mark.exists() and holding.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert mark.exists(), holding.stderr.read() if holding.stderr else ""
        _kill_server(work)
        holding.kill()
        holding.wait(timeout=60)
        _start(work, "restart")
        assert _query(work, "SELECT count(*) FROM meetings_meeting")[0] == 0
        assert _query(work, "SELECT count(*) FROM audit_auditevent "
                            "WHERE action = 'meeting.schedule'")[0] == 0
        assert _manage(env, "shell", "-c", MEETINGS).strip().splitlines()[-1] == "4"
        assert _query(work, "SELECT count(*), count(DISTINCT starts_at) "
                            "FROM meetings_meeting") == (4, 4)
        assert _query(work, "SELECT count(*) FROM audit_auditevent "
                            "WHERE action = 'meeting.schedule'")[0] == 4
    finally:
        subprocess.run([PG_TEMP, "stop", str(work)], cwd=ROOT, capture_output=True,
                       timeout=120)
