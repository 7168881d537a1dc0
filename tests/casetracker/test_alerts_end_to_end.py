"""End to end with real processes: a member follows Musk v. OpenAI; a new article about the case is ingested by a
real Celery worker; the worker's commit queues the real-time alert, which the worker sends to a real SMTP server
on 127.0.0.1 (aiosmtpd) and, signed, to a webhook receiver on 127.0.0.1. And a worker killed before sending
leaves the alert to the next run, which sends it once.

The broker is kombu's SQLAlchemy transport on the test database (no other server needed); each test gives its
worker a queue of its own (CELERY_TASK_DEFAULT_QUEUE), so the tasks the worker queues come back to it."""
from __future__ import annotations

import json
import os
import time
import uuid

import pytest
from celery import Celery
from django.core.management import call_command

from casetracker import following, webhooks
from casetracker.models import AlertSent, Change
from casetracker.settings import _sqla_broker
from ingest import services
from tests.casetracker.factories import CaseFactory
from tests.ingest.test_worker import Worker, _test_database_url, workers  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

ARTICLE = """title: Judge denies Musk's bid to halt OpenAI's for-profit shift
published: 2025-03-05
publisher: Example News
source_url: https://news.example.com/musk-openai-injunction

Judge denies Musk's bid to halt OpenAI's for-profit shift

A federal judge in Oakland on March 4, 2025 denied Elon Musk's request for a preliminary injunction in Musk v. OpenAI, the lawsuit Musk filed against OpenAI and its chief executive Sam Altman.

U.S. District Judge Yvonne Gonzalez Rogers ruled that Musk had not shown he was likely to succeed on his claims, but offered to expedite a trial on the core claims in the spring of 2026.

"We are pleased with the ruling," OpenAI said in a statement.
"""


@pytest.fixture(autouse=True)
def _forget_parties():
    """These tests commit parties that their teardown's flush removes: the process's party cache must not keep them
    (as test_schemathesis does)."""
    from casetracker import services

    services._Parties.forget()
    yield
    services._Parties.forget()


def _publish(broker: str, queue: str, task: str, *args, **kwargs) -> None:
    """Queue a task on `broker` (Celery prefers CELERY_BROKER_URL from the environment to any broker given)."""
    saved = os.environ.pop("CELERY_BROKER_URL", None)
    try:
        publisher = Celery("test-publisher", set_as_current=False)
        publisher.conf.update(broker_url=broker, task_default_queue=queue)
        with publisher.connection_for_write() as connection:  # a connection of its own, not kombu's shared pools
            publisher.send_task(task, args=list(args), kwargs=kwargs, connection=connection)
        publisher.close()
    finally:
        if saved is not None:
            os.environ["CELERY_BROKER_URL"] = saved


def _worker(name, tmp_path, smtp_server, **env) -> tuple[Worker, str, str]:
    broker, queue = _sqla_broker(_test_database_url()), f"casetracker-alerts-{uuid.uuid4().hex[:8]}"
    worker = Worker(name, queue, tmp_path / f"{name}.log", broker=None, CELERY_TASK_DEFAULT_QUEUE=queue,
                    EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(smtp_server.port), SITE_URL="https://casetracker.example",
                    WEBHOOK_ALLOW_PRIVATE_URLS="true", **env)
    return worker, broker, queue


def _wait(condition, timeout: float, worker: Worker, what: str) -> None:
    ends = time.monotonic() + timeout
    while time.monotonic() < ends:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what} never happened:\n{worker.log.read_text(errors='replace')[-4000:]}")


def test_a_new_article_ingested_by_a_worker_reaches_the_member_by_email_and_signed_webhook(
        musk_case, member, smtp_server, receiver, workers, tmp_path):  # noqa: F811
    case, _ = musk_case
    alert = following.alert_create(user=member, case=case, note="the trial I cover")
    endpoint = webhooks.endpoint_create(user=member, url=receiver.url, description="newsroom bot")
    raw_input, outcome = services.raw_input_for_bytes(raw=ARTICLE.encode(), source="api", filename="injunction.txt")
    assert outcome is None
    worker, broker, queue = _worker("alerts", tmp_path, smtp_server)
    workers.append(worker)
    _publish(broker, queue, "ingest.tasks.ingest_inputs", [raw_input.pk])

    _wait(lambda: smtp_server.messages and receiver.requests, 180, worker, "the email and the webhook")
    (message,) = smtp_server.messages
    assert message["To"] == "reporter@example.org" and message["Subject"].startswith("Musk v. OpenAI: ")
    text = message.get_body(("plain",)).get_content()
    assert "Your note: the trial I cover" in text and "== Musk v. OpenAI ==" in text
    assert "New source: Judge denies Musk's bid to halt OpenAI's for-profit shift (Example News)" in text
    new_event = next(line for line in text.splitlines() if line.startswith("- New ") and "2025-03-04" in line)
    assert "A federal judge in Oakland on March 4, 2025 denied Elon Musk's request" in new_event
    assert '"A federal judge in Oakland on March 4, 2025 denied Elon Musk' in text  # the sentence, quoted
    assert "Original: https://news.example.com/musk-openai-injunction" in text  # its source
    assert "Source sentence: https://casetracker.example/documents/" in text
    unsubscribe = str(message["List-Unsubscribe"]).strip()
    assert unsubscribe.startswith("<https://casetracker.example/alerts/unsubscribe/")

    (request,) = receiver.requests
    headers = {k.lower(): v for k, v in request["headers"].items()}
    assert webhooks.verify(endpoint.secret, headers, request["body"])
    assert not webhooks.verify(webhooks.new_secret(), headers, request["body"])
    payload = json.loads(request["body"])
    assert payload["type"] == "alert.fired" and payload["data"]["alert"]["id"] == alert.pk
    assert any(c["source_url"] == "https://news.example.com/musk-openai-injunction" and c["kind"] == "event"
               for c in payload["data"]["changes"])
    sent = AlertSent.objects.filter(alert=alert).count()
    assert sent == payload["data"]["count"] >= 3
    # the beat's sweep (or a second run) finds nothing more to send
    call_command("send_alerts", "--no-webhooks")
    assert len(smtp_server.messages) == 1 and AlertSent.objects.filter(alert=alert).count() == sent


def test_a_worker_killed_before_sending_leaves_the_alert_to_the_next_run_which_sends_it_once(
        member, smtp_server, workers, tmp_path):  # noqa: F811
    case = CaseFactory(case_name="Doe v. Example AI")
    alert = following.alert_create(user=member, case=case)
    Change.objects.create(key="event:test-kill", kind="event", case=case, summary="New hearing (2025-05-01): A hearing",
                          sentence="A hearing was held on May 1, 2025.", source_url="https://news.example/kill")
    worker, broker, queue = _worker("killed", tmp_path, smtp_server, ALERTS_TASK_PAUSE_SECONDS="120")
    workers.append(worker)
    _publish(broker, queue, "casetracker.tasks.send_alerts", frequency="realtime")
    worker.wait_for_log("pausing", timeout=90)  # the worker took the task and has not sent anything yet
    worker.kill()  # SIGKILL: nothing handed back, nothing recorded
    assert not smtp_server.messages and not AlertSent.objects.exists()

    call_command("send_alerts")  # the next run (beat's sweep runs the same code)
    assert len(smtp_server.messages) == 1
    assert "A hearing was held on May 1, 2025." in smtp_server.messages[0].get_body(("plain",)).get_content()
    call_command("send_alerts")
    assert len(smtp_server.messages) == 1 and AlertSent.objects.filter(alert=alert).count() == 1
