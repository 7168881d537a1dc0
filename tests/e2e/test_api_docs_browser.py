"""The API documentation page works in a real browser from local files only (Swagger UI, drf-spectacular-sidecar)."""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_lists_every_operation_from_local_files(live_server, page, screenshot_dir):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(live_server.url + "/api/v1/docs/")
    page.wait_for_selector(".opblock-summary-path")
    paths = set(page.locator(".opblock-summary-path").all_inner_texts())
    assert {"/api/v1/cases/", "/api/v1/cases/{slug}/", "/api/v1/search/", "/api/v1/documents/"} <= paths
    assert all(url.startswith(live_server.url) for url in requested), [u for u in requested
                                                                       if not u.startswith(live_server.url)]
    page.screenshot(path=str(screenshot_dir / "api-docs.png"), full_page=False)
