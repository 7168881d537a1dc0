"""Hostile input: NUL bytes and control characters, markup and javascript: links in ingested text.

Each is a 400 (or escaped / cleaned text), never a 500."""
from __future__ import annotations

import base64
import json
import re

import feedparser
import pytest

from ingest.readers import read_bytes
from tests.casetracker.factories import DocumentFactory

pytestmark = pytest.mark.django_db

NUL_URLS = [
    "/cases/?court=a%00b", "/search/?q=a%00", "/?q=a%00", "/parties/?q=a%00b", "/allegations/?status=a%00",
    "/search/feed/?q=open%00ai", "/api/v1/search/?q=openai&publisher=a%00b", "/api/v1/cases/?court=a%00b",
    "/api/v1/documents/?publisher=a%00", "/api/v1/parties/?a%00b=1", "/cases/a%00b/", "/api/v1/cases/a%00b/",
]


@pytest.fixture
def raising_client(client):
    client.raise_request_exception = False  # a 500 shows as a 500 response, as a user would see it
    return client


@pytest.mark.parametrize("url", NUL_URLS)
def test_nul_bytes_in_the_query_or_path_are_a_400(raising_client, url):
    r = raising_client.get(url)
    assert r.status_code == 400, (url, r.status_code)
    if url.startswith("/api/"):
        assert r["Content-Type"].startswith("application/json")
        assert "NUL" in r.json()["detail"]
    else:
        html = r.content.decode()
        assert 'aria-label="Main"' in html and 'role="search"' in html  # the site's own 400 page


def test_nul_bytes_in_form_keys_and_values_are_a_400(raising_client):
    r = raising_client.post("/admin/login/", {"username": "ad\x00min", "password": "x"})
    assert r.status_code == 400
    r = raising_client.post("/api/v1/documents/", "text=a&x\x00y=1", content_type="application/x-www-form-urlencoded")
    assert r.status_code == 400
    assert raising_client.post("/api/v1/documents/", json.dumps({"text": "a\x00b"}),
                               content_type="application/json").status_code in (400, 401, 403)


def _basic(user: bytes, password: bytes) -> str:
    return "Basic " + base64.b64encode(user + b":" + password).decode()


API_URLS = ["/api/v1/", "/api/v1/cases/", "/api/v1/documents/", "/api/v1/parties/", "/api/v1/quotes/",
            "/api/v1/allegations/", "/api/v1/claims/", "/api/v1/events/", "/api/v1/search/?q=openai",
            "/api/v1/schema/"]


@pytest.mark.parametrize("url", API_URLS)
@pytest.mark.parametrize("header", [
    _basic(b"ad\x00min", b"pw"), _basic(b"admin", b"p\x00w"), _basic(b"\xff\xfe\x00", b"\x00"),
    "Basic !!!not-base64!!!", "Basic " + base64.b64encode(b"no-colon").decode(),
    _basic(b"a\x1bdmin", b"pw"),
])
def test_hostile_basic_auth_is_a_401_never_a_500(raising_client, url, header):
    r = raising_client.get(url, HTTP_AUTHORIZATION=header)
    assert r.status_code in (400, 401), (url, header, r.status_code)


# --------------------------------------------------------------------------- control characters
CONTROLS = "".join(chr(c) for c in [*range(0, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)])


def test_readers_remove_control_characters_from_every_text_field():
    raw = ("title: Musk\x1b[31m v. OpenAI\x7f\nauthor: Jane\x85 Doe\npublisher: The\x9b Verge\n\n"
           "Elon Musk\x1b sued OpenAI.\tIt\x07 said so.\r\nNext\x0c line \x01\x02\x03.").encode("utf-8")
    doc = read_bytes(raw, filename="a.txt")
    for value in (doc.text, doc.title, doc.author, doc.publisher):
        assert not set(value) & set(CONTROLS), repr(value)
    assert doc.title == "Musk[31m v. OpenAI" and doc.author == "Jane Doe" and doc.publisher == "The Verge"
    assert "Elon Musk sued OpenAI.\tIt said so." in doc.text


def test_docket_json_is_cleaned_of_control_characters():
    data = {"case_name": "Musk\x1b v. Altman", "docket_number": "4:24-cv-04722", "court_id": "cand",
            "assigned_to_str": "Yvonne\x08 Gonzalez Rogers",
            "docket_entries": [{"entry_number": 1, "date_filed": "2024-08-05", "description": "COMPLAINT\x1b"}]}
    doc = read_bytes(json.dumps(data).encode(), filename="d.json")
    assert not set(doc.text + doc.title) & set(CONTROLS)
    assert doc.title == "Musk v. Altman"


def test_raw_input_keeps_the_bytes_as_received(db):
    from ingest import services

    raw = b"Elon Musk\x1b sued OpenAI in federal court on Thursday, the complaint says."
    ri, outcome = services.raw_input_for_bytes(raw=raw, source="api", filename="x.txt")
    assert outcome is None and bytes(ri.raw) == raw


@pytest.fixture
def esc_document(db):
    """A document stored before cleaning existed, with an ESC and other controls in its fields."""
    from casetracker import services
    from ingest.nlp import types as nlp
    from tests.casetracker.factories import party

    text = "Elon Musk\x1b[31m sued OpenAI\x0b over \x01its <script>alert(1)</script> models. OpenAI denied it."
    doc = DocumentFactory(text=text, title="Musk\x1b sues <b>OpenAI</b>", publisher="ESC\x1b Times")
    extraction = nlp.Extraction(parties=[party(text, "Elon Musk", "person", gid="elon-musk"),
                                         party(text, "OpenAI", gid="openai")], extractor_version="t")
    services.extraction_record(document=doc, extraction=extraction)
    return doc


