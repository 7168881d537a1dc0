"""Feed polling: each new item of each active feed is recorded and ingested once; items seen before are
never fetched again. Celery beat calls poll_all on the FEED_POLL_SECONDS schedule."""
from __future__ import annotations

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from casetracker.models import Feed, FeedItem
from ingest import services

log = logging.getLogger(__name__)


def poll(feed: Feed) -> dict:
    from ingest import readers

    counts = {"feed": feed.url, "new_items": 0, "skipped": 0, "seen": 0, "error": ""}
    try:
        fetched = readers.fetch_url(feed.url, timeout=settings.INGEST_FETCH_TIMEOUT,
                                    max_bytes=settings.INGEST_MAX_BYTES,
                                    allow_private=settings.INGEST_ALLOW_PRIVATE_URLS)
        parsed = readers.parse_feed(fetched.raw, base_url=fetched.final_url)
    except readers.ReadError as e:
        feed.last_error, feed.last_polled_at = str(e)[:2000], timezone.now()
        feed.save(update_fields=["last_error", "last_polled_at"])
        counts["error"] = str(e)
        return counts
    counts["skipped"] = parsed.skipped
    pending = []
    for item in parsed.items:
        try:
            with transaction.atomic():
                row = FeedItem.objects.create(feed=feed, url=item.url[:2000], guid=(item.guid or "")[:2000],
                                              title=(item.title or "")[:1000], published_at=item.published_at)
        except IntegrityError:
            counts["seen"] += 1
            continue
        raw_input, outcome = services.raw_input_for_source(item.url)
        if raw_input is not None:
            row.raw_input = raw_input
            row.save(update_fields=["raw_input"])
            if outcome is None:
                pending.append(raw_input.pk)
        counts["new_items"] += 1
    if pending:
        from ingest.tasks import ingest_inputs

        for i in range(0, len(pending), 16):
            ingest_inputs.delay(pending[i:i + 16])
    feed.last_error, feed.last_polled_at = "", timezone.now()
    if not feed.title and parsed.title:
        feed.title = parsed.title[:500]
    feed.save(update_fields=["last_error", "last_polled_at", "title"])
    return counts


def poll_all() -> dict:
    results = [poll(feed) for feed in Feed.objects.filter(active=True).order_by("id")]
    return {"feeds": len(results), "new_items": sum(r["new_items"] for r in results), "results": results}
