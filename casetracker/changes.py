"""What changed, for the people who follow it: the outbox.

The writers (linking, statements, services, dockets) call these functions inside their transaction; each one
records a change on the transaction's collector (``writes.pending().change``). When the outermost writer ends,
``write`` stores them in the ``Change`` table in that same transaction, so a change exists exactly when the data
it tells of does, and a worker that dies before telling anyone loses nothing: the next run of ``send_alerts``
finds it. After the commit one task is queued for real-time alerts (the beat sweep catches anything it misses).

A change's ``key`` names the news: an event retold by a second source, a docket read again or a re-extraction
give the same key, and the unique index keeps one row. Status and stage changes within one transaction are
netted (a re-extraction that clears a case and resolves it again to the same status tells nothing).
"""
from __future__ import annotations

import hashlib
import logging
from typing import Optional

from django.db import transaction

from casetracker import writes
from ingest.readers.base import http_url

log = logging.getLogger(__name__)
ROLES = ("plaintiff", "defendant")


def _h(*parts) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass")).hexdigest()[:24]


def _norm(text: str) -> str:
    return " ".join((text or "").lower().split())


def _source(document, evidence) -> dict:
    return {"document_id": getattr(document, "pk", None), "evidence_id": getattr(evidence, "pk", None),
            "sentence": (getattr(evidence, "sentence", "") or "")[:2000],
            "source_url": http_url(getattr(document, "url", "") or "")[:2000]}


def _title(document) -> str:
    return (document.title or "untitled document")[:300] + (f" ({document.publisher[:100]})" if document.publisher else "")


# --------------------------------------------------------------------------- what the writers call
def event_added(event, document, evidence) -> None:
    """A new dated step on a case's timeline (an event a second source retells is not new)."""
    if event.case_id is None:
        return
    when = event.date.isoformat() if event.date else "undated"
    writes.pending().change(
        kind="event", case_id=event.case_id, ref=("event", event.pk),
        key=f"event:{event.case_id}:{_h(event.kind, event.date, event.stage, event.status, _norm(event.title))}",
        summary=f"New {event.kind} ({when}): {event.title}"[:1000], **_source(document, evidence))


def document_linked(case, document, evidence=None) -> None:
    writes.pending().change(kind="document", case_id=case.pk, key=f"document:{case.pk}:{document.pk}",
                            summary=f"New source: {_title(document)}"[:1000], **_source(document, evidence))


def party_joined(case, party, role: str, evidence=None) -> None:
    """A party named on a side of a case: for its followers, a new case ("new suits against OpenAI")."""
    if role not in ROLES:
        return
    document = getattr(evidence, "document", None) if evidence is not None else None
    writes.pending().change(
        kind="party_role", case_id=case.pk, party_id=party.pk, role=role, key=f"role:{case.pk}:{party.pk}:{role}",
        summary=f"{party.name} is named as {role} in {case.case_name}"[:1000], **_source(document, evidence))


def allegations_added(allegations, document) -> None:
    """New distillation allegations: one change for the accuser's followers and one for the accused's."""
    for a in allegations:
        if a.rejected:
            continue
        teacher = f" {a.teacher.name}" if a.teacher_id else " its models"
        student = f" into {a.student.name}" if a.student_id else ""
        who = a.accuser.name if a.accuser_id else "A source"
        summary = f"{who} accuses {a.accused.name} of distilling{teacher}{student} ({a.status})"[:1000]
        for party, role in ((a.accuser, "accuser"), (a.accused, "accused")):
            if party is not None:
                writes.pending().change(
                    kind="allegation", party_id=party.pk, role=role, ref=("allegation", a.pk),
                    key=f"allegation:{a.fingerprint}:{a.status}:{party.pk}:{role}", summary=summary,
                    **_source(document, a.evidence))


def case_moved(case, field: str, old: str, new: str, step=None) -> None:
    """The case's status or stage changed; ``step`` is the event that shows it (its first source is quoted)."""
    if not old or old == "unknown" or old == new:  # a case's first resolution is not news
        return
    source = step.sources.select_related("document", "evidence").order_by("id").first() if step is not None else None
    writes.pending().change(kind=field, case_id=case.pk, old=old, new=new, step=getattr(step, "pk", None),
                            **_source(getattr(source, "document", None), getattr(source, "evidence", None)))


