"""The case record a legal researcher cites (issue 14, the read side): every field with its sources, conflicts,
the stage history, the family and counsel, on the page and in the API; the list's filters."""
from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casetracker.courts import court_display
from casetracker.models import Case, CaseFact, CaseRelation, Counsel, Event, EventSource
from tests.casetracker.factories import CaseFactory, DocumentFactory, LawFirmFactory, case_record, evidence

pytestmark = pytest.mark.django_db


def _section(html: str, ident: str) -> str:
    start = html.index(f'id="{ident}"')
    return html[start:html.index("</section>", start)] if "<section" in html[start - 60:start] else \
        html[start:html.index("</dd>", start)]


@pytest.fixture
def record():
    return case_record()


def test_court_ids_read_as_citations_and_unknown_ids_as_given():
    assert court_display("cand") == "N.D. Cal." and court_display("ca9") == "9th Cir."
    assert court_display("ewhc") == "EWHC" and court_display("") == "" and court_display("xx-nowhere") == "xx-nowhere"


def test_the_header_shows_every_field_of_the_case(client, record):
    case, _ = record
    html = client.get(case.get_absolute_url()).content.decode()
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    assert "<h1>Tremblay v. OpenAI" in html and "Paul Tremblay, et al. v. OpenAI, Inc., et al." in text
    assert "N.D. Cal." in _section(html, "field-court") and "cand" not in re.sub(r"<[^>]+>", "", _section(
        html, "field-court")).split("source")[0]
    assert "US federal" in _section(html, "field-jurisdiction")
    dockets = unescape(re.sub(r"<[^>]+>", "", _section(html, "field-docket_number")))
    assert "3:23-cv-03417-VC (N.D. Cal.)" in dockets and "24-1234 (9th Cir.)" in dockets
    assert "Araceli Martínez-Olguín" in _section(html, "field-judge")
    assert "2023-06-28" in _section(html, "field-date_filed")
    assert "not stated" in _section(html, "field-date_terminated")
    assert "open" in _section(html, "field-status").lower()
    assert "class certification" in _section(html, "field-stage")
    assert "yes" in _section(html, "field-class_action")
    assert "copyright infringement, DMCA § 1202" in _section(html, "field-causes")
    assert "text" in _section(html, "field-ai_areas")
    assert "1 May 2025" in _section(html, "field-last_activity")
    assert str(case.updated_at.year) in _section(html, "field-updated_at")


def test_each_field_lists_its_sources_with_sentence_link_and_confidence(client, record):
    case, made = record
    html = client.get(case.get_absolute_url()).content.decode()
    court = _section(html, "field-court")
    ev = made["facts"]["court"].evidence
    assert f'href="/documents/{made["document"].pk}/#ev-{ev.pk}"' in court
    assert "confidence 0.95" in court and "Authors sued OpenAI in the Northern District of California" in court
    assert f'href="/documents/{made["docket"].pk}/"' in court  # a docket's statement: its document
    assert "2 sources" in court
    filed = _section(html, "field-date_filed")
    assert "The suit was filed on June 28, 2023" in filed  # the dated event that shows the filing
    CaseFact.objects.create(case=case, field="date_filed", value="2023-06-28T00:00:00", document=made["docket"],
                            origin="docket")
    filed = _section(client.get(case.get_absolute_url()).content.decode(), "field-date_filed")
    assert "2 sources" in filed and f'href="/documents/{made["docket"].pk}/"' in filed
    assert "sources disagree" not in filed  # the docket's date-time and the article's date are one day


def test_disagreeing_sources_are_a_conflict_with_each_value_and_its_sources(client, record):
    case, made = record
    html = client.get(case.get_absolute_url()).content.decode()
    judge = _section(html, "field-judge")
    assert "sources disagree" in judge and "Vince Chhabria" in judge and "confidence 0.40" in judge
    conflicts = html[html.index('id="conflicts-h"'):html.index("</section>", html.index('id="conflicts-h"'))]
    assert "Judge: which?" in conflicts and "Vince Chhabria" in conflicts and "Araceli" in conflicts
    assert "Court: which?" not in conflicts  # two sources, one value: corroboration, not a conflict
    assert "Causes of action: which?" not in conflicts


