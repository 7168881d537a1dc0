"""Ranked search over cases, parties, documents, quotes and allegations.

Ranking, the same for every type so one list can hold them all:
  score = 2 x (every word in the object's own name: title, caption, party name, an allegation's parties)
        + 1 x (every word in its names: the parties it involves, aliases, a quote's speaker and words)
        + ts_rank / (ts_rank + 1)            (how well the words match, in [0, 1))
rounded to 0.01, then newest first: recency breaks ties. A query that is one party's name ("Antropic",
"NYT") puts that party first (3 + trigram similarity).

Speed at 100,000 documents: each type ranks a bounded candidate set (CAP rows) taken from its GIN index:
the newest matches, plus for documents the newest whose title matches, so a common word ("OpenAI") never
ranks every row. Counts and facets are computed over those candidates and said to be "at least" when the
cap was reached. Highlights are made for the page shown only.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timezone as dt_timezone
from typing import Optional

from django.db import connection

from casetracker.search import facets as facets_mod
from casetracker.search.query import ParsedQuery, parse
from casetracker.search.vectors import CONFIG

TYPES = ("case", "party", "document", "quote", "allegation")
TYPE_ORDER = {t: i for i, t in enumerate(TYPES)}
CAP = 120  # candidates ranked per type
PHRASE_POOL = 250  # documents having all the words of a phrase query, checked for the phrase
TITLE_CAP = 100  # newest documents whose own name (title, case caption) has every word, added to the candidates
FACET_SAMPLE = 100  # facets count the best this many results of each type (all of them when fewer)
PAGE_SIZE = 20
MAX_PAGES = 20
EPOCH = datetime(1970, 1, 1, tzinfo=dt_timezone.utc)


@dataclass
class Filters:
    court: str = ""
    status: str = ""
    party: str = ""  # a party slug
    year: Optional[int] = None
    publisher: str = ""
    party_id: Optional[int] = None

    @classmethod
    def from_params(cls, params) -> "Filters":
        year = str(params.get("year", "") or "").strip()
        f = cls(court=str(params.get("court", "") or "")[:200], status=str(params.get("status", "") or "")[:20],
                party=str(params.get("party", "") or "")[:320], publisher=str(params.get("publisher", "") or "")[:300],
                year=int(year) if year.isdigit() and 1900 <= int(year) <= 2100 else None)
        if f.party:
            from casetracker.models import Party

            f.party_id = Party.objects.filter(slug=f.party).values_list("pk", flat=True).first() or -1
        return f

    def as_dict(self) -> dict:
        return {k: v for k, v in {"court": self.court, "status": self.status, "party": self.party,
                                  "year": self.year, "publisher": self.publisher}.items() if v}

    def applies(self, kind: str) -> bool:
        """Whether results of this type can satisfy every filter set (a publisher filter rules out cases)."""
        if kind == "party":
            return not (self.court or self.status or self.year or self.publisher)
        if kind == "case":
            return not self.publisher
        return True

    def params(self) -> dict:
        p = {"court": self.court, "status": self.status, "party": self.party_id, "publisher": self.publisher}
        if self.year:
            p["y0"] = datetime(self.year, 1, 1, tzinfo=dt_timezone.utc)
            p["y1"] = datetime(self.year + 1, 1, 1, tzinfo=dt_timezone.utc)
        return p


@dataclass
class Hit:
    type: str
    obj: object
    rank: float
    headline: str = ""  # text with \ue000 \ue001 around the matching words
    title_headline: str = ""
    sources: int = 1  # documents reporting this quote or allegation
    date: Optional[datetime] = None


@dataclass
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    error: Optional[str] = None
    total: int = 0
    capped: bool = False  # more matches exist than were ranked: counts are lower bounds
    facets_sampled: bool = False  # facet counts come from the best FACET_SAMPLE results of a type
    type_counts: dict = field(default_factory=dict)  # type -> (count, capped)
    facets: dict = field(default_factory=dict)
    page: int = 1
    page_size: int = PAGE_SIZE
    parsed: Optional[ParsedQuery] = None

    @property
    def num_pages(self) -> int:
        return max(1, min(MAX_PAGES, math.ceil(self.total / self.page_size)))

    @property
    def corrections(self):
        return self.parsed.corrections if self.parsed else []


def _score(vector: str, norm: int) -> str:
    return (f"round((2 * ({vector} @@ %(qa)s::tsquery)::int + ({vector} @@ %(qab)s::tsquery)::int"
            f" + ts_rank({vector}, %(q)s::tsquery, {norm}))::numeric, 2)")


def _doc_filters(f: Filters, doc: str) -> list[str]:
    where = []
    for name in ("court", "status"):
        if getattr(f, name):
            where.append(f"EXISTS (SELECT 1 FROM casetracker_casedocument cd JOIN casetracker_case k ON k.id = cd.case_id"
                         f" WHERE cd.document_id = {doc} AND k.{name} = %({name})s)")
    if f.year or f.publisher:
        cond = []
        if f.year:
            cond.append("d2.published_at >= %(y0)s AND d2.published_at < %(y1)s")
        if f.publisher:
            cond.append("d2.publisher = %(publisher)s")
        # the narrow search row (migration 0004) holds the document's date and publisher
        where.append(f"EXISTS (SELECT 1 FROM casetracker_searchdoc d2 WHERE d2.id = {doc} AND {' AND '.join(cond)})")
    return where


def _and(where: list[str]) -> str:
    return "".join(f" AND {w}" for w in where)


def _sql_documents(f: Filters, phrase: bool = False) -> str:
    """Documents through casetracker_searchdoc (migration 0004): narrow rows, the vector stored out of line.

    ``phrase``: the query has a phrase (and no exclusion): the newest PHRASE_POOL documents having all its words
    (%(q_all)s, found through the GIN index without reading a vector) are the ones checked for the phrase, so a
    phrase of common words never reads the vectors of every document that has them."""
    where = []  # the narrow row's own filters first: PostgreSQL tests them before reading the vector
    if f.year:
        where.append("s.published_at >= %(y0)s AND s.published_at < %(y1)s")
    if f.publisher:
        where.append("s.publisher = %(publisher)s")
    where += _doc_filters(Filters(court=f.court, status=f.status), "s.id")
    if f.party_id:
        where.append("EXISTS (SELECT 1 FROM casetracker_mention m WHERE m.document_id = s.id"
                     " AND m.party_id = %(party)s AND NOT m.rejected)")
    # own_vector is the vector's weight-A part: own_vector @@ q is vector @@ qa, on a small inline value
    score = ("round((2 * (s.own_vector @@ %(q)s::tsquery)::int + (s.vector @@ %(qab)s::tsquery)::int"
             " + ts_rank(s.vector, %(q)s::tsquery, 33))::numeric, 2)")
    if where:  # filtered: the planner picks the way
        order = "ORDER BY s.shown_at DESC, s.id DESC"
        w = " AND ".join(where)
        cand = f"""
  (SELECT s.id FROM casetracker_searchdoc s WHERE {w} AND s.own_vector @@ %(q)s::tsquery {order}
     LIMIT %(title_cap)s)
  UNION
  (SELECT s.id FROM casetracker_searchdoc s WHERE {w} AND s.vector @@ %(q)s::tsquery {order} LIMIT %(cap)s)"""
    elif phrase:
        cand = """
  SELECT casetracker_recent_own_docs(%(q)s::tsquery, %(title_cap)s)
  UNION
  (SELECT s.id FROM pool p
     CROSS JOIN LATERAL (SELECT s.id, s.shown_at FROM casetracker_searchdoc s
                         WHERE s.id = p.id AND s.vector @@ %(q)s::tsquery OFFSET 0) s
   ORDER BY s.shown_at DESC, s.id DESC LIMIT %(cap)s)"""
    else:  # the newest matches by whichever index suits how common the words are
        cand = """
  SELECT casetracker_recent_own_docs(%(q)s::tsquery, %(title_cap)s)
  UNION
  SELECT casetracker_recent_docs(%(q)s::tsquery, %(cap)s)"""
    pool = ("pool(id) AS MATERIALIZED (SELECT casetracker_recent_docs(%(q_all)s::tsquery, %(pool)s)),"
            if phrase and not where else "")
    pooled = ", (SELECT count(*) FROM pool)" if pool else ""
    return f"""
