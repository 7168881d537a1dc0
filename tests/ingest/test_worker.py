"""Real `celery worker` processes over the test PostgreSQL: the built-in SQLAlchemy broker takes a queued ingest
and finishes it; on Redis, a worker killed with SIGKILL in the middle of a document loses nothing."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from celery import Celery
from django.db import connection

from casetracker.models import Document, RawInput
from casetracker.settings import _sqla_broker
from ingest import services

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "003_2a5353927ff2aca3.txt"
VISIBILITY_TIMEOUT = 3
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _test_database_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "") + (":" + quote(s["PASSWORD"]) if s["PASSWORD"] else "")
    host = s["HOST"] or s.get("OPTIONS", {}).get("host") or ""  # dj-database-url puts a ?host= socket in OPTIONS
    if host.startswith("/"):  # a socket directory (the embedded PostgreSQL)
        return f"postgresql://{auth}@/{s['NAME']}?host={quote(host)}&port={s['PORT'] or 5432}"
    return f"postgresql://{auth}@{host}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    """`celery -A casetracker worker` in its own process group, logging to a file."""

    def __init__(self, name: str, queue: str, log: Path, broker: str | None, pool: str = "solo", **env):
        self.log = log
        environ = {**os.environ, "DATABASE_URL": _test_database_url(), "CELERY_VISIBILITY_TIMEOUT":
                   str(VISIBILITY_TIMEOUT), "INGEST_ALLOW_PRIVATE_URLS": "false", **env}
        environ.pop("CELERY_BROKER_URL", None)
        environ.pop("CELERY_RESULT_BACKEND", None)
        if broker:
            environ["CELERY_BROKER_URL"] = broker
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "casetracker", "worker", f"--pool={pool}", "--concurrency=1", "-Q", queue,
             "-n", f"{name}-{queue}@%h", "--loglevel=INFO", "--without-gossip", "--without-mingle",
             "--without-heartbeat"],
            cwd=ROOT, env=environ, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)

    def wait_for_log(self, text: str, timeout: float) -> None:
        ends = time.monotonic() + timeout
        while time.monotonic() < ends:
            if text in self.log.read_text(errors="replace"):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"worker never logged {text!r}:\n{self.log.read_text(errors='replace')[-3000:]}")

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        self.kill()  # its work is checked already; a warm shutdown would only cost seconds


@pytest.fixture
def workers():
    started: list[Worker] = []
    yield started
    for w in started:
        w.stop()
    with connection.cursor() as cursor:  # their connections would keep the test database from being dropped
        cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")
    from kombu.transport import sqlalchemy as kombu_sqla

    for engine, _ in kombu_sqla.Channel._engines.values():  # this process's publisher connections ended too: the
        engine.dispose()  # next test's publisher (a connection of its own, see _send) starts afresh
    kombu_sqla.Channel._engines.clear()


def _queued_input() -> RawInput:
    raw_input, outcome = services.raw_input_for_bytes(raw=SAMPLE.read_bytes(), source="api", filename=SAMPLE.name)
    assert outcome is None
    return raw_input


def _send(broker: str, queue: str, raw_input: RawInput) -> str:
    """Queue the task on `broker` (Celery prefers CELERY_BROKER_URL from the environment to any broker given)."""
    saved = os.environ.pop("CELERY_BROKER_URL", None)
    try:
        publisher = Celery("test-publisher", set_as_current=False)
        publisher.conf.update(broker_url=broker, task_default_queue=queue)
        assert publisher.conf.broker_url == broker
        with publisher.connection_for_write() as connection:  # not kombu's shared pools: their connections may be
            task_id = publisher.send_task("ingest.tasks.ingest_inputs", args=[[raw_input.pk]],  # dead (see workers)
                                          connection=connection).id
        publisher.close()
        return task_id
    finally:
        if saved is not None:
            os.environ["CELERY_BROKER_URL"] = saved


def _wait_until_finished(raw_input: RawInput, timeout: float, worker: Worker) -> RawInput:
    ends = time.monotonic() + timeout
    while time.monotonic() < ends:
        raw_input.refresh_from_db()
        if raw_input.status != RawInput.Status.PENDING:
            return raw_input
        time.sleep(0.2)
    raise AssertionError(f"the ingest never finished:\n{worker.log.read_text(errors='replace')[-3000:]}")


def test_a_worker_on_the_sqlalchemy_broker_finishes_a_queued_ingest(workers, tmp_path):
    """No CELERY_BROKER_URL: kombu's SQLAlchemy transport on the (test) PostgreSQL, no other server."""
    broker = _sqla_broker(_test_database_url())
    queue = f"casetracker-test-{uuid.uuid4().hex[:8]}"
    raw_input = _queued_input()
    _send(broker, queue, raw_input)
    worker = Worker("sqla", queue, tmp_path / "sqla.log", broker=None)
    workers.append(worker)
    raw_input = _wait_until_finished(raw_input, 60, worker)
    assert raw_input.status == RawInput.Status.DONE, raw_input.error
    assert "sqla+postgresql+psycopg://" in worker.log.read_text()
    assert Document.objects.count() == 1 and raw_input.document.quotes.exists()


