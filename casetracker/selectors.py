"""The read side: querysets with their joins already on, and case timelines."""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Optional

from django.db.models import Count, F, Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Coalesce

from casetracker.models import (
    Allegation, Case, CaseDocket, CaseDocument, CaseFact, CaseParty, CaseRelation, Claim, Counsel, Document, Event,
    EventSource, Evidence, FollowedDocket, Mention, Party, Quote,
)


def case_list():
    """Cases with their parties and docket numbers (one query each), the number of their documents and the date
    of their newest source (``latest_source``; ``last_activity`` is the case's own field: its latest dated event)."""
    return (_case_activity(Case.objects.all())
            .prefetch_related(Prefetch("case_parties", queryset=CaseParty.objects.select_related("party")),
                              Prefetch("dockets", queryset=CaseDocket.objects.order_by("id"))))


def case_detail_qs():
    """A case with everything its page and API detail show, each relation in one query whatever its size:
    parties with the sentences that give their roles, documents, events with their sources, docket numbers, the
    sources of each field (CaseFact), its family (relations both ways) and its counsel."""
    return _case_activity(Case.objects.all()).prefetch_related(
        Prefetch("dockets", queryset=CaseDocket.objects.order_by("id")),
        Prefetch("case_parties", queryset=CaseParty.objects.select_related("party").prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.select_related("document").defer(*_light("document"))))),
        Prefetch("case_documents", queryset=CaseDocument.objects.select_related("document")
                 .defer(*_light("document")).order_by("-document__published_at", "document_id")),
        Prefetch("events", queryset=Event.objects.filter(rejected=False).select_related("case").prefetch_related(
            Prefetch("sources", queryset=EventSource.objects.select_related("document", "evidence__document")
                     .defer(*_light("document"), *_light("evidence__document"))))),
        Prefetch("facts", queryset=with_sources(CaseFact.objects.filter(rejected=False).select_related("document"))
                 .defer(*_light("document"))),
        Prefetch("relations_out", queryset=with_sources(CaseRelation.objects.select_related("to_case", "document"))
                 .defer(*_light("document"))),
        Prefetch("relations_in", queryset=with_sources(CaseRelation.objects.select_related("from_case", "document"))
                 .defer(*_light("document"))),
        Prefetch("counsel", queryset=with_sources(Counsel.objects.select_related("firm", "document"))
                 .defer(*_light("document"))),
        Prefetch("followed_dockets", queryset=FollowedDocket.objects.defer("data").annotate(  # not every entry
            docket_info=KeyTransform("docket", "data")).order_by("courtlistener_id")),
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
    """The quotes, allegations and claims of a case's documents, each with its source (one query each)."""
    doc_ids = [cd.document_id for cd in case.case_documents.all()]
    return {
        "quotes": _facts(quote_list()).filter(document_id__in=doc_ids).order_by("document_id", "evidence__start"),
        "allegations": _facts(allegation_list()).filter(Q(case=case) | Q(document_id__in=doc_ids)),
        "claims": _facts(claim_list()).filter(Q(case=case) | Q(document_id__in=doc_ids)),
    }


def _facts(qs):
    """A list selector's facts for a page: the source of each in the same query, no document's full text."""
    return with_sources(qs).defer(*_light("document"))


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
# Document columns list endpoints, fact serializers and pages never show beside a source link: the text (up to
# 20 MB), the MinHash signature, page offsets and metadata. A fact's document comes without them.
HEAVY_DOCUMENT_FIELDS = ("text", "minhash", "pages", "meta")


def _light(prefix: str) -> list[str]:
    """``defer()`` arguments leaving out the heavy columns of the document at ``prefix`` (a select_related path)."""
    return [f"{prefix}__{f}" if prefix else f for f in HEAVY_DOCUMENT_FIELDS]


def with_sources(qs, prefix: str = ""):
    """A fact queryset whose evidence comes with its document (what a source link shows), in the same query."""
    path = f"{prefix}__evidence__document" if prefix else "evidence__document"
    return qs.select_related(path).defer(*_light(path))


def _case_activity(qs):
    return qs.annotate(n_documents=Count("case_documents", distinct=True),
                       latest_source=Max("case_documents__document__published_at"))


def recent_cases(limit: int = 10):
    """The home page's cases with recent activity: the latest dated event first (else the newest source), cases
    with neither last."""
    return (_case_activity(Case.objects.all())
            .order_by(F("last_activity").desc(nulls_last=True), F("latest_source").desc(nulls_last=True),
                      "case_name", "id")[:limit])


def site_counts() -> dict:
    return {"cases": Case.objects.count(), "documents": Document.objects.count(),
            "parties": Party.objects.filter(merged_into__isnull=True).count(),
            "allegations": Allegation.objects.filter(rejected=False).count(),
            "quotes": Quote.objects.filter(rejected=False).count()}


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


