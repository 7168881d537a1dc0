"""/api/v1/alerts/, /api/v1/webhooks/ and /api/v1/usage/ for a member's token."""
from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

from casetracker.models import Alert, WebhookEndpoint


@pytest.fixture
def api(client, member):
    token = Token.objects.create(user=member)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


def test_alerts_need_a_member_token(client, musk_case, django_user_model):
    assert client.get("/api/v1/alerts/").status_code == 401
    plain = django_user_model.objects.create_user("plain", "p@example.org", "pw-123456789")
    token = Token.objects.create(user=plain)
    answer = client.get("/api/v1/alerts/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert answer.status_code == 403 and "member" in answer.json()["detail"]


def test_create_list_change_and_delete_alerts(api, musk_case, member):
    case, _ = musk_case
    made = api.post("/api/v1/alerts/", {"case": case.slug, "frequency": "daily", "note": "for the book"},
                    content_type="application/json")
    assert made.status_code == 201, made.json()
    body = made.json()
    assert body["case"] == case.slug and body["party"] is None and body["frequency"] == "daily"
    assert body["target"] == "Musk v. OpenAI" and body["absolute_url"] == f"http://testserver/cases/{case.slug}/"
    assert body["last_fired_at"] is None and body["email"] and body["webhook"] and not body["paused"]
    party = api.post("/api/v1/alerts/", {"party": "openai", "role": "defendant"}, content_type="application/json")
    assert party.status_code == 201 and party.json()["target"] == "OpenAI as defendant"
    search = api.post("/api/v1/alerts/", {"query": "https://casetracker.example/search/?q=distillation&court=cand&page=3"},
                      content_type="application/json")
    assert search.status_code == 201 and search.json()["query"] == "q=distillation&court=cand"
    listed = api.get("/api/v1/alerts/").json()
    assert [a["id"] for a in listed["results"]] == [search.json()["id"], party.json()["id"], body["id"]]
    changed = api.patch(f"/api/v1/alerts/{body['id']}/", {"paused": True, "frequency": "weekly"},
                        content_type="application/json")
    assert changed.status_code == 200 and changed.json()["paused"] and changed.json()["frequency"] == "weekly"
    moved = api.patch(f"/api/v1/alerts/{body['id']}/", {"party": "openai"}, content_type="application/json")
    assert moved.status_code == 400 and "cannot change" in moved.json()["party"][0]
    assert api.delete(f"/api/v1/alerts/{body['id']}/").status_code == 204
    assert Alert.objects.filter(user=member).count() == 2


@pytest.mark.parametrize("payload,field", [
    ({}, "detail"), ({"case": "musk-v-openai", "party": "openai"}, "detail"), ({"case": "no-such-case"}, "case"),
    ({"case": "musk-v-openai", "role": "accuser"}, "role"), ({"party": "openai", "role": "judge"}, "role"),
    ({"query": "q="}, "query"), ({"query": "q=-word"}, "query"), ({"query": "q=x&type=spaceship"}, "query"),
    ({"case": "musk-v-openai", "frequency": "hourly"}, "frequency"), ({"case": "musk-v-openai", "note": "a\x00b"}, "note"),
    ({"case": "musk-v-openai", "note": "n" * 1001}, "note"),
])
def test_bad_alerts_are_a_400_naming_the_field(api, musk_case, payload, field):
    answer = api.post("/api/v1/alerts/", payload, content_type="application/json")
    assert answer.status_code == 400 and field in answer.json(), answer.json()


def test_someone_elses_alert_is_a_404(api, musk_case, django_user_model):
    from casetracker import following

    other = django_user_model.objects.create_user("other", "o@example.org", "pw-123456789")
    alert = following.alert_create(user=other, case=musk_case[0])
    assert api.get(f"/api/v1/alerts/{alert.pk}/").status_code == 404
    assert api.delete(f"/api/v1/alerts/{alert.pk}/").status_code == 404


def test_webhooks_register_show_the_secret_once_and_log_deliveries(api, member, receiver):
    refused = api.post("/api/v1/webhooks/", {"url": "http://user:pw@hooks.example/"}, content_type="application/json")
    assert refused.status_code == 400 and "credentials" in refused.json()["url"][0]
    made = api.post("/api/v1/webhooks/", {"url": receiver.url, "description": "bot"}, content_type="application/json")
    assert made.status_code == 201
    endpoint = WebhookEndpoint.objects.get()
    assert made.json()["secret"] == endpoint.secret and endpoint.secret.startswith("whsec_")
    assert api.get(f"/api/v1/webhooks/{endpoint.pk}/").json()["secret"] is None
    assert api.get("/api/v1/webhooks/").json()["results"][0]["secret"] is None
    test = api.post(f"/api/v1/webhooks/{endpoint.pk}/test/")
    assert test.status_code == 202 and test.json()["event_type"] == "test"
    from casetracker import webhooks

    webhooks.deliver_due()
    log = api.get(f"/api/v1/webhooks/{endpoint.pk}/deliveries/").json()["results"]
    assert log[0]["status"] == "delivered" and log[0]["attempt_log"][0]["status_code"] == 204
    assert log[0]["payload"]["type"] == "test"
    again = api.post(f"/api/v1/webhooks/{endpoint.pk}/deliveries/{log[0]['id']}/resend/")
    assert again.status_code == 202 and again.json()["status"] == "pending"
    off = api.patch(f"/api/v1/webhooks/{endpoint.pk}/", {"enabled": False}, content_type="application/json")
    assert off.status_code == 200 and off.json()["enabled"] is False
    assert api.post(f"/api/v1/webhooks/{endpoint.pk}/deliveries/{log[0]['id']}/resend/").status_code == 400
    on = api.patch(f"/api/v1/webhooks/{endpoint.pk}/", {"enabled": True}, content_type="application/json")
    assert on.json()["enabled"] is True
    assert api.delete(f"/api/v1/webhooks/{endpoint.pk}/").status_code == 204


def test_usage_tells_a_token_user_where_they_stand(api, settings, client):
    from django.core.cache import cache

    cache.clear()
    settings.API_THROTTLE_RATES = {"anon": "60/min", "user": "600/min"}
    api.get("/api/v1/cases/")
    body = api.get("/api/v1/usage/").json()
    assert body["user"] == "reporter" and body["published"] == {"anon": "60/min", "user": "600/min"}
    (user,) = body["throttles"]
    assert (user["scope"], user["limit"], user["window_seconds"], user["used"], user["remaining"]) == (
        "user", 600, 60, 2, 598)
    cache.clear()
    assert client.get("/api/v1/usage/", HTTP_AUTHORIZATION="").status_code == 401
    assert api.get("/api/v1/usage/?x=1").status_code == 400


def test_the_new_endpoints_are_in_the_schema_and_the_root(client, db):
    schema = client.get("/api/v1/schema/?format=json").json()
    for path in ("/api/v1/alerts/", "/api/v1/alerts/{id}/", "/api/v1/webhooks/", "/api/v1/webhooks/{id}/deliveries/",
                 "/api/v1/webhooks/{id}/test/", "/api/v1/usage/"):
        assert path in schema["paths"], path
    props = schema["components"]["schemas"]["Alert"]["properties"]
    assert {"case", "party", "role", "query", "frequency", "note"} <= set(props)
    assert schema["components"]["schemas"]["FrequencyEnum"]["enum"] == ["realtime", "daily", "weekly"]
    assert schema["components"]["schemas"]["FollowRoleEnum"]["enum"] == ["plaintiff", "defendant", "accuser", "accused"]
    root = client.get("/api/v1/").json()
    assert {"alerts", "webhooks", "usage"} <= set(root)


@pytest.mark.parametrize("url", ["/api/v1/parties/?format=&kind=other", "/api/v1/cases/?format=", "/api/v1/usage/?format="])
def test_an_empty_format_is_a_400(client, db, url):
    """The schema's format parameter is an enum: an empty one is refused, not read as the default (Schemathesis)."""
    answer = client.get(url)
    assert answer.status_code in (400, 401) and (answer.status_code == 401 or "format" in answer.json())