def test_stage_history_is_in_date_order_with_each_sentence(client, record):
    case, made = record
    html = client.get(case.get_absolute_url()).content.decode()
    stages = _section(html, "stage-history")
    order = [stages.index(s) for s in ("28 June 2023", "28 August 2023", "1 May 2025")]
    assert order == sorted(order)
    assert "motion to dismiss" in stages and "OpenAI moved to dismiss on August 28, 2023." in stages
    ev = made["steps"]["class_certification"].sources.get().evidence
    assert f"#ev-{ev.pk}" in stages


def test_family_shows_both_directions_with_kind_link_and_source(client, record):
    case, made = record
    html = client.get(case.get_absolute_url()).content.decode()
    family = _section(html, "family")
    assert "This case is <strong>consolidated into</strong>" in family
    assert f'href="{made["lead"].get_absolute_url()}"' in family
    assert "The case was consolidated into In re OpenAI ChatGPT Litigation." in family
    assert f'href="{made["companion"].get_absolute_url()}">Silverman v. OpenAI</a>: <strong>companion of this case' \
           in family
    lead_html = client.get(made["lead"].get_absolute_url()).content.decode()
    assert "Tremblay v. OpenAI</a>: <strong>consolidated into this case" in _section(lead_html, "family")


def test_counsel_per_side_with_firm_and_source(client, record):
    case, made = record
    html = client.get(case.get_absolute_url()).content.decode()
    counsel = _section(html, "counsel")
    plaintiffs, defendants = counsel.split("For the defendants")
    assert "For the plaintiffs" in plaintiffs
    assert 'Joseph Saveri, <span class="firm">Joseph Saveri Law Firm' in plaintiffs
    assert "Latham &amp; Watkins" in defendants and "Saveri" not in defendants
    assert f"#ev-{made['counsel'][1].evidence_id}" in defendants


def _grow(case, made, i):
    doc = DocumentFactory(text=f"Report {i} says Judge Someone{i} presides and Firm{i} represents OpenAI. "
                               f"The case was stayed on day {i}. It is related to Case{i}.")
    CaseFact.objects.create(case=case, field="judge", value=f"Someone{i}", document=doc,
                            evidence=evidence(doc, "Judge"))
    Counsel.objects.create(case=case, side="defendant", firm=LawFirmFactory(), document=doc,
                           evidence=evidence(doc, f"Firm{i}"))
    other = CaseFactory()
    CaseRelation.objects.create(from_case=other, to_case=case, kind="member_of", document=doc,
                                evidence=evidence(doc, "related"))
    e = Event.objects.create(case=case, kind="ruling", stage="discovery", title=f"stay {i}", date=date(2024, 1, i + 1),
                             precision="day", fingerprint=f"grow-{i}")
    EventSource.objects.create(event=e, document=doc, evidence=evidence(doc, "stayed"))


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_case_page_and_api_detail_cost_the_same_queries_at_two_sizes(client, record):
    case, made = record
    urls = [case.get_absolute_url(), f"/api/v1/cases/{case.slug}/", "/cases/?is_ai_litigation=all",
            "/api/v1/cases/"]
    client.get("/")
    small = {u: _queries(client, u) for u in urls}
    for i in range(4):
        _grow(case, made, i)
    assert {u: _queries(client, u) for u in urls} == small


