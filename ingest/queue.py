"""Ingest requests from the web: record the input, queue it for a Celery worker, report where it stands.

A web request never reads, fetches or extracts anything: ``ingest_submit`` stores the input (a RawInput row)
and queues ``ingest.tasks.ingest_inputs`` once the row is committed; the client polls the RawInput's status
(``public_status``) at /api/v1/ingest/<id>/.
"""
from __future__ import annotations

from typing import Optional

from django.db import transaction

from casetracker.models import RawInput
from ingest import services

STATUSES = ("queued", "running", "done", "duplicate", "failed")


def ingest_submit(*, url: Optional[str] = None, raw: Optional[bytes] = None, filename: str = "",
                  content_type: str = "", source: str = "api") -> RawInput:
    """One RawInput for the request, queued for a worker; an input seen before is recorded as a duplicate
    of its document at once (the poll URL says so), without queueing anything."""
    if url:
        raw_input, outcome = services.raw_input_for_source(url)
    else:
        raw_input, outcome = services.raw_input_for_bytes(raw=raw or b"", source=source, filename=filename,
                                                          content_type=content_type)
    if outcome is not None:
        return _duplicate(url=url, raw=raw, filename=filename, content_type=content_type, source=url or source,
                          document_id=outcome.document_id)
    pk = raw_input.pk

    def queue():
        from ingest.tasks import ingest_inputs

        ingest_inputs.delay([pk])

    transaction.on_commit(queue)
    return raw_input


@transaction.atomic
def _duplicate(*, url, raw, filename, content_type, source, document_id) -> RawInput:
    import hashlib

    ri = services.raw_input_create(source=source, url=url or "", filename=filename, content_type=content_type)
    ri.size = len(raw or b"")
    ri.raw_sha256 = hashlib.sha256(raw).hexdigest() if raw is not None else ""
    ri.status, ri.document_id = RawInput.Status.DUPLICATE, document_id
    ri.save(update_fields=["size", "raw_sha256", "status", "document", "updated_at"])
    return ri


def public_status(ri: RawInput) -> str:
    """queued (waiting for a worker), running (a worker took it; also while it waits to be retried after a
    worker was lost), done, duplicate, failed."""
    if ri.status == RawInput.Status.PENDING:
        return "running" if ri.attempts else "queued"
    return str(ri.status)


def ingest_status_qs():
    """RawInputs as the status endpoint shows them: never their raw bytes (up to INGEST_MAX_BYTES)."""
    return RawInput.objects.defer("raw")
