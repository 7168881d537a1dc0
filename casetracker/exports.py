"""Exports: cases, parties, allegations and quotes as CSV and JSON, streamed row by row (a list of any length
costs a few queries and little memory), and the cases with the columns of the Database of AI Litigation.

Every CSV cell that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return) is
neutralised with a leading apostrophe: the text comes from articles and filings, and is not trusted."""
from __future__ import annotations

import csv
import json
import re
from datetime import date, datetime
from typing import Callable, Iterable, Iterator

from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.functions import Substr
from django.http import StreamingHttpResponse

from casetracker import records
from casetracker.courts import court_display
from casetracker.models import CaseDocument, Claim

CHUNK = 500
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    """A value as one CSV cell: lists joined with "; ", dates in ISO 8601, booleans true/false, formulas made
    text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (datetime, date)):
        text = value.isoformat()
    elif isinstance(value, (list, tuple)):
        text = "; ".join("" if v is None else str(v) for v in value)
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _jsonable(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


class _Echo:
    """csv.writer writes into this and gets the line back."""

    def write(self, value):
        return value


def csv_lines(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([cell(v) for v in row])


def json_chunks(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    yield "["
    for i, row in enumerate(rows):
        yield ("," if i else "") + "\n" + json.dumps(dict(zip(header, (_jsonable(v) for v in row))),
                                                     ensure_ascii=False)
    yield "\n]\n"


def response(fmt: str, name: str, header: list[str], rows: Iterable[list]) -> StreamingHttpResponse:
    """A streamed download: ``fmt`` is "csv" or "json"."""
    if fmt == "csv":
        out = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv; charset=utf-8")
        out["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        out = StreamingHttpResponse(json_chunks(header, rows), content_type="application/json")
        out["Content-Disposition"] = f'inline; filename="{name}.json"'
    out["X-Content-Type-Options"] = "nosniff"
    return out


def stream(qs) -> Iterator:
    """Rows of a queryset in chunks, prefetches included (each chunk costs one query per prefetch)."""
    return qs.iterator(chunk_size=CHUNK)


# ----------------------------------------------------------------------------------------------- resources
Column = tuple[str, Callable]


def _names(case, role: str) -> list[str]:
    return [cp.party.name for cp in case.case_parties.all() if cp.role == role]


def _source_url(fact) -> str:
    return fact.evidence.get_absolute_url() if fact.evidence_id else ""


CASE_COLUMNS: list[Column] = [
    ("id", lambda c: c.pk), ("case_name", lambda c: c.case_name), ("case_name_full", lambda c: c.case_name_full),
    ("court", lambda c: c.court), ("court_name", lambda c: court_display(c.court)),
    ("jurisdiction", lambda c: c.jurisdiction),
    ("docket_numbers", lambda c: [d.number for d in c.dockets.all()] or ([c.docket_number] if c.docket_number else [])),
    ("judge", lambda c: c.judge), ("date_filed", lambda c: c.date_filed),
    ("date_terminated", lambda c: c.date_terminated), ("status", lambda c: c.status), ("stage", lambda c: c.stage),
    ("class_action", lambda c: c.class_action), ("causes", lambda c: list(c.causes)),
    ("ai_areas", lambda c: list(c.ai_areas)), ("is_ai_litigation", lambda c: c.is_ai_litigation),
    ("plaintiffs", lambda c: _names(c, "plaintiff")), ("defendants", lambda c: _names(c, "defendant")),
    ("document_count", lambda c: c.n_documents), ("last_activity", lambda c: c.last_activity),
    ("updated_at", lambda c: c.updated_at), ("url", lambda c: c.get_absolute_url()),
]
PARTY_COLUMNS: list[Column] = [
    ("id", lambda p: p.pk), ("name", lambda p: p.name), ("slug", lambda p: p.slug), ("kind", lambda p: p.kind),
    ("gazetteer_id", lambda p: p.gazetteer_id), ("owner", lambda p: p.owner.name if p.owner_id else ""),
    ("aliases", lambda p: [a.name for a in p.aliases.all()]), ("mentions", lambda p: getattr(p, "n_mentions", None)),
    ("url", lambda p: p.get_absolute_url()),
]


def _party(p) -> str:
    return p.name if p is not None else ""


ALLEGATION_COLUMNS: list[Column] = [
    ("id", lambda a: a.pk), ("accuser", lambda a: _party(a.accuser)), ("accused", lambda a: _party(a.accused)),
    ("teacher", lambda a: _party(a.teacher)), ("student", lambda a: _party(a.student)),
    ("status", lambda a: a.status), ("case", lambda a: a.case.case_name if a.case_id else ""),
    ("document", lambda a: a.document_id), ("publisher", lambda a: a.document.publisher),
    ("published_at", lambda a: a.document.published_at), ("sentence", lambda a: a.evidence.sentence),
    ("source_url", _source_url),
]
QUOTE_COLUMNS: list[Column] = [
    ("id", lambda q: q.pk), ("text", lambda q: q.text), ("speaker", lambda q: _party(q.speaker)),
    ("cue", lambda q: q.cue), ("document", lambda q: q.document_id), ("publisher", lambda q: q.document.publisher),
    ("published_at", lambda q: q.document.published_at), ("sentence", lambda q: q.evidence.sentence),
    ("source_url", _source_url),
]
RESOURCES = {"cases": CASE_COLUMNS, "parties": PARTY_COLUMNS, "allegations": ALLEGATION_COLUMNS,
             "quotes": QUOTE_COLUMNS}


def export(resource: str, qs, fmt: str) -> StreamingHttpResponse:
    columns = RESOURCES[resource]
    header = [name for name, _ in columns]
    rows = ([get(obj) for _, get in columns] for obj in stream(qs))
    return response(fmt, resource, header, rows)


# ------------------------------------------------------------------------------ Database of AI Litigation
DAIL_COLUMNS = ["Caption", "Brief Description", "Organizations Involved", "Area of Application", "Issue",
                "Cause of Action", "Jurisdiction", "Status", "Class Action", "Date Filed", "Most Recent Activity",
                "Docket Numbers"]
SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?=\s|$)")
NOT_AN_END = re.compile(r"(?:\b(?:No|Nos|v|vs|Inc|Corp|Co|Ltd|LLC|Mr|Mrs|Ms|Dr|Jr|Sr|St|Cal|Del|Fed|Cir|Dist|Ct|"
                        r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])\.$")


def first_sentence(text: str) -> str:
    """The first sentence of a text's first paragraph of prose (a heading or a byline line is skipped)."""
    for paragraph in (text or "").split("\n"):
        paragraph = " ".join(paragraph.split())
        if len(paragraph.split()) < 8:
            continue
        for m in SENTENCE_END.finditer(paragraph):
            candidate = paragraph[:m.end()]
            if len(candidate) >= 20 and not NOT_AN_END.search(candidate):
                return candidate[:600]
        return paragraph[:600] if len(paragraph) <= 600 else ""
    return ""