WITH {pool} cand(id) AS MATERIALIZED ({cand})
SELECT x.*{pooled} FROM cand CROSS JOIN LATERAL (
  SELECT s.id, {score}, s.shown_at, NULL FROM casetracker_searchdoc s
  WHERE s.id = cand.id AND s.vector @@ %(q)s::tsquery OFFSET 0) x"""
# candidates: the newest documents whose own name (title, case caption: weight A) has every word, and the newest
# matches; each then read by its id (LATERAL ... OFFSET 0: never by the GIN index, where a phrase would be
# rechecked on every document having its words)


def _sql_facts(table: str, where: list[str]) -> str:
    """Quotes and allegations: the newest matching facts not rejected, then scored, dated by their document.

    Unfiltered, the newest are looked for among the newest 16 x cap facts (by id), then among the
    newest 128 x cap, and only then among all: each step runs only when the one before found fewer than cap
    (a one-time filter), so a phrase of common words ("federal court") rechecks a few hundred quotes, not the
    thousands having both words."""
    match = f"x.search_vector @@ %(q)s::tsquery AND NOT x.rejected{_and(where)}"
    newest = "ORDER BY x.id DESC LIMIT %(cap)s"
    if where:
        cand = f"cand AS MATERIALIZED (SELECT x.id FROM {table} x WHERE {match} {newest})"
    else:
        few = "(SELECT count(*) FROM {0}) < %(cap)s"
        top = f"%({table}_top)s"  # the table's largest id, a value the planner sees (ids above it: BitmapAnd)
        cand = f"""w1 AS MATERIALIZED (SELECT x.id FROM {table} x WHERE {match} AND x.id > {top} - 16 * %(cap)s {newest}),
