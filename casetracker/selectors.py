"""The read side: querysets with their joins already on, and case timelines."""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from casetracker.models import (
    Allegation, Case, CaseDocument, CaseParty, Claim, Document, Event, EventSource, Mention, Party, Quote,
)


# Document columns list endpoints and fact serializers never show: the text (up to 20 MB) and the MinHash signature.
HEAVY_DOCUMENT_FIELDS = ("text", "minhash", "meta", "pages")


def _light(prefix: str) -> list[str]:
    return [f"{prefix}__{name}" for name in HEAVY_DOCUMENT_FIELDS]


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


def document_list(*, text: bool = True):
    """Documents with their story; ``text=False`` (every list) leaves the text and other heavy columns unread and
    counts each document's story cluster in the same query (``story_size``)."""
    qs = Document.objects.select_related("story").defer("minhash")
    if not text:
        story_size = (Document.objects.filter(story=OuterRef("story")).order_by().values("story")
                      .annotate(n=Count("pk")).values("n"))
        qs = qs.defer(*HEAVY_DOCUMENT_FIELDS).annotate(story_size=Coalesce(Subquery(story_size), 1))
    return qs


def quote_list():
    return (Quote.objects.filter(rejected=False).select_related("speaker", "document", "evidence__document")
            .defer(*_light("document"), *_light("evidence__document")))


def allegation_list():
    return (Allegation.objects.filter(rejected=False)
            .select_related("accuser", "accused", "teacher", "student", "document", "evidence__document", "case")
            .defer(*_light("document"), *_light("evidence__document")))


def claim_list():
    return (Claim.objects.filter(rejected=False)
            .select_related("subject", "object", "document", "evidence__document", "case")
            .defer(*_light("document"), *_light("evidence__document")))


def event_list():
    sources = (EventSource.objects.select_related("document", "evidence__document")
               .defer(*_light("document"), *_light("evidence__document")).order_by("pk"))
    return Event.objects.filter(rejected=False).select_related("case").prefetch_related(
        Prefetch("sources", queryset=sources))


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


# --------------------------------------------------------------------------- read side for pages (issue 7)
def fact_url(kind: str, fact) -> str:
    """Where a marked span of a document leads: the fact it supports."""
    if kind == "quote":
        return f"{fact.speaker.get_absolute_url()}#quote-{fact.pk}" if fact.speaker_id else f"#ev-{fact.evidence_id}"
    if kind == "allegation":
        return f"/allegations/#allegation-{fact.pk}"
    if kind == "event":
        return f"{fact.case.get_absolute_url()}#event-{fact.pk}" if fact.case_id else f"#ev-{fact.evidence_id}"
    return fact.get_absolute_url()


def document_marks_linked(document: Document) -> list[dict]:
    """``document_marks`` with, for each mark, the URL of the fact it comes from."""
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
                      "label": f"Event: {s.event.kind}", "url": fact_url("event", s.event)})
    return marks


def case_list_filtered():
    """The web case list before its filters (``api.filters.CaseFilter``, the API's): cases with the count of the
    distillation allegations linked to each."""
    return case_list().annotate(
        n_allegations=Count("allegations", filter=Q(allegations__rejected=False), distinct=True))


def party_documents(party: Party):
    return (Document.objects.filter(mentions__party=party, mentions__rejected=False).distinct()
            .defer("text", "minhash").order_by("-published_at", "-id"))


def party_allegations(party: Party):
    return {"made": allegation_list().filter(accuser=party),
            "received": allegation_list().filter(accused=party),
            "as_teacher": allegation_list().filter(teacher=party).exclude(accuser=party)}
