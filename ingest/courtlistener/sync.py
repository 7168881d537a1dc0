"""Following CourtListener dockets and keeping them current (the Django side of ingest/courtlistener/).

- ``follow`` marks a docket followed (from the command line or a case's page) and ``sync_docket`` fetches it:
  the docket, its entries, parties and attorneys, following the cursor pages;
- a later sync asks for the docket first and, only when its ``date_modified`` (or last filing) moved, for the
  entries changed since the newest one it has (``date_modified__gte``) and for the parties and attorneys;
- ``sync_all`` refreshes every followed docket within the rate limits: one docket's error is recorded on it and
  the batch goes on; when the rate limit is used up the rest wait for the next sync;
- a webhook's docket entries are merged without a request (``webhook_process``).

What was fetched is kept merged on the FollowedDocket and, each time it changes, as a RawInput (the bytes the
docket document was read from); the docket document is re-read in place, so its page and its entries' events
keep their addresses."""
from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from casetracker.models import Case, Document, FollowedDocket, RawInput, WebhookEvent
from ingest.courtlistener.client import Client, CourtListenerError, docket_id
from ingest.courtlistener.ratelimit import RateLimiter, parse_rate

log = logging.getLogger(__name__)


class CacheStore:
    """The limiter's request times in the shared cache: the command, the workers and the webhook tasks draw on
    one budget."""

    KEY = "courtlistener:requests"

    def load(self) -> list[float]:
        return list(cache.get(self.KEY) or [])

    def save(self, stamps: list[float]) -> None:
        cache.set(self.KEY, stamps, timeout=2 * 86400)


def client(*, clock: Callable[[], float] = time.time, sleep: Callable[[float], None] = time.sleep) -> Client:
    """A client configured from the settings (COURTLISTENER_API_URL, _TOKEN, _RATE, _TIMEOUT, _MAX_WAIT)."""
    limiter = RateLimiter(parse_rate(settings.COURTLISTENER_RATE), clock=clock, sleep=sleep, store=CacheStore(),
                          max_wait=settings.COURTLISTENER_MAX_WAIT)
    return Client(settings.COURTLISTENER_API_URL, settings.COURTLISTENER_TOKEN, limiter=limiter,
                  timeout=settings.COURTLISTENER_TIMEOUT, max_wait=settings.COURTLISTENER_MAX_WAIT, sleep=sleep,
                  clock=clock)


# --------------------------------------------------------------------------- following
def follow(ref, *, case: Optional[Case] = None, user=None) -> FollowedDocket:
    """Mark a docket (an id or a courtlistener.com URL; ValueError otherwise) followed; ``case``: the case it
    belongs to, when followed from that case's page."""
    cl_id = docket_id(ref)
    fd, created = FollowedDocket.objects.get_or_create(courtlistener_id=cl_id, defaults={
        "case": case, "followed_by": user if getattr(user, "is_authenticated", False) else None})
    changed = []
    if not fd.active:
        fd.active, changed = True, changed + ["active"]
    if case is not None and fd.case_id is None:
        fd.case, changed = case, changed + ["case"]
    if changed:
        fd.save(update_fields=changed)
    return fd


def follow_queued(ref, *, case: Optional[Case] = None, user=None) -> FollowedDocket:
    """Follow and queue the first fetch (a web request never waits for CourtListener)."""
    from ingest.tasks import courtlistener_follow

    with transaction.atomic():
        fd = follow(ref, case=case, user=user)
        transaction.on_commit(lambda: courtlistener_follow.delay(fd.pk))
    return fd


def unfollow(ref) -> int:
    return FollowedDocket.objects.filter(courtlistener_id=docket_id(ref)).update(active=False)


# --------------------------------------------------------------------------- syncing
@dataclass
class Synced:
    docket: int
    changed: bool = False
    new_entries: int = 0
    case: Optional[Case] = None


def _entry_key(entry: dict) -> str:
    if entry.get("id") is not None:
        return str(entry["id"])
    return f"n{entry.get('entry_number')}-{entry.get('date_filed')}-{hashlib.sha1(str(entry.get('description')).encode()).hexdigest()[:8]}"


def _newest(entries: dict, before: str = "") -> str:
    stamps = [str(e.get("date_modified")) for e in entries.values() if e.get("date_modified")]
    return max(stamps + ([before] if before else []), default="")


