"""A client of CourtListener's REST API v4 (https://www.courtlistener.com/help/api/rest/): dockets, docket
entries, parties, attorneys and search, with cursor pagination (``next`` links), a token, a rate limiter, and
back-off on 429 (Retry-After) and 5xx. No Django here: the caller hands in the settings.

Every failure is a CourtListenerError that says what went wrong in words a user can act on, names the docket
when there is one, and says whether trying again later may help (``retryable``)."""
from __future__ import annotations

import email.utils
import json
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Callable, Iterator, Optional

from ingest.courtlistener.ratelimit import RateLimited, RateLimiter

DEFAULT_URL = "https://www.courtlistener.com/api/rest/v4/"
SITE = "https://www.courtlistener.com"
USER_AGENT = "casetracker/1.0 (AI litigation tracker; CourtListener API client)"
MAX_BYTES = 20 * 1024 * 1024
MAX_PAGES = 200  # 200 pages of 20: 4,000 entries; a longer docket is read on the next sync, where it stopped


class CourtListenerError(Exception):
    """kind: auth (bad or missing token), not_found, rate_limited, server (5xx), malformed (not the JSON
    expected), timeout, network, refused (a link off the API), request (another 4xx)."""

    def __init__(self, message: str, *, kind: str, docket: Optional[int] = None, status: Optional[int] = None,
                 retryable: bool = True):
        self.kind, self.docket, self.status, self.retryable = kind, docket, status, retryable
        self.detail = message
        super().__init__(f"docket {docket}: {message}" if docket is not None else message)


def check_base_url(url: str) -> str:
    """The configured API base: an absolute http(s) URL, ending with a slash."""
    parts = urllib.parse.urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in url):
        raise ValueError(f"COURTLISTENER_API_URL must be an http(s) URL, not {url!r}")
    return url if url.endswith("/") else url + "/"


_DOCKET_URL = re.compile(r"/(?:docket|dockets)/(\d+)(?:/|$)")


def docket_id(ref) -> int:
    """A docket id from "69013420", a courtlistener.com docket page URL
    ("https://www.courtlistener.com/docket/69013420/musk-v-altman/") or an API URL (".../dockets/69013420/")."""
    text = str(ref or "").strip()
    if text.isdigit() and 0 < int(text) < 2 ** 63:
        return int(text)
    parts = urllib.parse.urlsplit(text) if "://" in text else None
    if parts is not None and parts.scheme in ("http", "https") and parts.hostname:
        m = _DOCKET_URL.search(parts.path)
        if m and 0 < int(m.group(1)) < 2 ** 63:
            return int(m.group(1))
    raise ValueError(f"not a CourtListener docket: {text[:200]!r} (give a docket id such as 69013420 or a "
                     "courtlistener.com/docket/69013420/... URL)")


def retry_after(value: Optional[str], now: float) -> Optional[float]:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now) if when is not None else None


