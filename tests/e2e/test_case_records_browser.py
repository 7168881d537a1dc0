"""Issue 14 in Chromium: a case record with its stage history, family, counsel and each field's sources; the
exports download as CSV with the right header columns."""
from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command

from casetracker.exports import CASE_COLUMNS, DAIL_COLUMNS
from tests.casetracker.factories import case_record
from tests.e2e.conftest import live_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def record(django_db_setup, django_db_blocker):
    """One case built with the factories, committed so the live server sees it; removed afterwards."""
    with django_db_blocker.unblock():
        case, made = case_record()
        yield case, made
        call_command("flush", interactive=False)


@pytest.fixture(scope="module")
def site(record):
    with live_thread() as url:
        yield url


def test_the_case_page_shows_stage_history_family_counsel_and_each_fields_sources(site, record, page,
                                                                                  screenshot_dir):
    case, made = record
    page.goto(site + case.get_absolute_url())
    stages = page.locator("#stage-history li.stage, #stage-history ol.stages > li")
    assert stages.count() == 3
    assert "motion to dismiss" in stages.nth(1).inner_text() and "28 August 2023" in stages.nth(1).inner_text()
    family = page.locator("#family")
    assert "consolidated into" in family.inner_text() and "Silverman v. OpenAI" in family.inner_text()
    family.get_by_role("link", name="In re OpenAI ChatGPT Litigation").click()
    page.wait_for_url(f"**{made['lead'].get_absolute_url()}")
    assert "consolidated into this case" in page.locator("#family").inner_text()
    page.go_back()
    counsel = page.locator("#counsel")
    assert "For the plaintiffs" in counsel.inner_text() and "Joseph Saveri Law Firm" in counsel.inner_text()
    assert "Latham & Watkins" in counsel.inner_text()
    assert page.locator("#field-court").inner_text().startswith("N.D. Cal.")
    judge = page.locator("#field-judge")
    assert "sources disagree" in judge.inner_text().lower()  # (the badge is upper-cased by CSS)
    sentence = judge.get_by_text("Judge Vince Chhabria presides, a second report says.")
    assert not sentence.is_visible()  # folded until asked for
    judge.locator("summary").click()
    assert sentence.is_visible() and "confidence 0.40" in judge.inner_text()
    page.screenshot(path=str(screenshot_dir / "case-record.png"), full_page=True)
    judge.locator("a.source").first.click()
    page.wait_for_url(f"**/documents/{made['document'].pk}/#ev-*")


def test_the_case_exports_download_as_csv_with_the_right_columns(site, record, page):
    page.goto(site + "/cases/?court=cand")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = info.value
    assert download.suggested_filename == "cases.csv"
    rows = list(csv.reader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert rows[0] == [name for name, _ in CASE_COLUMNS]
    assert {r[1] for r in rows[1:]} == {"Tremblay v. OpenAI", "In re OpenAI ChatGPT Litigation",
                                        "Silverman v. OpenAI"}
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV with the Database of AI Litigation's columns").click()
    rows = list(csv.reader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    assert rows[0] == DAIL_COLUMNS and "Tremblay v. OpenAI" in {r[0] for r in rows[1:]}
