"""Following CourtListener dockets (issue 17): the command, incremental sync, recorded errors, webhooks and the
follow form, against the fake v4 server on 127.0.0.1."""
from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.core.management import CommandError, call_command

from casetracker.models import (
    Case, CaseFact, CaseParty, Counsel, Event, EventSource, FollowedDocket, RawInput, WebhookEvent,
)
from ingest.courtlistener import sync
from ingest.courtlistener.sync import CacheStore
from tests.ingest.fake_courtlistener import API, TOKEN, FakeCourtListener, _entry, musk_docket

pytestmark = pytest.mark.django_db
CL_ID = 69013420


@pytest.fixture
def fake(settings):
    server = FakeCourtListener(page_size=2).start()
    musk_docket(server, CL_ID)
    settings.COURTLISTENER_API_URL = server.url
    settings.COURTLISTENER_TOKEN = TOKEN
    settings.COURTLISTENER_RATE = "1000/min"
    settings.COURTLISTENER_MAX_WAIT = 5
    cache.delete(CacheStore.KEY)
    yield server
    server.stop()
    cache.delete(CacheStore.KEY)


def _run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("courtlistener", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _case() -> Case:
    return FollowedDocket.objects.get(courtlistener_id=CL_ID).case


def test_follow_records_the_docket_entries_parties_and_counsel(fake, client):
    out, _ = _run("follow", f"https://www.courtlistener.com/docket/{CL_ID}/musk-v-altman/")
    assert "docket 69013420: Musk v. Altman — 4 new entries" in out
    case = _case()
    assert (case.case_name, case.court, case.docket_number, case.judge) == (
        "Musk v. Altman", "cand", "4:24-cv-04722-YGR", "Yvonne Gonzalez Rogers")
    assert str(case.date_filed) == "2024-08-05" and case.date_terminated is None
    assert case.stage == "motion_to_dismiss"  # the motion to dismiss entry is the latest step
    roles = {(cp.party.name, cp.role) for cp in case.case_parties.all()}
    assert {("Elon Musk", "plaintiff"), ("OpenAI", "defendant"), ("Microsoft", "defendant")} <= {
        (n.split(",")[0].replace(" Corporation", ""), r) for n, r in roles}
    counsel = {(c.lawyer, c.firm.name if c.firm else "", c.side) for c in Counsel.objects.filter(case=case)}
    assert ("Marc Toberoff", "Toberoff & Associates, P.C.", "plaintiff") in counsel
    assert ("Jordan Eth", "Morrison & Foerster LLP", "defendant") in counsel
    events = {e.title: e for e in Event.objects.filter(case=case, sources__extractor_version="docket")}
    complaint = next(e for t, e in events.items() if t.startswith("COMPLAINT"))
    assert (str(complaint.date), complaint.kind, complaint.stage) == ("2024-08-05", "filing", "filed")
    assert complaint.sources.get().url == f"https://www.courtlistener.com/docket/{CL_ID}/1/musk-v-altman/"
    fd = FollowedDocket.objects.get(courtlistener_id=CL_ID)
    assert fd.status == "ok" and fd.entries_modified == "2025-03-04T18:00:00-07:00"
    assert RawInput.objects.filter(source=f"courtlistener:docket/{CL_ID}", status="done").count() == 1
    html = client.get(case.get_absolute_url()).content.decode()
    assert "ORDER DENYING MOTION FOR PRELIMINARY INJUNCTION" in html
    assert f'href="https://www.courtlistener.com/docket/{CL_ID}/121/musk-v-altman/"' in html
    assert "CourtListener docket" in html and "Contract: Other" in html and "Thomas S. Hixson" in html
    judge = html[html.index('id="field-judge"'):html.index("</dd>", html.index('id="field-judge"'))]
    assert "Yvonne Gonzalez Rogers" in judge and "CourtListener docket" in judge


def test_an_incremental_sync_fetches_only_what_changed(fake):
    _run("follow", str(CL_ID))
    case = _case()
    before = Event.objects.filter(case=case).values_list("pk", "title")
    kept = dict((t, pk) for pk, t in before)
    fake.log.clear()
    out, _ = _run("sync")  # nothing changed: one request, nothing written
    assert "unchanged" in out and [r["path"] for r in fake.log] == [f"{API}dockets/{CL_ID}/"]
    docket = fake.dockets[CL_ID]
    docket.update(assigned_to_str="Rita F. Lin", date_modified="2025-05-02T09:00:00-07:00",
                  date_last_filing="2025-05-01")
    fake.entries[CL_ID] += [
        _entry(fake.url, CL_ID, 900150, 150, "2025-04-30", "ORDER GRANTING MOTION TO DISMISS WITH PREJUDICE as to "
               "Microsoft Corporation.", "2025-04-30T12:00:00-07:00"),
        _entry(fake.url, CL_ID, 900151, 151, "2025-05-01", "NOTICE OF APPEAL by Elon Musk.",
               "2025-05-01T12:00:00-07:00")]
    fake.log.clear()
    out, _ = _run("sync")
    assert "docket 69013420: updated, 2 new entries" in out
    entry_requests = [r for r in fake.log if r["path"].endswith("docket-entries/")]
    assert {r["query"].get("date_modified__gte") for r in entry_requests} == {"2025-03-04T18:00:00-07:00"}
    assert len(entry_requests) == 2  # entries 121, 150 and 151 on two pages of two, not all six
    case.refresh_from_db()
    assert case.judge == "Rita F. Lin"
    titles = set(Event.objects.filter(case=case).values_list("title", flat=True))
    assert {"NOTICE OF APPEAL by Elon Musk."} <= titles
    assert case.stage == "appeal"
    for title, pk in kept.items():  # the earlier entries keep their events (links, feeds)
        if title in titles:
            assert Event.objects.filter(pk=pk, title=title).exists()
    assert Case.objects.count() == 1
    assert CaseFact.objects.filter(case=case, field="judge", value="Rita F. Lin", origin="docket").exists()
    fd = FollowedDocket.objects.get(courtlistener_id=CL_ID)
    assert len(fd.data["entries"]) == 6 and fd.entries_modified == "2025-05-01T12:00:00-07:00"


def test_errors_name_the_docket_are_recorded_and_the_next_sync_retries(fake, settings):
    settings.COURTLISTENER_TOKEN = "wrong"
    with pytest.raises(CommandError, match="1 of 1 dockets failed"):
        _run("follow", str(CL_ID))
    fd = FollowedDocket.objects.get(courtlistener_id=CL_ID)
    assert fd.status == "failed" and fd.error_kind == "auth" and fd.error.startswith("docket 69013420: ")
    settings.COURTLISTENER_TOKEN = TOKEN
    fake.fault(f"dockets/{CL_ID}/", body=b"<html>oops")
    _, err = _run("sync")
    fd.refresh_from_db()
    assert fd.error_kind == "malformed" and "docket 69013420: CourtListener sent malformed JSON" in err
    out, _ = _run("sync")
    fd.refresh_from_db()
    assert fd.status == "ok" and fd.error == "" and "updated, 4 new entries" in out and fd.attempts == 3
    out, _ = _run("list")
    assert "69013420\tMusk v. Altman\tfollowed\tok" in out


def test_one_failing_docket_never_stops_the_batch_and_a_used_up_rate_defers_the_rest(fake, settings):
    for missing in (4, 5, 6):  # dockets that do not exist, synced first
        FollowedDocket.objects.create(courtlistener_id=missing)
    sync.follow(str(CL_ID))
    out, err = _run("sync")
    assert "docket 4: no such docket on CourtListener (HTTP 404)" in err
    assert "docket 69013420: updated, 4 new entries" in out and "1 updated, 0 unchanged, 3 failed" in out
    assert FollowedDocket.objects.get(courtlistener_id=4).status == "failed"
    settings.COURTLISTENER_RATE = "2/hour"
    cache.set(CacheStore.KEY, [])  # the budget is shared in the cache: a fresh one
    fake.log.clear()
    out, err = _run("sync")
    assert len(fake.log) == 2  # dockets 4 and 5; 6 finds the limit used up, 69013420 waits
    assert "docket 6: the configured rate limit (COURTLISTENER_RATE) is used up" in err
    assert "rate limit reached: 1 dockets wait for the next sync (69013420)" in err and "1 deferred" in out
    fd = FollowedDocket.objects.get(courtlistener_id=CL_ID)
    assert fd.status == "ok" and fd.attempts == 1  # not attempted: nothing recorded against it


def test_search_lists_dockets_to_follow(fake):
    out, _ = _run("search", "Altman")
    assert f"{CL_ID}\tMusk v. Altman\tcand\t4:24-cv-04722-YGR\tfiled 2024-08-05" in out
    assert f"https://www.courtlistener.com/docket/{CL_ID}/musk-v-altman/" in out and "1 docket;" in out
    with pytest.raises(CommandError, match="not a CourtListener docket"):
        _run("follow", "Altman")


# --------------------------------------------------------------------------- webhooks
def _delivery(entries: list[dict]) -> bytes:
    return json.dumps({"webhook": {"event_type": 1, "version": 2, "date_created": "2025-01-01T00:00:00+00:00",
                                   "deprecation_date": None}, "payload": {"results": entries}}).encode()


def test_a_webhook_event_delivered_twice_is_taken_once(fake, client, settings, django_capture_on_commit_callbacks):
    settings.COURTLISTENER_WEBHOOK_SECRET = "s3cret-path"
    _run("follow", str(CL_ID))
    new = _entry(fake.url, CL_ID, 900160, 160, "2025-06-02", "ORDER setting Jury Trial.", "2025-06-02T12:00:00-07:00")
    fake.log.clear()
    url = "/hooks/courtlistener/s3cret-path/"
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, _delivery([new]), content_type="application/json", HTTP_IDEMPOTENCY_KEY="evt-1")
        again = client.post(url, _delivery([new]), content_type="application/json", HTTP_IDEMPOTENCY_KEY="evt-1")
    assert (first.status_code, first.json()["status"]) == (202, "queued")
    assert (again.status_code, again.json()["status"]) == (200, "already received")
    event = WebhookEvent.objects.get()
    assert event.status == "done" and "1 entries (1 new)" in event.detail
    assert fake.log == []  # the entries came with the event: no request
    assert RawInput.objects.filter(source=f"courtlistener:docket/{CL_ID}").count() == 2  # the follow, one event
    case = _case()
    assert EventSource.objects.filter(event__case=case, event__title="ORDER setting Jury Trial.").count() == 1


