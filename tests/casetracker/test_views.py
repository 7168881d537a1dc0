import pytest

pytestmark = pytest.mark.django_db


def test_home_lists_the_case_and_searches(client, musk_case):
    html = client.get("/").content.decode()
    assert "Musk v. OpenAI" in html and 'name="q"' in html
    html = client.get("/?q=DeepSeek").content.decode()
    assert "DeepSeek" in html


def test_htmx_search_returns_only_the_results_fragment(client, musk_case):
    r = client.get("/search/?q=Musk", HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert html.lstrip().startswith('<section id="results"') and "<html" not in html
    assert "<mark>Musk</mark> v. OpenAI" in html
    assert 'id="search-filters" class="row" hx-swap-oob="true"' in html  # the form's filters follow the results


def test_case_page_shows_timeline_parties_quotes_allegations(client, musk_case):
    case, docs = musk_case
    html = client.get(case.get_absolute_url()).content.decode()
    assert "Timeline" in html and "testimony" in html and "2 sources" in html
    assert "Plaintiff" in html and "Elon Musk" in html
    assert "Partly." in html
    assert 'type="application/atom+xml"' in html
    assert f"/documents/{docs[0].pk}/#ev-" in html  # facts link to their sentence


def test_document_page_escapes_untrusted_text_and_marks_spans(client, musk_case):
    doc = musk_case[1][0]
    html = client.get(doc.get_absolute_url()).content.decode()
    assert '&lt;a href=&quot;https://example.com/x' in html
    assert 'href="https://example.com/x' not in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert 'class="mark-quote' in html or "mark-party mark-quote" in html
    assert 'id="ev-' in html


def test_party_and_allegation_pages(client, musk_case):
    html = client.get("/parties/elon-musk/").content.decode()
    assert "Partly." in html and "Musk v. OpenAI" in html
    html = client.get("/allegations/").content.decode()
    assert "DeepSeek" in html and "admitted" in html


def test_case_list_filters_without_javascript(client, musk_case):
    assert "Musk v. OpenAI" in client.get("/cases/?order=sources").content.decode()
    assert "No cases match" in client.get("/cases/?status=settled").content.decode()


def test_feeds(client, musk_case):
    case = musk_case[0]
    assert client.get(f"/cases/{case.slug}/feed/")["Content-Type"].startswith("application/atom+xml")
    assert client.get("/parties/elon-musk/feed/").status_code == 200
    assert b"<entry>" in client.get("/search/feed/?q=Musk").content


def test_absurd_queries_give_a_page_not_an_error(client, db):
    for q in ["", "!!!", "a" * 10000, "' OR 1=1; --", "foo & | ! <->", "\"unclosed"]:
        assert client.get("/search/", {"q": q}).status_code == 200
