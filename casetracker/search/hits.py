"""The page of hits: objects loaded with their joins and highlights (ts_headline, this page only), one statement a type.

Highlights come back from PostgreSQL as plain text with two private-use characters around the matching
words (removed from the source text first); ``marking.render_headline`` escapes the text, then turns the
markers into <mark>, so markup inside a document always shows as text.
"""
from __future__ import annotations

from django.db import connection

from casetracker.search.vectors import CONFIG

START, STOP = "\ue000", "\ue001"
HEADLINE_CHARS = 30_000  # of a document's text given to ts_headline
SNIPPET = (f"StartSel={START}, StopSel={STOP}, MaxWords=32, MinWords=14, MaxFragments=2, "
           "FragmentDelimiter=\" … \"")
WHOLE = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"


def _clean(expr: str) -> str:
    return f"translate({expr}, E'\\uE000\\uE001', '')"


_HEAVY = ("text", "minhash", "pages", "meta")  # a document's large columns: never needed to show a hit


def _cols(model, alias: str, exclude=()) -> tuple[list[str], list[str]]:
    """The SQL columns and attribute names of a model's fields (less ``exclude``) read under ``alias``."""
    fields = [f for f in model._meta.concrete_fields if f.name not in exclude]
    return [f'{alias}."{f.column}"' for f in fields], [f.attname for f in fields]


def _build(model, names: list[str], row, at: int):
    """A model instance from row[at:], as the ORM makes one (absent fields deferred); None for a missing join."""
    values = row[at:at + len(names)]
    if values[0] is None:
        return None, at + len(names)
    return model.from_db("default", names, values), at + len(names)


_TITLE = "coalesce(nullif(d.title, ''), 'Untitled document')"


def _plans():
    """Per type: the models read (alias, model, excluded fields), the joins and the highlight columns.

    One statement per type loads its hits, their related rows and the highlights (no ORM query compiled)."""
    from casetracker.models import Allegation, Case, Document, Evidence, Party, Quote

    q, whole, snip = "%(q)s::tsquery", "%(whole)s", "%(snip)s"
    return {
        "document": ([("d", Document, _HEAVY)], "casetracker_document d",
                     f"ts_headline('{CONFIG}', {_clean(f'left(d.text, {HEADLINE_CHARS})')}, {q}, {snip}), "
                     f"ts_headline('{CONFIG}', {_clean(_TITLE)}, {q}, {whole})"),
        "case": ([("k", Case, ())], "casetracker_case k",
                 f"'', ts_headline('{CONFIG}', {_clean('k.case_name')}, {q}, {whole})"),
        "party": ([("k", Party, ())], "casetracker_party k",
                  "ARRAY(SELECT a.name FROM casetracker_alias a WHERE a.party_id = k.id ORDER BY a.name), ''"),
        "quote": ([("k", Quote, ()), ("sp", Party, ()), ("e", Evidence, ()), ("d", Document, _HEAVY)],
                  "casetracker_quote k LEFT JOIN casetracker_party sp ON sp.id = k.speaker_id"
                  " LEFT JOIN casetracker_evidence e ON e.id = k.evidence_id"
                  " LEFT JOIN casetracker_document d ON d.id = e.document_id",
                  f"ts_headline('{CONFIG}', {_clean('k.text')}, {q}, {whole}), ''"),
        "allegation": ([("k", Allegation, ()), ("p1", Party, ()), ("p2", Party, ()), ("p3", Party, ()),
                        ("p4", Party, ()), ("e", Evidence, ()), ("d", Document, _HEAVY)],
                       "casetracker_allegation k LEFT JOIN casetracker_party p1 ON p1.id = k.accuser_id"
                       " LEFT JOIN casetracker_party p2 ON p2.id = k.accused_id"
                       " LEFT JOIN casetracker_party p3 ON p3.id = k.teacher_id"
                       " LEFT JOIN casetracker_party p4 ON p4.id = k.student_id"
                       " LEFT JOIN casetracker_evidence e ON e.id = k.evidence_id"
                       " LEFT JOIN casetracker_document d ON d.id = e.document_id",
                       f"ts_headline('{CONFIG}', {_clean('e.sentence')}, {q}, {whole}), ''"),
    }