def dail_queryset(qs):
    """Cases with what the DAIL columns need, in the same query or one per relation: the opening of the best
    source's text, the parties, dockets and labels of the causes of action."""
    best = (CaseDocument.objects.filter(case=OuterRef("pk"))
            .order_by("-confidence", "-document__published_at", "document_id")
            .values(opening=Substr("document__text", 1, 2000))[:1])
    return qs.annotate(best_opening=Subquery(best)).prefetch_related(
        Prefetch("claims", to_attr="cause_claims", queryset=Claim.objects.filter(
            rejected=False, kind=Claim.Kind.CAUSE_OF_ACTION).only("id", "case_id", "label", "cause").order_by("id")))


ROLE_ORDER = {"plaintiff": 0, "defendant": 1, "other": 2}


def _dail_status(case) -> str:
    return "" if case.status == "unknown" else records.label("status", case.status)


def dail_row(case) -> list:
    docket_numbers = [f"{d.number} ({court_display(d.court)})" if d.court else d.number for d in case.dockets.all()]
    if not docket_numbers and case.docket_number:
        docket_numbers = [f"{case.docket_number} ({court_display(case.court)})" if case.court else case.docket_number]
    issues = sorted({c.label for c in case.cause_claims})
    causes = [records.label("cause_of_action", c) for c in case.causes] or sorted(
        {records.label("cause_of_action", c.cause) for c in case.cause_claims if c.cause})
    return [case.case_name, first_sentence(case.best_opening or ""),
            [cp.party.name for cp in sorted(case.case_parties.all(), key=lambda cp: ROLE_ORDER.get(cp.role, 3))],
            [records.label("ai_area", a) for a in case.ai_areas], issues, causes,
            records.label("jurisdiction", case.jurisdiction) or court_display(case.court), _dail_status(case),
            "" if case.class_action is None else ("Yes" if case.class_action else "No"), case.date_filed,
            case.last_activity, docket_numbers]


def dail(qs) -> StreamingHttpResponse:
    rows = (dail_row(case) for case in stream(dail_queryset(qs)))
    return response("csv", "dail", DAIL_COLUMNS, rows)
