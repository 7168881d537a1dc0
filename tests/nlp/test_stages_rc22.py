"""Filing dates stated in ways the dated-event rules missed (rc22): "The legal action, which was initiated on ...",
an opening date before an aside between dashes, "at the tail end of 2025" (which overrules the report's month for a
filing told in the present perfect), and an amended consolidated complaint that is no filing of the suit."""
from datetime import date

from ingest.nlp import dates


def _filed(extract, text, published=None, kind="news"):
    return {(e.date, e.precision) for e in extract(text, published=published, kind=kind).events
            if e.stage == "filed" and e.date}


def test_an_action_which_was_initiated_on_a_day_is_filed_that_day(extract):
    text = ("The Brazilian news website Folha de S\u00e3o Paulo has filed a lawsuit against OpenAI for using its "
            "content without permission. The legal action, which was initiated on Wednesday, August 21, 2025, demands "
            "that OpenAI stop using the newspaper\u2019s content.")
    assert ("2025-08-21", "day") in _filed(extract, text, kind="blog")


def test_an_opening_date_before_an_aside_dates_the_main_clause(extract):
    text = ("On September 17, 2024 - the day AB 2839 was signed by the Governor - Plaintiff filed this lawsuit and "
            "the instant motion for a preliminary injunction. Plaintiff seeks an Order enjoining Defendants.")
    assert ("2024-09-17", "day") in _filed(extract, text, published=date(2024, 10, 2), kind="opinion")


def test_the_tail_end_of_a_year_is_that_year():
    text = "The lawsuit, filed in federal court at the tail end of 2025, seeks an injunction."
    assert (date(2025, 1, 1), "year") in {(d, p) for d, p, _, _ in dates.coarse_dates_in(text, None)}
    assert [d for d, *_ in dates.coarse_dates_in("toward the end of 2024 and early in 2023", None)] == \
        [date(2024, 1, 1), date(2023, 1, 1)]


def test_a_filing_the_text_dates_overrules_the_reports_month(extract):
    """"xAI has filed a lawsuit" opens a report of January 5, 2026, which then says it was filed "at the tail end
    of 2025": 2025, not January 2026."""
    text = ("Elon Musk\u2019s artificial intelligence company, xAI, has filed a lawsuit challenging California Assembly "
            "Bill 2013 against California Attorney General Rob Bonta. The lawsuit, filed in federal court in the "
            "Central District of California at the tail end of 2025, seeks to enjoin Bonta from enforcing the law.")
    filed = _filed(extract, text, published=date(2026, 1, 5))
    assert ("2025-01-01", "year") in filed and ("2026-01-01", "month") not in filed, filed


def test_filing_a_second_amended_consolidated_complaint_is_no_filing_of_the_suit(extract):
    events = extract("The authors filed a Second Amended Consolidated Complaint in January 2026, adding new details. "
                     "Databricks moved to dismiss the claims again.", published=date(2026, 3, 1)).events
    assert not any(e.stage == "filed" for e in events), [(e.date, e.stage) for e in events]

