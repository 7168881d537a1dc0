"""Exports (issue 14): cases, parties, allegations and quotes as CSV and JSON from the list pages (with their
filters) and the API (``format=csv``); the Database of AI Litigation's columns; formulas neutralised; streamed."""
from __future__ import annotations

import csv
import io
import json

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from casetracker.exports import DAIL_COLUMNS, cell, first_sentence
from casetracker.models import Case, Quote
from tests.casetracker.factories import CaseFactory, case_record

pytestmark = pytest.mark.django_db


def _body(response) -> str:
    assert response.status_code == 200, response
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8")


def _csv(client, url) -> list[dict]:
    response = client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(_body(response))))


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("OpenAI", "OpenAI"), (None, ""), (True, "true"), (["a", "=b"], "a; =b"),
    (["=a", "b"], "'=a; b"),
])
def test_cells_that_a_spreadsheet_would_run_are_made_text(value, expected):
    assert cell(value) == expected


def test_case_csv_carries_the_lists_filters_and_neutralises_formulas(client):
    case, _ = case_record()
    CaseFactory(case_name="=cmd|' /C calc'!A0 v. Shop", slug="evil", is_ai_litigation=True)
    CaseFactory(case_name="Swimwear v. Shop", slug="swim", is_ai_litigation=False)
    html = client.get("/cases/?stage=class_certification&order=caption").content.decode()
    link = html.split('Export: <a href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert link == "/cases/export.csv?stage=class_certification&order=caption"
    rows = _csv(client, link)
    assert [r["case_name"] for r in rows] == ["Tremblay v. OpenAI"]
    row = rows[0]
    assert row["court"] == "cand" and row["court_name"] == "N.D. Cal." and row["stage"] == "class_certification"
    assert row["docket_numbers"] == "3:23-cv-03417-VC; 24-1234" and row["plaintiffs"] == "Paul Tremblay"
    assert row["date_filed"] == "2023-06-28" and row["class_action"] == "true" and row["url"] == case.get_absolute_url()
    everything = {r["case_name"] for r in _csv(client, "/cases/export.csv")}
    assert "'=cmd|' /C calc'!A0 v. Shop" in everything and "Swimwear v. Shop" not in everything  # the default
    assert "Swimwear v. Shop" in {r["case_name"] for r in _csv(client, "/cases/export.csv?is_ai_litigation=all")}


def test_json_exports_are_one_array_of_objects(client):
    case_record()
    rows = json.loads(_body(client.get("/cases/export.json?court=cand&stage=class_certification")))
    assert [(r["case_name"], r["docket_numbers"], r["class_action"]) for r in rows] == [
        ("Tremblay v. OpenAI", ["3:23-cv-03417-VC", "24-1234"], True)]
    assert json.loads(_body(client.get("/cases/export.json?court=nysd"))) == []
    assert client.get("/cases/export.xlsx").status_code == 404


def test_parties_allegations_and_quotes_export_from_their_pages(client, musk_case):
    case, _ = musk_case
    parties = client.get("/parties/").content.decode()
    assert 'href="/parties/export.csv"' in parties
    names = {r["name"] for r in _csv(client, "/parties/export.csv")}
    assert {"Elon Musk", "OpenAI", "xAI"} <= names
    assert {r["name"] for r in _csv(client, "/parties/export.csv?kind=person")} == {"Elon Musk"}
    assert 'href="/allegations/export.csv"' in client.get("/allegations/").content.decode()
    allegations = _csv(client, "/allegations/export.csv")
    assert {(a["accused"], a["status"]) for a in allegations} >= {("xAI", "admitted"), ("DeepSeek", "alleged")}
    assert list(allegations[0]) == ["id", "accuser", "accused", "teacher", "student", "status", "case", "document",
                                    "publisher", "published_at", "sentence", "source_url"]
    assert {a["accused"] for a in _csv(client, "/allegations/export.csv?status=alleged")} == {"DeepSeek"}
    assert f'href="/quotes/export.csv?case={case.slug}"' in client.get(case.get_absolute_url()).content.decode()
    quotes = _csv(client, f"/quotes/export.csv?case={case.slug}")
    assert [(q["text"], q["speaker"]) for q in quotes] == [("Partly.", "Elon Musk")]
    assert quotes[0]["source_url"].startswith("/documents/") and "#ev-" in quotes[0]["source_url"]
    assert json.loads(_body(client.get("/quotes/export.json?speaker=openai"))) == []


def test_the_api_answers_format_csv_with_every_filtered_row(client, musk_case):
    case_record()
    response = client.get("/api/v1/cases/?format=csv&court=cand&page_size=1")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(_body(response))))
    assert {r["case_name"] for r in rows} == {"Tremblay v. OpenAI", "In re OpenAI ChatGPT Litigation",
                                              "Silverman v. OpenAI"}  # all of them, not one page
    for resource, column in (("parties", "name"), ("quotes", "text"), ("allegations", "accused")):
        rows = list(csv.DictReader(io.StringIO(_body(client.get(f"/api/v1/{resource}/?format=csv")))))
        assert rows and column in rows[0], resource
    assert client.get("/api/v1/cases/?format=csv&stage=lunch").status_code == 400
    assert client.get("/api/v1/cases/?format=json").json()["results"]


