"""DEBUG off by default, the site's own error pages, no secrets on error pages, a Content-Security-Policy."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import path

from casetracker.urls import urlpatterns as site_urlpatterns

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("forced failure for the 500 page test")


urlpatterns = [path("boom/", _boom), *site_urlpatterns]  # this module doubles as a URLconf (pytest.mark.urls)


def _has_site_chrome(html: str) -> None:
    assert 'aria-label="Main"' in html and 'href="/cases/"' in html  # the navigation
    assert re.search(r'<form[^>]+role="search"[^>]*>', html) and 'name="q"' in html  # a search box
    assert "casetracker.css" in html


def test_debug_is_off_unless_set():
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    code = "from django.conf import settings; print(settings.DEBUG, settings.SECURE_SSL_REDIRECT)"
    r = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, capture_output=True, text=True,
                       env={**env, "SECRET_KEY": "k" * 60}, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split()[-2:] == ["False", "True"]
    r = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, capture_output=True, text=True,
                       env={**env, "DEBUG": "true"}, timeout=120)
    assert r.stdout.split()[-2:] == ["True", "False"]  # make run: DEBUG=true, the development key, no redirect


def test_make_run_turns_debug_on():
    r = subprocess.run(["make", "-n", "-p", "run"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert re.search(r"^run: DEBUG \??= true$", r.stdout, re.M), "make run must set DEBUG=true"


def test_a_missing_case_is_the_sites_own_404(client):
    for url in ("/cases/no-such-case/", "/parties/nobody/", "/documents/999999/", "/no/such/page/"):
        r = client.get(url)
        assert r.status_code == 404, url
        html = r.content.decode()
        _has_site_chrome(html)
        assert "Not found" in html and "Traceback" not in html


@pytest.mark.urls(__name__)
def test_a_server_error_is_the_sites_own_500_without_secrets(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    r = client.get("/boom/")
    assert r.status_code == 500
    html = r.content.decode()
    _has_site_chrome(html)
    assert "Something went wrong" in html
    assert settings.DATABASE_URL not in html and "forced failure" not in html and "Traceback" not in html


def test_the_debug_page_hides_database_url_and_credentials(rf, settings):
    """With DEBUG on, the technical 500 page lists settings and the environment: no DATABASE_URL, and no URL
    with a password in it."""
    from django.views.debug import technical_500_response

    settings.DEBUG = True
    # (the secrets are assembled, so the page's source-code excerpt of this test does not show them)
    settings.DATABASE_URL = "postgresql://casetracker:" + "s3cret-pw@db." + "internal:5432/casetracker"
    settings.CELERY_BROKER_URL = "redis://:" + "br0ker-pw@cache." + "internal:6379/0"
    settings.CACHE_URL = "redis://cache." + "internal:6379/2"
    request = rf.get("/boom/", HTTP_X_SOMETHING="postgresql://u:" + "leaked-pw@h/db")
    request.META["DATABASE_URL"] = settings.DATABASE_URL  # runserver copies the environment into META
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        response = technical_500_response(request, *sys.exc_info())
    html = response.content.decode()
    assert "DATABASE_URL" in html  # the key is listed ...
    for secret in (settings.DATABASE_URL, settings.CELERY_BROKER_URL, settings.CACHE_URL,
                   request.META["HTTP_X_SOMETHING"], "s3cret-pw@db." + "internal", "br0ker-pw@cache." + "internal"):
        assert secret not in html, secret  # ... its value is not


PAGES = ["/", "/?q=Musk", "/search/?q=Musk", "/cases/", "/parties/", "/allegations/", "/admin/login/",
         "/api/v1/", "/api/v1/cases/", "/api/v1/cases/?format=json", "/cases/none/", "/search/feed/?q=x"]


@pytest.mark.parametrize("url", PAGES)
def test_every_response_has_a_content_security_policy(client, url):
    r = client.get(url)
    policy = r["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


@pytest.mark.parametrize("url", ["/", "/search/?q=Musk", "/cases/", "/parties/", "/allegations/", "/no/such/",
                                 "/api/v1/", "/admin/login/"])
def test_pages_carry_no_inline_script(client, url):
    html = client.get(url, HTTP_ACCEPT="text/html").content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\son[a-z]+=", html), "inline event handlers"
    if "htmx" in html:
        assert '"includeIndicatorStyles": false' in html
