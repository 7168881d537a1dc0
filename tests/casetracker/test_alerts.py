"""Following: the writers record what changed (the outbox), and the sender turns it into one message per alert,
grouped by case, by email (real SMTP where it matters) and webhook, never twice."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from casetracker import alerts, following, services, statements, writes
from casetracker.models import Alert, AlertSent, Case, CaseRelation, Change, Event, EventSource, Party
from ingest.nlp import types as nlp
from tests.casetracker.factories import CaseFactory, DocumentFactory, evidence, party, span

NEW_ARTICLE = ("At a hearing on March 4, 2025, Judge Yvonne Gonzalez Rogers heard both sides. "
               "The judge denied the injunction in a ruling on March 14, 2025. Musk said he would appeal in Musk v. OpenAI.")


def _new_article(text: str = NEW_ARTICLE, title: str = "Judge denies Musk's injunction", url="https://news.example/a"):
    """A new source about Musk v. OpenAI with two dated events: three changes for the case (the source, two events)."""
    doc = DocumentFactory(text=text, title=title, url=url, publisher="Example News")
    extraction = nlp.Extraction(
        parties=[party(text, "Elon Musk", "person", role="plaintiff", surface="Musk", gid="elon-musk"),
                 party(text, "OpenAI", role="defendant", gid="openai")],
        cases=[nlp.CaseX(caption="Musk v. OpenAI", inferred=True, plaintiffs=["Elon Musk"], defendants=["OpenAI"],
                         evidence=[span(text, "Musk v. OpenAI")])],
        events=[nlp.EventX(kind="hearing", what="Hearing before Judge Gonzalez Rogers", date="2025-03-04",
                           precision="day", evidence=[span(text, "hearing")]),
                nlp.EventX(kind="ruling", what="The injunction is denied", date="2025-03-14", precision="day",
                           evidence=[span(text, "denied")])],
        is_ai_litigation=True, extractor_version="t")
    services.extraction_record(document=doc, extraction=extraction)
    return doc


def _follow(user, **thing) -> Alert:
    return following.alert_create(user=user, **thing)


# --------------------------------------------------------------------------- the outbox
def test_a_new_source_records_its_events_and_its_link_once_each(musk_case):
    case, _ = musk_case
    before = Change.objects.count()
    doc = _new_article()
    new = list(Change.objects.order_by("id")[before:])
    assert [c.kind for c in new] == ["document", "event", "event"]
    assert {c.case_id for c in new} == {case.pk}
    hearing = next(c for c in new if "hearing" in c.summary)
    assert hearing.summary == "New hearing (2025-03-04): Hearing before Judge Gonzalez Rogers"
    assert hearing.sentence == "At a hearing on March 4, 2025, Judge Yvonne Gonzalez Rogers heard both sides." and hearing.source_url == "https://news.example/a"
    assert hearing.document_id == doc.pk and hearing.evidence.sentence == hearing.sentence
    # the same news again (a syndicated copy reporting the same steps) is no new event
    _new_article(NEW_ARTICLE + " ", title="Copy", url="https://copy.example/a")
    kinds = list(Change.objects.order_by("id")[before + 3:].values_list("kind", flat=True))
    assert kinds == ["document"]


def test_parties_joining_a_case_and_new_allegations_are_news_for_the_party(musk_case):
    case, _ = musk_case
    musk = Party.objects.get(name="Elon Musk")
    roles = Change.objects.filter(kind="party_role", party=musk)
    assert [(c.role, c.case_id) for c in roles] == [("plaintiff", case.pk)]
    assert roles[0].summary == "Elon Musk is named as plaintiff in Musk v. OpenAI"
    anthropic = Party.objects.get(name="Anthropic")
    accusation = Change.objects.get(kind="allegation", party=anthropic)
    assert accusation.role == "accuser" and "Anthropic accuses DeepSeek of distilling Claude" in accusation.summary
    assert accusation.sentence == "Anthropic accused DeepSeek of distilling Claude."
    # the allegation reported by both documents (xAI distilled OpenAI) is one change per party
    assert Change.objects.filter(kind="allegation", party__name="xAI").count() == 1


def test_a_status_change_quotes_the_step_that_shows_it_and_a_rollback_leaves_no_change(musk_case):
    case, (doc, _) = musk_case
    case = statements.case_resolve(Case.objects.get(pk=case.pk))
    assert case.status == "open"
    with writes.atomic():
        settled = Event.objects.create(case=case, kind="settlement", title="The parties settle", status="settled",
                                       date=date(2025, 6, 1), precision="day", fingerprint="settle")
        EventSource.objects.create(event=settled, document=doc, evidence=evidence(doc, "accuses Musk"))
        statements.case_resolve(case)
    change = Change.objects.get(kind="status")
    assert change.summary == "Status changed: open → settled"
    assert change.sentence.endswith("The lawsuit, filed by OpenAI, accuses Musk.") and change.document_id == doc.pk
    with pytest.raises(RuntimeError), writes.atomic():
        Event.objects.filter(pk=settled.pk).update(status="dismissed")
        statements.case_resolve(Case.objects.get(pk=case.pk))
        raise RuntimeError("the write fails")
    assert Change.objects.filter(kind="status").count() == 1  # the failed write told nobody anything


def test_a_status_that_comes_back_within_one_write_is_no_news(musk_case):
    case, (doc, _) = musk_case
    statements.case_resolve(Case.objects.get(pk=case.pk))
    with writes.atomic():
        step = Event.objects.create(case=case, kind="settlement", title="settle", status="settled",
                                    date=date(2025, 6, 1), precision="day", fingerprint="s")
        EventSource.objects.create(event=step, document=doc, evidence=evidence(doc, "accuses Musk"))
        statements.case_resolve(Case.objects.get(pk=case.pk))
        step.delete()
        statements.case_resolve(Case.objects.get(pk=case.pk))
    assert not Change.objects.filter(kind="status").exists()


# --------------------------------------------------------------------------- sending
def test_a_realtime_alert_names_the_new_event_and_its_source_once(musk_case, member):
    case, _ = musk_case
    alert = _follow(member, case=case, note="the trial I cover")
    assert Change.objects.filter(case=case).exists()  # what came before the alert is not sent
    assert alerts.send_due("realtime") == {"alerts": 0, "items": 0, "errors": 0}
    _new_article()
    assert alerts.send_due("realtime") == {"alerts": 1, "items": 3, "errors": 0}
    (message,) = mail.outbox
    assert message.to == ["reporter@example.org"] and message.subject == "Musk v. OpenAI: 3 changes"
    body = message.body
    assert "Your note: the trial I cover" in body and "== Musk v. OpenAI ==" in body
    assert "- New hearing (2025-03-04): Hearing before Judge Gonzalez Rogers" in body
    assert '"At a hearing on March 4, 2025, Judge Yvonne Gonzalez Rogers heard both sides."' in body
    assert "Original: https://news.example/a" in body and "Source sentence: http://127.0.0.1:8000/documents/" in body
    html = message.alternatives[0][0]
    assert "<blockquote>“At a hearing on March 4, 2025, Judge" in html
    unsubscribe = alerts.unsubscribe_url(alert)
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert AlertSent.objects.filter(alert=alert).count() == 3
    alert.refresh_from_db()
    assert alert.last_fired_at is not None
    assert alerts.send_due() == {"alerts": 0, "items": 0, "errors": 0}  # sent once
    assert len(mail.outbox) == 1


def test_markup_in_a_source_is_escaped_in_the_html_mail(musk_case, member):
    case, _ = musk_case
    _follow(member, case=case)
    _new_article(NEW_ARTICLE.replace("Musk said", "<script>alert(1)</script> Musk said"), title="<b>Bold</b> news")
    alerts.send_due("realtime")
    html = mail.outbox[0].alternatives[0][0]
    assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt;" in html and "<script>" not in html


def test_following_a_lead_case_follows_its_family(musk_case, member):
    case, (doc, _) = musk_case
    member_case = CaseFactory(case_name="In re OpenAI member suit")
    CaseRelation.objects.create(from_case=member_case, to_case=case, kind="member_of")
    _follow(member, case=case)
    with writes.atomic():
        from casetracker import linking

        linking.attach_event(member_case, "hearing", "A hearing in the member case", "2025-05-05", "day", doc,
                             evidence(doc, "Partly."), "t")
    assert alerts.send_due("realtime")["items"] == 1
    assert "== In re OpenAI member suit ==" in mail.outbox[0].body


def test_a_party_followed_in_one_role_hears_only_of_that_role(musk_case, member):
    case, _ = musk_case
    openai = Party.objects.get(name="OpenAI")
    as_defendant = _follow(member, party=openai, role="defendant")
    as_accuser = _follow(member, party=openai, role="accuser", frequency="daily")
    other = CaseFactory(case_name="Authors v. OpenAI")
    text = "The authors sued OpenAI. OpenAI accused DeepSeek of distilling GPT-4 outputs."
    doc = DocumentFactory(text=text)
    services.extraction_record(document=doc, extraction=nlp.Extraction(
        parties=[party(text, "OpenAI", role="defendant", gid="openai"), party(text, "DeepSeek")],
        cases=[nlp.CaseX(caption="Authors v. OpenAI", plaintiffs=[], defendants=["OpenAI"],
                         evidence=[span(text, "sued OpenAI")])],
        allegations=[nlp.AllegationX(accuser="OpenAI", accused="DeepSeek", teacher="GPT-4",
                                     evidence=[span(text, "accused DeepSeek")])],
        is_ai_litigation=True, extractor_version="t"))
    assert alerts.send_due("realtime")["items"] == 1
    assert mail.outbox[0].subject == "OpenAI as defendant: OpenAI is named as defendant in Authors v. OpenAI"
    assert AlertSent.objects.filter(alert=as_defendant, change__case=other).exists()
    assert alerts.send_due("daily")["items"] == 1
    assert "OpenAI accuses DeepSeek of distilling GPT-4 (alleged)" in mail.outbox[1].body
    assert "Your daily digest for OpenAI as accuser (distillation): 1 change" == mail.outbox[1].subject
    assert AlertSent.objects.filter(alert=as_accuser).count() == 1


def test_a_digest_groups_three_changes_in_one_message_over_real_smtp(musk_case, member, smtp_server):
    case, _ = musk_case
    alert = _follow(member, case=case, frequency="daily")
    _new_article()
    assert alerts.send_due("realtime")["items"] == 0  # a digest waits for its run
    assert alerts.send_due("daily") == {"alerts": 1, "items": 3, "errors": 0}
    (message,) = smtp_server.messages
    assert message["Subject"] == "Your daily digest for Musk v. OpenAI: 3 changes"
    assert message["To"] == "reporter@example.org" and str(message["List-Unsubscribe"]).strip().startswith("<http://")
    text = message.get_body(("plain",)).get_content()
    assert text.count("== Musk v. OpenAI ==") == 1
    assert text.count("\n- New ") == 3
    assert "New source: Judge denies Musk's injunction (Example News)" in text
    assert "<h2>" in message.get_body(("html",)).get_content()
    # not due again within the day, even with news; due a day later
    _new_article("A hearing was held. The motion was denied in Musk v. OpenAI.", title="Later", url="https://news.example/b")
    assert alerts.send_due("daily")["items"] == 0
    Alert.objects.filter(pk=alert.pk).update(last_checked_at=timezone.now() - timedelta(hours=23, minutes=30))
    assert alerts.send_due("daily")["items"] >= 1 and len(smtp_server.messages) == 2


def test_an_smtp_failure_sends_nothing_and_loses_nothing(musk_case, member, settings):
    case, _ = musk_case
    alert = _follow(member, case=case)
    _new_article()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: connection refused
    settings.EMAIL_TIMEOUT = 2
    assert alerts.send_due("realtime") == {"alerts": 0, "items": 0, "errors": 1}
    assert not AlertSent.objects.filter(alert=alert).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert alerts.send_due("realtime")["items"] == 3 and len(mail.outbox) == 1


def test_paused_alerts_send_nothing_and_resuming_starts_from_now(musk_case, member):
    case, _ = musk_case
    alert = _follow(member, case=case)
    following.alert_update(alert=alert, paused=True)
    _new_article()
    assert alerts.send_due()["items"] == 0
    following.alert_update(alert=alert, paused=False)
    assert alerts.send_due()["items"] == 0 and not mail.outbox  # what happened while paused is not sent


def test_a_followed_search_sends_new_results_only(musk_case, member):
    alert = _follow(member, query="/search/?q=injunction&sort=date&page=2")
    assert alert.query == "q=injunction" and alert.seen == []
    old = DocumentFactory(text="An injunction in an older story.", title="Old injunction story")
    from casetracker.search import vectors

    vectors.refresh_documents([old.pk])
    alert2 = _follow(member, query="q=injunction")
    assert alert2.seen == [f"document-{old.pk}"]  # what matched when it was made is not news
    doc = _new_article()
    assert alerts.send_due("realtime")["items"] == 3  # alert: both documents; alert2: the new one only
    bodies = {m.subject: m.body for m in mail.outbox}
    new_only = bodies[f"search: “injunction”: New document: {doc.title}"]
    assert "== New results for “injunction” ==" in new_only and f"/documents/{doc.pk}/" in new_only
    assert alerts.send_due("realtime")["items"] == 0


def test_send_alerts_command(musk_case, member):
    case, _ = musk_case
    _follow(member, case=case, frequency="weekly")
    _new_article()
    from io import StringIO

    out = StringIO()
    call_command("send_alerts", "--frequency", "realtime", stdout=out)
    assert "items sent: 0" in out.getvalue()
    call_command("send_alerts", stdout=out)
    assert "alerts fired: 1  items sent: 3  errors: 0" in out.getvalue() and "webhooks: none due" in out.getvalue()
    assert mail.outbox[0].subject == "Your weekly digest for Musk v. OpenAI: 3 changes"


def test_unsubscribe_works_without_login_and_refuses_a_forged_link(client, musk_case, member):
    case, _ = musk_case
    alert = _follow(member, case=case)
    url = alerts.unsubscribe_url(alert).replace("http://127.0.0.1:8000", "")
    page = client.get(url)
    assert page.status_code == 200 and b"Stop the alerts on <strong>Musk v. OpenAI</strong>" in page.content
    alert.refresh_from_db()
    assert not alert.paused  # a link scanner fetching the URL unsubscribes no one
    done = client.post(url, {"List-Unsubscribe": "One-Click"})  # a mail client's one-click POST (RFC 8058)
    assert done.status_code == 200 and b"You will get no more alerts" in done.content
    alert.refresh_from_db()
    assert alert.paused
    assert client.get(url[:-5] + "AAAA/").status_code == 404
    assert client.get("/alerts/unsubscribe/<script>/").status_code == 404


def test_merges_keep_their_followers(musk_case, member):
    """A case merged into the suit it retells, or a party merged into another, takes its alerts along."""
    from casetracker import merging

    case, _ = musk_case
    duplicate = CaseFactory(case_name="Elon Musk v. OpenAI Inc.")
    on_case = _follow(member, case=duplicate)
    xai, openai = Party.objects.get(name="xAI"), Party.objects.get(name="OpenAI")
    on_party = _follow(member, party=xai, role="accused")
    with writes.atomic():
        merging.case_merge(source=duplicate, target=case)
    services.party_merge(source=xai, target=openai)
    on_case.refresh_from_db()
    on_party.refresh_from_db()
    assert on_case.case_id == case.pk and on_party.party_id == openai.pk
