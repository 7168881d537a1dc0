"""Ranked full-text search over PostgreSQL: stored weighted vectors, websearch syntax,
unaccent + English stemming (the ``casetracker`` text search configuration), and
trigram similarity on party names, aliases and captions for misspelled names."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity
from django.db.models import F, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, Left, Upper

CONFIG = "casetracker"
MAX_QUERY = 500  # characters of a query we look at
BODY_CHARS = 400_000  # a tsvector holds at most 1 MB

HEADLINE_OPTIONS = {"start_sel": "«", "stop_sel": "»", "max_words": 35, "min_words": 15, "max_fragments": 2,
                    "fragment_delimiter": " … "}


def _vec(expr, weight: str) -> SearchVector:
    return SearchVector(expr, config=CONFIG, weight=weight)


def refresh_document(document) -> None:
    from casetracker.models import Allegation, Case, Document, Party, Quote

    Document.objects.filter(pk=document.pk).update(search_vector=(
        _vec("title", "A") + _vec("publisher", "B") + _vec(Left("text", BODY_CHARS), "C")))
    refresh_quotes(Quote.objects.filter(document=document))
    refresh_allegations(Allegation.objects.filter(document=document))
    refresh_parties(Party.objects.filter(mentions__document=document).values_list("pk", flat=True).distinct())
    refresh_cases(Case.objects.filter(case_documents__document=document).values_list("pk", flat=True))


def refresh_quotes(qs) -> None:
    from casetracker.models import Party

    speaker = Subquery(Party.objects.filter(pk=OuterRef("speaker_id")).values("name")[:1])
    qs.update(search_vector=_vec("text", "A") + _vec(Coalesce(speaker, Value("")), "B"))


def refresh_allegations(qs) -> None:
    # related names are not allowed in an UPDATE: compute per row (few rows per document)
    from casetracker.models import Allegation

    for a in qs.select_related("accuser", "accused", "teacher", "student", "evidence"):
        names = " ".join(p.name for p in (a.accuser, a.accused, a.teacher, a.student) if p)
        Allegation.objects.filter(pk=a.pk).update(search_vector=(
            SearchVector(Value(names), config=CONFIG, weight="A")
            + SearchVector(Value(f"distillation distilled distilling {a.status}"), config=CONFIG, weight="B")
            + SearchVector(Value(a.evidence.sentence), config=CONFIG, weight="C")))


def refresh_parties(pks: Iterable[int]) -> None:
    from casetracker.models import Party

    for party in Party.objects.filter(pk__in=list(pks)).prefetch_related("aliases"):
        aliases = " ".join(a.name for a in party.aliases.all())
        Party.objects.filter(pk=party.pk).update(search_vector=(
            SearchVector(Value(party.name), config=CONFIG, weight="A")
            + SearchVector(Value(aliases), config=CONFIG, weight="B")))


def refresh_cases(pks: Iterable[int]) -> None:
    from casetracker.models import Case

    for case in Case.objects.filter(pk__in=list(pks)).prefetch_related("case_parties__party__aliases"):
        names = " ".join(cp.party.name + " " + " ".join(a.name for a in cp.party.aliases.all())
                         for cp in case.case_parties.all())
        Case.objects.filter(pk=case.pk).update(search_vector=(
            SearchVector(Value(case.case_name), config=CONFIG, weight="A")
            + SearchVector(Value(f"{names} {case.court} {case.docket_number} {case.judge}"), config=CONFIG,
                           weight="B")))


# --------------------------------------------------------------------------- queries
@dataclass
class Hit:
    type: str
    obj: object
    rank: float
    headline: str = ""


@dataclass
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    error: Optional[str] = None


def clean_query(q: Optional[str]) -> str:
    q = (q or "").replace("\x00", " ")[:MAX_QUERY]
    return " ".join(q.split())


def _tsquery(q: str) -> SearchQuery:
    return SearchQuery(q, config=CONFIG, search_type="websearch")


def search(q: str, *, types: Optional[set[str]] = None, limit: int = 10) -> Results:
    """The best matches of each type for a query, best first."""
    from casetracker import selectors

    q = clean_query(q)
    results = Results(query=q)
    if not q or not any(ch.isalnum() for ch in q):
        results.error = "Type a word to search for." if q else None
        return results
    query = _tsquery(q)
    wanted = types or {"case", "party", "document", "quote", "allegation"}
    hits: list[Hit] = []
    if "case" in wanted:
        qs = (selectors.case_list().annotate(
            rank=SearchRank(F("search_vector"), query) + TrigramWordSimilarity(q.upper(), Upper("case_name")))
            .filter(Q(search_vector=query) | Q(rank__gt=0.45)).order_by("-rank")[:limit])
        hits += [Hit("case", c, c.rank) for c in qs]
    if "party" in wanted:
        sim = Greatest(TrigramWordSimilarity(q.upper(), Upper("name")),
                       Coalesce(Max(TrigramWordSimilarity(q.upper(), Upper("aliases__name"))), Value(0.0)))
        qs = (selectors.party_list().annotate(rank=SearchRank(F("search_vector"), query) + sim)
              .filter(Q(search_vector=query) | Q(rank__gt=0.45)).order_by("-rank")[:limit])
        hits += [Hit("party", p, p.rank) for p in qs]
    if "document" in wanted:
        qs = (selectors.document_list().filter(search_vector=query)
              .annotate(rank=SearchRank(F("search_vector"), query),
                        headline=SearchHeadline(Left("text", 200_000), query, config=CONFIG, **HEADLINE_OPTIONS))
              .order_by("-rank", F("published_at").desc(nulls_last=True))[:limit])
        hits += [Hit("document", d, d.rank, d.headline) for d in qs]
    if "quote" in wanted:
        qs = (selectors.quote_list().filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
              .order_by("-rank")[:limit])
        hits += [Hit("quote", x, x.rank) for x in qs]
    if "allegation" in wanted:
        qs = (selectors.allegation_list().filter(search_vector=query)
              .annotate(rank=SearchRank(F("search_vector"), query)).order_by("-rank")[:limit])
        hits += [Hit("allegation", a, a.rank) for a in qs]
    results.hits = sorted(hits, key=lambda h: -h.rank)
    return results


def hit_title(hit: Hit) -> str:
    o = hit.obj
    if hit.type == "case":
        return o.case_name
    if hit.type == "party":
        return o.name
    if hit.type == "document":
        return o.title or f"Document {o.pk}"
    if hit.type == "quote":
        return f"“{o.text}” — {o.speaker.name if o.speaker else 'unattributed'}"
    teacher = f" ({o.teacher.name})" if o.teacher else ""
    accuser = f"{o.accuser.name} says " if o.accuser else ""
    return f"{accuser}{o.accused.name} distilled{teacher} — {o.status}"


def hit_url(hit: Hit) -> str:
    return hit.obj.evidence.get_absolute_url() if hit.type in ("quote", "allegation") else hit.obj.get_absolute_url()


def hit_dict(hit: Hit, request=None) -> dict:
    url = hit_url(hit)
    snippet = hit.headline or (hit.obj.evidence.sentence if hit.type in ("quote", "allegation") else "")
    return {"type": hit.type, "id": hit.obj.pk, "title": hit_title(hit), "snippet": snippet,
            "rank": round(float(hit.rank), 4), "absolute_url": request.build_absolute_uri(url) if request else url}