class Client:
    def __init__(self, base_url: str = DEFAULT_URL, token: str = "", *, limiter: Optional[RateLimiter] = None,
                 timeout: float = 20.0, retries: int = 3, backoff: float = 2.0, max_wait: float = 120.0,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.time,
                 page_size: Optional[int] = None):
        self.base = check_base_url(base_url)
        self.token = (token or "").strip()
        self.limiter, self.timeout, self.retries, self.backoff = limiter, timeout, retries, backoff
        self.max_wait, self.sleep, self.clock, self.page_size = max_wait, sleep, clock, page_size
        self.requests = 0  # made by this client (retries included)

    # ------------------------------------------------------------------ transport
    def _same_origin(self, url: str) -> bool:
        a, b = urllib.parse.urlsplit(self.base), urllib.parse.urlsplit(url)
        return (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port) and b.path.startswith(a.path)

    def url(self, path: str, params: Optional[dict] = None) -> str:
        query = urllib.parse.urlencode({k: v for k, v in (params or {}).items() if v not in (None, "")})
        return urllib.parse.urljoin(self.base, path.lstrip("/")) + (f"?{query}" if query else "")

    def get(self, url: str, *, docket: Optional[int] = None) -> dict:
        """GET one URL of the API and return its JSON object, retrying 429 (after Retry-After) and 5xx (with
        exponential back-off) up to ``retries`` times."""
        if not self._same_origin(url):  # a `next` link elsewhere never gets our token
            raise CourtListenerError(f"refused a link outside the API: {url[:200]}", kind="refused", docket=docket,
                                     retryable=False)
        attempt = 0
        while True:
            status, headers, body, error = self._request(url, docket)
            if error is None and status == 200:
                return self._json(body, docket)
            if status == 429:
                wait = retry_after(headers.get("Retry-After"), self.clock())
                wait = self.backoff * 2 ** attempt if wait is None else wait
                if attempt >= self.retries or wait > self.max_wait:
                    raise CourtListenerError(f"CourtListener's rate limit: asked to wait {wait:.0f} s (HTTP 429); "
                                             "the next sync tries again", kind="rate_limited", docket=docket,
                                             status=429)
            elif status is not None and status >= 500:
                wait = self.backoff * 2 ** attempt
                if attempt >= self.retries:
                    raise CourtListenerError(f"CourtListener failed with HTTP {status} ({attempt + 1} tries)",
                                             kind="server", docket=docket, status=status)
            elif error is not None:
                raise error
            else:
                raise self._client_error(status, body, docket)
            attempt += 1
            self.sleep(wait)

    def _request(self, url: str, docket: Optional[int]):
        if self.limiter is not None:
            try:
                self.limiter.acquire()
            except RateLimited as e:
                raise CourtListenerError(f"the configured rate limit (COURTLISTENER_RATE) is used up for "
                                         f"{e.wait:.0f} s more; the next sync goes on", kind="rate_limited",
                                         docket=docket) from e
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        self.requests += 1
        request = urllib.request.Request(url, headers=headers, method="GET")
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=self.timeout) as response:
                return response.status, response.headers, _read(response), None
        except urllib.error.HTTPError as e:
            try:
                body = _read(e)
            except (OSError, ValueError):
                body = b""
            return e.code, e.headers or {}, body, None
        except (socket.timeout, TimeoutError) as e:
            return None, {}, b"", CourtListenerError(f"no answer from CourtListener within {self.timeout:g} s",
                                                     kind="timeout", docket=docket)
        except urllib.error.URLError as e:
            reason = e.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                return None, {}, b"", CourtListenerError(
                    f"no answer from CourtListener within {self.timeout:g} s", kind="timeout", docket=docket)
            return None, {}, b"", CourtListenerError(f"cannot reach CourtListener: {reason}", kind="network",
                                                     docket=docket)
        except (OSError, ValueError) as e:  # a connection reset, a broken chunked body
            return None, {}, b"", CourtListenerError(f"the connection to CourtListener failed: {e}", kind="network",
                                                     docket=docket)

    @staticmethod
    def _json(body: bytes, docket: Optional[int]) -> dict:
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise CourtListenerError(f"CourtListener sent malformed JSON ({e})", kind="malformed", docket=docket) from e
        if not isinstance(data, dict):
            raise CourtListenerError("CourtListener sent JSON that is not an object", kind="malformed", docket=docket)
        return data

    @staticmethod
    def _client_error(status: int, body: bytes, docket: Optional[int]) -> CourtListenerError:
        detail = ""
        try:
            detail = str(json.loads(body.decode("utf-8")).get("detail") or "")[:300]
        except (ValueError, AttributeError, UnicodeDecodeError):
            pass
        if status in (401, 403):
            return CourtListenerError(
                f"CourtListener refused the token (HTTP {status}{': ' + detail if detail else ''}); set "
                "COURTLISTENER_TOKEN to the token of your courtlistener.com account", kind="auth", docket=docket,
                status=status)
        if status == 404:
            return CourtListenerError("no such docket on CourtListener (HTTP 404)" if docket is not None else
                                      "not found on CourtListener (HTTP 404)", kind="not_found", docket=docket,
                                      status=status)
        return CourtListenerError(f"CourtListener refused the request (HTTP {status}{': ' + detail if detail else ''})",
                                  kind="request", docket=docket, status=status)

    def pages(self, path: str, params: Optional[dict] = None, *, docket: Optional[int] = None,
              max_pages: int = MAX_PAGES) -> Iterator[dict]:
        """Every result of a list endpoint, following the cursor pagination's ``next`` links."""
        if self.page_size:
            params = {**(params or {}), "page_size": self.page_size}
        url: Optional[str] = self.url(path, params)
        for _ in range(max_pages):
            page = self.get(url, docket=docket)
            results = page.get("results")
            if not isinstance(results, list):
                raise CourtListenerError(f"CourtListener sent a list without results from {path}", kind="malformed",
                                         docket=docket)
            yield from (r for r in results if isinstance(r, dict))
            url = page.get("next") or None
            if url is None:
                return
            if not isinstance(url, str):
                raise CourtListenerError("CourtListener sent a malformed next link", kind="malformed", docket=docket)

    # ------------------------------------------------------------------ endpoints
    def docket(self, docket: int) -> dict:
        data = self.get(self.url(f"dockets/{int(docket)}/"), docket=docket)
        if not (data.get("case_name") or data.get("docket_number") or data.get("case_name_short")):
            raise CourtListenerError("CourtListener sent a docket without a case name or docket number",
                                     kind="malformed", docket=docket)
        return data

    def docket_entries(self, docket: int, modified_since: str = "") -> list[dict]:
        """The docket's entries, or only those changed since a date_modified CourtListener gave."""
        return list(self.pages("docket-entries/", {"docket": int(docket), "order_by": "id",
                                                   "date_modified__gte": modified_since or None}, docket=docket))

    def parties(self, docket: int) -> list[dict]:
        return list(self.pages("parties/", {"docket": int(docket), "filter_nested_results": "True"}, docket=docket))

    def attorneys(self, docket: int) -> list[dict]:
        return list(self.pages("attorneys/", {"docket": int(docket), "filter_nested_results": "True"}, docket=docket))

    def search(self, query: str, *, limit: int = 20) -> list[dict]:
        """Dockets matching a query (type=d: federal dockets, with their docket ids), at most ``limit``."""
        out = []
        for hit in self.pages("search/", {"q": query, "type": "d"}, max_pages=max(1, limit)):
            out.append(hit)
            if len(out) >= limit:
                break
        return out


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is answered as it is (never followed with the token to wherever it points)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _read(response) -> bytes:
    body = response.read(MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        raise ValueError(f"answer over {MAX_BYTES // 1024 // 1024} MB")
    return body


def site_url(path: str) -> str:
    """A CourtListener page ("/docket/1/x/") as an absolute URL; an absolute http(s) URL as it is; else ""."""
    path = str(path or "").strip()
    if path.startswith("/") and not path.startswith("//"):
        return SITE + path
    parts = urllib.parse.urlsplit(path)
    return path if parts.scheme in ("http", "https") and parts.hostname and not any(c.isspace() for c in path) else ""