# --------------------------------------------------------------------------- written before the commit
def _label(field: str, value: str) -> str:
    from casetracker.models import Case

    choices = dict(Case.Status.choices if field == "status" else Case.Stage.choices)
    return str(choices.get(value, value or "none")).lower()


def _net_moves(changes: list[dict]) -> list[dict]:
    """Status and stage changes of one case in one transaction become one change, from the first old value to
    the last new one (none when they are the same)."""
    out, moves = [], {}
    for c in changes:
        if c["kind"] not in ("status", "stage"):
            out.append(c)
            continue
        slot = (c["case_id"], c["kind"])
        if slot in moves:
            moves[slot] = {**c, "old": moves[slot]["old"]}
        else:
            moves[slot] = c
            out.append(slot)
    result = []
    for c in out:
        if isinstance(c, tuple):
            c = moves[c]
            if c["old"] == c["new"]:
                continue
            c = {k: v for k, v in c.items() if k not in ("old", "new", "step")} | {
                "key": f"{c['kind']}:{c['case_id']}:{c['new']}:{c.get('step')}",
                "summary": f"{c['kind'].capitalize()} changed: {_label(c['kind'], c['old'])} → "
                           f"{_label(c['kind'], c['new'])}"}
        result.append(c)
    return result


def _still_there(changes: list[dict]) -> list[dict]:
    """Drop changes whose rows a later write of the same transaction deleted (an orphan event pruned), and give
    an allegation's change the case it was linked to after it was recorded."""
    from casetracker.models import Allegation, Case, Document, Event, Evidence, Party

    wanted: dict = {}
    for c in changes:
        for name, model in (("case_id", Case), ("party_id", Party), ("document_id", Document),
                            ("evidence_id", Evidence)):
            if c.get(name):
                wanted.setdefault(model, set()).add(c[name])
        if c.get("ref"):
            wanted.setdefault({"event": Event, "allegation": Allegation}[c["ref"][0]], set()).add(c["ref"][1])
    found = {}
    for model, ids in wanted.items():
        if model is Allegation:
            found[model] = dict(Allegation.objects.filter(pk__in=ids).values_list("pk", "case_id"))
        else:
            found[model] = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
    kept = []
    for c in changes:
        ref = c.pop("ref", None)
        if any(c.get(name) and c[name] not in found[model] for name, model in (
                ("case_id", Case), ("party_id", Party))):
            continue
        if ref and ref[1] not in found[{"event": Event, "allegation": Allegation}[ref[0]]]:
            continue
        for name, model in (("document_id", Document), ("evidence_id", Evidence)):
            if c.get(name) and c[name] not in found[model]:
                c[name] = None
        if ref and ref[0] == "allegation":
            c["case_id"] = found[Allegation][ref[1]]
        kept.append(c)
    return kept


def write(pending: writes.Pending, changes: list[dict], searchable: bool) -> int:
    """Store the transaction's changes (one INSERT; news already stored is skipped) and, after the commit, queue
    the real-time alerts they may fire (a search alert may fire whenever search vectors changed)."""
    from casetracker.models import Change

    rows = _still_there(_net_moves([dict(c) for c in changes])) if changes else []
    if rows:
        Change.objects.bulk_create([Change(**row) for row in rows], ignore_conflicts=True)
    if rows or searchable:
        transaction.on_commit(lambda: dispatch(changes=bool(rows), search=searchable), using=pending.using,
                              robust=True)
    return len(rows)


def dispatch(*, changes: bool, search: bool) -> Optional[str]:
    """After a commit: queue the real-time run when a real-time alert may fire (no broker message otherwise).
    A failure to queue loses nothing: the beat's sweep sends what is due."""
    from casetracker.models import Alert

    alerts = Alert.objects.filter(paused=False, frequency=Alert.Frequency.REALTIME)
    if not changes:
        alerts = alerts.exclude(query="")
    if not search:
        alerts = alerts.filter(query="")
    if not alerts.exists():
        return None
    from casetracker import tasks

    return tasks.send_alerts.delay(frequency="realtime", search=search).id
