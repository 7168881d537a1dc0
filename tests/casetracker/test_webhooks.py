"""Webhooks: Standard Webhooks signatures, the URL guard at delivery time (DNS stubbed, outside connects fail
loudly), deliveries to a real receiver on 127.0.0.1, retries with backoff, disabling and replay."""
from __future__ import annotations

import json
import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from casetracker import alerts, following, webhooks
from casetracker.models import WebhookDelivery, WebhookEndpoint
from tests.casetracker.test_alerts import _new_article

VECTOR = {"secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
          "timestamp": 1614265330, "body": b'{"test": 2432232314}',
          "signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="}  # the specification's own test vector


def test_signatures_match_the_standard_webhooks_test_vector():
    v = VECTOR
    assert webhooks.sign(v["secret"], v["id"], v["timestamp"], v["body"]) == v["signature"]
    headers = {"webhook-id": v["id"], "webhook-timestamp": str(v["timestamp"]),
               "webhook-signature": "v1,bm90IGl0 " + v["signature"]}  # one of several signatures is enough
    assert webhooks.verify(v["secret"], headers, v["body"], now=v["timestamp"] + 10)
    assert not webhooks.verify(v["secret"], headers, v["body"] + b" ", now=v["timestamp"])  # body changed
    assert not webhooks.verify(v["secret"], headers, v["body"], now=v["timestamp"] + 600)  # replayed later
    assert not webhooks.verify("whsec_" + "A" * 32, headers, v["body"], now=v["timestamp"])  # another secret
    secret = webhooks.new_secret()
    assert secret.startswith("whsec_") and len(webhooks._key(secret)) == 24 and secret != webhooks.new_secret()


@pytest.mark.parametrize("url,why", [
    ("ftp://hooks.example/x", "only http and https"), ("javascript:alert(1)", "only http and https"),
    ("http://user:pw@hooks.example/", "credentials"), ("http://127.0.0.1:8000/", "loopback"),
    ("http://10.1.2.3/hook", "private"), ("http://[::1]/", "loopback"), ("http://169.254.169.254/", "link-local"),
    ("http://localhost:9000/", "loopback"), ("http:///nohost", "no host"),
])
def test_endpoint_urls_are_checked_when_registered(url, why):
    assert why in webhooks.url_problem(url)


def test_a_public_name_is_accepted_and_checked_again_at_delivery(settings):
    assert webhooks.url_problem("https://hooks.example.com/casetracker") == ""
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    assert webhooks.url_problem("http://127.0.0.1:8000/") == ""


@pytest.mark.parametrize("address,reason", [("10.0.0.7", "private"), ("127.0.0.1", "loopback"),
                                            ("169.254.169.254", "link-local"), ("::ffff:192.168.0.1", "private")])
