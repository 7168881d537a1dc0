"""What a journalist does in a real browser, on the real sample corpus (samples/ and the dev set).

samples/ goes through the real ingest when the NLP pipeline is there; otherwise (and for the dev set) the
documents are written with their hand-annotated gold facts (tests/casetracker/gold_corpus.py)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from casetracker.models import Case, Document, Quote
from tests.casetracker import gold_corpus

# the database mark makes pytest-django create the test database when only these tests are collected
pytestmark = [pytest.mark.browser, pytest.mark.django_db]
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """samples/ ingested once for this module (committed, so the live server sees it), removed afterwards."""
    with django_db_blocker.unblock():
        call_command("ingest", str(SAMPLES), "--no-progress")  # the real ingest of the sample corpus
        assert Document.objects.count() == 5
        gold_corpus.load(samples=False)  # and the dev set's hand-annotated facts, for misspelled-name searches
        yield
        call_command("flush", interactive=False)
        gold_corpus.forget_cached_parties()


def _musk_case():
    return Case.objects.filter(case_parties__party__name="OpenAI").filter(
        case_parties__party__name="Elon Musk").distinct().first()


def test_search_results_update_as_you_type_without_a_reload(site, page, screenshot_dir):
    page.goto(site + "/")
    page.evaluate("window.__sameDocument = true")
    page.fill("#q", "distillation DeepSeek")
    page.wait_for_selector("#results .hit")
    assert page.evaluate("window.__sameDocument") is True  # no reload happened
    assert "q=distillation+DeepSeek" in page.url or "q=distillation%20DeepSeek" in page.url  # hx-push-url
    assert "DeepSeek" in page.inner_text("#results")
    page.screenshot(path=str(screenshot_dir / "search.png"), full_page=True)
    page.fill("#q", "Grok")
    from playwright.sync_api import expect

    expect(page.locator("#results").first).to_contain_text("Grok")  # (wait_for_function would eval(): the CSP refuses)


def test_case_page_quote_leads_to_its_highlighted_sentence(site, page, screenshot_dir):
    case = _musk_case()
    page.goto(site + "/")
    page.screenshot(path=str(screenshot_dir / "home.png"), full_page=True)
    page.goto(site + case.get_absolute_url())
    assert page.locator("h2", has_text="Timeline").is_visible()
    page.screenshot(path=str(screenshot_dir / "case.png"), full_page=True)
    quote = (Quote.objects.filter(text__icontains="standard practice", document__case_links__case=case)
             .select_related("evidence", "speaker").first())
    assert quote is not None and quote.speaker.name == "Elon Musk"
    link = page.locator(f'#quotes-h ~ ul a.source[href$="#ev-{quote.evidence_id}"]').first
    link.click()
    page.wait_for_url(f"**/documents/{quote.document_id}/#ev-{quote.evidence_id}")
    marked = page.locator(f'mark[data-ev="{quote.evidence_id}"]').first
    assert marked.is_visible()
    assert "standard practice" in marked.inner_text().lower()
    # the mark is the target's neighbour: the highlight rule applies (an outline), and it links to its fact
    outline = marked.evaluate("m => getComputedStyle(m).outlineStyle")
    assert outline != "none"
    assert page.locator(f'a.fact:has(mark[data-ev="{quote.evidence_id}"])').first.get_attribute("href")


def test_clicking_a_facet_changes_the_count_and_the_url(site, page):
    page.goto(site + "/search/?q=OpenAI")
    before = page.inner_text("#results .count")
    page.evaluate("window.__sameDocument = true")
    facet = page.locator('#results a[data-facet="type"][data-value="case"]')
    expected = facet.locator(".n").inner_text().rstrip("+")
    facet.click()
    page.wait_for_url(re.compile(r"[?&]type=case"))  # hx-push-url: no page load
    page.wait_for_selector('#results a[data-facet="type"][data-value="case"].selected')
    after = page.inner_text("#results .count")
    assert after != before and after.replace("More than ", "").split()[0] == expected
    assert page.evaluate("window.__sameDocument") is True
    assert {t.inner_text().lower() for t in page.locator("#results .hit .badge").all()} == {"case"}
    # a second facet (publisher / court / party) narrows further and lands in the URL and in the form
    page.goto(site + "/search/?q=OpenAI")
    court = page.locator('#results a[data-facet="court"]').first
    label, count = court.get_attribute("data-value"), court.locator(".n").inner_text()
    court.click()
    page.wait_for_url(re.compile(r"[?&]court="))
    page.wait_for_selector('#results a[data-facet="court"].selected')
    assert page.inner_text("#results .count").replace("More than ", "").split()[0] == count
    assert page.locator('#search-filters input[name="court"]').get_attribute("value") == label.strip()
    # the bookmarked URL opens the same results without JavaScript help
    url = page.url
    page.goto(url)
    assert page.inner_text("#results .count").replace("More than ", "").split()[0] == count


def test_misspelled_names_find_the_party(site, page, screenshot_dir):
    page.goto(site + "/search/")
    page.fill("#q", "Antropic")
    page.wait_for_selector("#results .hit")
    assert page.locator("#results .hit .badge").first.inner_text().lower() == "party"
    assert "Anthropic" in page.locator("#results .hit a").first.inner_text()
    assert "Including Anthropic" in page.inner_text("#results")
    page.keyboard.press("Tab")  # the form is usable by keyboard: focus moves on to the search button
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"


def test_raw_markup_in_an_article_shows_as_text_and_adds_no_link(site, page):
    doc = Document.objects.get(text__contains="delimiter.online")
    page.goto(site + doc.get_absolute_url())
    assert '<a href="https://delimiter.online' in page.locator(".text").inner_text()
    assert page.locator('a[href*="delimiter.online"]').count() == 0


def test_case_page_works_without_javascript(site, nojs_page):
    case = _musk_case()
    nojs_page.goto(site + case.get_absolute_url())
    assert "Timeline" in nojs_page.content()
    nojs_page.goto(site + "/search/?q=Musk")
    assert nojs_page.locator("#results .hit").count() > 0


def test_screenshots_of_party_and_allegation_pages(site, page, screenshot_dir):
    page.goto(site + "/parties/elon-musk/")
    assert "Elon Musk" in page.inner_text("h1")
    page.screenshot(path=str(screenshot_dir / "party.png"), full_page=True)
    page.goto(site + "/allegations/")
    assert "DeepSeek" in page.inner_text("main")
    edges = page.locator("svg a.edge")
    assert edges.count() >= 3 and page.locator("table.edges tbody tr").count() == edges.count()
    href = edges.first.get_attribute("href")
    assert page.locator(f"table.edges tr{href}").count() == 1
    page.screenshot(path=str(screenshot_dir / "allegations.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(site + "/search/?q=distillation")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(screenshot_dir / "search-phone.png"), full_page=True)


# --------------------------------------------------------------------------- layout on any screen (issue 12)
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
FIT = """sel => {
  const t = document.querySelector(sel), box = t.closest('.table-scroll') || t.parentElement;
  const shown = [...t.querySelectorAll('th, td')].filter(c => c.getBoundingClientRect().width > 1);  // not hidden
  return {width: t.getBoundingClientRect().width, scrolls: box.scrollWidth > box.clientWidth + 1,
          outside: shown.filter(c => { const r = c.getBoundingClientRect();
                                       return r.left < -1 || r.right > innerWidth + 1; })
                        .map(c => `${c.tagName} ${c.dataset.label || c.innerText.slice(0, 30)} ${c.getBoundingClientRect().left}-${c.getBoundingClientRect().right}`),
          tallest: Math.max(...[...t.querySelectorAll('tbody tr')].map(r => r.getBoundingClientRect().height))};
}"""


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _shot(page, screenshot_dir, name):
    page.screenshot(path=str(screenshot_dir / f"{name}-{page.viewport_size['width']}.png"), full_page=True)


def test_allegation_table_uses_the_width_on_a_desktop(site, page, screenshot_dir):
    page.set_viewport_size(DESKTOP)
    page.goto(site + "/allegations/")
    fit = page.evaluate(FIT, "table.edges")
    main = page.evaluate("document.querySelector('main').getBoundingClientRect().width")
    # it sat in a 447 px box beside the graph, Sources cut off and rows 950 px tall
    assert fit["width"] >= main * 0.9, (fit, main)
    assert not fit["scrolls"] and not fit["outside"], fit
    assert fit["tallest"] < 300, fit
    assert page.locator("table.edges th", has_text="Sources").is_visible()
    assert _no_sideways_scroll(page)
    _shot(page, screenshot_dir, "allegations")


def test_allegation_tables_show_status_and_sources_on_a_phone(site, page, screenshot_dir):
    page.set_viewport_size(PHONE)
    page.goto(site + "/allegations/")
    rows = page.locator("table.edges tbody tr")
    assert rows.count() >= 3
    for i in range(rows.count()):
        for label in ("Status", "Sources"):
            cell = rows.nth(i).locator(f'td[data-label="{label}"]')
            assert cell.is_visible(), f"row {i}: {label} hidden"
            box = cell.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, (label, box)
    sources = rows.first.locator('td[data-label="Sources"] a.source')
    assert sources.count() >= 1 and sources.first.is_visible()  # the sentences can be reached
    assert not page.evaluate(FIT, "table.edges")["outside"]
    assert _no_sideways_scroll(page)
    _shot(page, screenshot_dir, "allegations")
    # the per-party tables (allegations made / received) are the same cards
    page.goto(site + "/parties/deepseek/")
    received = page.locator('#received-h ~ .table-scroll table.allegations tbody tr').first
    assert received.locator('td[data-label="Status"]').is_visible()
    assert received.locator('td[data-label="Source"] a.source').is_visible()
    assert _no_sideways_scroll(page)
    _shot(page, screenshot_dir, "party-deepseek")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_home_and_case_pages_fit_the_screen(site, page, screenshot_dir, viewport):
    page.set_viewport_size(viewport)
    page.goto(site + "/")
    assert page.locator("#recent-h ~ ul.cards li a").first.is_visible()
    assert _no_sideways_scroll(page)
    _shot(page, screenshot_dir, "home")
    page.goto(site + _musk_case().get_absolute_url())
    assert page.locator("h2", has_text="Timeline").is_visible()
    assert _no_sideways_scroll(page)
    _shot(page, screenshot_dir, "case")


def test_live_search_shows_that_it_is_busy(site, page, screenshot_dir):
    """A slow search (held back here until checked) shows the indicator; it goes away with the results."""
    held = []
    page.route(lambda url: "/search/?" in url, lambda route: held.append(route))
    page.goto(site + "/")
    indicator = page.locator("#search-busy")
    assert not indicator.is_visible()
    page.fill("#q", "Grok")
    from playwright.sync_api import expect

    # expect() polls from Python: page.wait_for_function would eval() in the page, which the CSP refuses
    expect(indicator).to_have_class(re.compile(r"\bhtmx-request\b"))
    expect(indicator).to_have_css("opacity", "1")
    assert indicator.is_visible() and "Searching" in indicator.inner_text()
    page.screenshot(path=str(screenshot_dir / "search-busy.png"))
    assert held, "the search request was not sent"
    for route in held:
        route.continue_()
    expect(page.locator("#results").first).to_contain_text("Grok")
    page.wait_for_selector("#search-busy", state="hidden")
