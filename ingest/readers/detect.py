"""Detect what bytes are (magic bytes, then content type, then file name) and read them."""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Optional

from ingest.readers import sources
from ingest.readers.base import ReadDocument, ReadError, http_url, normalise_text, strip_controls

HEADER = re.compile(r"^(source_url|url|title|published|kind|publisher|author):[ \t]*(.*)$")
KINDS = {"news", "filing", "opinion", "docket"}
# a header's kind of court paper, as the kinds we keep: a court's own decision is an opinion, a party's paper a filing
COURT_PAPER_KINDS = {"order": "opinion", "ruling": "opinion", "judgment": "opinion", "decision": "opinion",
                     "transcript": "filing", "complaint": "filing", "brief": "filing", "motion": "filing",
                     "petition": "filing"}


def read_bytes(raw: bytes, *, filename: Optional[str] = None, content_type: Optional[str] = None,
               url: Optional[str] = None) -> ReadDocument:
    if not raw or not raw.strip():
        raise ReadError("empty file: there is no text to read", stage="detect")
    ctype = (content_type or "").split(";")[0].strip().lower()
    name = (filename or url or "").lower().split("?")[0]
    head = raw[:1024].lstrip()
    if raw[:5] == b"%PDF-" or ctype == "application/pdf" or name.endswith(".pdf"):
        from ingest.readers.pdf import read_pdf

        doc = read_pdf(raw)
    elif head[:1] in (b"{", b"[") and (ctype in ("application/json", "") or name.endswith(".json")):
        doc = _read_json(raw)
    elif _looks_like_feed(head, ctype):
        raise ReadError("this is an RSS/Atom feed, not a document: add it as a feed (admin → Feeds) instead",
                        stage="detect")
    elif ctype in ("text/html", "application/xhtml+xml") or name.endswith((".html", ".htm", ".xhtml")) or \
            re.match(rb"(?is)\s*(<!doctype html|<html|<head|<body)", head):
        from ingest.readers.html import read_html

        doc = read_html(raw, url=url)
    else:
        doc = read_text(raw)
    # A URL we were given (the one we fetched) is never replaced by what the document says about itself; either
    # way only an http(s) URL is kept. Every reader's text fields leave here without control characters (PDF
    # text is cleaned page by page in normalise_text, so page offsets stay right).
    doc.url = http_url(url) if url else http_url(doc.url)
    doc.text = strip_controls(doc.text)
    doc.title, doc.author, doc.publisher = (" ".join(strip_controls(value or "").split())
                                            for value in (doc.title, doc.author, doc.publisher))
    doc.publisher = sources.publisher(doc.publisher, doc.url)
    doc.title = sources.clean_title(doc.title, doc.publisher)
    if doc.published_at is None and doc.url:  # news sites print the day in the path
        day = sources.date_from_url(doc.url)
        doc.published_at = datetime(day.year, day.month, day.day, tzinfo=timezone.utc) if day else None
    doc.content_type = doc.content_type or ctype
    return doc


def _looks_like_feed(head: bytes, ctype: str) -> bool:
    if ctype in ("application/rss+xml", "application/atom+xml"):
        return True
    return bool(re.match(rb"(?is)\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", head))


def decode(raw: bytes) -> str:
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            return raw.decode(enc, errors="replace")
    sample = raw[:65536]
    if sample.count(b"\x00") > len(sample) // 100 + 1:
        raise ReadError("binary data is not text", stage="decode")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\n\r\t\f")
    replaced = text[:65536].count("\ufffd")
    if controls + replaced > max(8, len(text[:65536]) // 50):
        raise ReadError("binary data is not text", stage="decode")
    return text


def read_text(raw: bytes) -> ReadDocument:
    text = decode(raw).replace("\r\n", "\n")
    meta, body = split_header(text)
    body = normalise_text(body)
    if not body:
        raise ReadError("empty file: there is no text to read", stage="extract")
    title = meta.get("title") or _first_title(body)
    kind = (meta.get("kind") or "news").strip().lower()
    kind = kind if kind in KINDS else COURT_PAPER_KINDS.get(kind, "news")
    return ReadDocument(text=body, title=title, kind=kind, url=meta.get("source_url") or meta.get("url", ""),
                        author=meta.get("author", ""), publisher=meta.get("publisher", ""),
                        published_at=parse_date(meta.get("published")), content_type="text/plain", meta=meta)


def _first_title(body: str, lines: int = 4) -> str:
    """A headerless text's title: the first of its opening lines that is still a title once cleaned (not a site's
    "→ original" line, a byline or a reading time) and shorter than 200 characters."""
    for line in [line.strip() for line in body.split("\n") if line.strip()][:lines]:
        if len(line) >= 200:
            return ""
        if sources.clean_title(line):
            return line
    return ""


def split_header(text: str) -> tuple[dict, str]:
    """(metadata, text) of a text file that may begin with a header block: `key: value` lines (source_url,
    url, title, published, kind, publisher, author) and then a blank line. Leading lines count as a header
    only when every line before the first blank line is such a line, so a text without one keeps its first
    lines. The one parser for files: ingest, `manage.py extract --jsonl` and the tests' gold corpus use it."""
    lines = text.split("\n")
    head = []
    for line in lines:
        if not line.strip():
            break
        head.append(line.rstrip("\r"))
    if head and len(head) < len(lines) and all(HEADER.match(line) for line in head):
        return {HEADER.match(line).group(1): HEADER.match(line).group(2).strip() for line in head}, \
            "\n".join(lines[len(head) + 1:])
    return {}, text


def parse_date(value) -> Optional[datetime]:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except ValueError:
        import dateparser

        when = dateparser.parse(str(value), settings={"RETURN_AS_TIMEZONE_AWARE": True})
        if when is None:
            return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _read_json(raw: bytes) -> ReadDocument:
    try:
        data = json.loads(decode(raw))
    except (json.JSONDecodeError, ReadError) as e:
        raise ReadError(f"not valid JSON: {e}", stage="parse") from e
    if isinstance(data, dict) and ("docket_number" in data or "case_name" in data):
        from ingest.readers.dockets import parse_docket, render

        docket = parse_docket(data)
        return ReadDocument(text=render(docket), title=docket.case_name, kind="docket", url=docket.source_url,
                            publisher="CourtListener", published_at=parse_date(docket.date_filed),
                            content_type="application/json", docket=docket)
    raise ReadError("JSON that is not a CourtListener docket (needs case_name / docket_number)", stage="detect")
