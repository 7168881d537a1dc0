"""Getting inputs in: record the raw bytes first, then read, extract, write — per document atomically.

One bad document never stops a batch: each failure is kept on its RawInput
with the stage that failed and the error, and can be retried.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from casetracker import services as domain
from casetracker import writes
from casetracker.models import Document, RawInput

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".pdf", ".json"}  # README/SOURCES.md are not documents


@dataclass
class Outcome:
    raw_input_id: int
    status: str  # "new", "duplicate", "failed"
    document_id: Optional[int] = None
    error: str = ""
    stage: str = ""
    source: str = ""
    retryable: bool = False  # a network error: worth trying again later


class IngestError(Exception):
    def __init__(self, stage: str, message: str, retryable: bool = False):
        super().__init__(message)
        self.stage = stage
        self.retryable = retryable


# --------------------------------------------------------------------------- recording inputs
def raw_input_create(*, source: str, raw: Optional[bytes] = None, url: str = "", filename: str = "",
                     content_type: str = "", raw_sha256: str = "") -> RawInput:
    return RawInput.objects.create(source=source[:2000], raw=raw, size=len(raw or b""), url=url[:2000],
                                   filename=filename[:500], content_type=content_type[:200], raw_sha256=raw_sha256)


def expand_sources(sources: Iterable[str]) -> Iterator[str]:
    """Files, folders (recursively, readable kinds only) and URLs, in a stable order."""
    for source in sources:
        if source.startswith(("http://", "https://")) or "://" in source:
            yield source
            continue
        path = Path(source)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                if child.suffix.lower() in TEXT_SUFFIXES:
                    yield str(child)
        else:
            yield source


def raw_input_for_source(source: str) -> tuple[Optional[RawInput], Optional[Outcome]]:
    """Record one source. A file whose exact bytes were already ingested is a duplicate at once."""
    if "://" in source:
        from ingest.readers import normalise_url

        try:
            url = normalise_url(source)
        except Exception:  # noqa: BLE001 - a malformed URL is recorded and fails in processing
            url = ""
        existing = Document.objects.filter(url=url).first() if url else None
        if existing:
            return None, Outcome(0, "duplicate", existing.pk, source=source)
        return raw_input_create(source=source, url=source), None
    path = Path(source)
    try:
        raw = path.read_bytes()
    except OSError as e:
        ri = raw_input_create(source=source, filename=path.name)
        _fail(ri, "read", f"cannot read file: {e.strerror or e}")
        return ri, Outcome(ri.pk, "failed", error=ri.error, stage="read", source=source)
    if len(raw) > settings.INGEST_MAX_BYTES:
        ri = raw_input_create(source=source, raw=raw[: 1024 * 1024], filename=path.name)
        _fail(ri, "read", f"file is {len(raw) / 1e6:.1f} MB, over the {settings.INGEST_MAX_BYTES / 1e6:.0f} MB limit "
                          "(first MB kept)")
        return ri, Outcome(ri.pk, "failed", error=ri.error, stage="read", source=source)
    return raw_input_for_bytes(raw=raw, source=source, filename=path.name)


def raw_input_for_bytes(*, raw: bytes, source: str, filename: str = "", content_type: str = ""):
    """Record posted bytes; the exact bytes ingested before are a duplicate at once."""
    digest = hashlib.sha256(raw).hexdigest()
    seen = RawInput.objects.filter(raw_sha256=digest, status__in=[RawInput.Status.DONE, RawInput.Status.DUPLICATE]).first()
    if seen:
        return None, Outcome(seen.pk, "duplicate", seen.document_id, source=source)
    ri = raw_input_create(source=source, raw=raw, filename=filename, content_type=content_type, raw_sha256=digest)
    return ri, None


def _fail(ri: RawInput, stage: str, error: str) -> None:
    ri.status, ri.stage, ri.error = RawInput.Status.FAILED, stage, error[:5000]
    ri.save(update_fields=["status", "stage", "error", "updated_at"])


# --------------------------------------------------------------------------- processing
def _read(ri: RawInput):
    from ingest import readers

    raw = bytes(ri.raw) if ri.raw is not None else None
    url = ri.url
    content_type = ri.content_type
    if raw is None and url:
        try:
            fetched = readers.fetch_url(url, timeout=settings.INGEST_FETCH_TIMEOUT, max_bytes=settings.INGEST_MAX_BYTES,
                                        allow_private=settings.INGEST_ALLOW_PRIVATE_URLS)
        except readers.URLRefused as e:
            raise IngestError("fetch", str(e)) from e
        except readers.ReadError as e:
            raise IngestError("fetch", str(e), retryable=bool(getattr(e, "retryable", False))) from e
        raw, content_type, url = fetched.raw, fetched.content_type, fetched.final_url
        ri.raw, ri.size, ri.content_type = raw, len(raw), (content_type or "")[:200]
        ri.save(update_fields=["raw", "size", "content_type", "updated_at"])
    if raw is None:
        raise IngestError("read", "nothing to read: no bytes and no URL")
    try:
        doc = readers.read_bytes(raw, filename=ri.filename or None, content_type=content_type or None, url=url or None)
    except readers.ReadError as e:
        raise IngestError(getattr(e, "stage", "parse") or "parse", str(e)) from e
    if not doc.text.strip():
        raise IngestError("extract", "no text found in the input")
    return doc


def _to_input(doc) -> domain.DocumentInput:
    from ingest import readers

    return domain.DocumentInput(
        text=doc.text, sha256=readers.text_sha256(doc.text), title=doc.title or "", kind=doc.kind or "news",
        url=readers.normalise_url(doc.url) if doc.url else "", publisher=doc.publisher or "", author=doc.author or "",
        published_at=doc.published_at, content_type=doc.content_type or "", pages=tuple(doc.pages or ()),
        meta=dict(doc.meta or {}),
    )


def process(raw_input_ids: list[int]) -> list[Outcome]:
    """Read, extract (in nlp.pipe batches) and write each input; failures are recorded, not raised."""
    from ingest.nlp.pipeline import extract_many

    outcomes: dict[int, Outcome] = {}
    read: list[tuple[RawInput, object, domain.DocumentInput]] = []
    RawInput.objects.filter(pk__in=raw_input_ids).update(attempts=F("attempts") + 1, updated_at=timezone.now())
    for ri in RawInput.objects.filter(pk__in=raw_input_ids).order_by("id"):
        try:
            doc = _read(ri)
            data = _to_input(doc)
        except IngestError as e:
            _fail(ri, e.stage, str(e))
            outcomes[ri.pk] = Outcome(ri.pk, "failed", error=str(e), stage=e.stage, source=ri.source,
                                      retryable=e.retryable)
            continue
        except Exception as e:  # noqa: BLE001 - a reader bug must not stop the batch
            log.exception("reading %s failed", ri.source)
            _fail(ri, "parse", f"{type(e).__name__}: {e}")
            outcomes[ri.pk] = Outcome(ri.pk, "failed", error=str(e), stage="parse", source=ri.source)
            continue
        read.append((ri, doc, data))
    stored = dict(Document.objects.filter(sha256__in={data.sha256 for _, _, data in read})
                  .values_list("sha256", "pk")) if read else {}
    ready: list[tuple[RawInput, object, domain.DocumentInput]] = []
    for ri, doc, data in read:  # the same text stored before, or earlier in this batch, is a duplicate
        if data.sha256 in stored:
            existing = Document(pk=stored[data.sha256]) if stored[data.sha256] else None
            _done(ri, existing, RawInput.Status.DUPLICATE)
            outcomes[ri.pk] = Outcome(ri.pk, "duplicate", existing.pk if existing else None, source=ri.source)
            continue
        stored[data.sha256] = None
        ready.append((ri, doc, data))
    items = [(data.text, {"published": data.published_at, "title": data.title, "kind": data.kind})
             for _, _, data in ready]  # the kind of paper as make eval reads it (a complaint's own filing date)
    extractions = extract_many(items, batch_size=EXTRACT_BATCH) if items else iter(())
    from casetracker.statements import resolving_later

    with resolving_later():  # each case the batch's documents touched is resolved once, when the batch ends
        for (ri, doc, data), extraction in zip(ready, _ahead(_safe(extractions, len(ready)))):
            outcomes[ri.pk] = _write(ri, doc, data, extraction)
    return [outcomes[k] for k in sorted(outcomes)]


EXTRACT_BATCH = 8  # documents per nlp.pipe batch: the first ones are written while the next are extracted
_END = object()


def _ahead(results: Iterator) -> Iterator:
    """Run an iterator of extractions in a thread of its own, ahead of the writes that consume them.

    Extraction is text in, dataclasses out (ingest.nlp touches no database) and mostly holds the CPU;
    writing mostly waits for PostgreSQL, which releases the interpreter: the two overlap. The queue is
    unbounded (one batch of extractions), so the thread always finishes, even when the writer stops early.
    """
    import queue
    import threading

    handoff: queue.Queue = queue.Queue()

    def run() -> None:
        try:
            for result in results:
                handoff.put(result)
        except BaseException as e:  # noqa: BLE001 - handed to the writer's thread, which raises it
            handoff.put(e)
        finally:
            handoff.put(_END)

    threading.Thread(target=run, name="ingest-extract", daemon=True).start()
    while (item := handoff.get()) is not _END:
        if isinstance(item, BaseException) and not isinstance(item, IngestError):
            raise item
        yield item


def _safe(extractions, n):
    """Yield one extraction or exception per document, so one NLP failure does not lose the batch."""
    it = iter(extractions)
    for _ in range(n):
        try:
            yield next(it)
        except StopIteration:
            yield IngestError("extract", "the extractor returned no result")
        except Exception as e:  # noqa: BLE001
            log.exception("extraction failed")
            yield IngestError("extract", f"{type(e).__name__}: {e}")


def _write(ri: RawInput, doc, data: domain.DocumentInput, extraction) -> Outcome:
    if isinstance(extraction, Exception):
        _fail(ri, "extract", str(extraction))
        return Outcome(ri.pk, "failed", error=str(extraction), stage="extract", source=ri.source)
    try:
        document, story_error = _write_document(ri, doc, data, extraction)
    except Exception as e:  # noqa: BLE001 - nothing of this document was written
        log.exception("writing %s failed", ri.source)
        _fail(ri, "write", f"{type(e).__name__}: {e}")
        return Outcome(ri.pk, "failed", error=str(e), stage="write", source=ri.source)
    return Outcome(ri.pk, "new", document.pk, source=ri.source, error=story_error,
                   stage="stories" if story_error else "")


def _write_document(ri: RawInput, doc, data: domain.DocumentInput, extraction,
                    attempts: int = 4) -> tuple[Document, str]:
    """One transaction: the document, its story, docket, facts and links, its input marked done; retried when
    PostgreSQL breaks a deadlock between concurrent workers. Returns the document and the story error ('' if
    none): a failed story assignment is recorded on the input and the document is kept."""
    import random
    import time

    from django.db import OperationalError
    from psycopg import errors as pg_errors

    for attempt in range(attempts):
        try:
            with writes.atomic():
                document = domain.document_create(data=data)
                story_error = _assign_story(document)  # before linking takes its lock
                if getattr(doc, "docket", None) is not None:
                    from casetracker import dockets

                    dockets.docket_record(document=document, docket=doc.docket)
                domain.extraction_record(document=document, extraction=extraction)
                _done(ri, document, RawInput.Status.DONE, stage="stories" if story_error else "", error=story_error)
            return document, story_error
        except OperationalError as e:
            if attempt + 1 == attempts or not isinstance(
                    e.__cause__, (pg_errors.DeadlockDetected, pg_errors.SerializationFailure)):
                raise
            time.sleep(random.uniform(0.05, 0.3) * (attempt + 1))
    raise AssertionError("unreachable")


def _assign_story(document: Document) -> str:
    """Put the document in its story cluster, in a savepoint of its own: a failure there is logged and
    returned (''if none), and the document and everything else of its ingest are kept."""
    from casetracker import stories

    try:
        with writes.atomic():
            stories.assign(document)
    except Exception as e:  # noqa: BLE001 - clustering is an extra; the document stands without it
        log.exception("story assignment of document %s failed", document.pk)
        return f"story assignment failed: {type(e).__name__}: {e}"[:5000]
    return ""


def _done(ri: RawInput, document: Optional[Document], status: str, stage: str = "", error: str = "") -> None:
    ri.status, ri.document, ri.stage, ri.error = status, document, stage, error
    ri.save(update_fields=["status", "document", "stage", "error", "updated_at"])


@writes.atomic
def reextract(documents) -> int:
    """Rebuild extracted facts of documents with the current pipeline; editors' decisions are honoured and what
    changed is recorded in the history."""
    from ingest.nlp.pipeline import extract_many

    from casetracker import history

    documents = list(documents)
    items = [(d.text, {"published": d.published_at, "title": d.title, "kind": d.kind}) for d in documents]
    n = 0
    for document, extraction in zip(documents, extract_many(items)):
        with history.acting(source="extraction", extractor_version=extraction.extractor_version):
            before = history.snapshot(document)  # what changes is recorded (casetracker.history)
            domain.document_clear_facts(document=document)
            domain.extraction_record(document=document, extraction=extraction)
            history.facts_diff(before, history.snapshot(document), extraction.extractor_version)
        n += 1
    return n