def test_api_detail_has_dockets_stage_history_family_counsel_and_sources(client, record):
    case, made = record
    body = client.get(f"/api/v1/cases/{case.slug}/").json()
    assert body["court"] == "cand" and body["court_name"] == "N.D. Cal." and body["jurisdiction"] == "us-federal"
    assert body["case_name_full"].startswith("Paul Tremblay") and body["stage"] == "class_certification"
    assert body["class_action"] is True and body["causes"] == ["copyright_infringement", "dmca_1202"]
    assert body["last_activity"] == "2025-05-01" and body["updated_at"]
    assert [(d["number"], d["court_name"]) for d in body["dockets"]] == [("3:23-cv-03417-VC", "N.D. Cal."),
                                                                         ("24-1234", "9th Cir.")]
    assert [s["stage"] for s in body["stage_history"]] == ["filed", "motion_to_dismiss", "class_certification"]
    step = body["stage_history"][1]
    assert step["sources"][0]["evidence"]["sentence"] == "OpenAI moved to dismiss on August 28, 2023."
    family = {(f["direction"], f["kind"], f["case"]["slug"]) for f in body["family"]}
    assert family == {("out", "consolidated_into", "in-re-openai-chatgpt-litigation"),
                      ("in", "companion_of", "silverman-v-openai")}
    assert [(c["side"], c["lawyer"], c["firm"]["name"]) for c in body["counsel"]] == [
        ("defendant", "", "Latham & Watkins"), ("plaintiff", "Joseph Saveri", "Joseph Saveri Law Firm")]
    judges = body["sources"]["judge"]
    assert {(j["value"], j["confidence"]) for j in judges} == {("Araceli Martínez-Olguín", 0.9),
                                                               ("Vince Chhabria", 0.4)}
    assert all(j["absolute_url"].startswith(f"/documents/{made['document'].pk}/#ev-") for j in judges)
    assert [s["value"] for s in body["sources"]["date_filed"]] == ["2023-06-28"]