def test_the_webhook_receiver_takes_only_its_secret_path_and_addresses_and_json(fake, client, settings,
                                                                               django_capture_on_commit_callbacks):
    url = "/hooks/courtlistener/s3cret-path/"
    body = _delivery([])
    assert client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="a").status_code == 404
    settings.COURTLISTENER_WEBHOOK_SECRET = "s3cret-path"
    assert client.post("/hooks/courtlistener/guess/", body, content_type="application/json",
                       HTTP_IDEMPOTENCY_KEY="a").status_code == 404
    assert client.get(url).status_code == 405
    assert client.post(url, body, content_type="application/json").status_code == 400  # no Idempotency-Key
    assert client.post(url, b"{nope", content_type="application/json", HTTP_IDEMPOTENCY_KEY="b").status_code == 400
    assert client.post(url, b'{"a": "\\u0000"}', content_type="application/json",
                       HTTP_IDEMPOTENCY_KEY="c").status_code == 400
    settings.COURTLISTENER_WEBHOOK_IPS = ["34.210.230.218", "54.189.59.91/32"]
    assert client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="d").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="d",
                           REMOTE_ADDR="54.189.59.91").status_code == 202
    event = WebhookEvent.objects.get()
    assert event.idempotency_key == "d" and event.remote_addr == "54.189.59.91" and event.status == "done"