w2 AS MATERIALIZED (SELECT x.id FROM {table} x WHERE {few.format('w1')} AND {match} AND x.id > {top} - 128 * %(cap)s {newest}),
w3 AS MATERIALIZED (SELECT x.id FROM {table} x WHERE {few.format('w1')} AND {few.format('w2')} AND {match} {newest}),
cand AS (SELECT id FROM w1 WHERE NOT {few.format('w1')} UNION ALL SELECT id FROM w2 WHERE NOT {few.format('w2')}
         UNION ALL SELECT id FROM w3)"""
    return f"""
WITH {cand}
SELECT x.id, {_score('x.search_vector', 32)}, COALESCE(d.published_at, d.created_at), x.fingerprint
FROM {table} x JOIN cand USING (id) JOIN casetracker_document d ON d.id = x.document_id"""


def _fact_filters(kind: str, f: Filters) -> list[str]:
    """The conditions a quote or an allegation (alias x) must meet for the filters."""
    if kind == "quote":
        where = _doc_filters(f, "x.document_id")
        if f.party_id:
            where.append("x.speaker_id = %(party)s")
        return where
    where = []
    for name in ("court", "status"):
        if getattr(f, name):
            where.append(f"(EXISTS (SELECT 1 FROM casetracker_case k WHERE k.id = x.case_id AND k.{name} = %({name})s)"
                         f" OR EXISTS (SELECT 1 FROM casetracker_casedocument cd JOIN casetracker_case k"
                         f" ON k.id = cd.case_id WHERE cd.document_id = x.document_id AND k.{name} = %({name})s))")
    where += _doc_filters(Filters(year=f.year, publisher=f.publisher), "x.document_id")
    if f.party_id:
        where.append("%(party)s IN (x.accuser_id, x.accused_id, x.teacher_id, x.student_id)")
    return where


def _sql_quotes(f: Filters) -> str:
    return _sql_facts("casetracker_quote", _fact_filters("quote", f))


def _sql_allegations(f: Filters) -> str:
    return _sql_facts("casetracker_allegation", _fact_filters("allegation", f))


def _sql_cases(f: Filters) -> str:
    where = []
    for name in ("court", "status"):
        if getattr(f, name):
            where.append(f"k.{name} = %({name})s")
    if f.year:
        where.append("k.date_filed >= %(y0)s::date AND k.date_filed < %(y1)s::date")
    if f.party_id:
        where.append("EXISTS (SELECT 1 FROM casetracker_caseparty cp WHERE cp.case_id = k.id AND cp.party_id = %(party)s)")
    return f"""
