"""CourtListener docket data → Case, CaseParty and dated Event rows, each with evidence in the
docket's rendered text (the reader renders caption, parties and entries one per line)."""
from __future__ import annotations

from typing import Optional

from casetracker import changes, linking, services, statements, writes
from casetracker.linking import case_changed
from casetracker.models import Case, CaseDocument, CaseFact, CaseParty, Counsel, Document, Event, EventSource, Evidence
from casetracker.text import fingerprint
from ingest.courtlistener import entries


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
    return entries.classify(description).kind


def _find_case(docket, court: str, hint: Optional[Case]) -> Optional[Case]:
    """The case a docket belongs to: the one it was followed from (``hint``), else the case of its docket number
    (same core and court), of its caption, or of the same opposing parties (the case the news built)."""
    if hint is not None:
        return hint
    case = linking._case_by_docket([docket.docket_number], court) if docket.docket_number else None
    if case is None and docket.case_name:
        case = linking._case_by_caption(docket.case_name, court)
    if case is None:
        sides = {role: [p for p in docket.parties if p.role == role] for role in ("plaintiff", "defendant")}
        if sides["plaintiff"] and sides["defendant"]:
            parties = {role: [services.party_get_or_create(name=p.name, kind=p.kind) for p in group]
                       for role, group in sides.items()}
            case = linking._case_for_sides(parties["plaintiff"], parties["defendant"], court)
    return case


@writes.atomic
def docket_record(*, document: Document, docket, case: Optional[Case] = None) -> Case:
    """Write a docket's case, parties with roles, counsel and dated entries (inside the ingest's transaction: the
    search vectors of the case, its parties and documents are refreshed when that commits). ``case``: the case
    the docket belongs to when the caller knows it (a docket followed from a case's page)."""
    court = docket.court_id or ""  # CourtListener's id ("cand")
    case = _find_case(docket, court, case)
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
    counsel = [c for c in getattr(docket, "counsel", []) if c.lawyer]
    listed = max(0, document.text.find("\nCounsel:"))  # the rendered docket's counsel section
    Counsel.objects.bulk_create([Counsel(
        case=case, side=c.side if c.side in Counsel.Side.values else Counsel.Side.OTHER,
        firm=statements.law_firm(c.firm) if c.firm else None, lawyer=c.lawyer[:200], document=document,
        evidence=_line_evidence(document, c.lawyer, listed), extractor_version="docket") for c in counsel])
    _entries_record(case, document, docket)
    statements.case_resolve(case)
    return case


def _entries_record(case: Case, document: Document, docket) -> None:
    """Each entry is a dated event of the case with the step it shows (entries.jsonl) and a link to it on
    CourtListener. An entry keeps its event across syncs (found by its fingerprint: the docket and the entry's
    number, else its date and words), so a reader's links and a staff rejection stay with it."""
    key = getattr(docket, "courtlistener_id", None) or docket.docket_number
    have = {e.fingerprint: e for e in Event.objects.filter(
        case=case, fingerprint__in=[_entry_fingerprint(key, e) for e in docket.entries])}
    cursor, sources = 0, []
    for entry in docket.entries:
        description = (entry.description or "").strip()
        if not description:
            continue
        ev = _line_evidence(document, description[:200], cursor)
        cursor = ev.end
        step = entries.classify(description)
        when = services.as_date(entry.date)
        title = (description if len(description) <= 300 else description[:297] + "…")[:500]
        fp = _entry_fingerprint(key, entry)
        event = have.get(fp)
        if event is None:
            event = have[fp] = Event.objects.create(case=case, kind=step.kind, title=title, date=when,
                                                    precision="day" if when else "", stage=step.stage,
                                                    status=step.status, fingerprint=fp)
            changes.event_added(event, document, ev)
        elif (event.kind, event.title, event.date, event.stage, event.status) != (
                step.kind, title, when, step.stage, step.status):
            event.kind, event.title, event.date, event.stage, event.status = step.kind, title, when, step.stage, \
                step.status
            event.precision = "day" if when else ""
            event.save(update_fields=["kind", "title", "date", "precision", "stage", "status"])
        sources.append(EventSource(event=event, evidence=ev, document=document, date=when,
                                   precision="day" if when else "", extractor_version="docket", url=entry.url or ""))
    EventSource.objects.bulk_create(sources, ignore_conflicts=True)


def _entry_fingerprint(key, entry) -> str:
    if entry.number is not None:
        return fingerprint("docket-entry", key, entry.number)
    return fingerprint("docket-entry", key, entry.date, " ".join((entry.description or "").lower().split())[:200])
