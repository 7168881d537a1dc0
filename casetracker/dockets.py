"""CourtListener docket data → Case, CaseParty and dated Event rows, each with evidence in the
docket's rendered text (the reader renders caption, parties and entries one per line)."""
from __future__ import annotations

from casetracker import changes, linking, services, statements, writes
from casetracker.linking import attach_event, case_changed
from casetracker.models import Case, CaseDocument, CaseFact, CaseParty, Document, Evidence

ENTRY_KINDS = [("order", "ruling"), ("opinion", "ruling"), ("judgment", "ruling"), ("ruling", "ruling"),
               ("hearing", "hearing"), ("trial", "hearing"), ("deposition", "testimony"), ("testimony", "testimony"),
               ("settlement", "settlement"), ("complaint", "filing"), ("motion", "filing"), ("answer", "filing"),
               ("notice", "filing"), ("brief", "filing")]


def _line_evidence(document: Document, needle: str, start_at: int = 0) -> Evidence:
    text = document.text
    pos = text.find(needle, start_at) if needle else -1
    if pos < 0:
        pos = max(0, min(start_at, len(text) - 1))
        needle = text[pos:pos + 1]
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    return Evidence.objects.create(document=document, start=pos, end=pos + len(needle), sent_start=line_start,
                                   sent_end=line_end, sentence=text[line_start:line_end], page=None)


def entry_kind(description: str) -> str:
    lowered = (description or "").lower()
    for word, kind in ENTRY_KINDS:
        if word in lowered:
            return kind
    return "other"


@writes.atomic
def docket_record(*, document: Document, docket) -> Case:
    """Write a docket's case, parties with roles and dated entries (inside the ingest's transaction: the
    search vectors of the case, its parties and documents are refreshed when that commits)."""
    case = None
    court = docket.court_id or ""  # CourtListener's id ("cand")
    if docket.docket_number:
        case = linking._case_by_docket([docket.docket_number], court)
    if case is None and docket.case_name:
        case = linking._case_by_caption(docket.case_name, court)
    if case is None:
        case = Case.objects.create(case_name=(docket.case_name or docket.docket_number or "Unnamed case")[:500],
                                   slug=services._unique_slug(Case, docket.case_name or docket.docket_number or "case"))
    caption = case.case_name
    if docket.case_name:  # the court's own caption replaces the news'
        case.case_name, case.caption_inferred = docket.case_name[:500], False
        case.save(update_fields=["case_name", "caption_inferred"])
    case_changed(case, caption=case.case_name != caption)
    # a docket is the court's own record: its statements outrank what news reports said (statements.AUTHORITY)
    stated = [("court", court), ("judge", docket.judge), ("docket_number", docket.docket_number),
              ("date_filed", str(services.as_date(docket.date_filed) or "")),
              ("date_terminated", str(services.as_date(docket.date_terminated) or ""))]
    CaseFact.objects.filter(case=case, document=document).delete()
    CaseFact.objects.bulk_create([
        CaseFact(case=case, field=field, value=str(value)[:1000], document=document,
                 evidence=_line_evidence(document, str(value)), origin=CaseFact.Origin.DOCKET, extractor_version="docket")
        for field, value in stated if value])
    statements.dockets_sync(case)
    _, linked = CaseDocument.objects.update_or_create(case=case, document=document, defaults={
        "reason": CaseDocument.Reason.DOCKET, "confidence": 1.0, "detail": docket.docket_number or ""})
    if linked:
        changes.document_linked(case, document)
    writes.pending().mark("documents", document.pk)
    for dp in docket.parties:
        party = services.party_get_or_create(name=dp.name, kind=getattr(dp, "kind", "company") or "company")
        role = dp.role if dp.role in CaseParty.Role.values else CaseParty.Role.OTHER
        cp, joined = CaseParty.objects.get_or_create(case=case, party=party, role=role, defaults={"named": True})
        if not cp.named:  # a docket's parties are the case's own sides
            cp.named = True
            cp.save(update_fields=["named"])
        ev = _line_evidence(document, dp.name)
        cp.evidence.add(ev)
        if joined:
            changes.party_joined(case, party, role, ev)
    cursor = 0
    for entry in docket.entries:
        description = (entry.description or "").strip()
        if not description:
            continue
        ev = _line_evidence(document, description[:200], cursor)
        cursor = ev.end
        title = description if len(description) <= 300 else description[:297] + "…"
        attach_event(case, entry_kind(description), title, entry.date, "day" if entry.date else "", document, ev,
                     "docket", merge=False)
    statements.case_resolve(case)
    return case
