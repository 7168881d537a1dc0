"""Fetching a URL is an attack surface. Only http and https; the host is resolved once and every
address checked (no loopback, private, link-local, multicast, reserved or otherwise non-global
address, IPv4-mapped ones included); the connection goes to the vetted address (no second DNS lookup
to rebind), with the original Host header and TLS name (``post_url`` sends webhooks through the same guard); redirects are followed by hand and each hop
checked again, at most 5; one deadline for the whole fetch (connect, TLS, headers and body of every hop,
not a limit per read: a server dripping one byte at a time is cut off when it passes); a size cap enforced on Content-Length and while reading; content
types from an allow-list. A refused URL says why."""
from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Optional
from urllib.parse import urljoin, urlsplit

from ingest.readers.base import ReadError, URLRefused

DEFAULT_ALLOWED_TYPES = frozenset({
    "text/html", "application/xhtml+xml", "text/plain", "application/pdf", "application/json",
    "application/rss+xml", "application/atom+xml", "application/xml", "text/xml"})
USER_AGENT = "casetracker/1.0 (+https://github.com/casetracker; AI litigation tracker)"
CHUNK = 64 * 1024


@dataclass
class FetchResult:
    raw: bytes
    content_type: str
    final_url: str
    status: int


def _check_address(address: str) -> None:
    ip = ipaddress.ip_address(address.split("%")[0])
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        raise URLRefused(f"host resolves to loopback address {ip}")
    if ip.is_link_local:
        raise URLRefused(f"host resolves to link-local address {ip}")
    if ip.is_unspecified:
        raise URLRefused(f"host resolves to non-public address {ip}")
    if ip.is_private:
        raise URLRefused(f"host resolves to private address {ip}")
    if ip.is_multicast or ip.is_reserved or ip.is_unspecified or not ip.is_global:
        raise URLRefused(f"host resolves to non-public address {ip}")


def _resolve(host: str, port: int, resolver: Callable, allow_private: bool) -> str:
    try:
        infos = resolver(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as e:
        raise ReadError(f"cannot resolve host {host}: {e}", stage="fetch", retryable=True) from e
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise ReadError(f"cannot resolve host {host}", stage="fetch", retryable=True)
    if allow_private is not True:
        for address in addresses:  # every address: one bad answer is enough to refuse
            if not (callable(allow_private) and allow_private(address)):
                _check_address(address)
    return addresses[0]


class _Deadline:
    """Shuts the connection's socket down when the whole fetch passes its deadline.

    A socket timeout bounds each read only, so a server sending one byte at a time never trips it; a timer
    that shuts the socket down ends whatever read (TLS handshake, headers or body) is waiting at that moment."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.expired = False
        self._timer: Optional[threading.Timer] = None

    def remaining(self) -> float:
        left = self.ends - time.monotonic()
        if left <= 0:
            self.expired = True
            raise self.error()
        return left

    def error(self) -> ReadError:
        return ReadError(f"fetch took longer than its {self.seconds:g} s deadline (INGEST_FETCH_TIMEOUT); "
                         "try again later", stage="fetch", retryable=True)

    def watch(self, sock: socket.socket) -> None:
        self.cancel()

        def expire():
            self.expired = True
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

        self._timer = threading.Timer(self.remaining(), expire)
        self._timer.daemon = True
        self._timer.start()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, address: str, hostname: str, port: int, deadline: _Deadline):
        super().__init__(hostname, port, timeout=deadline.remaining(), context=ssl.create_default_context())
        self._address = address
        self._deadline = deadline

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self._deadline.remaining())
        self._deadline.watch(sock)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, address: str, hostname: str, port: int, deadline: _Deadline):
        super().__init__(hostname, port, timeout=deadline.remaining())
        self._address = address
        self._deadline = deadline

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self._deadline.remaining())
        self._deadline.watch(self.sock)


def check_url(url: str):
    """The URL's parts and port when it is one the guard may connect to (http or https, a host, no
    credentials); URLRefused saying why otherwise. Its addresses are checked when it is resolved."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise URLRefused(f"scheme {parts.scheme or '(none)'} not allowed: only http and https")
    if not parts.hostname:
        raise URLRefused("URL has no host")
    if parts.username or parts.password:
        raise URLRefused("URLs with credentials are not fetched")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as e:
        raise URLRefused(f"bad port: {e}") from e
    return parts, port