def test_the_dail_csv_has_the_databases_columns(client):
    case, made = case_record()
    html = client.get("/cases/?court=cand").content.decode()
    assert 'href="/cases/export/dail.csv?court=cand&amp;order=activity"' in html
    response = client.get("/cases/export/dail.csv?court=cand&stage=class_certification")
    text = _body(response)
    assert text.splitlines()[0] == ",".join(DAIL_COLUMNS)
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert row["Caption"] == "Tremblay v. OpenAI"
    assert row["Brief Description"] == ("Authors sued OpenAI in the Northern District of California, case No. "
                                        "3:23-cv-03417-VC.")
    assert row["Organizations Involved"] == "Paul Tremblay; OpenAI"
    assert row["Area of Application"] == "text" and row["Cause of Action"] == "copyright infringement; DMCA § 1202"
    assert row["Jurisdiction"] == "US federal" and row["Status"] == "open" and row["Class Action"] == "Yes"
    assert row["Date Filed"] == "2023-06-28" and row["Most Recent Activity"] == "2025-05-01"
    assert row["Docket Numbers"] == "3:23-cv-03417-VC (N.D. Cal.); 24-1234 (9th Cir.)"
    api = _body(client.get("/api/v1/cases/dail/?court=cand&stage=class_certification"))
    assert api == text


def test_first_sentence_skips_headings_and_bylines():
    text = "Authors v. OpenAI\n\nBy Jane Doe\n\nAuthors sued OpenAI on Monday in San Francisco, saying it copied " \
           "their books. The suit seeks damages."
    assert first_sentence(text) == "Authors sued OpenAI on Monday in San Francisco, saying it copied their books."
    assert first_sentence("") == ""


def test_an_export_costs_the_same_queries_at_two_sizes(client, musk_case):
    case_record()

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            _body(client.get(url))
        return len(ctx.captured_queries)

    urls = ["/cases/export.csv?is_ai_litigation=all", "/cases/export/dail.csv", "/quotes/export.csv",
            "/allegations/export.json", "/parties/export.csv", "/api/v1/cases/?format=csv"]
    small = {u: count(u) for u in urls}
    for i in range(5):
        CaseFactory(case_name=f"Extra{i} v. OpenAI", slug=f"extra-{i}")
        Quote.objects.create(text=f"Quote {i}", document=Quote.objects.first().document,
                             evidence=Quote.objects.first().evidence, fingerprint=f"q{i}")
    assert Case.objects.count() > 5
    assert {u: count(u) for u in urls} == small


def test_api_csv_errors_are_json_and_a_detail_is_one_row(client, musk_case):
    case, _ = musk_case
    response = client.get("/api/v1/allegations/?format=csv&nonsense=1")
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert "nonsense" in response.json()["detail"]
    assert client.get("/api/v1/cases/no-such-case/?format=csv").status_code == 404
    rows = list(csv.DictReader(io.StringIO(_body(client.get(f"/api/v1/cases/{case.slug}/?format=csv")))))
    assert [r["case_name"] for r in rows] == [case.case_name]
    for url in (f"/api/v1/cases/{case.slug}/?format=csv&omit=nonsense", "/api/v1/cases/?format=csv&fields=x,",
                f"/api/v1/cases/{case.slug}/?format=csv&fields="):
        response = client.get(url)  # fields=/omit= are checked as for JSON
        assert response.status_code == 400 and response["Content-Type"] == "application/json", url


def test_the_dail_export_takes_the_case_filters_and_nothing_else(client, musk_case):
    assert client.get("/api/v1/cases/dail/?fields=case_name").status_code == 400
    assert client.get("/api/v1/cases/dail/?stage=lunch").status_code == 400
    assert client.get("/api/v1/cases/dail/?order_by=-date_filed&is_ai_litigation=true").status_code == 200
