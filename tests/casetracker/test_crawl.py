"""Every page survives real data (issue 12): the whole annotated corpus ingested, every page reachable from the
home page and every API list and object visited; no response may be a server error.

samples/ and all of tests/data (82 real documents) go through the real ingest once for this module. The crawl
follows same-site links (``href`` and htmx's ``hx-get``) breadth-first from ``/`` and ``/api/v1/`` with the test
client: pages, facet links, feeds, page 2 of each list; in the API every URL a response names (``absolute_url``,
the router's list URLs, ``next`` cursors) and the detail object of every list row.
"""
from __future__ import annotations

import json
import logging
import time
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command

from casetracker import services
from casetracker.models import Document

ROOT = Path(__file__).resolve().parents[2]
CORPUS = [ROOT / "samples", ROOT / "tests" / "data" / "dev", ROOT / "tests" / "data" / "heldout",
          ROOT / "tests" / "data" / "blind2"]
HOST = "http://testserver"
MAX_REQUESTS = 6000  # a bound, far above what the corpus needs (the test fails if it is reached)
# searches are generated without end (a facet of a facet of ..., a "search within" link on every party page):
# of the search URLs with one set of parameter names, the first this many found are visited
SEARCHES = ("/search/", "/search/feed/", "/api/v1/search/")
SEARCHES_PER_SHAPE = 4
# the detail URL of a list row, by API resource (the router's lookup field)
API_LOOKUP = {"cases": "slug", "parties": "slug"}
API_RESOURCES = ("cases", "documents", "parties", "quotes", "allegations", "claims", "events")


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("ingest", *map(str, CORPUS), "--no-progress")
        yield Document.objects.count()
        call_command("flush", interactive=False)
        services._Parties.forget()


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name == "hx-get" or (name == "href" and tag in ("a", "link"))):
                self.links.append(value)


def _local(url: str, base: str) -> str | None:
    """A same-site path with its query (fragment dropped), or None for other sites, schemes and the admin."""
    if url.startswith(HOST):
        url = url[len(HOST):]
    if url.startswith("?"):
        url = urlsplit(base).path + url
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith(("/admin", "/static")):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _json_urls(value) -> list[str]:
    out = []
    if isinstance(value, dict):
        for v in value.values():
            out += _json_urls(v)
    elif isinstance(value, list):
        for v in value:
            out += _json_urls(v)
    elif isinstance(value, str) and value.startswith(HOST + "/"):
        out.append(value)
    return out


def _shape(url: str) -> tuple:
    parts = urlsplit(url)
    return parts.path, tuple(sorted({k for k, _ in parse_qsl(parts.query)}))


def crawl(client) -> tuple[dict[str, int], list[str]]:
    client.raise_request_exception = False  # a server error is a response to list, not an exception
    seen: dict[str, int] = {}
    failures: list[str] = []
    per_shape: dict[tuple, int] = {}
    timing: dict[str, float] = {}
    queue: deque[tuple[str, str]] = deque([("/", ""), ("/api/v1/", "")])
    queued = {"/", "/api/v1/"}

    def push(url: str | None, parent: str):
        if url and url not in queued:
            if urlsplit(url).path in SEARCHES:
                shape = _shape(url)
                per_shape[shape] = per_shape.get(shape, 0) + 1
                if per_shape[shape] > SEARCHES_PER_SHAPE:
                    return
            queued.add(url)
            queue.append((url, parent))

    while queue:
        url, parent = queue.popleft()
        assert len(seen) < MAX_REQUESTS, "the crawl did not end: a page generates links without bound"
        api = url.startswith("/api/")
        t0 = time.perf_counter()
        response = client.get(url, HTTP_ACCEPT="application/json" if api else "text/html")
        timing[_kind(url)] = timing.get(_kind(url), 0) + time.perf_counter() - t0
        seen[url] = response.status_code
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {url}  (linked from {parent or 'the start'})")
            continue
        if response.status_code != 200:
            continue
        content_type = response.get("Content-Type", "")
        if api and content_type.startswith("application/json"):
            body = json.loads(response.content)
            for link in _json_urls(body):
                push(_local(link, url), url)
            resource = urlsplit(url).path.removeprefix("/api/v1/").strip("/")
            if isinstance(body, dict) and isinstance(body.get("results"), list) and resource in API_RESOURCES:
                lookup = API_LOOKUP.get(resource, "id")
                for row in body["results"]:
                    if isinstance(row, dict) and row.get(lookup) is not None:
                        push(f"/api/v1/{resource}/{row[lookup]}/", url)
        elif content_type.startswith("text/html"):
            parser = _Links()
            parser.feed(response.content.decode())
            for link in parser.links:
                push(_local(link, url), url)
    print("\nseconds by kind:", {k: round(v, 1) for k, v in sorted(timing.items())})
    return seen, failures


def _kind(url: str) -> str:
    path = urlsplit(url).path.strip("/").split("/")
    return "/".join(path[:3] if path[0] == "api" else path[:1]) + ("/feed" if path[-1] == "feed" else "")


def test_every_page_and_api_object_answers_without_a_server_error(corpus, client, db):
    assert corpus == 82
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # each failure is listed below instead of logged with its traceback
    started = time.perf_counter()
    try:
        seen, failures = crawl(client)
    finally:
        logger.setLevel(level)
    took = time.perf_counter() - started
    kinds: dict[str, int] = {}
    for url in seen:
        kinds[_kind(url)] = kinds.get(_kind(url), 0) + 1
    print(f"\ncrawled {len(seen)} URLs in {took:.1f} s: {dict(sorted(kinds.items()))}")
    client_errors = sorted(f"{code} {url}" for url, code in seen.items() if 400 <= code < 500)
    print(f"{len(client_errors)} links answered 4xx:", *client_errors[:30], sep="\n  ")
    # what the crawl must have reached, or it proves little
    assert kinds.get("documents", 0) == 82 and kinds.get("api/v1/documents", 0) > 82
    for needed in ("cases", "parties", "allegations", "search", "api/v1/cases", "api/v1/parties", "api/v1/quotes",
                   "api/v1/allegations", "api/v1/claims", "api/v1/events", "api/v1/search"):
        assert kinds.get(needed), f"the crawl never reached {needed}"
    assert any(u.startswith("/cases/") and u.endswith("/feed/") for u in seen)
    assert any("page=2" in u for u in seen if u.startswith(("/cases/", "/parties/", "/search/")))
    assert any("cursor=" in u for u in seen)
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures)
