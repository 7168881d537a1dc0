"""Every page costs a number of queries that does not grow with its rows or a case's sources (issue 12).

One case grows from 2 to 6 sources; each source brings its own parties, a quote, two distillation allegations, a
claim, a dated event and a source of the shared testimony event. Each page is counted at the small size and
must cost exactly as many queries at the large one (the case page cost 32 -> 88 queries from 2 to 10 sources)."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casetracker import services
from casetracker.models import Case, Document
from ingest.nlp import types as nlp
from tests.casetracker.factories import DocumentFactory, party, span

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 6


def add_source(i: int) -> Document:
    text = (f"Elon Musk sued OpenAI. Musk testified that xAI used OpenAI models. Lab{i} accused Maker{i} of "
            f"distilling Model{i}. Analyst{i} said: “It was copying number {i}.” OpenAI filed motion {i} in "
            f"court. The suit claims breach of contract {i}.")
    doc = DocumentFactory(text=text, title=f"Source {i}", publisher=f"Outlet {i}")
    extraction = nlp.Extraction(
        parties=[party(text, "Elon Musk", "person", role="plaintiff", gid="elon-musk"),
                 party(text, "OpenAI", role="defendant", gid="openai"), party(text, "xAI", gid="xai"),
                 party(text, f"Lab{i}"), party(text, f"Maker{i}"), party(text, f"Model{i}", kind="model"),
                 party(text, f"Analyst{i}", kind="person")],
        cases=[nlp.CaseX(caption="Musk v. OpenAI", plaintiffs=["Elon Musk"], defendants=["OpenAI"],
                         evidence=[span(text, "sued")])],
        quotes=[nlp.QuoteX(text=f"It was copying number {i}.", speaker=f"Analyst{i}", cue="said",
                           evidence=[span(text, f"It was copying number {i}.")])],
        allegations=[nlp.AllegationX(accused="xAI", teacher="OpenAI", status="admitted",
                                     evidence=[span(text, "xAI used OpenAI")]),
                     nlp.AllegationX(accused=f"Maker{i}", accuser=f"Lab{i}", teacher=f"Model{i}",
                                     evidence=[span(text, f"accused Maker{i}")])],
        claims=[nlp.ClaimX(kind="cause_of_action", label=f"breach of contract {i}", subject="Elon Musk",
                           object="OpenAI", evidence=[span(text, f"breach of contract {i}")])],
        events=[nlp.EventX(kind="testimony", what="Musk testifies that xAI used OpenAI models",
                           evidence=[span(text, "testified")]),
                nlp.EventX(kind="filing", what=f"OpenAI files motion {i}", date=f"2025-0{1 + i % 9}-1{i % 10}",
                           precision="day", evidence=[span(text, f"filed motion {i}")])],
        is_ai_litigation=True, extractor_version="t")
    services.extraction_record(document=doc, extraction=extraction)
    return doc


def _pages() -> list[str]:
    case = Case.objects.get()
    doc = Document.objects.order_by("id").first()
    return ["/", "/?q=Musk", "/search/?q=OpenAI", "/search/?q=distilling&type=allegation", "/cases/",
            case.get_absolute_url(), "/parties/", "/parties/elon-musk/", "/parties/openai/", "/parties/xai/",
            "/allegations/", doc.get_absolute_url(), f"/cases/{case.slug}/feed/", "/parties/openai/feed/"]


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_each_page_costs_the_same_queries_at_two_sizes(client, django_assert_num_queries):
    for i in range(SMALL):
        add_source(i)
    client.get("/")  # the first request of a test warms per-process caches (content types, sessions)
    small = {url: _count(client, url) for url in _pages()}
    for i in range(SMALL, LARGE):
        add_source(i)
    assert Case.objects.get().case_documents.count() == LARGE
    print("\nqueries per page at", SMALL, "and", LARGE, "sources:",
          {url: (small[url], _count(client, url)) for url in _pages()})
    for url in _pages():
        with django_assert_num_queries(small[url]):
            client.get(url)
