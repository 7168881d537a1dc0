"""The page of hits: objects loaded with their joins, highlights (ts_headline) made for this page only.

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


HEADLINE_SQL = {
    "document": f"""SELECT d.id, ts_headline('{CONFIG}', {_clean(f'left(d.text, {HEADLINE_CHARS})')}, %(q)s::tsquery, %(snip)s),
        ts_headline('{CONFIG}', {_clean("coalesce(nullif(d.title, ''), 'Untitled document')")}, %(q)s::tsquery, %(whole)s)
        FROM casetracker_document d WHERE d.id = ANY(%(ids)s)""",
    "quote": f"""SELECT x.id, ts_headline('{CONFIG}', {_clean('x.text')}, %(q)s::tsquery, %(whole)s), ''
        FROM casetracker_quote x WHERE x.id = ANY(%(ids)s)""",
    "allegation": f"""SELECT x.id, ts_headline('{CONFIG}', {_clean('e.sentence')}, %(q)s::tsquery, %(whole)s), ''
        FROM casetracker_allegation x JOIN casetracker_evidence e ON e.id = x.evidence_id WHERE x.id = ANY(%(ids)s)""",
    "case": f"""SELECT k.id, '', ts_headline('{CONFIG}', {_clean('k.case_name')}, %(q)s::tsquery, %(whole)s)
        FROM casetracker_case k WHERE k.id = ANY(%(ids)s)""",
}


def _querysets():
    """Light querysets for a page of hits: the joins a hit shows, no aggregates over whole tables."""
    from django.db.models import Prefetch

    from casetracker.models import Allegation, Case, CaseParty, Document, Party, Quote

    return {
        "case": Case.objects.order_by().prefetch_related(
            Prefetch("case_parties", queryset=CaseParty.objects.select_related("party"))),
        "party": Party.objects.order_by().prefetch_related("aliases"),
        "document": Document.objects.order_by().defer("text", "minhash", "pages", "meta"),
        "quote": Quote.objects.order_by().select_related("speaker", "evidence__document"),
        "allegation": Allegation.objects.order_by().select_related(
            "accuser", "accused", "teacher", "student", "evidence__document"),
    }


def load(page: list, parsed) -> list:
    """Hits for a page of candidates, in the candidates' order."""
    from casetracker.search.engine import Hit

    ids: dict[str, list[int]] = {}
    for c in page:
        ids.setdefault(c.type, []).append(c.id)
    querysets = _querysets()
    objects = {kind: querysets[kind].in_bulk(pks) for kind, pks in ids.items()}
    headlines: dict[tuple, tuple] = {}
    with connection.cursor() as cursor:
        for kind, pks in ids.items():
            if kind in HEADLINE_SQL:
                cursor.execute(HEADLINE_SQL[kind], {"q": parsed.tsquery, "ids": pks, "snip": SNIPPET, "whole": WHOLE})
                for pk, body, title in cursor.fetchall():
                    headlines[(kind, pk)] = (body or "", title or "")
    hits = []
    for c in page:
        obj = objects.get(c.type, {}).get(c.id)
        if obj is None:
            continue
        body, title = headlines.get((c.type, c.id), ("", ""))
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
        return ", ".join(a.name for a in hit.obj.aliases.all()[:8])
    return ""


def hit_dict(hit, request=None) -> dict:
    from casetracker.marking import render_headline

    url = hit_url(hit)
    snippet_html = render_headline(hit.headline) if hit.headline else ""
    return {"type": hit.type, "id": hit.obj.pk, "title": hit_title(hit), "snippet": hit_snippet(hit),
            "snippet_html": str(snippet_html), "rank": round(float(hit.rank), 4), "sources": hit.sources,
            "date": hit.date.isoformat() if hit.date else None,
            "absolute_url": request.build_absolute_uri(url) if request else url}