def _redis_url() -> str:
    """CELERY_BROKER_URL (CI sets it to Redis: then Redis must be reachable); skipped loudly where none is set,
    unless CASETRACKER_REQUIRE_REDIS=1."""
    url = os.environ.get("CELERY_BROKER_URL", "")
    reason = "" if url.startswith("redis") else "CELERY_BROKER_URL is not a redis:// URL"
    if not reason:
        import redis

        try:
            redis.Redis.from_url(url, socket_connect_timeout=2).ping()
        except redis.RedisError as e:
            pytest.fail(f"CELERY_BROKER_URL={url} is set but Redis cannot be reached: {e}")
    if reason:
        if os.environ.get("CASETRACKER_REQUIRE_REDIS") == "1":
            pytest.fail(f"the worker-kill test is required here but cannot run: {reason}")
        sys.stderr.write(f"\n\n!!! WORKER-KILL TEST SKIPPED: {reason} !!!\n\n")
        pytest.skip(f"WORKER-KILL TEST SKIPPED: {reason}")
    return url


def test_a_worker_killed_mid_document_loses_nothing(workers, tmp_path):
    broker = _redis_url()
    queue = f"casetracker-test-{uuid.uuid4().hex[:8]}"
    raw_input = _queued_input()
    task_id = _send(broker, queue, raw_input)

    # prefork: A's main process keeps its event loop (and acknowledgements) going while its child works
    a = Worker("a", queue, tmp_path / "a.log", broker=broker, pool="prefork", INGEST_TASK_PAUSE_SECONDS="120")
    workers.append(a)
    a.wait_for_log("pausing", timeout=60)  # worker A holds the task, unacknowledged, in the middle of it
    took_it = time.monotonic()
    a.kill()  # SIGKILL: no warm shutdown, nothing handed back
    raw_input.refresh_from_db()
    assert raw_input.status == RawInput.Status.PENDING and not Document.objects.exists()

    time.sleep(max(0.0, took_it + VISIBILITY_TIMEOUT + 0.5 - time.monotonic()))  # the visibility timeout passes
    b = Worker("b", queue, tmp_path / "b.log", broker=broker)
    workers.append(b)
    raw_input = _wait_until_finished(raw_input, 60, b)
    assert raw_input.status == RawInput.Status.DONE, raw_input.error
    assert Document.objects.count() == 1 and raw_input.document_id == Document.objects.get().pk
    assert raw_input.document.quotes.exists()
    assert "pausing" not in b.log.read_text()
    import redis

    client = redis.Redis.from_url(broker)
    ends = time.monotonic() + 10
    while any(task_id.encode() in v for v in client.hvals("unacked")):  # B acknowledges it: no third run
        assert time.monotonic() < ends, "worker B never acknowledged the task"
        time.sleep(0.1)
    client.delete(queue, f"_kombu.binding.{queue}")
