"""Bytes in, ReadDocument out: HTML articles, PDFs, plain text (with an optional header block),
CourtListener docket JSON; feeds; the guarded URL fetch. Never imports Django."""
from ingest.readers.base import ReadDocument, ReadError, URLRefused, normalise_text, normalise_url, text_sha256
from ingest.readers.detect import read_bytes
from ingest.readers.dockets import DocketData, DocketEntry, DocketParty, parse_docket
from ingest.readers.feeds import FeedItem, FeedResult, parse_feed
from ingest.readers.fetch import DEFAULT_ALLOWED_TYPES, FetchResult, PostResult, fetch_url, post_url

__all__ = ["DEFAULT_ALLOWED_TYPES", "DocketData", "DocketEntry", "DocketParty", "FeedItem", "FeedResult",
           "FetchResult", "PostResult", "ReadDocument", "ReadError", "URLRefused", "fetch_url", "post_url", "normalise_text", "normalise_url",
           "parse_docket", "parse_feed", "read_bytes", "text_sha256"]