def _connect(url: str, resolver: Callable, allow_private, deadline: _Deadline):
    """A connection to the URL's vetted address (resolved now, every address checked), and the request path."""
    parts, port = check_url(url)
    address = _resolve(parts.hostname, port, resolver, allow_private)
    conn_class = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return conn_class(address, parts.hostname, port, deadline), path


@contextmanager
def _exchange(conn, deadline: "_Deadline"):
    """One request on a guarded connection: the deadline passing is a retryable ReadError naming it, any other
    network failure a retryable "network error"; the deadline's timer is cancelled and the connection closed."""
    try:
        yield
    except ReadError:
        if deadline.expired:
            raise deadline.error() from None
        raise
    except (socket.timeout, TimeoutError) as e:
        raise deadline.error() from e
    except (ConnectionError, http.client.HTTPException, ssl.SSLError, OSError) as e:
        if deadline.expired:
            raise deadline.error() from e
        raise ReadError(f"network error: {e}", stage="fetch", retryable=True) from e
    finally:
        deadline.cancel()
        conn.close()


@dataclass
class PostResult:
    status: int
    body: bytes  # the start of the response body (at most max_body bytes)


def post_url(url: str, body: bytes, headers: dict, *, timeout: float = 10, max_body: int = 1024,
             resolver: Optional[Callable] = None, allow_private=False) -> PostResult:
    """POST a body through the same guard as fetch_url (resolved at this moment, every address checked, the
    connection pinned to the checked address, one deadline). Redirects are not followed: the answer's status is
    returned as it is. Refused URLs raise URLRefused; network errors and the deadline a retryable ReadError."""
    deadline = _Deadline(timeout)
    conn, path = _connect(url, resolver or socket.getaddrinfo, allow_private, deadline)
    with _exchange(conn, deadline):
        conn.request("POST", path, body=body, headers={"User-Agent": USER_AGENT, **headers,
                                                       "Content-Length": str(len(body))})
        response = conn.getresponse()
        start = response.read(max_body)
        if deadline.expired:
            raise deadline.error()
        return PostResult(status=response.status, body=start)


def fetch_url(url: str, *, timeout: float = 20, max_bytes: int = 20 * 1024 * 1024, max_redirects: int = 5,
              allowed_types=DEFAULT_ALLOWED_TYPES, resolver: Optional[Callable] = None,
              allow_private=False) -> FetchResult:
    """allow_private: True (tests and local experiments only) skips the address check; a callable is asked
    per resolved address whether the caller trusts it (e.g. only the test server's 127.0.0.1).
    timeout: seconds for the whole fetch, redirects included; passing it is a retryable ReadError."""
    resolver = resolver or socket.getaddrinfo
    deadline = _Deadline(timeout)
    current = url
    for hop in range(max_redirects + 1):
        conn, path = _connect(current, resolver, allow_private, deadline)
        with _exchange(conn, deadline):
            conn.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": ", ".join(sorted(allowed_types)),
                                               "Accept-Encoding": "identity"})
            response = conn.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise ReadError(f"redirect {response.status} without a Location", stage="fetch")
                current = urljoin(current, location)
                continue
            if response.status >= 400:
                raise ReadError(f"HTTP {response.status} {response.reason}", stage="fetch",
                                retryable=response.status in (408, 429) or response.status >= 500)
            ctype = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
            if ctype and ctype not in allowed_types:
                raise URLRefused(f"content type {ctype} not allowed")
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise URLRefused(f"response larger than {max_bytes // (1024 * 1024)} MB ({int(length)} bytes)")
            body = bytearray()
            while True:
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                body += chunk
                if len(body) > max_bytes:
                    raise URLRefused(f"response larger than {max_bytes // (1024 * 1024)} MB")
            if deadline.expired:  # the socket was shut down under the last read: the body may be cut short
                raise deadline.error()
            return FetchResult(raw=bytes(body), content_type=response.getheader("Content-Type") or "",
                               final_url=current, status=response.status)
    raise URLRefused(f"too many redirects (max {max_redirects})")