SELECT k.id, {_score('k.search_vector', 32)}, COALESCE(k.date_filed::timestamptz, k.created_at), NULL
FROM casetracker_case k WHERE k.search_vector @@ %(q)s::tsquery{_and(where)}
ORDER BY 2 DESC, 3 DESC LIMIT %(cap)s"""


def _sql_parties(f: Filters) -> str:
    where = " AND p.id = %(party)s" if f.party_id else ""
    return f"""
SELECT p.id, {_score('p.search_vector', 32)}, p.created_at, NULL FROM casetracker_party p
WHERE p.search_vector @@ %(q)s::tsquery AND p.merged_into_id IS NULL{where} ORDER BY 2 DESC LIMIT %(cap)s"""


SQL = {"document": _sql_documents, "quote": _sql_quotes, "allegation": _sql_allegations, "case": _sql_cases,
       "party": _sql_parties}


@dataclass
class Candidate:
    type: str
    id: int
    score: float
    date: Optional[datetime]
    group: Optional[str] = None
    sources: int = 1
    members: list = field(default_factory=list)  # ids of the rows grouped under this one

    def key(self, sort: str):
        when = (self.date or EPOCH).timestamp()
        if sort == "date":
            return (-when, -self.score, TYPE_ORDER[self.type], -self.id)
        return (-self.score, -when, TYPE_ORDER[self.type], -self.id)


def _params(parsed: ParsedQuery, f: Filters) -> dict:
    return {"q": parsed.tsquery, "qa": parsed.weighted("A"), "qab": parsed.weighted("AB"), "cap": CAP,
            "title_cap": TITLE_CAP, **f.params()}


def _fact_tops(kinds: list[str], f: Filters) -> dict:
    """The newest id of each fact table searched without filters: where _sql_facts' windows start."""
    tables = [f"casetracker_{kind}" for kind in kinds if kind in ("quote", "allegation") and not _fact_filters(kind, f)]
    if not tables:
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COALESCE(max(id), 0) FROM {t})" for t in tables))
        return {f"{t}_top": top for t, top in zip(tables, cursor.fetchone())}


def _is_phrase(kind: str, parsed: ParsedQuery, f: Filters) -> bool:
    return kind == "document" and parsed.has_phrase and "!" not in parsed.tsquery and not f.as_dict()


def _finish(kind: str, rows: list, phrase: bool, parsed: ParsedQuery, f: Filters) -> tuple[list[Candidate], bool]:
    # a phrase: also capped when the pool was full (older documents were not checked for the phrase)
    capped = len(rows) >= CAP or (phrase and bool(rows) and rows[0][4] >= PHRASE_POOL)
    found = [Candidate(kind, r[0], float(r[1]), r[2], r[3]) for r in rows]
    if kind == "party":
        found = _with_name_matches(found, parsed, f)
    if kind in ("quote", "allegation"):
        found.sort(key=lambda c: c.key("rank"))
        groups: dict[str, Candidate] = {}
        for c in found:
            if c.group in groups:
                groups[c.group].sources += 1
                groups[c.group].members.append(c.id)
            else:
                groups[c.group] = c
                c.members = [c.id]
        found = list(groups.values())
    return found, capped


def candidates(kind: str, parsed: ParsedQuery, f: Filters) -> tuple[list[Candidate], bool]:
    """Scored candidates of one type (quotes and allegations grouped across documents), and whether capped."""
    return candidates_of([kind], parsed, f)[kind]


