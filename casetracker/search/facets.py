"""Facet counts beside the results: court, case status, party, year and publisher.

Counted over the ranked candidates of each type (all matches up to the cap), in one query per type, and
summed across types. A quote or allegation reported by several documents is one result (grouped by its
fingerprint) and counts once under each value any of its documents has. A document counts under a court or status through the cases it belongs to; a quote
or an allegation through its document (and an allegation through its own case); a case by its own fields.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

FACETS = ("court", "status", "party", "year", "publisher")
LIMIT = 8  # values shown per facet

_DOC_FACETS = """
  SELECT 'year', extract(year FROM d.published_at)::int::text, '', count(DISTINCT c.grp)
    FROM c JOIN casetracker_document d ON d.id = c.doc WHERE d.published_at IS NOT NULL GROUP BY 2
  UNION ALL SELECT 'publisher', d.publisher, '', count(DISTINCT c.grp)
    FROM c JOIN casetracker_document d ON d.id = c.doc WHERE d.publisher <> '' GROUP BY 2
  UNION ALL SELECT 'court', k.court, '', count(DISTINCT c.grp) FROM c
    JOIN casetracker_casedocument cd ON cd.document_id = c.doc JOIN casetracker_case k ON k.id = cd.case_id
    WHERE k.court <> '' GROUP BY 2
  UNION ALL SELECT 'status', k.status, '', count(DISTINCT c.grp) FROM c
    JOIN casetracker_casedocument cd ON cd.document_id = c.doc JOIN casetracker_case k ON k.id = cd.case_id
    GROUP BY 2
"""

SQL = {
    "party": """SELECT 'party', p.slug, p.name, count(*) FROM casetracker_party p WHERE p.id = ANY(%s::bigint[])
    GROUP BY 2, 3""",
    "document": f"""
WITH c AS (SELECT id, id AS doc, id::text AS grp FROM unnest(%s::bigint[]) AS id)
{_DOC_FACETS}
  UNION ALL SELECT 'party', p.slug, p.name, count(DISTINCT c.grp) FROM c
    JOIN casetracker_mention m ON m.document_id = c.id JOIN casetracker_party p ON p.id = m.party_id
    WHERE NOT m.rejected GROUP BY 2, 3""",
    "quote": f"""
WITH c AS (SELECT x.id, x.document_id AS doc, x.speaker_id, x.fingerprint AS grp FROM casetracker_quote x WHERE x.id = ANY(%s::bigint[]))
{_DOC_FACETS}
  UNION ALL SELECT 'party', p.slug, p.name, count(DISTINCT c.grp) FROM c JOIN casetracker_party p ON p.id = c.speaker_id
    GROUP BY 2, 3""",
    "allegation": f"""
WITH c AS (SELECT x.id, x.document_id AS doc, x.accuser_id, x.accused_id, x.teacher_id, x.student_id, x.case_id,
                  x.fingerprint AS grp
           FROM casetracker_allegation x WHERE x.id = ANY(%s::bigint[]))
  SELECT 'year', extract(year FROM d.published_at)::int::text, '', count(DISTINCT c.grp)
    FROM c JOIN casetracker_document d ON d.id = c.doc WHERE d.published_at IS NOT NULL GROUP BY 2
  UNION ALL SELECT 'publisher', d.publisher, '', count(DISTINCT c.grp)
    FROM c JOIN casetracker_document d ON d.id = c.doc WHERE d.publisher <> '' GROUP BY 2
  UNION ALL SELECT f.name, f.value, '', count(DISTINCT f.grp) FROM (
      SELECT c.grp, v.name, v.value FROM c JOIN casetracker_casedocument cd ON cd.document_id = c.doc
        JOIN casetracker_case k ON k.id = cd.case_id CROSS JOIN LATERAL (VALUES ('court', k.court), ('status', k.status)) v(name, value)
      UNION ALL
      SELECT c.grp, v.name, v.value FROM c JOIN casetracker_case k ON k.id = c.case_id
        CROSS JOIN LATERAL (VALUES ('court', k.court), ('status', k.status)) v(name, value)) f
    WHERE f.value <> '' GROUP BY 1, 2
  UNION ALL SELECT 'party', p.slug, p.name, count(DISTINCT c.grp) FROM c JOIN casetracker_party p
    ON p.id IN (c.accuser_id, c.accused_id, c.teacher_id, c.student_id) GROUP BY 2, 3""",
    "case": """
WITH c AS (SELECT k.* FROM casetracker_case k WHERE k.id = ANY(%s::bigint[]))
  SELECT 'court', c.court, '', count(*) FROM c WHERE c.court <> '' GROUP BY 2
  UNION ALL SELECT 'status', c.status, '', count(*) FROM c GROUP BY 2
  UNION ALL SELECT 'year', extract(year FROM c.date_filed)::int::text, '', count(*) FROM c
    WHERE c.date_filed IS NOT NULL GROUP BY 2
  UNION ALL SELECT 'party', p.slug, p.name, count(DISTINCT c.id) FROM c
    JOIN casetracker_caseparty cp ON cp.case_id = c.id JOIN casetracker_party p ON p.id = cp.party_id GROUP BY 2, 3""",
}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


def counts(ids_by_type: dict[str, list[int]], filters) -> dict[str, list[FacetValue]]:
    """facet name -> values with counts, most frequent first; a selected value is always listed."""
    totals: dict[str, dict[str, list]] = {name: {} for name in FACETS}
    # every type's counts in one statement: each type's query a branch of a UNION ALL
    kinds = [kind for kind, ids in ids_by_type.items() if ids and kind in SQL]
    if kinds:
        sql = "\nUNION ALL\n".join(f"SELECT * FROM ({SQL[kind]}) f{n}" for n, kind in enumerate(kinds))
        with connection.cursor() as cursor:
            cursor.execute(sql, [ids_by_type[kind] for kind in kinds])
            for name, value, label, n in cursor.fetchall():
                entry = totals[name].setdefault(value, [label or value, 0])
                entry[1] += n
    selected = {"court": filters.court, "status": filters.status, "party": filters.party,
                "year": str(filters.year or ""), "publisher": filters.publisher}
    out: dict[str, list[FacetValue]] = {}
    for name in FACETS:
        values = [FacetValue(v, label, n, v == selected[name]) for v, (label, n) in totals[name].items()]
        if name == "year":
            values.sort(key=lambda fv: (-fv.count, fv.value))
        else:
            values.sort(key=lambda fv: (-fv.count, fv.label.lower()))
        shown = values[:LIMIT]
        if selected[name] and not any(fv.selected for fv in shown):
            chosen = [fv for fv in values if fv.selected] or [FacetValue(selected[name], selected[name], 0, True)]
            shown.append(chosen[0])
        out[name] = shown
    return out
