"""The whole path on the real stack: samples/ → a real Celery worker (Redis in CI, Celery's in-memory
transport where no broker is configured) → PostgreSQL → the case timeline in the API and the HTML page."""
from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.management import call_command

from casetracker.celery import app
from casetracker.models import Document, RawInput

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture
def celery_worker(settings):
    broker = settings.CELERY_BROKER_URL  # Redis in CI, the SQLAlchemy transport where no broker is configured
    backend = settings.CELERY_RESULT_BACKEND or "cache+memory://"
    settings.INGEST_COMMAND_IN_PROCESS = False  # the command queues its batches for this worker
    settings.CELERY_RESULT_BACKEND = backend  # (app.conf reads the CELERY_ settings before its own changes)
    _forget_backend()  # an earlier eager task may have built the app's backend without a result backend
    queue = f"casetracker-e2e-{uuid.uuid4().hex[:8]}"  # never picks up a stray message of another run
    saved = {k: app.conf[k] for k in ("task_always_eager", "broker_url", "result_backend", "task_default_queue")}
    app.conf.update(task_always_eager=False, broker_url=broker, result_backend=backend, task_default_queue=queue)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30, queues=[queue]) as worker:
        yield worker
    app.conf.update(saved)
    _forget_backend()
    _close_worker_connections()


def _forget_backend():
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


def _close_worker_connections():
    """The worker thread's database connection outlives the thread; end it so the test database can be dropped."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")


@pytest.mark.django_db(transaction=True)
def test_samples_through_a_worker_to_the_case_timeline(celery_worker, client, capsys):
    call_command("ingest", str(SAMPLES), "--no-progress")
    out = capsys.readouterr().out
    assert "new: 5  duplicate: 0  failed: 0" in out
    assert Document.objects.count() == 5
    assert RawInput.objects.filter(status="done").count() == 5

    cases = client.get("/api/v1/cases/").json()["results"]
    musk = next(c for c in cases if {p["party"]["name"] for p in c["parties"]} >= {"Elon Musk", "OpenAI"})
    assert musk["document_count"] == 5
    detail = client.get(f"/api/v1/cases/{musk['slug']}/").json()
    testimony = [e for e in detail["timeline"] if e["kind"] == "testimony"]
    assert len(testimony) == 1, detail["timeline"]
    assert testimony[0]["source_count"] == 5
    assert all(s["evidence"]["sentence"] for s in testimony[0]["sources"])

    html = client.get(f"/cases/{musk['slug']}/").content.decode()
    assert "testimony" in html and "5 sources" in html

    # the same inputs again: nothing new
    call_command("ingest", str(SAMPLES), "--no-progress")
    assert "new: 0  duplicate: 5  failed: 0" in capsys.readouterr().out
    assert Document.objects.count() == 5
