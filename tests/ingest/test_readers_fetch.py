"""The URL guard. DNS is stubbed and any outgoing connect to a non-loopback address fails loudly, so a
broken guard fails the test instead of reaching a private address."""
from __future__ import annotations

import socket

import pytest

from ingest.readers import ReadError, URLRefused, fetch_url

pytestmark = []


def stub_dns(address):
    def resolver(host, port, type=0, **kw):
        return [(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
    return resolver


@pytest.mark.parametrize("address,reason", [
    ("10.0.0.1", "private"), ("192.168.1.20", "private"), ("172.16.5.4", "private"), ("127.0.0.1", "loopback"),
    ("169.254.169.254", "link-local"), ("::1", "loopback"), ("::ffff:10.0.0.1", "private"), ("0.0.0.0", "non-public"),
    ("100.64.0.1", "non-public"), ("224.0.0.1", "non-public"), ("fe80::1", "link-local"),
])
def test_names_resolving_to_non_public_addresses_are_refused(no_outside_connects, address, reason):
    with pytest.raises(URLRefused) as refused:
        fetch_url("http://newsroom.example/article", resolver=stub_dns(address))
    assert reason in str(refused.value) and address.split("::ffff:")[-1] in str(refused.value)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "javascript:alert(1)", "gopher://x/",
                                 "http:///nohost", "http://user:pw@example.com/"])
def test_only_plain_http_and_https_urls(no_outside_connects, url):
    with pytest.raises(URLRefused):
        fetch_url(url, resolver=stub_dns("93.184.216.34"))


def test_numeric_hosts_are_resolved_and_checked(no_outside_connects):
    for url in ("http://2130706433/", "http://0x7f000001/", "http://127.1/", "http://[::1]:8000/"):
        with pytest.raises(URLRefused):
            fetch_url(url)


def test_a_redirect_to_a_private_address_is_refused(web, no_outside_connects):
    web.serve("/go", "", status=302, headers={"Location": "http://metadata.internal/latest"})

    def resolver(host, port, type=0, **kw):
        address = "127.0.0.1" if host == "127.0.0.1" else "10.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    # only the test server's own 127.0.0.1 is trusted; the redirect's host is resolved and checked again
    with pytest.raises(URLRefused) as refused:
        fetch_url(web.url + "/go", resolver=resolver, allow_private=lambda ip: ip == "127.0.0.1")
    assert "private address 10.0.0.1" in str(refused.value)
    assert web.hits["/go"] == 1


def test_redirect_loops_stop_after_five(web):
    web.serve("/a", "", status=302, headers={"Location": "/b"})
    web.serve("/b", "", status=302, headers={"Location": "/a"})
    with pytest.raises(URLRefused) as refused:
        fetch_url(web.url + "/a", allow_private=True)
    assert "too many redirects (max 5)" in str(refused.value)
    assert web.hits["/a"] + web.hits["/b"] == 6


def test_size_cap_by_header_and_while_streaming(web):
    web.serve("/big", b"x" * (3 * 1024 * 1024), "text/plain")
    with pytest.raises(URLRefused) as refused:
        fetch_url(web.url + "/big", allow_private=True, max_bytes=1024 * 1024)
    assert "larger than 1 MB" in str(refused.value)


def test_disallowed_content_type_and_http_errors(web):
    web.serve("/img", b"\x89PNG\r\n", "image/png")
    with pytest.raises(URLRefused, match="content type image/png not allowed"):
        fetch_url(web.url + "/img", allow_private=True)
    with pytest.raises(ReadError, match="HTTP 404"):
        fetch_url(web.url + "/missing", allow_private=True)


def test_a_good_page_is_fetched_with_its_final_url(web):
    web.serve("/old", "", status=301, headers={"Location": "/new"})
    web.serve("/new", "<html><body><p>hello</p></body></html>")
    result = fetch_url(web.url + "/old", allow_private=True)
    assert result.final_url.endswith("/new") and b"hello" in result.raw and result.status == 200


def test_timeouts_are_retryable_network_errors(monkeypatch):
    def slow(*a, **k):
        raise socket.timeout("timed out")

    monkeypatch.setattr(socket, "create_connection", slow)
    with pytest.raises(ReadError) as err:
        fetch_url("http://example.com/", resolver=stub_dns("93.184.216.34"), timeout=0.1)
    assert err.value.retryable and not isinstance(err.value, URLRefused)
