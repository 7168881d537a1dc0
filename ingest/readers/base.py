from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


class ReadError(Exception):
    """An input that cannot be read, with the stage that failed and a message a person can act on."""

    def __init__(self, message: str, stage: str = "parse", retryable: bool = False):
        super().__init__(message)
        self.stage = stage
        self.retryable = retryable


class URLRefused(ReadError):
    def __init__(self, message: str):
        super().__init__(message, stage="fetch", retryable=False)


@dataclass
class ReadDocument:
    text: str
    title: str = ""
    kind: str = "news"
    url: str = ""
    author: str = ""
    publisher: str = ""
    published_at: Optional[datetime] = None
    content_type: str = ""
    pages: list[int] = field(default_factory=list)
    docket: object = None
    meta: dict = field(default_factory=dict)


# C0 controls except tab, newline and carriage return; DEL; C1 controls. XML 1.0 (feeds), PostgreSQL (NUL) and
# terminals (ESC) all choke on them; none carries meaning in an article or a filing.
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
BREAKS = re.compile(r"[\x0b\x0c]")  # vertical tab and form feed (PDF page breaks) become line breaks


def strip_controls(text: str) -> str:
    """Text without control characters (tab, newline and carriage return kept; VT and FF become newlines)."""
    return CONTROLS.sub("", BREAKS.sub("\n", text)) if text else text


def http_url(url) -> str:
    """The URL if it is an absolute http(s) URL with a host, else "": nothing else is stored or linked
    (javascript:, data:, file:, scheme-relative //host, URLs with spaces or control characters)."""
    if not isinstance(url, str):
        return ""
    url = url.strip()
    if not url or any(ch.isspace() or ch in "<>\"'`" for ch in url) or CONTROLS.search(url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else ""


# a PDF's small capitals come out with the larger first letter apart: "U NITED S TATES D ISTRICT C OURT M IDDLE
# D ISTRICT O F F LORIDA"; a line with three or more such words is joined back ("UNITED STATES DISTRICT COURT")
_SMALL_CAPS = re.compile(r"(?<![\w.])([A-Z]) ([A-Z]+)(?![\w.])")


def _small_caps(line: str) -> str:
    return _SMALL_CAPS.sub(r"\1\2", line) if len(_SMALL_CAPS.findall(line)) >= 3 else line


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = strip_controls(text)
    text = "\n".join(_small_caps(line.rstrip()) for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def text_sha256(text: str) -> str:
    """Identity of a text for de-duplication: normalised, whitespace collapsed."""
    return hashlib.sha256(" ".join(normalise_text(text).split()).encode("utf-8")).hexdigest()


TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ref|ref_src|ref_url|igshid|_ga|_gl|"
                      r"yclid|spm|cmpid|s_cid|ocid|smid|smtyp|mkt_tok|__twitter_impression)$", re.I)


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters, sorted query."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k))
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))
