"""Atom feeds for a case, a party and any search, parsed with feedparser; pages advertise them."""
import feedparser
import pytest

pytestmark = pytest.mark.django_db


def _feed(client, url):
    r = client.get(url)
    assert r.status_code == 200 and r["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(r.content)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def test_case_feed_has_its_documents_and_events(client, musk_case):
    case, docs = musk_case
    feed = _feed(client, f"/cases/{case.slug}/feed/")
    assert feed.feed.title.startswith("Musk v. OpenAI")
    titles = [e.title for e in feed.entries]
    assert {f"Document: {d.title}" for d in docs} <= set(titles)
    assert any(t.startswith("Event (testimony") for t in titles)
    assert all(e.link.startswith("http://testserver/") for e in feed.entries)
    assert any(f"/documents/{docs[0].pk}/" in e.link for e in feed.entries)


def test_the_feed_of_a_lead_case_covers_its_members(client, db):
    from casetracker.models import Case, CaseDocument, CaseRelation, Event
    from tests.casetracker.factories import DocumentFactory

    lead = Case.objects.create(case_name="In re OpenAI Copyright Infringement Litigation", slug="in-re-openai")
    member = Case.objects.create(case_name="Authors Guild v. OpenAI", slug="authors-guild-v-openai")
    other = Case.objects.create(case_name="Bartz v. Anthropic", slug="bartz")
    CaseRelation.objects.create(from_case=member, to_case=lead, kind="member_of")
    for case, title in ((member, "Guild brief"), (other, "Bartz news")):
        CaseDocument.objects.create(case=case, document=DocumentFactory(title=title), reason="manual")
    Event.objects.create(case=member, kind="ruling", title="Judge Stein rules <b>", fingerprint="x")
    titles = [e.title for e in _feed(client, "/cases/in-re-openai/feed/").entries]
    assert "Document: Guild brief" in titles and "Document: Bartz news" not in titles
    assert any(t.startswith("Event (ruling") and "[Authors Guild v. OpenAI]" in t for t in titles)
    assert [e.title for e in _feed(client, "/cases/bartz/feed/").entries] == ["Document: Bartz news"]


def test_party_feed_lists_documents_that_mention_it(client, musk_case):
    feed = _feed(client, "/parties/elon-musk/feed/")
    assert {e.title for e in feed.entries} == {"Musk testimony 0", "Musk testimony 1"}


def test_search_feed_follows_the_search_url(client, musk_case):
    feed = _feed(client, "/search/feed/?q=DeepSeek&type=allegation")
    assert feed.entries and all(e.title.startswith("allegation:") for e in feed.entries)
    assert "DeepSeek" in feed.entries[0].title and "#ev-" in feed.entries[0].link
    assert feed.feed.link.endswith("/search/?q=DeepSeek&type=allegation")
    marked = _feed(client, "/search/feed/?q=Elon+Musk+testified")
    assert marked.entries and "<a href" not in marked.entries[0].get("summary", "").replace("&lt;a href", "")
    assert _feed(client, "/search/feed/?q=!!!").entries == []


def test_pages_advertise_their_feeds_and_api(client, musk_case):
    case = musk_case[0]
    pages = {case.get_absolute_url(): f"/cases/{case.slug}/feed/", "/parties/elon-musk/": "/parties/elon-musk/feed/",
             "/search/?q=Musk": "/search/feed/?q=Musk"}
    for page, feed in pages.items():
        html = client.get(page).content.decode()
        assert f'<link rel="alternate" type="application/atom+xml"' in html and f'href="{feed}' in html, page
        assert '<link rel="alternate" type="application/json"' in html, page


def test_the_family_page_lists_every_linked_case_with_its_lead_and_sources(client, db, django_assert_max_num_queries):
    from casetracker.models import Case, CaseRelation, Evidence
    from tests.casetracker.factories import DocumentFactory

    lead = Case.objects.create(case_name="In re OpenAI Copyright Infringement Litigation", slug="in-re-openai",
                               court="nysd", docket_number="25-md-3143")
    members = [Case.objects.create(case_name=name, slug=slug) for name, slug in (
        ("Authors Guild v. OpenAI", "guild"), ("The New York Times v. Microsoft <script>", "nyt"))]
    appeal = Case.objects.create(case_name="Authors Guild v. OpenAI (2d Cir.)", slug="guild-appeal", court="ca2")
    doc = DocumentFactory(text="The Guild's suit was consolidated into the MDL in New York.")
    ev = Evidence.objects.create(document=doc, start=0, end=10, sent_start=0, sent_end=len(doc.text),
                                 sentence=doc.text)
    for member in members:
        CaseRelation.objects.create(from_case=member, to_case=lead, kind="member_of", document=doc, evidence=ev)
    CaseRelation.objects.create(from_case=appeal, to_case=members[0], kind="appeal_of")
    Case.objects.create(case_name="Bartz v. Anthropic", slug="bartz")
    with django_assert_max_num_queries(12):
        html = client.get("/cases/guild-appeal/family/").content.decode()
    assert 'id="lead"' in html and "In re OpenAI Copyright Infringement Litigation" in html.split('id="lead"')[1][:300]
    assert html.count("<tr") == 5 and "Bartz" not in html  # the header and the four cases of the family
    assert "&lt;script&gt;" in html and "<script>" not in html.split("<body")[1].split("</header>")[-1]
    assert "consolidated into the MDL" in html and "appeal of" in html
    assert 'href="/cases/guild-appeal/family/"' not in client.get("/cases/bartz/").content.decode()