def test_a_name_that_resolves_to_a_private_address_at_delivery_is_refused(member, monkeypatch, no_outside_connects,
                                                                          address, reason):
    endpoint = webhooks.endpoint_create(user=member, url="https://hooks.example.com/in")

    def resolver(host, port, *args, **kwargs):  # DNS rebinding: the name now points inside
        assert host == "hooks.example.com"
        return [(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    delivery = webhooks.send_test(endpoint=endpoint)
    assert webhooks.deliver(delivery.pk) == "pending"
    attempt = delivery.attempt_log.get()
    assert attempt.status_code is None and attempt.error.startswith("refused: host resolves to")
    assert reason in attempt.error


def _fire(member, musk_case, receiver) -> WebhookEndpoint:
    case, _ = musk_case
    endpoint = webhooks.endpoint_create(user=member, url=receiver.url, description="newsroom bot")
    following.alert_create(user=member, case=case)
    _new_article()
    assert alerts.send_due("realtime")["items"] == 3
    return endpoint


def test_an_alert_reaches_the_receiver_signed_with_the_endpoints_secret(member, musk_case, receiver):
    endpoint = _fire(member, musk_case, receiver)
    assert webhooks.deliver_due() == {"delivered": 1}
    (request,) = receiver.requests
    headers = {k.lower(): v for k, v in request["headers"].items()}
    assert webhooks.verify(endpoint.secret, headers, request["body"])
    assert headers["idempotency-key"] == headers["webhook-id"] and headers["webhook-id"].startswith("msg_")
    assert headers["content-type"] == "application/json"
    body = json.loads(request["body"])
    assert body["type"] == "alert.fired" and body["data"]["count"] == 3
    hearing = next(c for c in body["data"]["changes"] if c["kind"] == "event" and "hearing" in c["summary"])
    assert hearing["case"]["slug"] == "musk-v-openai" and hearing["source_url"] == "https://news.example/a"
    assert hearing["sentence"].startswith("At a hearing on March 4, 2025")
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "delivered" and delivery.last_status_code == 204
    assert webhooks.deliver_due() == {}  # delivered once


def test_a_failing_endpoint_is_retried_with_backoff_then_disabled_and_re_enabling_replays(
        member, musk_case, receiver, settings, django_capture_on_commit_callbacks):
    settings.WEBHOOK_RETRY_SCHEDULE = [5, 300, 1800, 7200, 18000, 36000, 36000, 36000, 36000]
    receiver.answer(503)
    endpoint = _fire(member, musk_case, receiver)
    delivery = WebhookDelivery.objects.get()
    delays = []
    for n in range(8):
        with django_capture_on_commit_callbacks(execute=True):
            before = timezone.now()
            assert webhooks.deliver(delivery.pk) == "pending"
        delivery.refresh_from_db()
        if delivery.next_attempt_at:
            delays.append(round((delivery.next_attempt_at - before).total_seconds()))
            WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert delays == [5, 300, 1800, 7200, 18000, 36000, 36000, 36000]  # backoff: about two days in all
    assert len(receiver.requests) == 8 and delivery.attempt_log.count() == 8
    assert set(delivery.attempt_log.values_list("status_code", flat=True)) == {503}
    endpoint.refresh_from_db()
    assert not endpoint.enabled and endpoint.consecutive_failures == 8
    assert endpoint.disabled_reason == "8 failed deliveries in a row; the last: HTTP 503"
    (notice,) = mail.outbox[1:]  # after the alert's own email
    assert notice.to == ["reporter@example.org"] and "was disabled" in notice.subject
    assert receiver.url in notice.body and f"/accounts/webhooks/{endpoint.pk}/" in notice.body
    assert webhooks.deliver_due() == {} and len(receiver.requests) == 8  # a disabled endpoint gets nothing
    # an alert fired while it is disabled waits for it
    _new_article("A hearing was held. The motion was denied in Musk v. OpenAI.", title="Later", url="https://x.example/b")
    assert alerts.send_due("realtime")["items"] == 1
    held = WebhookDelivery.objects.exclude(pk=delivery.pk).get()
    assert held.next_attempt_at is None and held.status == "pending"
    receiver.answer(200)
    assert webhooks.endpoint_enable(endpoint=endpoint) == 2
    assert webhooks.deliver_due() == {"delivered": 2}
    assert len(receiver.requests) == 10
    endpoint.refresh_from_db()
    assert endpoint.enabled and endpoint.consecutive_failures == 0


def test_a_delivery_that_runs_out_of_retries_fails_and_resend_starts_again(member, receiver, settings):
    settings.WEBHOOK_RETRY_SCHEDULE = [0, 0]
    settings.WEBHOOK_DISABLE_AFTER = 100
    receiver.answer(302)
    endpoint = webhooks.endpoint_create(user=member, url=receiver.url)
    delivery = webhooks.send_test(endpoint=endpoint)
    for _ in range(3):
        webhooks.deliver_due()
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.attempts == 3 and delivery.next_attempt_at is None
    assert delivery.last_error == "HTTP 302 (redirects are not followed)"
    receiver.answer(204)
    webhooks.resend(delivery=delivery)
    assert webhooks.deliver_due() == {"delivered": 1}
    bodies = [json.loads(r["body"]) for r in receiver.requests]
    assert {b["type"] for b in bodies} == {"test"}
    ids = {r["headers"]["webhook-id"] for r in receiver.requests}
    assert ids == {delivery.msg_id}  # the same idempotency key on every attempt


def test_the_readme_snippet_verifies_a_delivery():
    """The README's verification code, run as written, accepts our signature and refuses a tampered body."""
    import re
    import time
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    code = re.search(r"Verifying a delivery in Python.*?```python\n(.*?)```", readme, re.S).group(1)
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)  # noqa: S102 - our own README
    secret, body, stamp = webhooks.new_secret(), b'{"type":"test"}', int(time.time())
    headers = {"webhook-id": "msg_1", "webhook-timestamp": str(stamp),
               "webhook-signature": webhooks.sign(secret, "msg_1", stamp, body)}
    assert scope["verify"](secret, headers, body)
    assert not scope["verify"](secret, headers, body + b" ")
