"""Web pages: the article body and its metadata through trafilatura (not hand-written scraping)."""
from __future__ import annotations

from typing import Optional

from ingest.readers.base import ReadDocument, ReadError, normalise_text


def read_html(raw: bytes, *, url: Optional[str] = None) -> ReadDocument:
    import trafilatura
    from trafilatura.settings import use_config

    from ingest.readers.detect import decode, parse_date

    html = decode(raw)
    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                         include_tables=False, favor_precision=True, config=config)
    if result is None:
        raise ReadError("HTML page has no article text", stage="extract")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = normalise_text(data.get("text") or "")
    if len(text.split()) < 20:
        raise ReadError("HTML page has no article text", stage="extract")
    return ReadDocument(text=text, title=(data.get("title") or "").strip(), kind="news",
                        url=url or data.get("url") or "", author=(data.get("author") or "").strip(),
                        publisher=(data.get("sitename") or data.get("hostname") or "").strip(),
                        published_at=parse_date(data.get("date")), content_type="text/html",
                        meta={"description": data.get("description") or ""})
