"""Editors in the loop (issue 15): roles, deciding in place, decisions that survive re-extraction, the history and
reverting, the queue's order and filters, merging and splitting, hostile input."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from casetracker import review, review_queue
from casetracker.models import (
    Allegation, Case, CaseFact, CaseParty, CaseRedirect, Correction, Event, Party, Quote, Revision,
)
from ingest import services as ingest_services
from tests.casetracker.conftest import HOSTILE, musk_extraction


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_user("desk", "desk@example.org", "a long passphrase 16")
    user.groups.add(Group.objects.get_or_create(name="editor")[0])
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reextract(monkeypatch, musk_case):
    """``manage.py reextract``'s service with the extraction the fixture recorded (no model run): what an editor
    decided must survive the facts being cleared and written again."""
    from ingest.nlp import pipeline

    def fake_extract_many(items):
        for text, _meta in items:
            extraction = musk_extraction(text, with_quote=text == HOSTILE, version="t2")
            yield extraction

    monkeypatch.setattr(pipeline, "extract_many", fake_extract_many)
    case, docs = musk_case

    def run():
        from casetracker.models import Document

        return ingest_services.reextract(Document.objects.filter(pk__in=[d.pk for d in docs]).order_by("id"))

    return run


# --------------------------------------------------------------------------- roles
def test_anonymous_visitors_are_sent_to_log_in_and_members_cannot_review(client, musk_case, member):
    case, _ = musk_case
    assert client.get("/review/")["Location"].startswith("/accounts/login/")
    quote = Quote.objects.get()
    assert client.post(f"/review/quote/{quote.pk}/", {"action": "confirm"}).status_code == 302  # to log in
    client.force_login(member)
    assert client.get("/review/").status_code == 403
    assert client.post(f"/review/quote/{quote.pk}/", {"action": "confirm"}).status_code == 403
    assert client.post(f"/review/case/{case.slug}/status/", {"action": "correct", "status": "settled"}).status_code == 403
    assert b"Confirm" not in client.get(case.get_absolute_url()).content
    assert Quote.objects.get().review == "" and not Correction.objects.exists()


def test_editors_and_admins_review(editor_client, musk_case, django_user_model, client):
    case, _ = musk_case
    page = editor_client.get("/review/")
    assert page.status_code == 200 and b"Review queue" in page.content
    assert b'data-action="confirm"' in editor_client.get(case.get_absolute_url()).content
    admin = django_user_model.objects.create_user("boss", "b@example.org", "x", is_staff=True)
    editor_client.force_login(admin)
    assert editor_client.get("/review/").status_code == 200


def test_createeditor_makes_an_editor(db, monkeypatch, django_user_model):
    from casetracker.accounts import is_editor, is_member

    monkeypatch.setenv("EDITOR_PW", "a long passphrase 16")
    call_command("createeditor", "checker", "--email", "c@example.org", "--password-env", "EDITOR_PW")
    user = django_user_model.objects.get(username="checker")
    assert is_editor(user) and is_member(user) and user.check_password("a long passphrase 16")
    call_command("createeditor", "checker", "--remove")
    user = django_user_model.objects.get(username="checker")
    assert not is_editor(user)


# --------------------------------------------------------------------------- deciding, and decisions that last
def test_a_corrected_speaker_and_status_survive_reextraction(editor_client, musk_case, reextract):
    case, _ = musk_case
    quote = Quote.objects.get()
    xai = Party.objects.get(name="xAI")
    answer = editor_client.post(f"/review/quote/{quote.pk}/", {"action": "correct", "speaker": "xAI",
                                                               "reason": "the company said it", "next": "/x"})
    assert answer.status_code == 302 and answer["Location"] == "/x"
    quote.refresh_from_db()
    assert quote.speaker == xai and quote.review == "corrected" and quote.reviewed_at
    editor_client.post(f"/review/case/{case.slug}/status/", {"action": "correct", "status": "settled"})
    case.refresh_from_db()
    assert case.status == "settled"
    reextract()
    quote = Quote.objects.get()
    case.refresh_from_db()
    assert quote.speaker == xai and quote.review == "corrected" and quote.extractor_version == "t2"
    assert case.status == "settled"
    page = editor_client.get(case.get_absolute_url()).content.decode()
    assert "✓ checked" in page and "xAI" in page
    api = editor_client.get(f"/api/v1/quotes/{quote.pk}/").json()
    assert api["review"] == "corrected" and api["speaker"]["name"] == "xAI" and api["reviewed_at"]
    detail = editor_client.get(f"/api/v1/cases/{case.slug}/").json()
    assert detail["status"] == "settled" and detail["review"]["status"]["state"] == "corrected"
    history = Revision.objects.filter(case=case)
    assert history.filter(field="speaker", before="Elon Musk", after="xAI", reason="the company said it",
                          username="desk").exists()
    assert history.filter(field="status", after="settled", source="editor").exists()


def test_rejections_roles_and_event_dates_last(editor_client, musk_case, reextract):
    case, _ = musk_case
    allegation = Allegation.objects.get(accused__name="DeepSeek")
    editor_client.post(f"/review/allegation/{allegation.pk}/", {"action": "reject"})
    openai_role = CaseParty.objects.get(case=case, party__name="OpenAI")
    editor_client.post(f"/review/caseparty/{openai_role.pk}/", {"action": "correct", "role": "plaintiff"})
    event = Event.objects.get(case=case)
    editor_client.post(f"/review/event/{event.pk}/", {"action": "correct", "date": "2026-04-30"})
    xai_allegation = Allegation.objects.filter(accused__name="xAI").first()
    editor_client.post(f"/review/allegation/{xai_allegation.pk}/", {"action": "confirm"})
    reextract()
    assert all(a.rejected and a.review == "rejected" for a in Allegation.objects.filter(accused__name="DeepSeek"))
    assert all(a.review == "confirmed" for a in Allegation.objects.filter(accused__name="xAI"))
    roles = set(CaseParty.objects.filter(case=case, party__name="OpenAI").values_list("role", flat=True))
    assert roles == {"plaintiff"}
    events = list(Event.objects.filter(case=case, rejected=False))
    assert [e.date.isoformat() for e in events] == ["2026-04-30"] and events[0].review == "corrected"


def test_hostile_or_wrong_input_is_a_clear_400_and_changes_nothing(editor_client, musk_case):
    case, _ = musk_case
    quote = Quote.objects.get()
    for data in ({"action": "correct", "speaker": "nobody known at all"}, {"action": "correct", "speaker": "#99999"},
                 {"action": "destroy"}, {"action": "correct", "speaker": "Bad\x07Name"},
                 {"action": "correct"}, {"action": "correct", "speaker": "<script>alert(1)</script>"}):
        answer = editor_client.post(f"/review/quote/{quote.pk}/", data)
        assert answer.status_code == 400, data
        assert b"<script>alert(1)</script>" not in answer.content
    event = Event.objects.get(case=case)
    assert editor_client.post(f"/review/event/{event.pk}/", {"action": "correct", "date": "31/02/2024"}).status_code == 400
    assert editor_client.post(f"/review/case/{case.slug}/status/", {"action": "correct", "status": "won"}).status_code == 400
    assert editor_client.post(f"/review/case/{case.slug}/nope/", {"action": "confirm"}).status_code == 400
    assert editor_client.post("/review/nokind/1/", {"action": "confirm"}).status_code == 404
    htmx = editor_client.post(f"/review/quote/{quote.pk}/", {"action": "correct", "speaker": "#99999", "dom": "quote-1"},
                              HTTP_HX_REQUEST="true")
    assert htmx.status_code == 422 and htmx["HX-Retarget"] == "#quote-1-error" and b"no party" in htmx.content
    assert not Correction.objects.exists() and not Revision.objects.filter(source="editor").exists()
    assert not Party.objects.filter(name__icontains="nobody").exists()
    assert editor_client.get("/review/?kind=bogus&below=2").status_code == 400


def test_a_correction_naming_someone_new_creates_the_party_and_keeps_it(editor_client, musk_case, reextract):
    """An editor types a name no party has: the party is made (recorded in the history) and the correction holds
    through re-extraction; a name a party is known by (an alias) picks that party, and nothing is created."""
    from casetracker.services import alias_add

    case, _ = musk_case
    quote = Quote.objects.get()
    answer = editor_client.post(f"/review/quote/{quote.pk}/", {"action": "correct", "speaker": "  Shivon   Zilis ",
                                                               "reason": "her statement"})
    assert answer.status_code == 302
    zilis = Party.objects.get(name="Shivon Zilis")
    quote.refresh_from_db()
    assert quote.speaker == zilis and quote.review == "corrected"
    created = Revision.objects.get(fact_type="party", field="created")
    assert created.fact_id == zilis.pk and created.after == "Shivon Zilis" and created.case == case
    assert created.username == "desk" and created.reason == "her statement"
    assert Revision.objects.filter(field="speaker", before="Elon Musk", after="Shivon Zilis").exists()
    role = CaseParty.objects.get(case=case, party__name="OpenAI")
    editor_client.post(f"/review/caseparty/{role.pk}/", {"action": "correct", "party": "Microsoft Corporation"})
    microsoft = Party.objects.get(name="Microsoft")  # the gazetteer's name for it
    assert microsoft.kind == "company"
    assert CaseParty.objects.filter(case=case, party=microsoft, role="defendant").exists()
    openai = Party.objects.get(name="OpenAI")
    alias_add(party=openai, name="OpenAI OpCo")
    allegation = Allegation.objects.filter(accused__name="xAI").first()
    n_parties = Party.objects.count()
    editor_client.post(f"/review/allegation/{allegation.pk}/", {"action": "correct", "accuser": "OpenAI OpCo"})
    allegation.refresh_from_db()
    assert allegation.accuser == openai and Party.objects.count() == n_parties
    assert Revision.objects.filter(fact_type="party", field="created").count() == 2  # Zilis and Microsoft
    reextract()
    quote = Quote.objects.get()
    assert quote.speaker == zilis and quote.review == "corrected"
    assert CaseParty.objects.filter(case=case, party=microsoft, role="defendant").exists()
    assert not CaseParty.objects.filter(case=case, party=openai, role="defendant").exists()
    assert case.get_absolute_url() and "Shivon Zilis" in editor_client.get(case.get_absolute_url()).content.decode()


def test_a_case_field_revert_and_the_changes_page_and_feed(editor_client, musk_case):
    case, _ = musk_case
    before = Case.objects.get().status
    editor_client.post(f"/review/case/{case.slug}/status/", {"action": "correct", "status": "dismissed",
                                                              "reason": "<b>order</b> of 3 May"})
    assert Case.objects.get().status == "dismissed"
    revision = Revision.objects.get(field="status", source="editor")
    page = editor_client.get(f"/cases/{case.slug}/changes/").content.decode()
    assert "&lt;b&gt;order&lt;/b&gt;" in page and "dismissed" in page and "desk" in page
    feed = editor_client.get(f"/cases/{case.slug}/changes/feed/")
    assert feed.status_code == 200 and b"dismissed" in feed.content and b"<b>order" not in feed.content
    editor_client.post(f"/review/revert/{revision.pk}/", {})
    assert Case.objects.get().status == before
    assert not CaseFact.objects.filter(case=case, origin="editor").exists()
    assert Revision.objects.filter(reverts=revision).exists()


def test_confirming_then_reverting_a_quote_leaves_it_unchecked(editor_client, musk_case):
    quote = Quote.objects.get()
    editor_client.post(f"/review/quote/{quote.pk}/", {"action": "confirm"})
    assert Quote.objects.get().review == "confirmed"
    revision = Revision.objects.get(field="review")
    editor_client.post(f"/review/revert/{revision.pk}/")
    assert Quote.objects.get().review == "" and not Correction.objects.exists()


def test_readers_see_checked_marks_and_unconfirmed_fields(client, editor, musk_case, settings):
    case, _ = musk_case
    settings.REVIEW_CONFIDENCE_THRESHOLD = 0.99
    quote = Quote.objects.get()
    review.fact_review(kind="quote", fact=quote, action="confirm", user=editor)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "✓ checked" in page and 'data-action="confirm"' not in page
    assert "unconfirmed" in page  # the inferred caption and weakly backed fields


# --------------------------------------------------------------------------- the queue
def test_the_queue_puts_visible_uncertain_facts_first_and_filters(editor_client, musk_case):
    case, _ = musk_case
    items, total = review_queue.queue(case=case)
    kinds = [i.kind for i in items]
    assert total == len(items) and {"casefield", "caseparty", "event", "allegation", "quote"} <= set(kinds)
    assert kinds.index("casefield") < kinds.index("quote")
    assert items == sorted(items, key=lambda i: -i.priority)
    only = editor_client.get(f"/review/?case={case.slug}&kind=quote").content.decode()
    assert "Partly." in only and 'data-kind="event"' not in only
    quote = Quote.objects.get()
    editor_client.post(f"/review/quote/{quote.pk}/", {"action": "confirm"})
    assert "Partly." not in editor_client.get(f"/review/?case={case.slug}&kind=quote").content.decode()
    assert "Partly." in editor_client.get(f"/review/?case={case.slug}&kind=quote&state=checked").content.decode()
    low = review_queue.queue(case=case, below=0.3)[0]
    assert all(i.certainty < 0.3 for i in low)


def test_queue_decisions_answer_the_item_for_htmx(editor_client, musk_case):
    case, _ = musk_case
    quote = Quote.objects.get()
    answer = editor_client.post(f"/review/quote/{quote.pk}/", {"action": "confirm", "mode": "queue",
                                                               "dom": f"q-quote-{quote.pk}"}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 200 and f'id="q-quote-{quote.pk}"'.encode() in answer.content
    assert b'data-done="1"' in answer.content


# --------------------------------------------------------------------------- merging and splitting
def test_merging_parties_from_the_page_with_a_preview_lasts(editor_client, musk_case, reextract):
    case, _ = musk_case
    preview = editor_client.get("/review/merge/parties/?source=xAI&target=OpenAI").content.decode()
    assert "mention" in preview and "Merge" in preview
    answer = editor_client.post("/review/merge/parties/", {"source": "xAI", "target": "OpenAI", "reason": "test"})
    assert answer.status_code == 302
    assert Party.objects.get(name="xAI").merged_into == Party.objects.get(name="OpenAI")
    reextract()
    assert not Allegation.objects.filter(accused__name="xAI").exists()  # xAI's names resolve to OpenAI still
    assert editor_client.post("/review/merge/parties/", {"source": "OpenAI", "target": "OpenAI"}).status_code == 400
    editor_client.post(f"/review/split/parties/{Party.objects.get(name='xAI').slug}/")
    assert Party.objects.get(name="xAI").merged_into is None


def test_merging_cases_keeps_the_old_address(editor_client, musk_case):
    case, docs = musk_case
    other = Case.objects.create(case_name="OpenAI v. Musk", slug="openai-v-musk")
    preview = editor_client.get(f"/review/merge/cases/?source={other.slug}&target={case.slug}")
    assert preview.status_code == 200 and b"OpenAI v. Musk" in preview.content
    editor_client.post("/review/merge/cases/", {"source": other.slug, "target": case.slug})
    assert not Case.objects.filter(slug="openai-v-musk").exists()
    assert CaseRedirect.objects.get(slug="openai-v-musk").case == case
    old = editor_client.get("/cases/openai-v-musk/")
    assert old.status_code == 301 and old["Location"] == case.get_absolute_url()


def test_splitting_a_case_moves_documents_for_good(editor_client, musk_case, reextract):
    case, docs = musk_case
    answer = editor_client.post(f"/cases/{case.slug}/split/", {"document": [docs[1].pk], "caption": "Anthropic v. DeepSeek"})
    assert answer.status_code == 302
    new = Case.objects.get(case_name="Anthropic v. DeepSeek")
    assert list(new.case_documents.values_list("document_id", flat=True)) == [docs[1].pk]
    assert editor_client.post(f"/cases/{case.slug}/split/", {"caption": "x"}).status_code == 400


# --------------------------------------------------------------------------- teaching the pipeline
def test_export_reviews_writes_checked_documents_in_the_corpus_format(editor, musk_case, tmp_path):
    import json

    from ingest.nlp.evaljson import read

    case, docs = musk_case
    xai = Party.objects.get(name="xAI")
    for q in Quote.objects.all():
        review.fact_review(kind="quote", fact=q, action="correct", values={"speaker": "xAI"}, user=editor)
    for a in Allegation.objects.filter(document=docs[0]):
        review.fact_review(kind="allegation", fact=a, action="confirm", user=editor)
    call_command("export_reviews", str(tmp_path))
    assert (tmp_path / "gold.jsonl").read_text() == ""  # its parties' roles are not checked yet
    for cp in CaseParty.objects.filter(case=case):
        review.fact_review(kind="caseparty", fact=cp, action="confirm", user=editor)
    call_command("export_reviews", str(tmp_path))
    lines = [json.loads(line) for line in (tmp_path / "gold.jsonl").read_text().splitlines()]
    assert [line["doc"] for line in lines] == [f"{docs[0].pk:05d}_{docs[0].sha256[:12]}.txt"]  # fully checked only
    (line,) = lines
    assert line["quotes"] == [{"speaker": xai.name, "text_start": "Partly."}]
    assert line["distillation_allegations"][0]["accused"] == "xAI" and line["case_captions"] == ["Musk v. OpenAI"]
    meta, text = read(tmp_path / line["doc"])
    assert text == docs[0].text and meta["title"] == docs[0].title
    call_command("export_reviews", str(tmp_path), "--partial")
    assert len((tmp_path / "gold.jsonl").read_text().splitlines()) == 2


# --------------------------------------------------------------------------- the stored queue (issue 15: at scale)
def test_the_queue_is_stored_kept_fresh_by_the_writers_and_paged_by_cursor(editor_client, musk_case, editor):
    """The queue reads stored rows (models.ReviewItem) a page at a time after a cursor; a writer's change marks
    its case stale and the next read rebuilds it; the page and the API agree."""
    from rest_framework.authtoken.models import Token

    from casetracker.models import ReviewItem, ReviewStale

    case, docs = musk_case
    everything, total = review_queue.queue(case=case, state="all")
    assert total == len(everything) >= 8 and not ReviewStale.objects.exists()
    assert ReviewItem.objects.filter(case=case).count() == total
    priorities = [(-i.priority, -i.row_id) for i in everything]
    assert priorities == sorted(priorities)
    first, _ = review_queue.queue(case=case, state="all", limit=5)
    rest, _ = review_queue.queue(case=case, state="all", limit=500, after=review_queue.parse_cursor(first[-1].cursor))
    assert [(i.kind, i.id) for i in first + rest] == [(i.kind, i.id) for i in everything]
    quote = Quote.objects.get()
    editor_client.post(f"/review/quote/{quote.pk}/", {"action": "reject"})
    assert not any(i.kind == "quote" and i.review == "" for i in review_queue.queue(case=case, state="all")[0])
    # a new document's facts reach the queue through the writers' stale mark
    from casetracker import services
    from ingest.nlp import types as nlp
    from tests.casetracker.factories import DocumentFactory, party, span

    text = "Elon Musk sued OpenAI. Musk said: “We will win this case.”"
    doc = DocumentFactory(text=text)
    extraction = nlp.Extraction(
        parties=[party(text, "Elon Musk", "person", role="plaintiff", gid="elon-musk"),
                 party(text, "OpenAI", role="defendant", gid="openai")], cases=[nlp.CaseX(caption="Musk v. OpenAI", inferred=True,
                                                         plaintiffs=["Elon Musk"], defendants=["OpenAI"],
                                                         evidence=[span(text, "OpenAI")])],
        quotes=[nlp.QuoteX(text="We will win this case.", speaker="Elon Musk", cue="said",
                           evidence=[span(text, "We will win this case.")])], is_ai_litigation=True)
    services.extraction_record(document=doc, extraction=extraction)
    assert ReviewStale.objects.filter(case_id=case.pk).exists()
    (new_quote,) = Quote.objects.filter(document=doc)
    fresh = review_queue.item("quote", new_quote.pk, case)
    assert fresh is not None and fresh.case == case and "We will win" in fresh.value and not ReviewStale.objects.exists()
    page = editor_client.get(f"/review/?case={case.slug}&state=all")
    assert page.status_code == 200 and b"queue-more" not in page.content
    token = Token.objects.create(user=editor)
    api = editor_client.get(f"/api/v1/reviews/?case={case.slug}&state=all&page_size=3",
                            HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.status_code == 200
    body = api.json()
    assert body["count"] == review_queue.queue(case=case, state="all")[1] and len(body["results"]) == 3
    following = editor_client.get(body["next"], HTTP_AUTHORIZATION=f"Token {token.key}").json()
    assert {(r["kind"], r["id"]) for r in following["results"]}.isdisjoint({(r["kind"], r["id"]) for r in body["results"]})
    for bad in ("after=nonsense", "page_size=0", "kind=nope", "surprise=1"):
        assert editor_client.get(f"/api/v1/reviews/?{bad}", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 400
    assert editor_client.get("/review/?after=nan_1").status_code == 400
    editor_client.logout()
    assert editor_client.get("/api/v1/reviews/").status_code in (401, 403)


def test_claims_and_a_partys_side_in_a_document_are_in_the_queue_and_corrections_last(editor_client, musk_case,
                                                                                      monkeypatch):
    """The queue holds each claim (its type, who claims against whom) and each mention that puts a party on a side
    in a document; an editor corrects them there and the correction survives re-extraction."""
    from ingest.nlp import pipeline, types as nlp
    from tests.casetracker.factories import span

    case, docs = musk_case
    mentions, _ = review_queue.queue(case=case, kind="mention")
    sides = {(i.value.split(" (")[0], i.what) for i in mentions}
    assert ("Elon Musk", "Named as plaintiff in a document") in sides and ("OpenAI", "Named as defendant in a document") in sides
    assert not any("xAI" in i.value for i in mentions)  # no side: not a fact of this kind
    from casetracker.models import Mention

    musk = next(i for i in mentions if i.value.startswith("Elon Musk")
                and Mention.objects.get(pk=i.id).document_id == docs[0].pk)
    answer = editor_client.post(f"/review/mention/{musk.id}/", {"action": "correct", "role": "defendant"})
    assert answer.status_code == 302

    def with_claim(items):  # the fixture's extraction, plus a claim in the second document
        from tests.casetracker.conftest import HOSTILE, musk_extraction

        for text, _meta in items:
            x = musk_extraction(text, with_quote=text == HOSTILE, version="t2")
            if text != HOSTILE:
                x.claims = [nlp.ClaimX(kind="allegation", label="distilled Claude", subject="Anthropic",
                                       object="DeepSeek", evidence=[span(text, "Anthropic accused DeepSeek")])]
            yield x

    monkeypatch.setattr(pipeline, "extract_many", with_claim)
    from casetracker.models import Document
    from ingest import services as ingest_services

    ingest_services.reextract(Document.objects.filter(pk__in=[d.pk for d in docs]).order_by("id"))
    (claim,) = review_queue.queue(case=case, kind="claim")[0]
    assert claim.value.startswith("distilled Claude — Anthropic against DeepSeek")
    editor_client.post(f"/review/claim/{claim.id}/", {"action": "correct", "kind": "ruling", "object": "xAI"})
    ingest_services.reextract(Document.objects.filter(pk__in=[d.pk for d in docs]).order_by("id"))
    from casetracker.models import Claim

    claim_row = Claim.objects.get(rejected=False)
    assert claim_row.kind == "ruling" and claim_row.object.name == "xAI" and claim_row.review == "corrected"
    musk_mentions = Mention.objects.filter(party__name="Elon Musk", document=docs[0])
    assert musk_mentions and {m.role for m in musk_mentions} == {"defendant"}
    assert {m.review for m in musk_mentions} == {"corrected"}
    assert not review_queue.queue(case=case, kind="claim")[0]  # checked: out of the unchecked queue
    assert review_queue.queue(case=case, kind="claim", state="checked")[0][0].review == "corrected"


def _expected_rows() -> dict:
    """(case, kind, key) -> what a rebuild from scratch would store (computed, nothing written)."""
    from casetracker.models import Alert

    out = {}
    for case in review_queue.cases_qs():
        followers = Alert.objects.filter(case=case, paused=False).count()
        for i in review_queue.case_items(case, followers):
            row = review_queue._row(case, i)
            out[(case.pk, i.kind, i.id)] = (row.priority, row.certainty, row.review, row.listed, row.data)
    return out


def _stored_rows() -> dict:
    """(case, kind, key) -> (row id, what it stores)."""
    from casetracker.models import ReviewItem

    return {(r.case_id, r.kind, r.key): (r.pk, (r.priority, r.certainty, r.review, r.listed, r.data))
            for r in ReviewItem.objects.all()}


def test_a_decision_rewrites_only_the_queue_rows_it_changes(editor_client, musk_case):
    """An editor's decision writes the rows it changes itself (nothing is marked stale for a rebuild): after each
    kind of decision the stored queue is what a rebuild from scratch would store, the rows it did not change keep
    their ids (the cursors of the pages stay valid) and their contents. A decision nested in a larger write marks
    its case stale, as other writers do."""
    from casetracker import writes
    from casetracker.models import Mention, ReviewStale

    case, docs = musk_case
    review_queue.queue(case=case, state="all")  # built
    assert not ReviewStale.objects.exists()
    quote, event = Quote.objects.get(), Event.objects.get()
    allegation = Allegation.objects.order_by("id").first()
    plaintiff = CaseParty.objects.filter(case=case, role="plaintiff").first()
    mention = Mention.objects.filter(document=docs[1], role__in=("plaintiff", "defendant")).first()
    decisions = [  # (url, form, the rows it must change)
        (f"/review/quote/{quote.pk}/", {"action": "confirm"}, {("quote", str(quote.pk))}),
        (f"/review/quote/{quote.pk}/", {"action": "correct", "speaker": "OpenAI"}, {("quote", str(quote.pk))}),
        (f"/review/allegation/{allegation.pk}/", {"action": "confirm"}, {("allegation", str(allegation.pk))}),
        (f"/review/event/{event.pk}/", {"action": "correct", "date": "2024-03-01"}, {("event", str(event.pk))}),
        (f"/review/caseparty/{plaintiff.pk}/", {"action": "confirm"}, {("caseparty", str(plaintiff.pk))}),
        (f"/review/case/{case.slug}/status/", {"action": "correct", "status": "settled"}, {("casefield", "status")}),
        (f"/review/mention/{mention.pk}/", {"action": "reject"}, {("mention", str(mention.pk))}),
        (f"/review/quote/{quote.pk}/", {"action": "reject"}, {("quote", str(quote.pk))}),
    ]
    for url, form, must in decisions:
        before = _stored_rows()
        assert editor_client.post(url, form).status_code == 302, url
        assert not ReviewStale.objects.exists(), url
        after = _stored_rows()
        assert {k: v for k, (_pk, v) in after.items()} == _expected_rows(), url
        changed = {(kind, key) for (c, kind, key) in set(before) | set(after)
                   if (before.get((c, kind, key)) or (None, None))[1] != (after.get((c, kind, key)) or (None, None))[1]}
        assert must <= changed, url
        header = {("casefield", name) for name in review.CASE_FIELDS} | {
            ("caseparty", str(pk)) for pk in CaseParty.objects.filter(case=case).values_list("pk", flat=True)}
        # an extracted fact's decision changes its own row; a case's own fact may move the case's fields and, with
        # its last activity, the recency of its header and roles
        assert not changed - must - (header if url.startswith(("/review/event", "/review/case")) else set()), \
            (url, changed)
        assert all(after[k][0] == before[k][0] for k in after if k in before), url  # updated in place
    assert ("quote", str(quote.pk)) not in {(k[1], k[2]) for k in _stored_rows()}  # rejected: out of the queue

    with writes.atomic():  # a decision inside a larger write: its case waits for a rebuild, as other writes do
        review.fact_review(kind="allegation", fact=allegation, action="reject")
    assert ReviewStale.objects.filter(case_id=case.pk).exists()
    review_queue.refresh_stale()
    assert {k: v for k, (_pk, v) in _stored_rows().items()} == _expected_rows()


def test_a_corrected_event_date_and_kind_stay_when_a_new_document_reports_the_same_event(editor_client, musk_case):
    """A new document that reports a step an editor corrected (the same kind and date as its sources said) joins
    the corrected event: it takes the corrected date and kind, and no event with the old values comes back."""
    from casetracker import services
    from tests.casetracker.conftest import musk_extraction
    from tests.casetracker.factories import DocumentFactory, span
    from ingest.nlp import types as nlp

    case, _ = musk_case

    def report(text):
        x = musk_extraction(text, with_quote=False)
        x.events = [nlp.EventX(kind="hearing", what="A hearing in Musk v. OpenAI", date="2026-04-28",
                               precision="day", evidence=[span(text, "hearing")])]
        services.extraction_record(document=DocumentFactory(text=text), extraction=x)

    report("Elon Musk sued OpenAI. Musk testified that xAI used OpenAI models. A hearing was held on April 28, 2026. "
           "Anthropic accused DeepSeek.")
    event = Event.objects.get(case=case, kind="hearing")
    answer = editor_client.post(f"/review/event/{event.pk}/", {"action": "correct", "date": "2026-04-30",
                                                              "kind": "testimony"})
    assert answer.status_code == 302
    report("Elon Musk sued OpenAI. Musk testified that xAI used OpenAI models. The hearing took place on April 28, "
           "2026, a later story says. Anthropic accused DeepSeek.")
    steps = list(Event.objects.filter(case=case, rejected=False, date__isnull=False))
    assert [(e.kind, e.date.isoformat(), e.review) for e in steps] == [("testimony", "2026-04-30", "corrected")]
    assert steps[0].sources.count() == 2


def test_each_role_reaches_what_it_may_and_nothing_more(client, musk_case, member, editor):
    """Anonymous readers, members (an API token, no reviewing) and editors, on every editor's page and action:
    the queue, deciding, merging and splitting parties and cases (their previews too), reverting, and the
    queue's API; readers all see the changes page. Nothing changes for those who may not."""
    from rest_framework.authtoken.models import Token

    case, docs = musk_case
    quote = Quote.objects.get()
    other = Case.objects.create(case_name="OpenAI v. Musk", slug="openai-v-musk")
    gets = ["/review/", f"/review/?case={case.slug}", "/review/merge/parties/?source=xAI&target=OpenAI",
            f"/review/merge/cases/?source={other.slug}&target={case.slug}", f"/cases/{case.slug}/split/"]
    posts = [(f"/review/quote/{quote.pk}/", {"action": "confirm"}),
             (f"/review/case/{case.slug}/status/", {"action": "correct", "status": "settled"}),
             ("/review/merge/parties/", {"source": "xAI", "target": "OpenAI"}),
             ("/review/merge/cases/", {"source": other.slug, "target": case.slug}),
             (f"/cases/{case.slug}/split/", {"document": [docs[1].pk], "caption": "Anthropic v. DeepSeek"}),
             (f"/review/split/parties/{Party.objects.get(name='xAI').slug}/", {})]

    revisions = Revision.objects.count()  # the extraction's own

    def unchanged():
        assert Quote.objects.get().review == "" and not Correction.objects.exists()
        assert Revision.objects.count() == revisions
        assert Party.objects.get(name="xAI").merged_into is None and Case.objects.filter(slug=other.slug).exists()
        assert not Case.objects.filter(case_name="Anthropic v. DeepSeek").exists()

    api = {"kind": "quote", "id": quote.pk, "action": "confirm"}
    for who in ("anonymous", "member"):
        if who == "member":
            client.force_login(member)
        for url in gets:
            answer = client.get(url)
            assert (answer.status_code == 302 and answer["Location"].startswith("/accounts/login/")
                    if who == "anonymous" else answer.status_code == 403), (who, url)
        for url, form in posts:
            answer = client.post(url, form)
            assert answer.status_code == (302 if who == "anonymous" else 403), (who, url)
            if who == "anonymous":
                assert answer["Location"].startswith("/accounts/login/"), url
        assert client.get(f"/cases/{case.slug}/changes/").status_code == 200
        auth = {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=member)[0].key}"} if who == "member" else {}
        client.logout()  # the API by its token alone
        assert client.get("/api/v1/reviews/", **auth).status_code in ((401, 403) if who == "anonymous" else (403,))
        assert client.post("/api/v1/reviews/", api, content_type="application/json", **auth).status_code in (
            (401, 403) if who == "anonymous" else (403,))
        unchanged()
    client.force_login(editor)
    for url in gets:
        assert client.get(url).status_code == 200, url
    token = Token.objects.get_or_create(user=editor)[0].key
    client.logout()
    answer = client.post("/api/v1/reviews/", api, content_type="application/json", HTTP_AUTHORIZATION=f"Token {token}")
    assert answer.status_code == 200 and Quote.objects.get().review == "confirmed"
