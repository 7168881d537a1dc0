"""Every API endpoint costs a fixed number of queries, whatever its rows or a case's sources (issue 12, Queries).

Measured on the code before: quotes 11 -> 101 queries at page_size 10 -> 100, events 12 -> 106, allegations
11 -> 53, claims 11 -> 55, case detail 19 -> 55 from 2 to 9 sources; every list but cases/parties read
Document.text.
"""
from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casetracker import services
from casetracker.models import Case, Event
from ingest.nlp import types as nlp
from tests.casetracker.factories import DocumentFactory, party, span

pytestmark = pytest.mark.django_db

# cases: the page, its parties, its docket numbers
LISTS = {"cases": 3, "documents": 1, "parties": 2, "quotes": 1, "allegations": 1, "claims": 1, "events": 2}


def _report(i: int) -> None:
    """One more source of Musk v. OpenAI, with a quote, two allegations, a claim, a dated and a shared event."""
    text = (f"Report {i}. Elon Musk sued OpenAI over its conversion. Musk testified that xAI used OpenAI models "
            f"to train Grok. Anthropic accused DeepSeek of distilling Claude. Musk said: “Partly, {i}.” "
            f"A hearing was held on day {i}. Someone said: “No comment {i}.” Written by Reporter{i}.")
    doc = DocumentFactory(text=text, title=f"Report {i}", url=f"https://example.com/{i}" if i % 2 else "")
    extraction = nlp.Extraction(
        parties=[party(text, "Elon Musk", "person", role="plaintiff", gid="elon-musk"),
                 party(text, "OpenAI", role="defendant", gid="openai"), party(text, "xAI", gid="xai"),
                 party(text, "Grok", "model", owner="xAI"), party(text, "Anthropic"), party(text, "DeepSeek"),
                 party(text, "Claude", "model", owner="Anthropic"), party(text, f"Reporter{i}", "person")],
        cases=[nlp.CaseX(caption="Musk v. OpenAI", plaintiffs=["Elon Musk"], defendants=["OpenAI"],
                         evidence=[span(text, "sued OpenAI")])],
        events=[nlp.EventX(kind="testimony", what="Musk testifies that xAI used OpenAI models",
                           evidence=[span(text, "testified")]),
                nlp.EventX(kind="hearing", what=f"Hearing {i}", date=f"2025-01-{i + 1:02d}", precision="day",
                           evidence=[span(text, "hearing")])],
        quotes=[nlp.QuoteX(text=f"Partly, {i}.", speaker="Elon Musk", cue="said", evidence=[span(text, "Partly")]),
                nlp.QuoteX(text=f"No comment {i}.", speaker=None, cue="said", evidence=[span(text, "No comment")])],
        allegations=[nlp.AllegationX(accused="xAI", teacher="OpenAI", student="Grok", status="admitted",
                                     evidence=[span(text, "xAI used OpenAI")]),
                     nlp.AllegationX(accused="DeepSeek", accuser="Anthropic", teacher="Claude",
                                     evidence=[span(text, "accused DeepSeek")])],
        claims=[nlp.ClaimX(kind="cause_of_action", label="conversion", subject="Elon Musk", object="OpenAI",
                           evidence=[span(text, "conversion")])],
        is_ai_litigation=True, extractor_version="t")
    services.extraction_record(document=doc, extraction=extraction)


def _grow(to: int) -> None:
    from casetracker.models import Document

    for i in range(Document.objects.count(), to):
        _report(i)


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return response.json()


def test_each_list_endpoint_costs_the_same_at_2_and_10_rows_and_never_reads_document_text(
        client, django_assert_num_queries):
    for size in (2, 10):
        _grow(size)
        for endpoint, queries in LISTS.items():
            with django_assert_num_queries(queries) as captured:
                body = _get(client, f"/api/v1/{endpoint}/?page_size=50")
            rows = len(body["results"])
            assert rows >= (1 if endpoint == "cases" else size), (endpoint, rows)
            reads_text = [q["sql"] for q in captured.captured_queries if '"casetracker_document"."text"' in q["sql"]]
            assert not reads_text, endpoint


def test_each_detail_endpoint_costs_the_same_at_2_and_10_sources(client, django_assert_num_queries):
    _grow(2)
    case = Case.objects.get()
    shared = Event.objects.get(kind="testimony")
    first = _get(client, "/api/v1/quotes/?page_size=1&order_by=id")["results"][0]
    allegation = _get(client, "/api/v1/allegations/?page_size=1&order_by=id")["results"][0]
    claim = _get(client, "/api/v1/claims/?page_size=1&order_by=id")["results"][0]
    urls = [f"/api/v1/cases/{case.slug}/", f"/api/v1/events/{shared.pk}/", "/api/v1/parties/openai/",
            f"/api/v1/documents/{first['document']}/", f"/api/v1/quotes/{first['id']}/",
            f"/api/v1/allegations/{allegation['id']}/", f"/api/v1/claims/{claim['id']}/"]
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            _get(client, url)
        counts[url] = len(captured)
    _grow(10)
    for url in urls:
        with django_assert_num_queries(counts[url]):
            body = _get(client, url)
        if "/cases/" in url:
            assert body["document_count"] == 10 and len(body["timeline"]) == 11
        if "/events/" in url:
            assert body["source_count"] == 10
