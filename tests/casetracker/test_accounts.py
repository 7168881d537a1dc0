"""Member accounts and the follow buttons: sign-up makes a member, log-in goes through the lockout, pages show
"sign in to follow" to visitors and a Follow form (htmx) to members; the account page manages alerts, the API
token and webhook endpoints."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token

from casetracker.accounts import is_member
from casetracker.models import Alert, Party, WebhookEndpoint


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # a second of CPU per hash otherwise


def test_sign_up_makes_a_member_and_logs_in(client, db, django_user_model):
    page = client.get("/accounts/signup/?next=/cases/")
    assert page.status_code == 200 and b'name="email"' in page.content
    answer = client.post("/accounts/signup/", {"username": "newsdesk", "email": "desk@example.org", "next": "/cases/",
                                               "password1": "correct horse battery 9", "password2": "correct horse battery 9"})
    assert answer.status_code == 302 and answer["Location"] == "/cases/"
    user = django_user_model.objects.get(username="newsdesk")
    assert is_member(user) and user.email == "desk@example.org"
    assert client.get("/accounts/").status_code == 200
    again = client.post("/accounts/signup/", {"username": "other", "email": "DESK@example.org",
                                              "password1": "correct horse battery 9", "password2": "correct horse battery 9"})
    assert again.status_code == 302  # signed in already: sent on
    client.post("/accounts/logout/")
    dup = client.post("/accounts/signup/", {"username": "other", "email": "DESK@example.org",
                                            "password1": "correct horse battery 9", "password2": "correct horse battery 9"})
    assert dup.status_code == 200 and b"exists already" in dup.content


def test_an_open_redirect_after_sign_up_is_refused(client, db):
    answer = client.post("/accounts/signup/", {"username": "a", "email": "a@example.org", "next": "https://evil.example/",
                                               "password1": "correct horse battery 9", "password2": "correct horse battery 9"})
    assert answer["Location"] == "/accounts/"


def test_log_in_and_the_lockout(client, member, settings):
    settings.LOGIN_LOCKOUT_SECONDS, settings.LOGIN_FAILURE_LIMIT = 60, 2
    from django.core.cache import cache

    cache.clear()
    for _ in range(2):
        bad = client.post("/accounts/login/", {"username": "reporter", "password": "wrong"})
        assert bad.status_code == 200
    locked = client.post("/accounts/login/", {"username": "reporter", "password": "a long passphrase 16"})
    assert b"Too many failed logins" in locked.content
    cache.clear()
    ok = client.post("/accounts/login/", {"username": "reporter", "password": "a long passphrase 16", "next": "/parties/"})
    assert ok.status_code == 302 and ok["Location"] == "/parties/"
    cache.clear()


def test_visitors_see_sign_in_to_follow_and_members_a_follow_form(client, musk_case, member):
    case, _ = musk_case
    page = client.get(case.get_absolute_url()).content.decode()
    assert f'href="/accounts/login/?next=/cases/{case.slug}/"' in page and "Sign in to follow" in page
    client.force_login(member)
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'hx-post="/alerts/follow/"' in page and f'name="case" value="{case.slug}"' in page
    answer = client.post("/alerts/follow/", {"case": case.slug, "frequency": "daily", "note": "for the <b>book</b>",
                                             "next": case.get_absolute_url()}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 200
    body = answer.content.decode()
    assert "Following" in body and "daily digest" in body and "for the &lt;b&gt;book&lt;/b&gt;" in body
    assert body.lstrip().startswith('<div class="follow" id="follow">')  # just the block htmx swaps in
    alert = Alert.objects.get(user=member)
    assert alert.case == case and alert.frequency == "daily" and alert.note == "for the <b>book</b>"


def test_following_a_party_in_a_role_and_a_search_without_javascript(client, musk_case, member):
    openai = Party.objects.get(name="OpenAI")
    client.force_login(member)
    page = client.get(openai.get_absolute_url()).content.decode()
    assert '<option value="defendant">as defendant</option>' in page
    answer = client.post("/alerts/follow/", {"party": openai.slug, "role": "defendant", "frequency": "realtime",
                                             "next": openai.get_absolute_url()})
    assert answer.status_code == 302 and answer["Location"] == openai.get_absolute_url()
    search = client.get("/search/?q=distilling&court=&type=allegation").content.decode()
    assert 'name="query" value="q=distilling&amp;type=allegation"' in search
    client.post("/alerts/follow/", {"query": "q=distilling&type=allegation", "frequency": "weekly"})
    assert sorted(Alert.objects.values_list("role", "query")) == [("", "q=distilling&type=allegation"),
                                                                  ("defendant", "")]
    bad = client.post("/alerts/follow/", {"party": openai.slug, "case": "musk-v-openai", "frequency": "realtime"},
                      HTTP_HX_REQUEST="true")
    assert bad.status_code == 400 and b"Follow one thing" in bad.content
    assert client.post("/alerts/follow/", {"query": "q=-only", "frequency": "realtime"}).status_code == 302
    assert Alert.objects.count() == 2


def test_non_members_and_visitors_cannot_follow(client, musk_case, django_user_model):
    case, _ = musk_case
    answer = client.post("/alerts/follow/", {"case": case.slug, "frequency": "realtime"})
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/")
    staff = django_user_model.objects.create_user("plain", "plain@example.org", "pw-long-enough-1")
    client.force_login(staff)
    assert client.post("/alerts/follow/", {"case": case.slug, "frequency": "realtime"}).status_code == 403
    assert "Following needs a member account" in client.get(case.get_absolute_url()).content.decode()
    staff.groups.add(Group.objects.get_or_create(name="member")[0])
    assert client.post("/alerts/follow/", {"case": case.slug, "frequency": "realtime"}).status_code == 302


def test_the_account_page_pauses_changes_and_deletes_alerts(client, musk_case, member, django_user_model):
    case, _ = musk_case
    from casetracker import following

    alert = following.alert_create(user=member, case=case, note="trial")
    other = following.alert_create(user=django_user_model.objects.create_user("x", "x@example.org", "pw-x-123456"),
                                   case=case)
    client.force_login(member)
    page = client.get("/accounts/").content.decode()
    assert f'id="alert-{alert.pk}"' in page and "never" in page and f'id="alert-{other.pk}"' not in page
    client.post(f"/alerts/{alert.pk}/pause/")
    alert.refresh_from_db()
    assert alert.paused
    client.post(f"/alerts/{alert.pk}/", {"frequency": "weekly", "note": "weekly is enough", "email": "on"})
    alert.refresh_from_db()
    assert (alert.frequency, alert.note, alert.email, alert.webhook) == ("weekly", "weekly is enough", True, False)
    assert client.post(f"/alerts/{other.pk}/delete/").status_code == 404  # someone else's
    client.post(f"/alerts/{alert.pk}/delete/")
    assert not Alert.objects.filter(pk=alert.pk).exists() and Alert.objects.filter(pk=other.pk).exists()


def test_the_api_token_is_shown_and_regenerated(client, member):
    client.force_login(member)
    assert b"no API token yet" in client.get("/accounts/").content
    client.post("/accounts/token/")
    first = Token.objects.get(user=member).key
    assert first.encode() in client.get("/accounts/").content
    client.post("/accounts/token/")
    assert Token.objects.get(user=member).key != first


def test_webhook_endpoints_show_their_secret_once_and_their_log(client, member, receiver):
    client.force_login(member)
    refused = client.post("/accounts/webhooks/", {"url": "file:///etc/passwd"}, follow=True)
    assert b"only http and https" in refused.content and not WebhookEndpoint.objects.exists()
    answer = client.post("/accounts/webhooks/", {"url": receiver.url, "description": "bot"})
    endpoint = WebhookEndpoint.objects.get()
    assert answer["Location"] == f"/accounts/webhooks/{endpoint.pk}/"
    first = client.get(answer["Location"]).content.decode()
    assert endpoint.secret in first
    assert endpoint.secret not in client.get(answer["Location"]).content.decode()  # once
    client.post(f"/accounts/webhooks/{endpoint.pk}/test/")  # eager tasks: delivered at once
    from casetracker import webhooks

    webhooks.deliver_due()
    log = client.get(f"/accounts/webhooks/{endpoint.pk}/").content.decode()
    assert "<strong>204</strong>" in log and ">test<" in log
    client.post(f"/accounts/webhooks/{endpoint.pk}/disable/")
    endpoint.refresh_from_db()
    assert not endpoint.enabled
    client.post(f"/accounts/webhooks/{endpoint.pk}/enable/")
    endpoint.refresh_from_db()
    assert endpoint.enabled
    assert client.post(f"/accounts/webhooks/{endpoint.pk}/explode/").status_code == 400


@pytest.mark.parametrize("path", ["/accounts/", "/accounts/webhooks/1/"])
def test_account_pages_send_visitors_to_log_in(client, db, path):
    answer = client.get(path)
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/")
