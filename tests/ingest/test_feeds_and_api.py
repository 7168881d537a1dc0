"""Feeds, the API's POST (tests/ingest/test_tasks_api.py) and docket JSON share the ingest code path."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from casetracker.models import Case, Document, Feed, FeedItem, RawInput
from ingest import feeds

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def _article(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    return (f"<html><head><title>{title}</title><meta property='og:site_name' content='Tech Daily'>"
            f"<meta name='date' content='2026-05-01'></head><body><nav><a href='/'>Home</a> | <a href='/ai'>AI</a></nav>"
            f"<article><h1>{title}</h1>{paragraphs}</article><footer>© Tech Daily</footer></body></html>")


def test_a_feed_ingests_each_new_item_once(web):
    body = (SAMPLES / "003_2a5353927ff2aca3.txt").read_text()
    web.serve("/a1", _article("Musk admits xAI trained Grok on OpenAI models", body))
    web.serve("/a2", _article("Musk testifies", (SAMPLES / "002_cecfb31d6518ce93.txt").read_text()))
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Tech Daily AI</title><link>{web.url}/</link>
      <item><title>One</title><link>{web.url}/a1?utm_source=rss</link><guid>a1</guid><pubDate>Fri, 01 May 2026 10:00:00 GMT</pubDate></item>
      <item><title>Two</title><link>{web.url}/a2</link><guid>a2</guid></item>
      <item><title>Broken entry without a link</title></item>
    </channel></rss>"""
    web.serve("/feed.xml", rss, "application/rss+xml")
    feed = Feed.objects.create(url=web.url + "/feed.xml")
    result = feeds.poll(feed)
    assert result["new_items"] == 2 and result["skipped"] == 1 and not result["error"]
    assert Document.objects.count() == 2
    assert FeedItem.objects.filter(feed=feed).count() == 2
    assert web.hits["/a1"] == 1
    again = feeds.poll(feed)
    assert again["new_items"] == 0 and again["seen"] == 2
    assert web.hits["/a1"] == 1 and web.hits["/a2"] == 1  # seen items are not fetched again
    feed.refresh_from_db()
    assert feed.title == "Tech Daily AI" and feed.last_polled_at


def test_a_broken_feed_records_its_error(web):
    web.serve("/feed.xml", "<html><body>not a feed</body></html>", "text/html")
    feed = Feed.objects.create(url=web.url + "/feed.xml")
    assert feeds.poll(feed)["error"]
    feed.refresh_from_db()
    assert feed.last_error


def test_docket_json_becomes_a_case_with_parties_and_dated_entries(client):
    from django.core.management import call_command

    path = ROOT / "tests" / "ingest" / "assets" / "courtlistener_docket_musk_v_openai.json"
    call_command("ingest", str(path), "--no-progress")
    data = json.loads(path.read_text())
    case = Case.objects.get(docket_number=data["docket_number"])
    assert case.court and case.judge
    roles = {(cp.party.name, cp.role) for cp in case.case_parties.select_related("party")}
    assert any(role == "plaintiff" for _, role in roles) and any(role == "defendant" for _, role in roles)
    assert case.events.filter(date__isnull=False).count() >= 3
    assert RawInput.objects.get().status == "done"
    body = client.get(f"/api/v1/cases/{case.slug}/").json()
    assert body["timeline"] and all(e["sources"] for e in body["timeline"])
