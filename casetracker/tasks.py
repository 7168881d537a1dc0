"""Celery tasks of following: thin wrappers over casetracker.alerts and casetracker.webhooks (they take primary keys
or a frequency, are idempotent and acknowledged late: a redelivered task finds what was sent already recorded)."""
from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_alerts(frequency: str | None = None, search: bool = True) -> dict:
    """Send what is due: queued after a commit that recorded changes (real time) and run by beat (the real-time
    sweep every ALERTS_SWEEP_SECONDS, the digests at ALERTS_DIGEST_HOUR)."""
    from casetracker import alerts

    return alerts.send_due(frequency, search=search)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def deliver_webhook(delivery_id: int) -> str | None:
    from casetracker import webhooks

    return webhooks.deliver(delivery_id)


@shared_task(acks_late=True)
def deliver_due_webhooks() -> dict:
    """Beat: retries whose time has come, and deliveries whose first task was lost."""
    from casetracker import webhooks

    return webhooks.deliver_due()


@shared_task(acks_late=True)
def refresh_review_queue(rebuild: bool = False) -> int:
    """Beat: rebuild the review queue's rows of the cases writers marked stale (every minute, so a read rarely
    waits for it), and every case's once a day (a fact's visibility decays with its age)."""
    from casetracker import review_queue

    return review_queue.rebuild() if rebuild else review_queue.refresh_stale()