def sync_docket(fd: FollowedDocket, *, api: Optional[Client] = None, full: bool = False) -> Synced:
    """Fetch what changed on one followed docket and write it; an error is recorded on ``fd`` (and raised)."""
    api = api or client()
    FollowedDocket.objects.filter(pk=fd.pk).update(attempts=F("attempts") + 1, last_attempt_at=timezone.now())
    cl_id = fd.courtlistener_id
    data = dict(fd.data or {})
    try:
        docket = api.docket(cl_id)
        first = full or not data.get("docket") or fd.document_id is None
        before = data.get("docket") or {}
        if not first and (docket.get("date_modified"), docket.get("date_last_filing")) == (
                before.get("date_modified"), before.get("date_last_filing")):
            _succeeded(fd, fields={})
            return Synced(cl_id)
        entries = {} if first else dict(data.get("entries") or {})
        known = set(entries)
        for entry in api.docket_entries(cl_id, "" if first else fd.entries_modified):
            entries[_entry_key(entry)] = entry
        data = {"docket": docket, "entries": entries, "parties": api.parties(cl_id), "attorneys": api.attorneys(cl_id)}
    except CourtListenerError as e:
        _failed(fd, e.kind, str(e))
        raise
    case = record(fd, data)
    return Synced(cl_id, changed=True, new_entries=len(set(data["entries"]) - known), case=case)


def _succeeded(fd: FollowedDocket, fields: dict) -> None:
    fields = {**fields, "status": FollowedDocket.Status.OK, "error": "", "error_kind": "",
              "last_synced_at": timezone.now()}
    FollowedDocket.objects.filter(pk=fd.pk).update(**fields)
    for name, value in fields.items():
        setattr(fd, name, value)


def _failed(fd: FollowedDocket, kind: str, message: str) -> None:
    log.warning("CourtListener docket %s: %s", fd.courtlistener_id, message)
    FollowedDocket.objects.filter(pk=fd.pk).update(status=FollowedDocket.Status.FAILED, error=message[:5000],
                                                   error_kind=kind[:20])
    fd.status, fd.error, fd.error_kind = FollowedDocket.Status.FAILED, message[:5000], kind[:20]


def bundle(data: dict) -> dict:
    """The docket with its entries, parties and attorneys nested, as ingest.readers.dockets reads it."""
    entries = sorted((data.get("entries") or {}).values(),
                     key=lambda e: (str(e.get("date_filed") or "9999"), e.get("entry_number") or 0, str(e.get("id"))))
    return {**(data.get("docket") or {}), "docket_entries": entries, "parties": data.get("parties") or [],
            "attorneys": data.get("attorneys") or []}


def record(fd: FollowedDocket, data: dict) -> Case:
    """Write the docket as the case's source: its raw bytes kept first, then the docket document (re-read in place
    when it exists) with its case fields, parties, counsel, entries and extracted facts, in one transaction."""
    from casetracker import dockets, linking, services as domain, statements, writes
    from ingest import readers, services as ingest
    from ingest.nlp.pipeline import extract_many

    cl_id = fd.courtlistener_id
    raw = json.dumps(bundle(data), sort_keys=True, ensure_ascii=False).encode("utf-8")
    ri = ingest.raw_input_create(source=f"courtlistener:docket/{cl_id}", raw=raw, url=fd.url[:2000],
                                 filename=f"courtlistener-docket-{cl_id}.json", content_type="application/json",
                                 raw_sha256=hashlib.sha256(raw).hexdigest())
    try:
        read = readers.read_bytes(raw, filename="docket.json", content_type="application/json", url=fd.url)
        read.docket.courtlistener_id = cl_id
        item = ingest._to_input(read)
        extraction = next(extract_many([(item.text, {"published": item.published_at, "title": item.title})]))
        with writes.atomic():
            document = Document.objects.filter(pk=fd.document_id).first() if fd.document_id else None
            if document is None:
                document = Document.objects.filter(sha256=item.sha256).first()  # the same docket ingested as a file
            if document is None:
                document = domain.document_create(data=item)
            else:
                domain.document_clear_facts(document=document, prune=False)
                if Document.objects.filter(sha256=item.sha256).exclude(pk=document.pk).exists():
                    raise ValueError("another document holds this docket's text")
                for name in ("text", "sha256", "title", "url", "publisher", "published_at", "content_type", "meta"):
                    setattr(document, name, getattr(item, name))
                document.save()
            case = dockets.docket_record(document=document, docket=read.docket, case=fd.case)
            domain.extraction_record(document=document, extraction=extraction)
            linking.prune_orphan_events()
            statements.case_resolve(Case.objects.get(pk=case.pk))
            ingest._done(ri, document, RawInput.Status.DONE)
            fd.case, fd.document, fd.data = case, document, data
            fd.docket_modified = str((data.get("docket") or {}).get("date_modified") or "")[:40]
            fd.entries_modified = _newest(data.get("entries") or {}, fd.entries_modified)[:40]
            fd.save(update_fields=["case", "document", "data", "docket_modified", "entries_modified"])
            _succeeded(fd, fields={})
    except Exception as e:  # noqa: BLE001 - recorded on the docket and its input; the next sync tries again
        log.exception("writing CourtListener docket %s failed", cl_id)
        message = f"docket {cl_id}: could not be written: {type(e).__name__}: {e}"
        ingest._fail(ri, "write", message)
        _failed(fd, "write", message)
        raise CourtListenerError(f"could not be written: {type(e).__name__}: {e}", kind="write", docket=cl_id,
                                 retryable=False) from e
    return case


