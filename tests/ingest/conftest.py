"""A real HTTP server on 127.0.0.1 serving files a test puts in it (feeds, articles, redirects)."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class _Handler(BaseHTTPRequestHandler):
    routes: dict = {}
    hits: dict = {}

    def do_GET(self):  # noqa: N802
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        route = self.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        status, headers, body = route
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def web(settings):
    """serve(path, body, content_type) and the base URL; fetching loopback is allowed for this test only."""
    settings.INGEST_ALLOW_PRIVATE_URLS = True
    handler = type("Handler", (_Handler,), {"routes": {}, "hits": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    class Web:
        url = base
        hits = handler.hits

        @staticmethod
        def serve(path, body, content_type="text/html; charset=utf-8", status=200, headers=None):
            data = body.encode("utf-8") if isinstance(body, str) else body
            handler.routes[path] = (status, {"Content-Type": content_type, **(headers or {})}, data)
            return base + path

    yield Web
    server.shutdown()
    server.server_close()
