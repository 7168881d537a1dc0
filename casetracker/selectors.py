"""The read side: querysets with their joins already on, and case timelines."""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Prefetch, Q

from casetracker.models import (
    Allegation, Case, CaseDocument, CaseParty, Claim, Document, Event, EventSource, Mention, Party, Quote,
)


def case_list():
    return (Case.objects.annotate(n_documents=Count("case_documents", distinct=True),
                                  last_activity=Max("case_documents__document__published_at"))
            .prefetch_related(Prefetch("case_parties", queryset=CaseParty.objects.select_related("party"))))


def case_detail_qs():
    return case_list().prefetch_related(
        Prefetch("case_documents", queryset=CaseDocument.objects.select_related("document")
                 .order_by("-document__published_at", "document_id")),
        Prefetch("events", queryset=event_list()),
    )


def party_list():
    return Party.objects.filter(merged_into__isnull=True).select_related("owner").prefetch_related("aliases")


def document_list():
    return Document.objects.select_related("story").defer("minhash")


def quote_list():
    return Quote.objects.filter(rejected=False).select_related("speaker", "document", "evidence")


def allegation_list():
    return Allegation.objects.filter(rejected=False).select_related(
        "accuser", "accused", "teacher", "student", "document", "evidence", "case")


def claim_list():
    return Claim.objects.filter(rejected=False).select_related("subject", "object", "document", "evidence", "case")


def event_list():
    return Event.objects.filter(rejected=False).select_related("case").prefetch_related(
        Prefetch("sources", queryset=EventSource.objects.select_related("document", "evidence")))


@dataclass
class TimelineGroup:
    label: str
    precision: str
    events: list = field(default_factory=list)


def timeline(case: Case) -> list[TimelineGroup]:
    """Events grouped by date at their precision, oldest first; undated events last, apart."""
    groups: "OrderedDict[str, TimelineGroup]" = OrderedDict()
    events = sorted(case.events.all(), key=lambda e: (e.date is None, e.date or 0, e.pk))
    for e in events:
        if e.date is None:
            key, label, precision = "undated", "Undated", ""
        elif e.precision == "year":
            key, label, precision = f"{e.date:%Y}", f"{e.date:%Y}", "year"
        elif e.precision == "month":
            key, label, precision = f"{e.date:%Y-%m}", f"{e.date:%B %Y}", "month"
        else:
            key, label, precision = e.date.isoformat(), f"{e.date:%-d %B %Y}", "day"
        groups.setdefault(key, TimelineGroup(label=label, precision=precision)).events.append(e)
    return list(groups.values())


def case_facts(case: Case) -> dict:
    documents = [cd.document for cd in case.case_documents.all()]
    doc_ids = [d.pk for d in documents]
    return {
        "quotes": quote_list().filter(document_id__in=doc_ids).order_by("document_id", "evidence__start"),
        "allegations": allegation_list().filter(Q(case=case) | Q(document_id__in=doc_ids)),
        "claims": claim_list().filter(Q(case=case) | Q(document_id__in=doc_ids)),
    }


def roles(case: Case) -> dict[str, list[CaseParty]]:
    out: dict[str, list[CaseParty]] = {"plaintiff": [], "defendant": [], "other": []}
    for cp in case.case_parties.all():
        out.setdefault(cp.role, []).append(cp)
    return out


def role_conflicts(case: Case) -> list[Party]:
    """Parties that sources put on both sides of the case."""
    by_party: dict[int, set] = {}
    parties = {}
    for cp in case.case_parties.all():
        by_party.setdefault(cp.party_id, set()).add(cp.role)
        parties[cp.party_id] = cp.party
    return [parties[pid] for pid, rs in by_party.items() if {"plaintiff", "defendant"} <= rs]


def document_marks(document: Document) -> list[dict]:
    """Extracted spans of a document, for marking its text: start, end, kind, label, anchor id."""
    marks = []
    for q in Quote.objects.filter(document=document, rejected=False).select_related("speaker", "evidence"):
        marks.append({"start": q.evidence.start, "end": q.evidence.end, "kind": "quote", "ev": q.evidence_id,
                      "label": f"Quote by {q.speaker}" if q.speaker else "Quote (no speaker)"})
    for a in Allegation.objects.filter(document=document, rejected=False).select_related("accused", "evidence"):
        marks.append({"start": a.evidence.start, "end": a.evidence.end, "kind": "allegation", "ev": a.evidence_id,
                      "label": f"Distillation allegation against {a.accused} ({a.status})"})
    for m in Mention.objects.filter(document=document, rejected=False).select_related("party", "evidence"):
        marks.append({"start": m.evidence.start, "end": m.evidence.end, "kind": "party", "ev": m.evidence_id,
                      "label": m.party.name, "url": m.party.get_absolute_url()})
    for s in EventSource.objects.filter(document=document).select_related("event", "evidence"):
        marks.append({"start": s.evidence.start, "end": s.evidence.end, "kind": "event", "ev": s.evidence_id,
                      "label": f"Event: {s.event.kind}"})
    return marks