# --------------------------------------------------------------------------- the case page
def test_the_case_page_follows_a_docket_for_users_who_may_ingest(fake, client, django_capture_on_commit_callbacks):
    case = Case.objects.create(case_name="Musk v. OpenAI", slug="musk-v-openai")
    url = case.get_absolute_url()
    assert 'name="docket"' not in client.get(url).content.decode()  # anonymous: no form
    user = User.objects.create_user("reader", password="pw")
    client.force_login(user)
    assert 'name="docket"' not in client.get(url).content.decode()
    assert client.post(f"{url}follow-docket/", {"docket": str(CL_ID)}).status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="add_rawinput"))
    user = User.objects.get(pk=user.pk)
    client.force_login(user)
    html = client.get(url).content.decode()
    assert 'name="docket"' in html and 'name="csrfmiddlewaretoken"' in html
    bad = client.post(f"{url}follow-docket/", {"docket": "<script>alert(1)</script>"})
    assert bad.status_code == 400 and "not a CourtListener docket" in bad.content.decode()
    assert "<script>alert(1)</script>" not in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        done = client.post(f"{url}follow-docket/", {"docket": f"https://www.courtlistener.com/docket/{CL_ID}/x/"})
    assert done.status_code == 302 and done["Location"] == f"{url}#courtlistener"
    assert FollowedDocket.objects.get(courtlistener_id=CL_ID).status == "pending" and fake.log == []  # queued
    assert "first fetch queued" in client.get(url).content.decode()
    queued[0]()  # the worker's turn
    fd = FollowedDocket.objects.get(courtlistener_id=CL_ID)
    assert fd.case == case and fd.followed_by == user and fd.status == "ok"
    case.refresh_from_db()
    assert case.docket_number == "4:24-cv-04722-YGR" and Case.objects.count() == 1
    html = client.get(url).content.decode()
    assert re.search(r"followed, synced", html)


