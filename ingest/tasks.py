"""Celery tasks: thin, idempotent wrappers over ingest.services (they take primary keys)."""
from __future__ import annotations

import logging
import time
from dataclasses import asdict

from celery import shared_task
from django.conf import settings

from ingest import services

NETWORK_RETRY_COUNTDOWN = 30
log = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=4)
def ingest_inputs(self, raw_input_ids: list[int]) -> list[dict]:
    """Process recorded inputs; inputs already done are skipped, so a redelivered task is harmless.

    Acknowledged only when finished (acks_late): a worker killed in the middle leaves the message to the
    broker, which hands it to another worker (Redis: after CELERY_VISIBILITY_TIMEOUT); each document is
    written in one transaction, so the second run finds nothing half-written and stores the document once."""
    from casetracker.models import RawInput

    pending = list(RawInput.objects.filter(pk__in=raw_input_ids).exclude(
        status__in=[RawInput.Status.DONE, RawInput.Status.DUPLICATE]).values_list("pk", flat=True))
    if pending and settings.INGEST_TASK_PAUSE_SECONDS:  # tests only: a window to kill this worker in
        log.warning("ingest_inputs %s: pausing %g s (INGEST_TASK_PAUSE_SECONDS)", pending,
                    settings.INGEST_TASK_PAUSE_SECONDS)
        time.sleep(settings.INGEST_TASK_PAUSE_SECONDS)
    outcomes = services.process(pending) if pending else []
    retry = [o.raw_input_id for o in outcomes if o.retryable]
    if retry and self.request.retries < self.max_retries and not self.request.is_eager:
        # not failed yet: the status says running (the error of this attempt kept) until the retry ends it
        RawInput.objects.filter(pk__in=retry).update(status=RawInput.Status.PENDING)
        self.retry(args=[retry], countdown=NETWORK_RETRY_COUNTDOWN * 2 ** self.request.retries)
    return [asdict(o) for o in outcomes]


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=4)
def ingest_url(self, url: str) -> list[dict]:
    raw_input, outcome = services.raw_input_for_source(url)
    if outcome is not None:
        return [asdict(outcome)]
    return ingest_inputs.run([raw_input.pk])


@shared_task(acks_late=True)
def poll_feeds() -> dict:
    from ingest import feeds

    return feeds.poll_all()


# --------------------------------------------------------------------------- CourtListener (issue 17)
@shared_task(acks_late=True)
def courtlistener_sync() -> dict:
    """Celery beat (COURTLISTENER_SYNC_SECONDS): refresh the followed dockets within the rate limits."""
    from ingest.courtlistener import sync

    return sync.sync_all().as_dict()


@shared_task(acks_late=True)
def courtlistener_follow(followed_pk: int) -> dict:
    """The first fetch of a docket followed from a case's page; an error is recorded on it and the next sync
    tries again."""
    from casetracker.models import FollowedDocket
    from ingest.courtlistener import sync
    from ingest.courtlistener.client import CourtListenerError

    fd = FollowedDocket.objects.filter(pk=followed_pk, active=True).first()
    if fd is None:
        return {"docket": None}
    try:
        synced = sync.sync_docket(fd, full=not fd.document_id)
    except CourtListenerError as e:
        return {"docket": fd.courtlistener_id, "error": str(e)}
    return {"docket": fd.courtlistener_id, "new_entries": synced.new_entries}


@shared_task(acks_late=True)
def courtlistener_webhook(event_pk: int) -> str:
    from ingest.courtlistener import sync

    return sync.webhook_process(event_pk).status
