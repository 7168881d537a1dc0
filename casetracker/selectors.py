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


# --------------------------------------------------------------------------- read side for pages (issue 7)
def fact_url(kind: str, fact) -> str:
    """Where a marked span of a document leads: the fact it supports. An event is marked through its
    ``EventSource`` (events are shared across documents; the source holds this document's sentence)."""
    if kind == "quote":
        return f"{fact.speaker.get_absolute_url()}#quote-{fact.pk}" if fact.speaker_id else f"#ev-{fact.evidence_id}"
    if kind == "allegation":
        return f"/allegations/#allegation-{fact.pk}"
    if kind == "event":
        event = fact.event
        return f"{event.case.get_absolute_url()}#event-{event.pk}" if event.case_id else f"#ev-{fact.evidence_id}"
    return fact.get_absolute_url()


def document_marks(document: Document) -> list[dict]:
    """Extracted spans of a document, for marking its text: start, end, kind, label, anchor id and the URL of the
    fact each comes from."""
    marks = []
    for q in Quote.objects.filter(document=document, rejected=False).select_related("speaker", "evidence"):
        marks.append({"start": q.evidence.start, "end": q.evidence.end, "kind": "quote", "ev": q.evidence_id,
                      "label": f"Quote by {q.speaker}" if q.speaker else "Quote (no speaker)",
                      "url": fact_url("quote", q)})
    for a in Allegation.objects.filter(document=document, rejected=False).select_related("accused", "evidence"):
        marks.append({"start": a.evidence.start, "end": a.evidence.end, "kind": "allegation", "ev": a.evidence_id,
                      "label": f"Distillation allegation against {a.accused} ({a.status})",
                      "url": fact_url("allegation", a)})
    for m in Mention.objects.filter(document=document, rejected=False).select_related("party", "evidence"):
        marks.append({"start": m.evidence.start, "end": m.evidence.end, "kind": "party", "ev": m.evidence_id,
                      "label": m.party.name, "url": m.party.get_absolute_url()})
    for s in EventSource.objects.filter(document=document).select_related("event__case", "evidence"):
        marks.append({"start": s.evidence.start, "end": s.evidence.end, "kind": "event", "ev": s.evidence_id,
                      "label": f"Event: {s.event.kind}", "url": fact_url("event", s)})
    return marks


document_marks_linked = document_marks


def case_list_filtered(*, court: str = "", status: str = "", party: str = "", filed_from=None, filed_to=None,
                       distillation: bool = False):
    qs = case_list()
    if court:
        qs = qs.filter(court=court)
    if status:
        qs = qs.filter(status=status)
    if party:
        qs = qs.filter(case_parties__party__slug=party)
    if filed_from:
        qs = qs.filter(date_filed__gte=filed_from)
    if filed_to:
        qs = qs.filter(date_filed__lte=filed_to)
    if distillation:
        qs = qs.filter(Q(allegations__rejected=False) | Q(
            case_documents__document__allegations__rejected=False))
    return qs.annotate(n_allegations=Count("allegations", filter=Q(allegations__rejected=False), distinct=True))


def party_documents(party: Party):
    return (Document.objects.filter(mentions__party=party, mentions__rejected=False).distinct()
            .defer("text", "minhash").order_by("-published_at", "-id"))


def party_allegations(party: Party):
    return {"made": allegation_list().filter(accuser=party),
            "received": allegation_list().filter(accused=party),
            "as_teacher": allegation_list().filter(teacher=party).exclude(accuser=party)}