def case_list_filtered():
    """The web case list before its filters (``api.filters.CaseFilter``, the API's): cases with the count of the
    distillation allegations linked to each."""
    return case_list().annotate(
        n_allegations=Count("allegations", filter=Q(allegations__rejected=False), distinct=True))


def party_documents(party: Party):
    return (Document.objects.filter(mentions__party=party, mentions__rejected=False).distinct()
            .defer(*HEAVY_DOCUMENT_FIELDS).order_by("-published_at", "-id"))


def party_allegations(party: Party) -> dict[str, list[Allegation]]:
    """The allegations a party made, received, and those naming its model as the teacher (not made by it):
    one query, split here."""
    out: dict[str, list[Allegation]] = {"made": [], "received": [], "as_teacher": []}
    for a in _facts(allegation_list()).filter(Q(accuser=party) | Q(accused=party) | Q(teacher=party)):
        if a.accuser_id == party.pk:
            out["made"].append(a)
        if a.accused_id == party.pk:
            out["received"].append(a)
        if a.teacher_id == party.pk and a.accuser_id != party.pk:
            out["as_teacher"].append(a)
    return out


def party_page(party: Party) -> dict:
    """Everything a party's page shows besides the party: each list one query, whatever its length."""
    return {
        "roles": party.case_roles.select_related("case").order_by("case__case_name", "role"),
        "quotes": _facts(quote_list()).filter(speaker=party).order_by("-document__published_at", "id")[:100],
        "documents": party_documents(party)[:100],
        "products": party.products.filter(merged_into__isnull=True).order_by("name"),
        **party_allegations(party),
    }


def party_directory(kind: str = ""):
    """The party list page: parties with their number of mentions, most mentioned first."""
    qs = (Party.objects.filter(merged_into__isnull=True)
          .annotate(n_mentions=Count("mentions", filter=Q(mentions__rejected=False))))
    return (qs.filter(kind=kind) if kind else qs).order_by("-n_mentions", "name", "id")


def allegation_graph_facts(status: str = ""):
    """The allegations the graph and its table show, each with its parties and its source."""
    qs = _facts(allegation_list()).order_by("accused__name", "accuser__name", "id")
    return qs.filter(status=status) if status else qs


def document_story(document: Document) -> list[Document]:
    """The other documents of a document's story cluster (syndicated copies and rewrites)."""
    if not document.story_id:
        return []
    return list(document.story.documents.exclude(pk=document.pk).defer(*HEAVY_DOCUMENT_FIELDS)
                .order_by("published_at", "id"))


def document_cases(document: Document):
    return document.case_links.select_related("case").order_by("case__case_name")


def family_members(case: Case, depth: int = 3) -> list[int]:
    """The ids of a case and of the cases that belong to it: members of a consolidated or "In re" case, appeals
    of a trial-court case, refiled and companion suits pointing at it (a few levels down)."""
    from casetracker.models import CaseRelation

    ids, frontier = {case.pk}, {case.pk}
    for _ in range(depth):
        frontier = set(CaseRelation.objects.filter(to_case__in=frontier).values_list("from_case_id", flat=True)) - ids
        if not frontier:
            break
        ids |= frontier
    return sorted(ids)


def family_tree(case: Case, limit: int = 200) -> tuple[Optional[Case], list[Case], list]:
    """A case's whole family (every case linked to it through any chain of relations, a few hundred at most):
    its lead — the case the others are members, consolidations or appeals of, the one nothing points up from —,
    the cases in caption order, and the relations with their sources, in three queries."""
    from casetracker.models import CaseRelation

    ids, frontier, relations = {case.pk}, {case.pk}, {}
    while frontier and len(ids) < limit:
        found = list(CaseRelation.objects.filter(Q(from_case__in=frontier) | Q(to_case__in=frontier))
                     .select_related("evidence__document", "document"))
        for r in found:
            relations[r.pk] = r
        linked = {r.from_case_id for r in found} | {r.to_case_id for r in found}
        frontier, ids = linked - ids, ids | linked
    cases = {c.pk: c for c in Case.objects.filter(pk__in=ids).order_by("case_name", "id")}
    up = {r.from_case_id for r in relations.values() if r.kind != "companion_of"}
    tops = [c for pk, c in cases.items() if pk not in up and any(r.to_case_id == pk for r in relations.values())]
    lead = max(tops, key=lambda c: sum(r.to_case_id == c.pk for r in relations.values())) if tops else None
    ordered = sorted(relations.values(), key=lambda r: (r.kind, cases[r.from_case_id].case_name, r.pk))
    return lead, list(cases.values()), [(cases[r.from_case_id], r, cases[r.to_case_id]) for r in ordered]