def test_the_follow_form_needs_csrf(fake):
    from django.test import Client

    case = Case.objects.create(case_name="Musk v. OpenAI", slug="musk-v-openai")
    user = User.objects.create_user("ingester", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="add_rawinput"))
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.post(f"{case.get_absolute_url()}follow-docket/", {"docket": str(CL_ID)}).status_code == 403
    assert not FollowedDocket.objects.exists()


# --------------------------------------------------------------------------- the news-built case gains the docket
ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def test_the_news_built_musk_case_gains_the_dockets_fields_without_a_duplicate(fake, client):
    from casetracker import provenance, services
    from casetracker.models import CaseDocument, Party

    try:
        call_command("ingest", str(ROOT / "samples"), "--no-progress", stdout=StringIO(), stderr=StringIO())
        news = Case.objects.filter(case_parties__party__name="Elon Musk").filter(
            case_parties__party__name="OpenAI").distinct()
        assert news.count() == 1, [c.case_name for c in Case.objects.all()]
        case = news.get()
        news_docs = set(CaseDocument.objects.filter(case=case).values_list("document_id", flat=True))
        assert len(news_docs) >= 4 and not case.docket_number
        cases_before = Case.objects.count()
        _run("follow", str(CL_ID))
        assert Case.objects.count() == cases_before  # attached, not a second record
        assert _case().pk == case.pk
        case.refresh_from_db()
        assert (case.case_name, case.court, case.docket_number, case.judge, str(case.date_filed)) == (
            "Musk v. Altman", "cand", "4:24-cv-04722-YGR", "Yvonne Gonzalez Rogers", "2024-08-05")
        assert news_docs <= set(CaseDocument.objects.filter(case=case).values_list("document_id", flat=True))
        assert Party.objects.filter(name="OpenAI").count() == 1  # "OpenAI, Inc." is the news' OpenAI
        musk = CaseParty.objects.filter(case=case, party__name="Elon Musk")
        assert musk.filter(role="plaintiff", named=True).exists()
        role_conflicts = [c for c in provenance.case_conflicts(case) if c.kind == "role"]
        for conflict in role_conflicts:  # a news report that put a side the other way: the court record wins
            assert conflict.preferred is not None and conflict.preferred.authority == provenance.AUTHORITY["docket"]
        html = client.get(case.get_absolute_url()).content.decode()
        court = html[html.index('id="field-court"'):html.index("</dd>", html.index('id="field-court"'))]
        assert "N.D. Cal." in court and "CourtListener docket" in court
        assert "ORDER DENYING MOTION FOR PRELIMINARY INJUNCTION" in html
    finally:
        services._Parties.forget()