@dataclass
class Report:
    synced: list[Synced] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    deferred: list[int] = field(default_factory=list)  # left for the next sync (the rate limit is used up)

    def as_dict(self) -> dict:
        return {"synced": [s.docket for s in self.synced if s.changed],
                "unchanged": [s.docket for s in self.synced if not s.changed],
                "new_entries": sum(s.new_entries for s in self.synced), "failed": self.failed,
                "deferred": self.deferred}


def sync_all(*, api: Optional[Client] = None) -> Report:
    """Refresh every followed docket, the longest-waiting first. One docket's error is recorded and the batch goes
    on; once the rate limit is used up, the remaining dockets wait for the next sync."""
    api = api or client()
    report = Report()
    followed = list(FollowedDocket.objects.filter(active=True).order_by(
        F("last_attempt_at").asc(nulls_first=True), "id"))
    for n, fd in enumerate(followed):
        try:
            report.synced.append(sync_docket(fd, api=api))
        except CourtListenerError as e:
            report.failed.append((fd.courtlistener_id, str(e)))
            if e.kind == "rate_limited":
                report.deferred = [f.courtlistener_id for f in followed[n + 1:]]
                break
    return report


# --------------------------------------------------------------------------- webhooks
DOCKET_ALERT = 1


def webhook_receive(*, key: str, payload: dict, remote_addr: Optional[str] = None) -> tuple[WebhookEvent, bool]:
    """Store a delivery once (by its Idempotency-Key) and queue its work; a repeat is not queued again."""
    from ingest.tasks import courtlistener_webhook

    webhook = payload.get("webhook") if isinstance(payload.get("webhook"), dict) else {}
    event_type = webhook.get("event_type") if isinstance(webhook.get("event_type"), int) else None
    with transaction.atomic():
        event, created = WebhookEvent.objects.get_or_create(idempotency_key=key[:200], defaults={
            "payload": payload, "event_type": event_type, "remote_addr": remote_addr})
        if created:
            transaction.on_commit(lambda: courtlistener_webhook.delay(event.pk))
    return event, created


def _docket_of(entry: dict) -> Optional[int]:
    from ingest.readers.dockets import _id_of

    value = entry.get("docket_id") or entry.get("docket")
    return _id_of(value)


def webhook_process(event_pk: int, *, api: Optional[Client] = None) -> WebhookEvent:
    """Merge a docket alert's entries into the followed dockets they belong to and write them (no request for a
    docket synced before; a docket never fetched yet is fetched whole)."""
    event = WebhookEvent.objects.get(pk=event_pk)
    if event.status == WebhookEvent.Status.DONE:
        return event
    notes = []
    try:
        if event.event_type not in (None, DOCKET_ALERT):
            notes.append(f"event type {event.event_type} is not a docket alert: ignored")
        else:
            body = event.payload.get("payload") if isinstance(event.payload.get("payload"), dict) else {}
            by_docket: dict[int, list[dict]] = {}
            for entry in body.get("results") or []:
                if isinstance(entry, dict) and _docket_of(entry) is not None:
                    by_docket.setdefault(_docket_of(entry), []).append(entry)
            for cl_id, new in by_docket.items():
                fd = FollowedDocket.objects.filter(courtlistener_id=cl_id, active=True).first()
                if fd is None:
                    notes.append(f"docket {cl_id}: not followed")
                    continue
                if not (fd.data or {}).get("docket") or fd.document_id is None:
                    sync_docket(fd, api=api, full=True)
                    notes.append(f"docket {cl_id}: fetched")
                    continue
                data = dict(fd.data)
                entries = dict(data.get("entries") or {})
                added = sum(1 for e in new if _entry_key(e) not in entries)
                entries.update({_entry_key(e): e for e in new})
                record(fd, {**data, "entries": entries})
                notes.append(f"docket {cl_id}: {len(new)} entries ({added} new)")
        event.status = WebhookEvent.Status.DONE
    except Exception as e:  # noqa: BLE001 - kept on the event; the docket's next sync fetches what it missed
        log.exception("webhook %s failed", event.idempotency_key)
        event.status = WebhookEvent.Status.FAILED
        notes.append(f"{type(e).__name__}: {e}")
    event.detail, event.processed_at = "\n".join(notes)[:5000], timezone.now()
    event.save(update_fields=["status", "detail", "processed_at"])
    return event
