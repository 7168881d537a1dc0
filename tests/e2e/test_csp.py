"""The Content-Security-Policy in a real browser: htmx live search works and nothing on the page is blocked."""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

TEXT = ("Elon Musk sued OpenAI in federal court. Musk testified on Thursday that xAI used OpenAI models. "
        "Anthropic accused DeepSeek of distilling Claude.")
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def csp_site(django_db_setup, django_db_blocker):
    """A little committed data and a live server thread (the fixture style of tests/e2e/test_browser.py)."""
    from django.core.management import call_command

    from casetracker import services
    from ingest.nlp import types as nlp
    from tests.casetracker import gold_corpus
    from tests.casetracker.factories import DocumentFactory, party, span
    from tests.e2e.conftest import live_thread

    with django_db_blocker.unblock():
        doc = DocumentFactory(text=TEXT, title="Musk testifies <script>alert(1)</script>", publisher="The Verge")
        services.extraction_record(document=doc, extraction=nlp.Extraction(
            parties=[party(TEXT, "Elon Musk", "person", gid="elon-musk"), party(TEXT, "OpenAI", gid="openai"),
                     party(TEXT, "DeepSeek", gid="deepseek"), party(TEXT, "Anthropic", gid="anthropic")],
            allegations=[nlp.AllegationX(accused="DeepSeek", accuser="Anthropic", teacher="Claude",
                                         evidence=[span(TEXT, "accused DeepSeek")])],
            is_ai_litigation=True, extractor_version="t"))
        try:
            with live_thread() as url:
                yield url
        finally:
            call_command("flush", interactive=False)
            gold_corpus.forget_cached_parties()  # the flushed parties' ids must not outlive them in services' cache
            from django.db import connection

            connection.close()  # without this the test database is still "in use" when pytest-django drops it


def _watch(page):
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(LISTEN)
    return console


def test_live_search_works_under_the_policy_with_no_violation(csp_site, page, screenshot_dir):
    console = _watch(page)
    response = page.goto(csp_site + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.evaluate("window.__sameDocument = true")
    page.fill("#q", "DeepSeek")
    page.wait_for_selector("#results .hit")
    assert page.evaluate("window.__sameDocument") is True  # htmx swapped the results in, no reload
    assert "DeepSeek" in page.inner_text("#results")
    for path in ("/cases/", "/parties/", "/allegations/", "/search/?q=Musk", "/no/such/page/"):
        page.goto(csp_site + path)
    page.goto(csp_site + "/")
    page.screenshot(path=str(screenshot_dir / "csp-home.png"))
    assert page.evaluate("window.__csp") == [] and console == []


def test_the_violation_listener_sees_a_blocked_inline_script(csp_site, page):
    """The check above can fail: an inline script is blocked and reported."""
    _watch(page)
    page.goto(csp_site + "/")
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
                  " document.head.appendChild(s); }")
    for _ in range(100):  # polled from Python: page.wait_for_function would itself eval() under the policy
        if page.evaluate("window.__csp.length"):
            break
        page.wait_for_timeout(50)
    assert page.evaluate("window.__ran") is None
    assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))