def _load_kind(cursor, kind: str, pks: list[int], parsed) -> dict:
    """pk -> (object with its related objects set, headline, title headline) for one type."""
    models, joins, extra = _plans()[kind]
    cols, names = [], []
    for alias, model, exclude in models:
        c, n = _cols(model, alias, exclude)
        cols += c
        names.append(n)
    cursor.execute(f"SELECT {', '.join(cols)}, {extra} FROM {joins} WHERE {models[0][0]}.id = ANY(%(ids)s)",
                   {"q": parsed.tsquery, "ids": pks, "snip": SNIPPET, "whole": WHOLE})
    out = {}
    for row in cursor.fetchall():
        objs, at = [], 0
        for (alias, model, exclude), n in zip(models, names):
            obj, at = _build(model, n, row, at)
            objs.append(obj)
        obj = objs[0]
        body, title = row[at], row[at + 1]
        if kind == "party":
            obj._search_aliases, body = list(row[at] or []), ""
        elif kind in ("quote", "allegation"):
            *parties, evidence, document = objs[1:]
            if evidence is not None:
                if document is not None:
                    evidence.document = document
                obj.evidence = evidence
            for attr, party in zip(("speaker",) if kind == "quote" else ("accuser", "accused", "teacher", "student"),
                                   parties):
                if party is not None or getattr(obj, f"{attr}_id") is None:
                    setattr(obj, attr, party)  # None cached too: no query for a missing party
        out[obj.pk] = (obj, body or "", title or "")
    return out


def load(page: list, parsed) -> list:
    """Hits for a page of candidates, in the candidates' order."""
    from casetracker.search.engine import Hit

    ids: dict[str, list[int]] = {}
    for c in page:
        ids.setdefault(c.type, []).append(c.id)
    found: dict[tuple, tuple] = {}
    with connection.cursor() as cursor:
        for kind, pks in ids.items():
            for pk, entry in _load_kind(cursor, kind, pks, parsed).items():
                found[(kind, pk)] = entry
    hits = []
    for c in page:
        entry = found.get((c.type, c.id))
        if entry is None:
            continue
        obj, body, title = entry
        hits.append(Hit(c.type, obj, c.score, body, title, c.sources, c.date))
    return hits


def plain(headline: str) -> str:
    return headline.replace(START, "").replace(STOP, "")


def hit_title(hit) -> str:
    o = hit.obj
    if hit.type == "case":
        return o.case_name
    if hit.type == "party":
        return o.name
    if hit.type == "document":
        return o.title or f"Document {o.pk}"
    if hit.type == "quote":
        return f"“{o.text}” — {o.speaker.name if o.speaker else 'unattributed'}"
    teacher = f" {o.teacher.name}" if o.teacher else ""
    student = f" into {o.student.name}" if o.student else ""
    if o.accuser:
        return f"{o.accuser.name} accuses {o.accused.name} of distilling{teacher or ' its models'}{student} — {o.status}"
    return f"{o.accused.name} distilled{teacher}{student} — {o.status}"


def hit_url(hit) -> str:
    return hit.obj.evidence.get_absolute_url() if hit.type in ("quote", "allegation") else hit.obj.get_absolute_url()


def hit_snippet(hit) -> str:
    """The highlight as plain text (markers removed)."""
    if hit.headline:
        return plain(hit.headline)
    if hit.type in ("quote", "allegation"):
        return hit.obj.evidence.sentence
    if hit.type == "party":
        names = getattr(hit.obj, "_search_aliases", None)
        return ", ".join(names[:8] if names is not None else [a.name for a in hit.obj.aliases.all()[:8]])
    return ""


def hit_dict(hit, request=None) -> dict:
    from casetracker.marking import render_headline

    url = hit_url(hit)
    snippet_html = render_headline(hit.headline) if hit.headline else ""
    return {"type": hit.type, "id": hit.obj.pk, "title": hit_title(hit), "snippet": hit_snippet(hit),
            "snippet_html": str(snippet_html), "rank": round(float(hit.rank), 4), "sources": hit.sources,
            "date": hit.date.isoformat() if hit.date else None,
            "absolute_url": request.build_absolute_uri(url) if request else url}