def _parsed_feed(client, url):
    r = client.get(url)
    assert r.status_code == 200, (url, r.status_code)
    parsed = feedparser.parse(r.content)
    assert not parsed.bozo, parsed.bozo_exception
    return r.content.decode(), parsed


@pytest.mark.parametrize("url", ["/parties/openai/feed/", "/search/feed/?q=Musk", "/search/feed/?q=sued&type=document"])
def test_feeds_survive_stored_control_characters_and_send_no_markup(raising_client, esc_document, url):
    body, parsed = _parsed_feed(raising_client, url)
    assert parsed.entries, url
    assert "\x1b" not in body and "\x0b" not in body
    assert 'type="html"' not in body  # summaries are text: a feed reader renders nothing of the ingested text
    assert "<script" not in body and "<b>" not in body
    for entry in parsed.entries:
        for detail in [entry.get("summary_detail"), entry.get("title_detail")]:
            if detail:
                assert detail["type"] == "text/plain", detail


def test_case_feed_survives_control_characters(raising_client, esc_document):
    from casetracker.models import Case

    case = Case.objects.create(case_name="Musk\x1b v. OpenAI", slug="musk-v-openai")
    case.case_documents.create(document=esc_document) if hasattr(case, "case_documents") else None
    body, parsed = _parsed_feed(raising_client, "/cases/musk-v-openai/feed/")
    assert "\x1b" not in body and parsed.feed.title.startswith("Musk v. OpenAI")


# --------------------------------------------------------------------------- javascript: links
BAD_URLS = ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,<script>",
            "vbscript:x", "//evil.example/x", "http:", "file:///etc/passwd", "java\tscript:alert(1)"]


@pytest.mark.parametrize("bad", BAD_URLS)
def test_text_header_source_url_must_be_http(bad):
    doc = read_bytes(f"source_url: {bad}\ntitle: T\n\nElon Musk sued OpenAI in federal court.".encode(),
                     filename="a.txt")
    assert doc.url == ""


def test_text_header_http_source_url_is_kept():
    doc = read_bytes(b"source_url: https://example.com/a\n\nElon Musk sued OpenAI.", filename="a.txt")
    assert doc.url == "https://example.com/a"


@pytest.mark.parametrize("bad", BAD_URLS)
def test_docket_json_absolute_url_must_be_http(bad):
    data = {"case_name": "Musk v. Altman", "docket_number": "4:24-cv-04722", "absolute_url": bad}
    assert read_bytes(json.dumps(data).encode(), filename="d.json").url == ""


def test_docket_json_relative_absolute_url_points_at_courtlistener():
    data = {"case_name": "Musk v. Altman", "docket_number": "1", "absolute_url": "/docket/69013420/musk-v-altman/"}
    doc = read_bytes(json.dumps(data).encode(), filename="d.json")
    assert doc.url == "https://www.courtlistener.com/docket/69013420/musk-v-altman/"


def test_a_fetched_page_never_renames_itself():
    text = b"source_url: https://other.example/claimed\ntitle: T\n\nElon Musk sued OpenAI in federal court."
    doc = read_bytes(text, content_type="text/plain", url="https://news.example/real")
    assert doc.url == "https://news.example/real"
    html = (b"<html><head><link rel='canonical' href='javascript:alert(1)'><title>T</title></head><body><article>"
            + b"<p>Elon Musk sued OpenAI in federal court on Thursday, accusing it of abandoning its mission "
              b"and its founding agreement, the complaint filed in San Francisco says.</p>" * 3
            + b"</article></body></html>")
    assert read_bytes(html, content_type="text/html", url="https://news.example/html").url == \
        "https://news.example/html"
    assert read_bytes(html, filename="saved.html").url == ""


def test_the_fetch_path_keeps_the_fetched_url(db, settings, monkeypatch):
    """ingest.services reads a fetched page with the URL it was fetched from, whatever its header says."""
    from ingest import readers, services

    page = b"source_url: javascript:alert(1)\ntitle: T\n\nElon Musk sued OpenAI in federal court on Thursday."
    monkeypatch.setattr(readers, "fetch_url", lambda url, **kw: readers.FetchResult(
        raw=page, content_type="text/plain", final_url="https://news.example/final", status=200))
    ri, outcome = services.raw_input_for_source("https://news.example/start")
    doc = services._read(ri)
    assert doc.url == "https://news.example/final"


@pytest.mark.parametrize("stored,linked", [("javascript:alert(1)", False), ("https://example.com/a", True),
                                           ("data:text/html,x", False), ("http://example.com/b", True)])
def test_document_page_links_only_http_urls(raising_client, stored, linked):
    from casetracker.models import Document

    doc = DocumentFactory()
    Document.objects.filter(pk=doc.pk).update(url=stored)  # stored before the readers checked schemes
    html = raising_client.get(doc.get_absolute_url()).content.decode()
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert not any(h.lower().startswith(("javascript", "data")) for h in hrefs)
    assert (stored in hrefs) is linked
