"""The API contract of issue 12: each finding with its regression test (Schemathesis runs the whole schema in
test_schemathesis.py); lookups, party roles, absolute_url, the docs page, and the one case filter of page and API."""
from __future__ import annotations

from base64 import b64encode
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import User

from casetracker.models import Allegation, Case, Document, Event, Party, Quote

pytestmark = pytest.mark.django_db


def _results(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return response.json()["results"]


# ------------------------------------------------------------------ valid requests rejected, invalid accepted
def test_date_filed_is_an_exact_date_and_the_range_names_are_gone(client, musk_case):
    case = musk_case[0]
    Case.objects.filter(pk=case.pk).update(date_filed="2024-02-29")
    assert [c["slug"] for c in _results(client, "/api/v1/cases/?date_filed=2024-02-29")] == [case.slug]
    assert _results(client, "/api/v1/cases/?date_filed=2024-03-01") == []
    for old in ("date_filed_after", "date_filed_before"):
        assert client.get(f"/api/v1/cases/?{old}=2024-01-01").status_code == 400


@pytest.mark.parametrize("query", [
    "documents/?is_ai_litigation=-1", "cases/?has_allegations=maybe", "documents/?page_size=abc",
    "documents/?page_size=0", "documents/?page_size=201", "cases/?fields=nonexistent", "cases/?omit=nonexistent",
    "cases/?cursor=not-a-cursor", "cases/?page_size=1&page_size=2", "quotes/?id__in=1,x", "quotes/?id=1.5",
    "parties/?id=99999999999999999999", "documents/?published_at__lte=", "cases/?status=", "cases/?order_by=-",
    "cases/?party_role=judge", "search/?q=x&page_size=0", "search/?q=x&sort=", "search/?q=x&facets=maybe",
    "search/?q=x&year=abc", "search/?q=x&q=y", "search/?type=case&q", "cases/musk-v-openai/?status=open",
    "search/?q=x&type=case,person", "search/?q=x&type=case&type=party", "cases/?fields=", "cases/musk-v-openai/?omit=",
    "quotes/?id__in=", "cases/?order_by=", "cases/?cursor=", "search/?q=x&type=",
])
def test_invalid_requests_are_a_400_naming_the_parameter(client, musk_case, query):
    """The last parameter of each query is the faulty one (search's ``q`` is required)."""
    response = client.get(f"/api/v1/{query}".replace("&q", "") if query.endswith("&q") else f"/api/v1/{query}")
    assert response.status_code == 400, response.content
    name = query.split("?")[1].split("&")[-1].split("=")[0]
    body = response.json()
    assert name in body or name in body.get("detail", ""), body


def test_a_cursor_the_api_did_not_issue_is_a_400_and_its_own_cursors_walk_every_row(client, musk_case):
    made_up = b64encode(b"o=0&r=0&p=not-a-date").decode()
    assert client.get(f"/api/v1/events/?order_by=date&cursor={made_up}").status_code == 400
    assert client.get("/api/v1/cases/?cursor=%FF").status_code == 400
    for ordering in ("date", "-date", "id"):  # NULL dates: positions are never NULL
        url, seen = f"/api/v1/events/?order_by={ordering}&page_size=1", []
        while url:
            body = client.get(url).json()
            seen += [e["id"] for e in body["results"]]
            url = body["next"]
        assert sorted(seen) == sorted(Event.objects.values_list("id", flat=True)), ordering


def test_timezone_offsets_beyond_postgresqls_range_are_read_as_utc(client, musk_case):
    """RFC 3339 allows offsets up to ±23:59, PostgreSQL stores ±15:59: the filter turns the moment into UTC
    (this was a DataError 500)."""
    doc = musk_case[1][0]
    Document.objects.filter(pk=doc.pk).update(published_at="2024-01-01T16:00:00Z")
    ids = lambda q: [d["id"] for d in _results(client, f"/api/v1/documents/?fields=id&{q}")]  # noqa: E731
    assert doc.pk in ids("published_at__lte=2024-01-01T00:00:00-16:27")  # 16:27 UTC
    assert doc.pk not in ids("published_at__lte=2024-01-01T00:00:00-15:00")  # 15:00 UTC
    assert client.get("/api/v1/documents/?published_at__gte=0001-01-01T00:00:00%2B23:59").status_code == 200


@pytest.mark.parametrize("query", ["cases/?case_name=a%00b", "cases/?court=a%00b", "quotes/?text=%00",
                                   "search/?q=openai&publisher=a%00b", "cases/?party=a%00"])
def test_nul_bytes_in_filters_are_a_400(client, musk_case, query):
    assert client.get(f"/api/v1/{query}").status_code == 400


def test_nullable_relations_are_null_and_documented_as_such(client, musk_case):
    rows = _results(client, "/api/v1/allegations/?accused=xai")
    assert rows and rows[0]["accuser"] is None
    schema = client.get("/api/v1/schema/?format=json").json()["components"]["schemas"]
    for component, field in (("Allegation", "accuser"), ("Allegation", "teacher"), ("Quote", "speaker"),
                             ("Event", "case"), ("Evidence", "published_at"), ("Case", "last_activity"),
                             ("Claim", "subject"), ("DocumentBrief", "url")):
        prop = schema[component]["properties"][field]
        assert prop.get("nullable") or any(p.get("nullable") for p in prop.get("allOf", [])) or \
            {"type": "null"} in prop.get("oneOf", []), (component, field, prop)


def test_unknown_api_paths_are_json_404s(client):
    response = client.get("/api/v1/nothing/here/")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")


# ------------------------------------------------------------------------------------------- lookups
def test_courtlistener_lookups_on_ids_and_dates(client, musk_case):
    ids = sorted(Party.objects.values_list("id", flat=True))
    got = lambda q: sorted(p["id"] for p in _results(client, f"/api/v1/parties/?{q}&page_size=200"))  # noqa: E731
    assert got(f"id__in={ids[0]},{ids[2]}") == [ids[0], ids[2]]
    assert got(f"id__gt={ids[1]}") == ids[2:] and got(f"id__gte={ids[1]}") == ids[1:]
    assert got(f"id__lt={ids[1]}") == ids[:1] and got(f"id__lte={ids[1]}") == ids[:2]
    Event.objects.update(date="2025-03-04")
    assert len(_results(client, "/api/v1/events/?date__lt=2025-03-05")) == Event.objects.count()
    assert _results(client, "/api/v1/events/?date__gt=2025-03-04") == []
    assert len(_results(client, "/api/v1/events/?date__in=2025-03-04,2025-03-05")) == Event.objects.count()


def test_party_by_slug_or_id_and_by_role_in_the_case(client, musk_case):
    case = musk_case[0]
    openai = Party.objects.get(slug="openai")
    for value in ("openai", str(openai.pk)):
        assert [c["slug"] for c in _results(client, f"/api/v1/cases/?party={value}")] == [case.slug]
        assert [c["slug"] for c in _results(client, f"/api/v1/cases/?party={value}&party_role=defendant")] \
            == [case.slug]
        assert _results(client, f"/api/v1/cases/?party={value}&party_role=plaintiff") == []
    assert [c["slug"] for c in _results(client, "/api/v1/cases/?party=elon-musk&party_role=plaintiff")] == [case.slug]
    assert _results(client, "/api/v1/allegations/?party=deepseek")[0]["accused"]["slug"] == "deepseek"
    assert _results(client, f"/api/v1/quotes/?speaker={Party.objects.get(slug='elon-musk').pk}")


def test_absolute_url_on_quotes_allegations_claims_and_events(client, musk_case):
    quote = _results(client, "/api/v1/quotes/")[0]
    q = Quote.objects.get(pk=quote["id"])
    assert quote["absolute_url"].endswith(f"/documents/{q.document_id}/#ev-{q.evidence_id}")
    html = client.get(urlsplit(quote["absolute_url"]).path).content.decode()
    assert f'id="ev-{q.evidence_id}"' in html
    allegation = _results(client, "/api/v1/allegations/")[0]
    a = Allegation.objects.get(pk=allegation["id"])
    assert allegation["absolute_url"].endswith(f"/documents/{a.document_id}/#ev-{a.evidence_id}")
    event = _results(client, "/api/v1/events/")[0]
    assert event["absolute_url"].endswith(f"/cases/{musk_case[0].slug}/#event-{event['id']}")
    assert f'id="event-{event["id"]}"' in client.get(f"/cases/{musk_case[0].slug}/").content.decode()
    Event.objects.update(case=None)
    event = _results(client, "/api/v1/events/")[0]
    assert "/documents/" in event["absolute_url"] and "#ev-" in event["absolute_url"]


# ------------------------------------------------------------------------------ docs, root, OPTIONS
def test_docs_page_from_local_files_linked_from_the_root_and_the_navigation(client, musk_case):
    root = client.get("/api/v1/").json()
    assert {"search", "schema", "docs", "cases", "quotes"} <= set(root)
    html = client.get(urlsplit(root["docs"]).path).content.decode()
    assert "swagger-ui" in html and "/static/drf_spectacular_sidecar/" in html
    assert "cdn" not in html.lower() and "<script>" not in html  # no CDN, no inline script
    assert 'href="/api/v1/docs/"' in client.get("/cases/").content.decode()


def test_options_on_documents_describes_the_ingest_request(client, db):
    User.objects.create_superuser("ed", password="pw")
    client.login(username="ed", password="pw")
    post = client.options("/api/v1/documents/").json()["actions"]["POST"]
    assert {"url", "text", "file"} <= set(post) and "sha256" not in post


# ------------------------------------------------------------------------ one case filter, page and API
def test_the_case_page_and_the_api_share_one_filter_and_the_api_link_keeps_it(client, musk_case):
    case = musk_case[0]
    html = client.get("/cases/?party=openai&party_role=defendant&has_allegations=true&order=caption") \
        .content.decode()
    assert case.case_name in html
    link = html.split('<a href="/api/v1/cases/?', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    params = parse_qs(link)
    assert params == {"party": ["openai"], "party_role": ["defendant"], "has_allegations": ["true"],
                      "is_ai_litigation": ["true"], "order_by": ["case_name"]}  # the page's default, spelled out
    assert [c["slug"] for c in _results(client, "/api/v1/cases/?" + link)] == [case.slug]
    assert "No cases match" in client.get("/cases/?party=openai&party_role=plaintiff").content.decode()


def test_has_allegations_means_allegations_linked_to_the_case_on_both(client, musk_case):
    """Documents of a case often report allegations of other disputes: only the case's own count."""
    case = musk_case[0]
    Allegation.objects.filter(case=case).update(case=None)  # still in the case's documents, linked to no case
    assert _results(client, "/api/v1/cases/?has_allegations=true") == []
    assert "No cases match" in client.get("/cases/?has_allegations=true").content.decode()
    assert case.case_name in client.get("/cases/?has_allegations=false").content.decode()


def test_the_case_page_shows_a_bad_filter_instead_of_failing(client, musk_case):
    response = client.get("/cases/?date_filed__gte=bad-date")  # (a NUL is a 400 everywhere: test_hostile_input)
    html = response.content.decode()
    assert response.status_code == 200 and musk_case[0].case_name in html
    assert "date_filed__gte" in html and "not applied" in html
