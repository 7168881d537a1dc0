"""The history of facts and case fields: every change by an editor, by re-extraction or by ingestion, with who
(a user, or the extractor version), when, before and after and the editor's reason (models.Revision).

Writers record inside their transaction. Who acts is said once per transaction (``acting``): an editor's
decision, a re-extraction (its extractor version); what is recorded without one is ingestion. ``case_fields``
is called by statements.case_resolve with the fields it changed; ``facts_diff`` by re-extraction with what a
document's facts were before and after.
"""
from __future__ import annotations

import contextlib
from typing import Optional

from casetracker import writes
from casetracker.models import Revision

_ATTR = "history_actor"


@contextlib.contextmanager
def acting(*, source: str, user=None, reason: str = "", action: str = "", extractor_version: str = "",
           quiet: str = ""):
    """Within the block, changes are recorded as made by this actor. ``quiet``: a field the caller records itself
    (an editor's case field: one revision with the reason); case_resolve records only the other fields the
    decision moved."""
    pending = writes.pending()
    before = getattr(pending, _ATTR, None)
    setattr(pending, _ATTR, {"source": source, "user": user, "reason": reason, "action": action,
                             "extractor_version": extractor_version, "quiet": quiet})
    try:
        yield
    finally:
        setattr(pending, _ATTR, before)


def actor() -> dict:
    return getattr(writes.pending(), _ATTR, None) or {"source": Revision.Source.SYSTEM, "user": None, "reason": "",
                                                      "action": "", "extractor_version": "", "quiet": ""}


def record(*, case_id: Optional[int], fact_type: str, fact_id: Optional[int], key: str, subject: str, field: str,
           before: str, after: str, before_raw=None, after_raw=None, action: str = "", user=None, reason: str = "",
           source: str = Revision.Source.EDITOR, extractor_version: str = "", reverts: Optional[Revision] = None):
    reverts = reverts or getattr(writes.pending(), "history_reverts", None)
    return Revision.objects.create(
        case_id=case_id, fact_type=fact_type, fact_id=fact_id, key=key[:64], subject=subject[:500], field=field[:30],
        before=str(before)[:5000], after=str(after)[:5000], before_raw=before_raw, after_raw=after_raw,
        action=action, source=source, user=user if getattr(user, "pk", None) else None,
        username=getattr(user, "username", "")[:150], extractor_version=extractor_version[:40], reason=reason[:2000],
        reverts=reverts)


def case_fields(case, old: dict, new: dict) -> None:
    """Fields ``case_resolve`` changed: one revision each, by whoever acts (ingestion when no one said)."""
    from casetracker import records

    who = actor()
    if not old:
        return
    if who["source"] == Revision.Source.SYSTEM:
        who = {**who, "extractor_version": _version()}
    rows = []
    for name, before in old.items():
        if name == who["quiet"] or name == "case_name" and who["quiet"] == "case_name":
            continue
        after = new[name]
        rows.append(Revision(
            case_id=case.pk, fact_type="casefield", key="", subject=case.case_name[:500], field=name[:30],
            before=_shown(records, name, before), after=_shown(records, name, after), before_raw=_json(before),
            after_raw=_json(after), source=who["source"], user=who["user"] if getattr(who["user"], "pk", None) else None,
            username=getattr(who["user"], "username", "")[:150], extractor_version=who["extractor_version"][:40],
            reason=who["reason"][:2000], action=""))
    Revision.objects.bulk_create(rows)


def _version() -> str:
    from ingest.nlp.pipeline import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


def _json(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    return str(value)


def _shown(records, name: str, value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(records.label(name, v) for v in value)
    return records.label(name, value)


def subject_of(kind: str, fact) -> str:
    """How a reader names a fact in the history: 'Quote “We never…”', 'OpenAI as defendant', ..."""
    if kind == "quote":
        return f"Quote “{fact.text[:80]}”"
    if kind == "allegation":
        return f"Allegation against {fact.accused.name}"
    if kind == "claim":
        return f"Claim: {fact.label[:80]}"
    if kind == "mention":
        return f"Mention of {fact.party.name}"
    if kind == "event":
        return f"Event: {fact.title[:80]}"
    if kind == "caseparty":
        return f"{fact.party.name} as {fact.role}"
    return str(fact)[:200]


# --------------------------------------------------------------------------- re-extraction
def snapshot(document) -> dict:
    """What a document's extraction holds, fact by fact: (kind, fingerprint) -> (case id, subject, {field: shown})."""
    from casetracker.models import Allegation, CaseDocument, Claim, EventSource, Quote

    case_id = CaseDocument.objects.filter(document=document).order_by("-confidence", "id") \
        .values_list("case_id", flat=True).first()
    out = {}
    for q in Quote.objects.filter(document=document, rejected=False).select_related("speaker"):
        out[("quote", q.fingerprint)] = (case_id, subject_of("quote", q), {"speaker": q.speaker.name if q.speaker else ""})
    for a in Allegation.objects.filter(document=document, rejected=False).select_related(
            "accuser", "accused", "teacher", "student"):
        out[("allegation", a.fingerprint)] = (a.case_id or case_id, subject_of("allegation", a), {
            "accuser": a.accuser.name if a.accuser else "", "teacher": a.teacher.name if a.teacher else "",
            "student": a.student.name if a.student else "", "status": a.status})
    for c in Claim.objects.filter(document=document, rejected=False):
        out[("claim", c.fingerprint)] = (c.case_id or case_id, subject_of("claim", c), {"kind": c.kind})
    for s in EventSource.objects.filter(document=document, event__rejected=False).select_related("event"):
        e = s.event
        out[("event", f"{e.kind}:{s.date}:{e.title[:60]}")] = (e.case_id or case_id, subject_of("event", e), {
            "date": s.date.isoformat() if s.date else "", "kind": e.kind, "stage": e.stage, "status": e.status})
    return out


def facts_diff(before: dict, after: dict, version: str) -> int:
    """Record what a re-extraction changed in a document's facts: facts gone, facts new, fields changed."""
    rows = []

    def row(case_id, kind, subject, field, old, new):
        rows.append(Revision(case_id=case_id, fact_type=kind, key="", subject=subject[:500], field=field[:30],
                             before=old[:5000], after=new[:5000], source=Revision.Source.EXTRACTION,
                             extractor_version=version[:40]))

    for key in before.keys() - after.keys():
        case_id, subject, _ = before[key]
        row(case_id, key[0], subject, "fact", "extracted", "no longer extracted")
    for key in after.keys() - before.keys():
        case_id, subject, _ = after[key]
        row(case_id, key[0], subject, "fact", "", "newly extracted")
    for key in before.keys() & after.keys():
        case_id, subject, old = before[key]
        new = after[key][2]
        for field in old:
            if old[field] != new.get(field):
                row(after[key][0], key[0], subject, field, old[field], new.get(field, ""))
    Revision.objects.bulk_create(rows)
    return len(rows)
