import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db


def test_case_list_and_detail_with_timeline(client, musk_case):
    case, docs = musk_case
    body = client.get("/api/v1/cases/").json()
    assert [c["case_name"] for c in body["results"]] == ["Musk v. OpenAI"]
    assert body["results"][0]["absolute_url"].endswith(f"/cases/{case.slug}/")
    detail = client.get(f"/api/v1/cases/{case.slug}/").json()
    assert detail["document_count"] == 2
    (event,) = detail["timeline"]
    assert event["kind"] == "testimony" and event["source_count"] == 2
    assert {s["document"]["id"] for s in event["sources"]} == {d.pk for d in docs}
    assert {p["party"]["name"]: p["role"] for p in detail["parties"]} == {"Elon Musk": "plaintiff", "OpenAI": "defendant"}


def test_unknown_filters_are_an_error(client, musk_case):
    r = client.get("/api/v1/cases/?colour=blue")
    assert r.status_code == 400 and "colour" in r.json()["detail"]
    assert client.get("/api/v1/cases/?order_by=nonsense").status_code == 400
    for url in ("/api/v1/parties/?format=&kind=other", "/api/v1/cases/?format=", "/api/v1/cases/musk-v-openai/?format="):
        r = client.get(url)
        assert r.status_code == 400 and "format" in r.json(), url


def test_fields_and_omit_shape_the_response(client, musk_case):
    row = client.get("/api/v1/cases/?fields=id,case_name").json()["results"][0]
    assert set(row) == {"id", "case_name"}
    row = client.get("/api/v1/parties/?omit=aliases,owner").json()["results"][0]
    assert "aliases" not in row and "name" in row


def test_filters_and_ordering(client, musk_case):
    allegations = client.get("/api/v1/allegations/?status=admitted").json()["results"]
    assert {a["accused"]["name"] for a in allegations} == {"xAI"}
    alleged = client.get("/api/v1/allegations/?accused=deepseek").json()["results"]
    assert alleged[0]["accuser"]["name"] == "Anthropic" and alleged[0]["evidence"]["sentence"]
    quotes = client.get("/api/v1/quotes/?speaker=elon-musk").json()["results"]
    assert quotes[0]["text"] == "Partly."
    names = [p["name"] for p in client.get("/api/v1/parties/?order_by=-name").json()["results"]]
    assert names == sorted(names, reverse=True)
    events = client.get(f"/api/v1/events/?case={musk_case[0].slug}").json()["results"]
    assert len(events) == 1


def test_cursor_pagination(client, musk_case):
    first = client.get("/api/v1/parties/?page_size=2").json()
    assert len(first["results"]) == 2 and first["next"]
    second = client.get(first["next"]).json()
    assert not {p["id"] for p in first["results"]} & {p["id"] for p in second["results"]}


def test_search_endpoint(client, musk_case):
    body = client.get("/api/v1/search/?q=distilling DeepSeek").json()
    assert body["results"] and body["results"][0]["type"] in {"allegation", "party", "document"}
    assert any(r["type"] == "allegation" for r in body["results"])
    assert client.get("/api/v1/search/", {"q": "').*(&&!!"}).status_code == 200
    assert client.get("/api/v1/search/?q=x&bogus=1").status_code == 400


def test_openapi_schema(client):
    r = client.get("/api/v1/schema/?format=json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    for path in ("/api/v1/cases/", "/api/v1/cases/{slug}/", "/api/v1/documents/", "/api/v1/parties/",
                 "/api/v1/quotes/", "/api/v1/allegations/", "/api/v1/events/", "/api/v1/search/"):
        assert path in paths


def test_posting_a_document_needs_an_account(client, db):
    assert client.post("/api/v1/documents/", {"text": "hello"}, content_type="application/json").status_code == 401
    from django.contrib.auth.models import Permission

    User.objects.create_user("ed", password="pw").user_permissions.add(Permission.objects.get(codename="add_rawinput"))
    client.login(username="ed", password="pw")
    r = client.post("/api/v1/documents/", {}, content_type="application/json")
    assert r.status_code == 400
