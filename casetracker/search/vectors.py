"""Stored, weighted search vectors, kept current on write (services call these after each change).

Weights follow what a reader expects to outrank what: A the object's own name (title, caption, party
name, the parties of an allegation), B the names it involves (parties a document mentions, aliases,
a quote's speaker and words), C the body, D the publisher. Each refresh is one set-based UPDATE, so the
same functions fill 100,000 documents in the benchmark.
"""
from __future__ import annotations

from typing import Iterable

from django.db import connection

CONFIG = "casetracker"
BODY_CHARS = 400_000  # a tsvector holds at most 1 MB


def _ids(items) -> list[int]:
    if hasattr(items, "values_list") and getattr(items, "_fields", None) is None:  # a queryset of models
        return list(items.values_list("pk", flat=True))
    return [getattr(i, "pk", i) for i in items]


def _run(sql: str, ids: list[int]) -> None:
    if ids:
        with connection.cursor() as cursor:
            cursor.execute(sql, [ids])


def _tsv(expr: str, weight: str) -> str:
    return f"setweight(to_tsvector('{CONFIG}', coalesce({expr}, '')), '{weight}')"


DOCUMENTS_SQL = f"""
UPDATE casetracker_document d SET search_vector =
    {_tsv('d.title', 'A')}
 || {_tsv('''(SELECT string_agg(k.case_name, ' ') FROM casetracker_casedocument cd
              JOIN casetracker_case k ON k.id = cd.case_id WHERE cd.document_id = d.id)''', 'A')}
 || {_tsv('''(SELECT string_agg(DISTINCT p.name, ' ') FROM casetracker_mention m
              JOIN casetracker_party p ON p.id = m.party_id WHERE m.document_id = d.id AND NOT m.rejected)''', 'B')}
 || {_tsv(f'left(d.text, {BODY_CHARS})', 'C')}
 || {_tsv('d.publisher', 'D')}
WHERE d.id = ANY(%s)
"""

QUOTES_SQL = f"""
UPDATE casetracker_quote q SET search_vector =
    {_tsv('(SELECT p.name FROM casetracker_party p WHERE p.id = q.speaker_id)', 'B')}
 || {_tsv('q.text', 'B')}
WHERE q.id = ANY(%s)
"""

_NAME = "(SELECT p.name FROM casetracker_party p WHERE p.id = a.{})"
# an allegation is named by its parties and what it is: "distillation", "accusation"
ALLEGATIONS_SQL = f"""
UPDATE casetracker_allegation a SET search_vector =
    {_tsv(" || ' ' || ".join(f"coalesce({_NAME.format(f)}, '')"
                             for f in ('accuser_id', 'accused_id', 'teacher_id', 'student_id')), 'A')}
 || {_tsv("'distillation distilled distilling accusation accuses'", 'A')}
 || {_tsv('a.status', 'B')}
 || {_tsv('(SELECT e.sentence FROM casetracker_evidence e WHERE e.id = a.evidence_id)', 'C')}
WHERE a.id = ANY(%s)
"""

PARTIES_SQL = f"""
UPDATE casetracker_party p SET search_vector =
    {_tsv('p.name', 'A')}
 || {_tsv("(SELECT string_agg(a.name, ' ') FROM casetracker_alias a WHERE a.party_id = p.id)", 'B')}
 || {_tsv("(SELECT string_agg(x.name, ' ') FROM casetracker_party x WHERE x.owner_id = p.id)", 'C')}
WHERE p.id = ANY(%s)
"""

CASES_SQL = f"""
UPDATE casetracker_case k SET search_vector =
    {_tsv('k.case_name', 'A')}
 || {_tsv('''(SELECT string_agg(p.name || ' ' || coalesce((SELECT string_agg(a.name, ' ')
              FROM casetracker_alias a WHERE a.party_id = p.id), ''), ' ')
              FROM casetracker_caseparty cp JOIN casetracker_party p ON p.id = cp.party_id WHERE cp.case_id = k.id)''',
          'B')}
 || {_tsv("'lawsuit suit sues sued case litigation'", 'A')}
 || {_tsv("k.court || ' ' || k.docket_number || ' ' || k.judge", 'C')}
WHERE k.id = ANY(%s)
"""  # a case is a lawsuit: "NYT lawsuit" finds the case by its caption first


def refresh_documents(ids: Iterable[int], *, related: bool = True) -> None:
    """Documents' vectors, and (``related``) those of their quotes, allegations, parties and cases."""
    ids = _ids(ids)
    if not ids:
        return
    _run(DOCUMENTS_SQL, ids)
    if not related:
        return
    from casetracker.models import Allegation, CaseDocument, Mention, Quote

    refresh_quotes(Quote.objects.filter(document_id__in=ids))
    refresh_allegations(Allegation.objects.filter(document_id__in=ids))
    refresh_parties(Mention.objects.filter(document_id__in=ids).values_list("party_id", flat=True).distinct())
    refresh_cases(CaseDocument.objects.filter(document_id__in=ids).values_list("case_id", flat=True).distinct())


def refresh_document(document) -> None:
    refresh_documents([document.pk])


def refresh_quotes(qs) -> None:
    _run(QUOTES_SQL, _ids(qs))


def refresh_allegations(qs) -> None:
    _run(ALLEGATIONS_SQL, _ids(qs))


def refresh_parties(pks: Iterable[int]) -> None:
    _run(PARTIES_SQL, _ids(pks))


def refresh_cases(pks: Iterable[int]) -> None:
    _run(CASES_SQL, _ids(pks))