def test_the_schema_describes_the_new_case_fields(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    detail = schema["components"]["schemas"]["CaseDetail"]["properties"]
    assert {"dockets", "stage_history", "family", "counsel", "sources", "stage", "court_name"} <= set(detail)
    params = {p["name"] for p in schema["paths"]["/api/v1/cases/"]["get"]["parameters"]}
    assert {"court", "docket_number", "stage", "jurisdiction", "is_ai_litigation", "class_action",
            "date_filed__gte", "date_filed__lte"} <= params


# ------------------------------------------------------------------------------------------- list filters
def _listed(client, query: str) -> set[str]:
    html = client.get(f"/cases/?{query}").content.decode()
    table = html[html.index('id="case-table"'):]
    return set(re.findall(r'<td><a href="/cases/([^/"]+)/">', table))


def test_case_list_filters_by_the_new_fields_and_hides_non_ai_cases_by_default(client, record):
    case, made = record
    swim = CaseFactory(case_name="Swimwear Co. v. Shop", slug="swimwear", is_ai_litigation=False,
                       date_filed=date(2020, 1, 1))
    everything = {case.slug, "in-re-openai-chatgpt-litigation", "silverman-v-openai"}
    assert _listed(client, "") == everything  # AI litigation only, by default
    assert _listed(client, "is_ai_litigation=all") == everything | {swim.slug}
    assert _listed(client, "is_ai_litigation=false") == {swim.slug}
    assert "not AI litigation" in client.get("/cases/?is_ai_litigation=all").content.decode()
    assert _listed(client, "stage=class_certification") == {case.slug}
    assert _listed(client, "jurisdiction=us-federal") == {case.slug}
    assert _listed(client, "court=ca9") == {case.slug}  # the appeal's docket court
    assert _listed(client, "class_action=true") == {case.slug}
    assert _listed(client, "docket_number=23-cv-03417") == {case.slug}
    assert _listed(client, "docket_number=1:23-CV-3417") == {case.slug}  # any form of the number: its core
    assert _listed(client, "docket_number=3:23-cv-03417-VC") == {case.slug}
    assert _listed(client, "date_filed__gte=2023-01-01&date_filed__lte=2023-12-31") == {case.slug}
    assert _listed(client, "status=settled") == set()
    html = client.get("/cases/").content.decode()
    assert '<option value="cand">N.D. Cal.</option>' in html
    assert '<option value="us-federal">US federal</option>' in html
    assert '<option value="dismissed_with_prejudice">dismissed with prejudice</option>' in html


def test_api_case_filter_has_courtlisteners_names(client, record):
    case, _ = record
    CaseFactory(case_name="Swimwear Co. v. Shop", slug="swimwear", is_ai_litigation=False)
    slugs = lambda q: {c["slug"] for c in client.get(f"/api/v1/cases/?{q}").json()["results"]}  # noqa: E731
    assert slugs("court=cand&docket_number=23-cv-03417") == {case.slug}
    assert slugs("date_filed__gte=2023-06-28&stage=class_certification") == {case.slug}
    assert slugs("is_ai_litigation=false") == {"swimwear"}
    assert slugs("cause=dmca_1202&ai_area=text&class_action=true") == {case.slug}
    assert client.get("/api/v1/cases/?stage=lunch").status_code == 400


# ------------------------------------------------------------------------------------------ hostile text
def _attribute_urls(html: str) -> list[str]:
    from html.parser import HTMLParser

    found = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend(v.strip() for k, v in attrs if k in ("href", "src", "action", "formaction") and v)

    Links().feed(html)
    return found


def test_hostile_values_are_escaped_and_only_http_urls_become_links(client, record):
    """Every text of a case record comes from articles: escaped everywhere; a ``javascript:`` URL a document or its
    header gave never becomes a link (stored unchecked here, as an old row or a bypassed reader could hold it)."""
    from casetracker.models import Document

    case, made = record
    doc = made["document"]
    Document.objects.filter(pk=doc.pk).update(url="javascript:alert(1)", publisher="<img src=x onerror=alert(2)>",
                                              title="<script>alert(3)</script> → original")
    Case.objects.filter(pk=case.pk).update(case_name_full="<b onmouseover=alert(4)>Full</b>",
                                           judge="<script>alert(5)</script>")
    CaseFact.objects.create(case=case, field="judge", value="<svg onload=alert(6)>", document=doc,
                            evidence=evidence(doc, "Vince"))
    made["lead"].case_name = "<iframe src=javascript:alert(7)>"
    made["lead"].save()
    from casetracker.models import LawFirm

    LawFirm.objects.filter(pk=made["counsel"][0].firm_id).update(name="<a href='javascript:alert(8)'>Firm</a>")
    pages = [case.get_absolute_url(), doc.get_absolute_url(), made["lead"].get_absolute_url(),
             "/cases/?is_ai_litigation=all", "/parties/openai/"]
    for url in pages:
        html = client.get(url).content.decode()
        links = _attribute_urls(html)
        assert links and not [u for u in links if not u.startswith(("/", "#", "http://", "https://"))], url
        for raw in ("<img src=x", "<script>alert", "<b onmouseover", "<svg onload", "<iframe", "<a href='javascript"):
            assert raw not in html, (url, raw)
    html = client.get(case.get_absolute_url()).content.decode()
    assert "&lt;svg onload=alert(6)&gt;" in html and "&lt;b onmouseover=alert(4)&gt;Full&lt;/b&gt;" in html
    assert "original</a>" not in client.get(doc.get_absolute_url()).content.decode()  # no link to the original
    body = client.get(f"/api/v1/documents/{doc.pk}/").json()
    assert body["url"] is None


def test_a_companion_linked_both_ways_is_listed_once(client, record):
    from casetracker import records

    case, _ = record
    other = CaseFactory(case_name="Silverman v. OpenAI", slug="silverman-v-openai-twice")
    CaseRelation.objects.create(from_case=case, to_case=other, kind="companion_of")
    CaseRelation.objects.create(from_case=other, to_case=case, kind="companion_of")
    assert [link.case for link in records.family(case)].count(other) == 1
    data = client.get(f"/api/v1/cases/{case.slug}/").json()
    assert [f["case"]["slug"] for f in data["family"]].count("silverman-v-openai-twice") == 1
