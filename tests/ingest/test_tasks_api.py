"""POST /api/v1/documents/ answers 202 with a URL to poll and never does the work in the request."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from casetracker.models import Document, RawInput

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture
def ed(client):
    from django.contrib.auth.models import Permission

    User.objects.create_user("ed", password="pw").user_permissions.add(Permission.objects.get(codename="add_rawinput"))
    client.login(username="ed", password="pw")
    return client


def _post(client, capture, **data):
    with capture(execute=True):  # the task is queued when the RawInput is committed
        r = client.post("/api/v1/documents/", data, content_type="application/json")
    assert r.status_code == 202, r.content
    body = r.json()
    assert r["Location"] == body["url"] and body["url"].endswith(f"/api/v1/ingest/{body['id']}/")
    return body


def _article(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    return (f"<html><head><title>{title}</title><meta property='og:site_name' content='Tech Daily'></head>"
            f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>")


def test_posted_text_is_accepted_then_polled_until_done(ed, django_capture_on_commit_callbacks):
    text = (SAMPLES / "000_3533d663893043f7.txt").read_text()
    body = _post(ed, django_capture_on_commit_callbacks, text=text)
    status = ed.get(body["url"]).json()
    assert status["status"] == "done" and status["stage"] == "" and status["error"] == ""
    doc = Document.objects.get(pk=status["document_id"])
    assert status["document"].endswith(f"/api/v1/documents/{doc.pk}/") and doc.quotes.exists()
    assert ed.get(status["document"]).status_code == 200

    again = _post(ed, django_capture_on_commit_callbacks, text=text)  # the same bytes: a duplicate at once
    assert again["status"] == "duplicate" and again["document_id"] == doc.pk and again["id"] != body["id"]
    assert Document.objects.count() == 1


def test_a_posted_url_is_fetched_by_the_worker(ed, web, django_capture_on_commit_callbacks):
    url = web.serve("/story", _article("Musk testifies", (SAMPLES / "001_df2d44c0bc6c26d2.txt").read_text()))
    body = _post(ed, django_capture_on_commit_callbacks, url=url)
    status = ed.get(body["url"]).json()
    assert status["status"] == "done", status
    assert Document.objects.get(pk=status["document_id"]).publisher == "Tech Daily"
    assert web.hits["/story"] == 1
    again = _post(ed, django_capture_on_commit_callbacks, url=url)
    assert again["status"] == "duplicate" and again["document_id"] == status["document_id"]
    assert web.hits["/story"] == 1


def test_a_failure_is_reported_with_its_stage_and_error(ed, django_capture_on_commit_callbacks):
    body = _post(ed, django_capture_on_commit_callbacks, text="   \n  ")
    status = ed.get(body["url"]).json()
    assert status["status"] == "failed" and status["stage"] == "detect" and "no text" in status["error"]
    assert status["document"] is None


def test_the_request_only_queues_the_work(ed, monkeypatch, django_capture_on_commit_callbacks):
    """The request records the input and sends the task to the broker; no worker here, so nothing is processed."""
    from ingest import tasks

    sent = []
    monkeypatch.setattr(tasks.ingest_inputs, "delay", lambda ids: sent.append(ids))
    started = time.monotonic()
    body = _post(ed, django_capture_on_commit_callbacks, text=(SAMPLES / "002_cecfb31d6518ce93.txt").read_text())
    elapsed = time.monotonic() - started
    assert sent == [[body["id"]]]
    assert body["status"] == "queued" and body["document"] is None and body["attempts"] == 0
    assert elapsed < 2 and not Document.objects.exists()
    assert RawInput.objects.get(pk=body["id"]).status == "pending"


def test_bad_requests_and_the_status_endpoint_guards(client, ed):
    assert ed.post("/api/v1/documents/", {}, content_type="application/json").status_code == 400
    assert ed.post("/api/v1/documents/", {"text": "a", "url": "https://example.com/"},
                   content_type="application/json").status_code == 400
    assert ed.get("/api/v1/ingest/999999/").status_code == 404
    ri = RawInput.objects.create(source="api")
    assert ed.get(f"/api/v1/ingest/{ri.pk}/").json()["status"] == "queued"
    ed.logout()
    assert client.get(f"/api/v1/ingest/{ri.pk}/").status_code == 401
    User.objects.create_user("reader", password="pw")  # an account without the ingest permission
    client.login(username="reader", password="pw")
    assert client.get(f"/api/v1/ingest/{ri.pk}/").status_code == 403
    assert client.post("/api/v1/documents/", {"text": "a"}, content_type="application/json").status_code == 403


def test_the_schema_documents_the_202_and_the_status(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    post = schema["paths"]["/api/v1/documents/"]["post"]
    assert "202" in post["responses"] and "201" not in post["responses"]
    status = schema["paths"]["/api/v1/ingest/{id}/"]["get"]["responses"]["200"]["content"]["application/json"]
    component = schema["components"]["schemas"][status["schema"]["$ref"].rsplit("/", 1)[1]]
    assert set(component["properties"]) >= {"status", "url", "document", "stage", "error"}


def test_a_network_error_to_be_retried_is_running_not_failed(ed, settings, monkeypatch):
    """A retryable fetch error schedules a retry with backoff; until it ends, the poll says running."""
    import socket

    from ingest import tasks

    settings.INGEST_ALLOW_PRIVATE_URLS = True
    with socket.socket() as s:  # a port nothing listens on: connection refused, a retryable network error
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}/story"
    ri = RawInput.objects.create(source=url, url=url)
    retries = []

    def retry(**kwargs):
        retries.append(kwargs)
        return RuntimeError("retry")

    monkeypatch.setattr(tasks.ingest_inputs, "retry", retry)
    tasks.ingest_inputs.run([ri.pk])  # as on a worker (not eager)
    assert retries and retries[0]["args"] == [[ri.pk]] and retries[0]["countdown"] == tasks.NETWORK_RETRY_COUNTDOWN
    status = ed.get(f"/api/v1/ingest/{ri.pk}/").json()
    assert status["status"] == "running" and status["stage"] == "fetch" and "network error" in status["error"]