def candidates_of(kinds: list[str], parsed: ParsedQuery, f: Filters) -> dict[str, tuple[list[Candidate], bool]]:
    """candidates() for several types, read in one statement (each type's query a branch of a UNION ALL)."""
    params = _params(parsed, f)
    branches, phrases = [], {}
    params.update(_fact_tops(kinds, f))
    for n, kind in enumerate(kinds):
        phrase = _is_phrase(kind, parsed, f)
        phrases[kind] = phrase
        if phrase:
            params.update(q_all=parsed.without_phrases(), pool=PHRASE_POOL)
            sql = _sql_documents(f, phrase=True)
        else:
            sql = SQL[kind](f)
        # every branch: kind number, id, score, date, group, pooled count
        cols = "t.*" if phrase else "t.*, NULL::bigint"
        branches.append(f"SELECT {n}, {cols} FROM ({sql}) t")
    rows: dict[str, list] = {kind: [] for kind in kinds}
    if branches:
        with connection.cursor() as cursor:
            cursor.execute("\nUNION ALL\n".join(branches), params)
            for r in cursor.fetchall():
                rows[kinds[r[0]]].append(r[1:])
    return {kind: _finish(kind, rows[kind], phrases[kind], parsed, f) for kind in kinds}


def _with_name_matches(found: list[Candidate], parsed: ParsedQuery, f: Filters) -> list[Candidate]:
    """Parties named by the query's words: first when the query is just that name, after the best otherwise."""
    by_id = {c.id: c for c in found}
    for match in parsed.names:
        for n, party in enumerate(match.parties):
            if f.party_id and party.pk != f.party_id:
                continue
            # a query that is only this name: first; a name among other words: listed after the full matches
            score = round((3 + match.similarity) if parsed.whole else -1 + 0.1 * match.similarity, 2) - 0.01 * n
            c = by_id.get(party.pk)
            if c is None:
                by_id[party.pk] = Candidate("party", party.pk, score, party.created_at)
            else:
                c.score = max(c.score, score)
    return list(by_id.values())


def search(q: str, *, types: Optional[set[str]] = None, limit: Optional[int] = None, page: int = 1,
           page_size: int = PAGE_SIZE, filters: Optional[Filters] = None, sort: str = "rank",
           facets: bool = False) -> Results:
    """The page of best matches for a query, with counts by type (and facets when asked)."""
    from casetracker.search import hits as hits_mod

    page_size = limit or page_size
    parsed = parse(q)
    results = Results(query=parsed.text, page=max(1, min(int(page or 1), MAX_PAGES)), page_size=page_size,
                      parsed=parsed)
    if not parsed.text:
        return results
    if parsed.only_exclusions:
        results.error = "Add a word to search for: exclusions (-word) alone would match nearly everything."
        return results
    if parsed.empty:
        results.error = "Type a word to search for: the query has no searchable words."
        return results
    f = filters or Filters()
    wanted = [t for t in TYPES if not types or t in types]
    counted = list(TYPES) if facets else wanted
    by_type: dict[str, list[Candidate]] = {}
    found_by_type = candidates_of([k for k in counted if f.applies(k)], parsed, f)
    for kind in counted:
        found, capped = found_by_type.get(kind, ([], False))
        if kind in found_by_type:
            by_type[kind] = found
        results.type_counts[kind] = (len(found), capped)
    merged = sorted((c for kind in wanted for c in by_type.get(kind, [])), key=lambda c: c.key(sort))
    results.total = len(merged)
    results.capped = any(results.type_counts.get(k, (0, False))[1] for k in wanted)
    if facets:
        sample = {k: sorted(by_type.get(k, []), key=lambda c: c.key("rank"))[:FACET_SAMPLE] for k in wanted}
        results.facets = facets_mod.counts({k: [i for c in cs for i in (c.members or [c.id])]
                                            for k, cs in sample.items()}, f)
        results.facets_sampled = any(len(by_type.get(k, [])) > FACET_SAMPLE for k in wanted)
    start = (results.page - 1) * page_size
    results.hits = hits_mod.load(merged[start:start + page_size], parsed)
    return results
