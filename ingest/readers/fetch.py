"""Fetching a URL is an attack surface. Only http and https; the host is resolved once and every
address checked (no loopback, private, link-local, multicast, reserved or otherwise non-global
address, IPv4-mapped ones included); the connection goes to the vetted address (no second DNS lookup
to rebind), with the original Host header and TLS name; redirects are followed by hand and each hop
checked again, at most 5; a timeout; a size cap enforced on Content-Length and while reading; content
types from an allow-list. A refused URL says why."""
from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
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


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, address: str, hostname: str, port: int, timeout: float):
        super().__init__(hostname, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, address: str, hostname: str, port: int, timeout: float):
        super().__init__(hostname, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


def fetch_url(url: str, *, timeout: float = 20, max_bytes: int = 20 * 1024 * 1024, max_redirects: int = 5,
              allowed_types=DEFAULT_ALLOWED_TYPES, resolver: Optional[Callable] = None,
              allow_private=False) -> FetchResult:
    """allow_private: True (tests and local experiments only) skips the address check; a callable is asked
    per resolved address whether the caller trusts it (e.g. only the test server's 127.0.0.1)."""
    resolver = resolver or socket.getaddrinfo
    current = url
    for hop in range(max_redirects + 1):
        parts = urlsplit(current)
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
        address = _resolve(parts.hostname, port, resolver, allow_private)
        conn_class = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
        conn = conn_class(address, parts.hostname, port, timeout)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
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
            return FetchResult(raw=bytes(body), content_type=response.getheader("Content-Type") or "",
                               final_url=current, status=response.status)
        except (socket.timeout, TimeoutError) as e:
            raise ReadError(f"timed out after {timeout:g} s", stage="fetch", retryable=True) from e
        except (ConnectionError, http.client.HTTPException, ssl.SSLError, OSError) as e:
            if isinstance(e, ReadError):
                raise
            raise ReadError(f"network error: {e}", stage="fetch", retryable=True) from e
        finally:
            conn.close()
    raise URLRefused(f"too many redirects (max {max_redirects})")
