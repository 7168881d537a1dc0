"""The follow-up work of a write, collected per transaction and done once, just before it commits.

Every writer runs inside ``writes.atomic()`` (a decorator or a context manager, like
``transaction.atomic``). The outermost one binds a ``Pending`` collector to its atomic block on this
connection; writers nested in it share that collector. Writers mark the rows whose stored search vectors
their change makes stale (``pending().mark("parties", pk)``); when the outermost block ends without an
error the marked rows are refreshed once each, set-based, still inside the transaction, so the vectors
are visible the moment it commits and a hot row (OpenAI's party) is updated once per transaction, not
once per writer. Work that must wait for the commit (caches, tasks, alerts) goes through
``Pending.on_commit`` (``transaction.on_commit``: dropped when its block rolls back).

Writers also tell what changed for the people who follow it (``pending().change(...)``, see
``casetracker.changes``): the changes are written to the outbox table in the same transaction, and real-time
alerts are queued when it commits.

A block that fails takes what it marked with it: a nested block that raises (its savepoint rolled back)
drops its own marks, and the outermost one drops everything, so nothing is left for the next transaction.
Nothing here is module-global: the collector lives on the connection (one per thread) and only while
its block is open.
"""
from __future__ import annotations

import functools
from typing import Callable, Iterable, Optional

from django.db import DEFAULT_DB_ALIAS, transaction

# "party_cases": parties whose names or aliases changed; the cases they are in are refreshed
KINDS = ("documents", "quotes", "allegations", "parties", "party_cases", "cases")
_ATTR = "casetracker_pending"


class Pending:
    """Rows of one transaction whose search vectors need a refresh before it commits."""

    def __init__(self, using: str, block):
        self.using = using
        self.block = block  # the outermost django Atomic this collector belongs to
        self._marked: dict[str, dict[int, None]] = {kind: {} for kind in KINDS}  # insertion-ordered sets
        self._savepoints: list[dict[str, int]] = []
        self._changes: list[dict] = []  # what followers are told (casetracker.changes), in order
        self.flushes = 0
        # the writer rewrote the review queue's rows its change touches itself (an editor's decision, its own
        # transaction: review_queue.sync_case / sync_fact), so no case is marked stale for a rebuild
        self.queue_synced = False

    @property
    def nested(self) -> bool:
        """Whether the writer running now is nested in a larger write (its own savepoint)."""
        return bool(self._savepoints)

    def change(self, **fields) -> None:
        """Record a change for followers (casetracker.changes builds these); written when the block ends."""
        self._changes.append(fields)

    def mark(self, kind: str, ids: Iterable[int] | int) -> None:
        marked = self._marked[kind]  # KeyError for an unknown kind: a typo must not pass silently
        for pk in ([ids] if isinstance(ids, int) else ids):
            if pk is not None:
                marked[int(getattr(pk, "pk", pk))] = None

    def marked(self, kind: str) -> list[int]:
        return list(self._marked[kind])

    def on_commit(self, func: Callable[[], None]) -> None:
        transaction.on_commit(func, using=self.using)

    def _enter(self) -> None:
        self._savepoints.append({**{kind: len(ids) for kind, ids in self._marked.items()}, "": len(self._changes)})

    def _exit(self, failed: bool) -> None:
        sizes = self._savepoints.pop()
        if failed:  # marks are appended in order: what came after the savepoint goes with it
            for kind, ids in self._marked.items():
                for pk in list(ids)[sizes[kind]:]:
                    del ids[pk]
            del self._changes[sizes[""]:]

    def flush(self) -> None:
        """Refresh every marked row once: documents first (their vectors hold their cases' captions and
        their parties' names), then quotes, allegations, parties and cases."""
        from casetracker.models import CaseParty
        from casetracker.search import vectors

        def party_cases(ids):
            self.mark("cases", CaseParty.objects.filter(party_id__in=ids).values_list("case_id", flat=True).distinct())

        refresh = {"party_cases": party_cases, "documents": functools.partial(vectors.refresh_documents, related=False),
                   "quotes": vectors.refresh_quotes, "allegations": vectors.refresh_allegations,
                   "parties": vectors.refresh_parties, "cases": vectors.refresh_cases}
        searchable = any(self._marked.values())  # what a search finds may have changed
        touched: dict[str, set] = {"cases": set(), "documents": set()}
        while any(self._marked.values()):
            for kind in KINDS:
                ids = list(self._marked[kind])
                self._marked[kind].clear()
                if ids:
                    touched.get(kind, set()).update(ids)
                    refresh[kind](sorted(ids))  # one order everywhere: concurrent writers lock rows alike
        if (touched["cases"] or touched["documents"]) and not self.queue_synced:  # their queue rows are stale
            from casetracker import review_queue
            from casetracker.models import CaseDocument

            review_queue.mark_stale(touched["cases"] | set(CaseDocument.objects.filter(
                document_id__in=sorted(touched["documents"])).values_list("case_id", flat=True)))
        if self._changes or searchable:
            from casetracker import changes

            changes.write(self, self._changes, searchable=searchable)
            self._changes = []
        self.flushes += 1


def pending(using: Optional[str] = None) -> Pending:
    """The collector of the writer open on this connection; a write outside any writer is a bug."""
    current = _current(transaction.get_connection(using))
    if current is None:
        raise RuntimeError("no writer is open: wrap the write in casetracker.writes.atomic()")
    return current


def _current(connection) -> Optional[Pending]:
    current = getattr(connection, _ATTR, None)
    if current is not None and not any(block is current.block for block in connection.atomic_blocks):
        current = None  # its block is gone (closed connection): never reuse it
        setattr(connection, _ATTR, None)
    return current


class _Block:
    def __init__(self, using: Optional[str], savepoint: bool):
        self.using, self.savepoint = using, savepoint

    def __call__(self, func: Callable) -> Callable:
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with _Block(self.using, self.savepoint):  # a fresh block per call: writers may recurse
                return func(*args, **kwargs)

        return wrapper

    def __enter__(self) -> Pending:
        self.connection = transaction.get_connection(self.using)
        self.atomic = transaction.atomic(using=self.using, savepoint=self.savepoint)
        self.atomic.__enter__()
        current = _current(self.connection)
        if current is not None:
            self.outermost, self.pending = False, current
            current._enter()
        else:
            self.outermost = True
            self.pending = Pending(self.using or DEFAULT_DB_ALIAS, self.connection.atomic_blocks[-1])
            setattr(self.connection, _ATTR, self.pending)
        return self.pending

    def __exit__(self, exc_type, exc, tb):
        if not self.outermost:
            self.pending._exit(failed=exc_type is not None)
            return self.atomic.__exit__(exc_type, exc, tb)
        try:
            if exc_type is None:
                try:
                    self.pending.flush()
                except BaseException as error:  # the refresh failed: the transaction rolls back with it
                    setattr(self.connection, _ATTR, None)
                    self.atomic.__exit__(type(error), error, error.__traceback__)
                    raise
        finally:
            setattr(self.connection, _ATTR, None)
        return self.atomic.__exit__(exc_type, exc, tb)


def atomic(func: Optional[Callable] = None, *, using: Optional[str] = None, savepoint: bool = True):
    """``transaction.atomic`` for writers: ``@atomic``, ``@atomic(savepoint=False)`` or ``with atomic() as p``.

    ``savepoint=False`` suits small helpers called many times inside a larger write (no SAVEPOINT round
    trips); an error in them then fails the whole transaction, as Django's own ``savepoint=False`` does.
    """
    block = _Block(using, savepoint)
    return block if func is None else block(func)
