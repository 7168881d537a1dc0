"""Webhooks: members' endpoints, signed deliveries, retries, disabling and replay.

Signing follows Standard Webhooks (https://www.standardwebhooks.com/): headers ``webhook-id`` (the message id,
the same on every attempt: the receiver's idempotency key, also sent as ``Idempotency-Key``), ``webhook-timestamp``
(Unix seconds of the attempt) and ``webhook-signature`` (``v1,`` and the base64 HMAC-SHA256 of
``{id}.{timestamp}.{body}`` under the endpoint's secret, ``whsec_`` and the base64 of the key).

A delivery is a row (written in the transaction that fired the alert): it is tried at once after the commit, then
again after each delay of WEBHOOK_RETRY_SCHEDULE (about two days in all) by the beat's ``deliver_due_webhooks``;
a 2xx answer delivers it. WEBHOOK_DISABLE_AFTER failures in a row (any deliveries) disable the endpoint and
email its owner; deliveries made while it is disabled wait, and re-enabling it replays them and what failed
since it started failing. URLs are user input: ``ingest.readers.fetch.post_url`` resolves the host at delivery
time and refuses loopback, private, link-local and other non-public addresses (WEBHOOK_ALLOW_PRIVATE_URLS lets
tests deliver to 127.0.0.1); redirects are not followed.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import logging
import secrets
import time
import uuid
from datetime import datetime, timedelta
from typing import Iterable, Optional

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from casetracker.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from ingest.readers.base import ReadError, URLRefused
from ingest.readers.fetch import _check_address, check_url, post_url

log = logging.getLogger(__name__)
SECRET_PREFIX = "whsec_"
TOLERANCE_SECONDS = 5 * 60


# --------------------------------------------------------------------------- Standard Webhooks signatures
def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret[len(SECRET_PREFIX):] if secret.startswith(SECRET_PREFIX) else secret)


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(_key(secret), f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def verify(secret: str, headers: dict, body: bytes, *, now: Optional[float] = None,
           tolerance: int = TOLERANCE_SECONDS) -> bool:
    """What a receiver does: the signature of one of the ``v1,`` entries matches, and the timestamp is recent."""
    lowered = {k.lower(): v for k, v in headers.items()}
    msg_id, stamp = lowered.get("webhook-id", ""), lowered.get("webhook-timestamp", "")
    if not msg_id or not stamp.isdigit() or abs((now or time.time()) - int(stamp)) > tolerance:
        return False
    expected = sign(secret, msg_id, int(stamp), body).encode()
    return any(hmac.compare_digest(expected, given.encode()) for given in lowered.get("webhook-signature", "").split()
               if given.startswith("v1,"))


# --------------------------------------------------------------------------- endpoints
def url_problem(url: str) -> str:
    """Why an endpoint URL cannot be registered ('' when it can). Host names are checked again at every
    delivery, after DNS; an address written in the URL is checked now."""
    if not url or len(url) > 2000:
        return "give an http(s) URL of at most 2000 characters"
    try:
        parts, _ = check_url(url)
        if not settings.WEBHOOK_ALLOW_PRIVATE_URLS:
            try:
                address = ipaddress.ip_address(parts.hostname.strip("[]"))
            except ValueError:
                address = None
            if address is not None:
                _check_address(str(address))
            elif parts.hostname.lower().rstrip(".") in ("localhost", "localhost.localdomain"):
                raise URLRefused("host is loopback (localhost)")
    except URLRefused as e:
        return f"not a URL webhooks may be sent to: {e}"
    return ""


def endpoint_create(*, user, url: str, description: str = "") -> WebhookEndpoint:
    problem = url_problem(url)
    if problem:
        raise ValueError(problem)
    return WebhookEndpoint.objects.create(user=user, url=url, description=description[:300], secret=new_secret())


@transaction.atomic
def endpoint_enable(*, endpoint: WebhookEndpoint) -> int:
    """Enable an endpoint again and replay what it missed: deliveries held while it was disabled and those that
    failed since it started failing. Returns how many are queued."""
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    missed = Q(status=WebhookDelivery.Status.PENDING)
    if endpoint.failing_since:
        missed |= Q(status=WebhookDelivery.Status.FAILED, created_at__gte=endpoint.failing_since - timedelta(
            seconds=sum(settings.WEBHOOK_RETRY_SCHEDULE)))
    ids = list(endpoint.deliveries.filter(missed).values_list("pk", flat=True))
    now = timezone.now()
    endpoint.deliveries.filter(pk__in=ids).update(status=WebhookDelivery.Status.PENDING, attempts=0,
                                                  next_attempt_at=now)
    endpoint.enabled, endpoint.disabled_at, endpoint.disabled_reason = True, None, ""
    endpoint.consecutive_failures, endpoint.failing_since = 0, None
    endpoint.save(update_fields=["enabled", "disabled_at", "disabled_reason", "consecutive_failures",
                                 "failing_since"])
    _queue_after_commit(ids)
    return len(ids)


def endpoint_disable(*, endpoint: WebhookEndpoint, reason: str = "disabled by its owner") -> None:
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(enabled=False, disabled_at=timezone.now(),
                                                          disabled_reason=reason[:500])


# --------------------------------------------------------------------------- deliveries
def payload(event_type: str, data: dict, when: Optional[datetime] = None) -> str:
    return json.dumps({"type": event_type, "timestamp": (when or timezone.now()).isoformat(), "data": data},
                      ensure_ascii=False, separators=(",", ":"))


def enqueue(*, endpoints: Iterable[WebhookEndpoint], event_type: str, data: dict, alert=None) -> list[WebhookDelivery]:
    """One delivery per endpoint (a disabled endpoint's waits for it to be enabled again), tried after the commit."""
    body, now = payload(event_type, data), timezone.now()
    rows = WebhookDelivery.objects.bulk_create([WebhookDelivery(
        endpoint=e, alert=alert, msg_id=f"msg_{uuid.uuid4().hex}", event_type=event_type, payload=body,
        next_attempt_at=now if e.enabled else None) for e in endpoints])
    _queue_after_commit([d.pk for d in rows if d.next_attempt_at is not None])
    return rows


def send_test(*, endpoint: WebhookEndpoint) -> WebhookDelivery:
    with transaction.atomic():
        return enqueue(endpoints=[endpoint], event_type="test", data={
            "message": "A test event from casetracker: your endpoint is reachable if this delivery shows 2xx.",
            "endpoint": endpoint.pk})[0]


def resend(*, delivery: WebhookDelivery) -> None:
    """Try a delivery again from the start of the schedule (the same webhook-id: a receiver that has it ignores it)."""
    if not delivery.endpoint.enabled:
        raise ValueError("the endpoint is disabled: enable it first (that replays what it missed)")
    with transaction.atomic():
        WebhookDelivery.objects.filter(pk=delivery.pk).update(status=WebhookDelivery.Status.PENDING, attempts=0,
                                                              next_attempt_at=timezone.now())
        _queue_after_commit([delivery.pk])


def _queue_after_commit(ids: list[int]) -> None:
    if not ids:
        return

    def queue():
        from casetracker import tasks

        for pk in ids:
            tasks.deliver_webhook.delay(pk)

    transaction.on_commit(queue, robust=True)  # a lost message loses nothing: the beat's sweep delivers what is due


def _headers(endpoint: WebhookEndpoint, delivery: WebhookDelivery, body: bytes) -> dict:
    stamp = int(time.time())
    return {"Content-Type": "application/json", "webhook-id": delivery.msg_id, "webhook-timestamp": str(stamp),
            "webhook-signature": sign(endpoint.secret, delivery.msg_id, stamp, body),
            "Idempotency-Key": delivery.msg_id}


def _attempt(endpoint: WebhookEndpoint, delivery: WebhookDelivery) -> tuple[Optional[int], str, str, int]:
    """(status code or None, error, start of the response, milliseconds)."""
    body = delivery.payload.encode()
    started = time.monotonic()
    status, error, response = None, "", ""
    try:
        result = post_url(endpoint.url, body, _headers(endpoint, delivery, body), timeout=settings.WEBHOOK_TIMEOUT,
                          allow_private=settings.WEBHOOK_ALLOW_PRIVATE_URLS)
        status, response = result.status, result.body.decode("utf-8", "replace")
        if not 200 <= status < 300:
            error = f"HTTP {status}" + (" (redirects are not followed)" if 300 <= status < 400 else "")
    except URLRefused as e:
        error = f"refused: {e}"
    except ReadError as e:
        error = str(e)
    return status, error[:1000], response[:1000], int((time.monotonic() - started) * 1000)


def deliver(delivery_id: int) -> Optional[str]:
    """One attempt of a due delivery (none when it is not due, delivered, held or taken by another worker):
    its outcome is logged, the next attempt scheduled, and an endpoint failing too often disabled."""
    now = timezone.now()
    with transaction.atomic():
        delivery = (WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",)).select_related("endpoint")
                    .filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING, endpoint__enabled=True,
                            next_attempt_at__lte=now).first())
        if delivery is None:
            return None
        status, error, response, ms = _attempt(delivery.endpoint, delivery)
        WebhookAttempt.objects.create(delivery=delivery, status_code=status, error=error, response=response,
                                      duration_ms=ms)
        endpoint = WebhookEndpoint.objects.select_for_update().get(pk=delivery.endpoint_id)
        delivery.attempts += 1
        delivery.last_status_code, delivery.last_error = status, error
        if not error:
            delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
                WebhookDelivery.Status.DELIVERED, timezone.now(), None)
            endpoint.consecutive_failures, endpoint.failing_since = 0, None
        else:
            schedule = settings.WEBHOOK_RETRY_SCHEDULE
            if delivery.attempts > len(schedule):
                delivery.status, delivery.next_attempt_at = WebhookDelivery.Status.FAILED, None
            else:
                delivery.next_attempt_at = timezone.now() + timedelta(seconds=schedule[delivery.attempts - 1])
            endpoint.consecutive_failures += 1
            endpoint.failing_since = endpoint.failing_since or now
            if endpoint.enabled and endpoint.consecutive_failures >= settings.WEBHOOK_DISABLE_AFTER:
                endpoint.enabled, endpoint.disabled_at = False, timezone.now()
                endpoint.disabled_reason = (f"{endpoint.consecutive_failures} failed deliveries in a row; "
                                            f"the last: {error}")[:500]
                transaction.on_commit(lambda: _tell_disabled(endpoint.pk), robust=True)
        delivery.save(update_fields=["attempts", "last_status_code", "last_error", "status", "delivered_at",
                                     "next_attempt_at"])
        endpoint.save(update_fields=["consecutive_failures", "failing_since", "enabled", "disabled_at",
                                     "disabled_reason"])
    return delivery.status


def deliver_due(limit: int = 500) -> dict:
    """Every due delivery of an enabled endpoint, oldest first (the beat's sweep and ``send_alerts``)."""
    counts: dict[str, int] = {}
    ids = list(WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING, endpoint__enabled=True,
                                              next_attempt_at__lte=timezone.now())
               .order_by("next_attempt_at", "id").values_list("pk", flat=True)[:limit])
    for pk in ids:
        outcome = deliver(pk)
        if outcome:
            counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def _tell_disabled(endpoint_id: int) -> None:
    endpoint = WebhookEndpoint.objects.select_related("user").get(pk=endpoint_id)
    if not endpoint.user.email:
        return
    manage = f"{settings.SITE_URL}/accounts/webhooks/{endpoint.pk}/"
    send_mail(
        subject="casetracker: your webhook endpoint was disabled",
        message=(f"Your webhook endpoint\n\n  {endpoint.url}\n\nwas disabled: {endpoint.disabled_reason}.\n\n"
                 f"Alerts made while it is disabled are kept. Enable it again on {manage} and they are replayed, "
                 f"with the deliveries that failed.\n"),
        from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=[endpoint.user.email])
