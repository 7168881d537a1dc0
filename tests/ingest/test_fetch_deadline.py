"""INGEST_FETCH_TIMEOUT is a deadline for the whole fetch (connect, headers and body), not a limit per read:
a server on 127.0.0.1 that drips one byte at a time is cut off at the deadline with a retryable error."""
from __future__ import annotations

import os
import socket
import threading
import time

import pytest

from ingest.readers import ReadError, URLRefused, fetch_url


def _listen() -> socket.socket:
    """A listening socket on 127.0.0.1: the port range in TEST_HTTP_PORTS (e.g. 8300-8399) or any free port."""
    first, _, last = os.environ.get("TEST_HTTP_PORTS", "0-0").partition("-")
    for port in range(int(first), int(last or first) + 1):
        sock = socket.socket()
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            sock.close()
            continue
        sock.listen(8)
        return sock
    raise RuntimeError("no free port in TEST_HTTP_PORTS")


@pytest.fixture
def dripping_server():
    """Answers every connection with `head` at once, then `drip` one byte every `interval` seconds."""
    sock = _listen()
    stop = threading.Event()
    config = {"head": b"", "drip": b"", "interval": 0.25}

    def serve(conn):
        with conn:
            try:
                conn.recv(65536)
                conn.sendall(config["head"])
                for i in range(len(config["drip"])):
                    if stop.wait(config["interval"]):
                        return
                    conn.sendall(config["drip"][i:i + 1])
            except OSError:
                return

    def accept():
        sock.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except (socket.timeout, OSError):
                continue
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    config["url"] = f"http://127.0.0.1:{sock.getsockname()[1]}/slow"
    yield config
    stop.set()
    thread.join(2)
    sock.close()


def _timed_fetch(url, timeout):
    started = time.monotonic()
    with pytest.raises(ReadError) as err:
        fetch_url(url, allow_private=True, timeout=timeout)
    return time.monotonic() - started, err.value


def test_a_body_sent_one_byte_at_a_time_is_cut_off_at_the_deadline(dripping_server):
    body = b"<html><body><p>" + b"x" * 200 + b"</p></body></html>"
    dripping_server["head"] = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                               b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")
    dripping_server["drip"] = body  # each byte well within the timeout, the whole body ~60 s
    elapsed, error = _timed_fetch(dripping_server["url"], timeout=1.5)
    assert 1.4 <= elapsed < 3, elapsed
    assert error.retryable and not isinstance(error, URLRefused)
    assert error.stage == "fetch" and "deadline" in str(error) and "1.5 s" in str(error)


def test_headers_sent_one_byte_at_a_time_are_cut_off_at_the_deadline(dripping_server):
    dripping_server["drip"] = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"y" * 200 + b"\r\n\r\n"
    elapsed, error = _timed_fetch(dripping_server["url"], timeout=1.5)
    assert 1.4 <= elapsed < 3, elapsed
    assert error.retryable and "deadline" in str(error)


def test_a_quick_answer_within_the_deadline_is_whole(dripping_server):
    body = b"<html><body><p>hello</p></body></html>"
    dripping_server["head"] = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                               + str(len(body)).encode() + b"\r\n\r\n")
    dripping_server["drip"] = body
    dripping_server["interval"] = 0.005
    result = fetch_url(dripping_server["url"], allow_private=True, timeout=5)
    assert result.raw == body and result.status == 200
