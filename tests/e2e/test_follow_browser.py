"""Issue 16 in Chromium: a visitor signs up from a case page's "Sign in to follow", follows the case with the htmx
button (the block swaps in place, the page stays), and finds the alert on the account page, where it is paused."""
from __future__ import annotations

import pytest
from django.core.management import call_command

from casetracker.models import Alert
from tests.casetracker.factories import case_record
from tests.e2e.conftest import live_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def record(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        case, made = case_record(caption="Follow v. Browser", slug="follow-v-browser")
        yield case
        call_command("flush", interactive=False)


@pytest.fixture(scope="module")
def site(record):
    with live_thread() as url:
        yield url


def test_a_visitor_signs_up_and_follows_a_case_with_the_htmx_button(site, record, page, screenshot_dir):
    case = record
    page.goto(site + case.get_absolute_url())
    page.get_by_role("link", name="Sign in to follow").click()
    page.get_by_role("link", name="Sign up").click()
    page.fill("#id_username", "browser-member")
    page.fill("#id_email", "browser@example.org")
    page.fill("#id_password1", "a long browser passphrase 7")
    page.fill("#id_password2", "a long browser passphrase 7")
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(f"**{case.get_absolute_url()}")  # back where following started
    follow = page.locator("#follow")
    follow.locator("select[name=frequency]").select_option("daily")
    follow.locator("input[name=note]").fill("for the appeal")
    page.evaluate("window.notReloaded = true")
    follow.get_by_role("button", name="Follow").click()
    page.locator("#follow .following").wait_for()
    assert page.evaluate("window.notReloaded === true")  # htmx swapped the block in; the page stayed
    assert "daily digest: for the appeal" in page.locator("#follow .following").inner_text()
    page.screenshot(path=str(screenshot_dir / "follow-case.png"))
    alert = Alert.objects.get(user__username="browser-member")
    assert alert.case_id == case.pk and alert.frequency == "daily"
    page.locator("#follow").get_by_role("link", name="manage").click()
    row = page.locator(f"#alert-{alert.pk}")
    assert "Follow v. Browser" in row.inner_text() and "never" in row.inner_text()
    row.get_by_role("button", name="Pause").click()
    page.wait_for_load_state()
    assert "paused" in page.locator(f"#alert-{alert.pk}").inner_text().lower()  # (the badge is upper-cased by CSS)
    alert.refresh_from_db()
    assert alert.paused
