"""RSS and Atom feeds through feedparser: items with a link; broken entries are counted and skipped."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Optional
from urllib.parse import urljoin

from ingest.readers.base import ReadError, normalise_url


@dataclass
class FeedItem:
    url: str
    title: str = ""
    published_at: Optional[datetime] = None
    guid: str = ""


@dataclass
class FeedResult:
    title: str = ""
    items: list[FeedItem] = field(default_factory=list)
    skipped: int = 0  # entries without a usable link


def parse_feed(raw: bytes, *, base_url: Optional[str] = None) -> FeedResult:
    import feedparser

    parsed = feedparser.parse(raw)
    if not parsed.get("version") and not parsed.entries:
        raise ReadError("not an RSS or Atom feed", stage="parse")
    result = FeedResult(title=(parsed.feed.get("title") or "").strip())
    seen = set()
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link:
            result.skipped += 1
            continue
        link = urljoin(base_url or "", link)
        if not link.startswith(("http://", "https://")):
            result.skipped += 1
            continue
        url = normalise_url(link)
        if url in seen:
            continue
        seen.add(url)
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        when = datetime(*stamp[:6], tzinfo=timezone.utc) if stamp else None
        result.items.append(FeedItem(url=url, title=(entry.get("title") or "").strip(), published_at=when,
                                     guid=(entry.get("id") or "").strip()))
    return result
