"""The import page and the API queue a police notification file for the background worker
(ADR 0014) and show its progress: waiting, N of M rows, then the result, the page updating
itself with a small poll and the API answering the same status. A worker stopped part-way
hands the task out again and it carries on to the result a clean run gives (SECURITY R4).
The stored error report is one capped list of short reasons (SECURITY R3)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_q.conf import Conf
from django_q.models import OrmQ
from django_q.signing import SignedPackage

from macehub.accounts.models import Membership
from macehub.missing import importer
from macehub.missing.importer import COLUMNS, REASON_MAX, carry_on, import_queue, read_csv
from macehub.missing.models import ImportRun, MissingEpisode
from macehub.missing.tasks import import_in_background
from macehub.missing.tests.conftest import row
from macehub.tests.worker import work_off_queue

HEADER = ",".join(COLUMNS)


def _csv(n: int) -> str:
    return "\n".join([HEADER] + [",".join(row(f"R{i:03d}", "2026-03-01 18:30",
                                              first_name=f"Child{i}").get(c, "")
                                          for c in COLUMNS) for i in range(n)]) + "\n"


def _upload(client: Any, text: str) -> Any:
    return client.post(reverse("missing:import"), {
        "file": SimpleUploadedFile("notifications.csv", text.encode(), "text/csv")})


@pytest.mark.django_db(transaction=True)
def test_an_uploaded_file_waits_for_the_worker_then_the_page_shows_the_result(
        essex_hub: Any, essex: Any, client_as: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Conf, "SYNC", False)
    client = client_as(essex_hub.user, essex)
    response = _upload(client, _csv(3))
    run = ImportRun.objects.get()
    assert response.status_code == 302 and run.status == "queued"
    assert not MissingEpisode.objects.exists()
    page = client.get(reverse("missing:import_run", args=[run.pk])).content.decode()
    assert "Waiting to start: 3 rows to import" in page and 'hx-trigger="every 2s"' in page
    # The queue holds the run's ids only, never a child's details.
    task = SignedPackage.loads(OrmQ.objects.get().payload)
    assert task["args"] == (run.pk, essex.pk, essex_hub.user.pk)
    assert "Child" not in repr(task)

    work_off_queue()
    run.refresh_from_db()
    assert (run.status, run.handled, run.created, run.pending) == ("done", 3, 3, {})
    assert not OrmQ.objects.exists()
    page = client.get(reverse("missing:import_run", args=[run.pk])).content.decode()
    assert "Finished: 3 of 3 rows dealt with" in page and "hx-trigger" not in page


@pytest.mark.django_db
def test_the_api_queues_a_batch_and_reads_the_same_status_the_page_shows(
        essex_hub: Any, essex: Any, client_as: Any) -> None:
    client = client_as(essex_hub.user, essex)
    batch = {"notifications": [row("A1", "2026-03-01 18:30"),
                               row("A2", "2026-03-01 18:30", risk_grade="purple")]}
    answer = client.post("/api/v1/missing/imports", batch, content_type="application/json")
    assert answer.status_code == 202
    run_id = answer.json()["import_id"]
    status = client.get(f"/api/v1/missing/imports/{run_id}").json()
    assert {k: status[k] for k in ("status", "status_label", "rows", "handled", "created")} \
        == {"status": "done", "status_label": "Finished", "rows": 2, "handled": 2,
            "created": 1}
    assert [(e["row"], e["field"]) for e in status["errors"]] == [(2, "risk_grade")]
    page = client.get(reverse("missing:import_run", args=[run_id])).content.decode()
    assert "Finished: 2 of 2 rows dealt with" in page


class _Killed(BaseException):
    """The worker process dies (nothing after this point runs)."""


@pytest.mark.django_db
def test_a_worker_stopped_after_a_chunk_is_carried_on_to_the_clean_result(
        essex_hub: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Conf, "SYNC", False)  # queued only: this test plays the worker
    rows, errors = read_csv(_csv(7))
    run = import_queue(actor=essex_hub, rows=rows, via="test", errors=errors)

    def die(seconds: float) -> None:
        raise _Killed

    monkeypatch.setattr(importer.time, "sleep", die)
    with pytest.raises(_Killed):
        carry_on(essex_hub, run, rows, first_row=2, chunk_size=3, pause=1)
    stopped = ImportRun.objects.get(pk=run.pk)
    assert (stopped.status, stopped.handled, stopped.created) == ("running", 3, 3)
    assert MissingEpisode.objects.count() == 3

    monkeypatch.undo()
    import_in_background(run.pk, essex_hub.partnership.pk, essex_hub.user.pk)
    run.refresh_from_db()
    assert (run.status, run.handled, run.created, run.unchanged) == ("done", 7, 7, 0)
    assert MissingEpisode.objects.count() == 7
    assert import_in_background(run.pk, essex_hub.partnership.pk, essex_hub.user.pk) \
        == f"import {run.pk}: already done"


@pytest.mark.django_db
def test_an_import_queued_by_someone_who_since_lost_the_role_is_not_run(
        essex_hub: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Conf, "SYNC", False)
    rows, _ = read_csv(_csv(2))
    run = import_queue(actor=essex_hub, rows=rows, via="test")
    Membership.objects.filter(user=essex_hub.user).delete()
    import_in_background(run.pk, essex_hub.partnership.pk, essex_hub.user.pk)
    run.refresh_from_db()
    assert run.status == "failed" and "can no longer import" in run.stopped
    assert run.pending == {} and not MissingEpisode.objects.exists()


@pytest.mark.django_db
def test_a_file_of_junk_lines_stores_at_most_the_cap_of_short_problems(
        essex_hub: Any, settings: Any, essex: Any, client_as: Any) -> None:
    # SECURITY R3: a hostile or mistaken file cannot grow the stored report without bound.
    settings.MISSING_IMPORT_MAX_ERRORS = 40
    junk = "x" * 2_000
    lines = [HEADER] + [",".join([junk] * len(COLUMNS)) for _ in range(60)]
    response = _upload(client_as(essex_hub.user, essex), "\n".join(lines) + "\n")
    run = ImportRun.objects.get()
    assert response.status_code == 302 and run.status == "done"
    assert len(run.errors) == 40 and run.stopped.startswith("Stopped at row")
    assert all(len(e["reason"]) <= REASON_MAX for e in run.errors)
    assert len(json.dumps(run.errors)) < 40 * (REASON_MAX + 60)
    assert run.pending == {} and not MissingEpisode.objects.exists()
