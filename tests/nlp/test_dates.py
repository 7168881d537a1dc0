from datetime import date

from ingest.nlp import dates


def _dates(text, published=None):
    return [(d.isoformat(), p) for d, p, _, _ in dates.dates_in(text, published)]


def test_absolute_dates_and_precision():
    assert _dates("The complaint was filed on August 19, 2024.") == [("2024-08-19", "day")]
    assert _dates("heard on 7 December 2023") == [("2023-12-07", "day")]
    assert _dates("filed in March 2024") == [("2024-03-01", "month")]
    assert _dates("The lawsuit, filed in 2020, was one of the first.") == [("2020-01-01", "year")]


def test_relative_dates_resolve_against_published():
    thursday = date(2026, 4, 30)
    assert _dates("Musk testified on Thursday.", thursday) == [("2026-04-30", "day")]
    assert _dates("The suit was filed on Wednesday.", date(2025, 9, 25)) == [("2025-09-24", "day")]
    assert _dates("The judge ruled yesterday.", thursday) == [("2026-04-29", "day")]


def test_no_published_date_no_invented_date():
    assert _dates("Musk testified on Thursday.") == []
    assert _dates("Musk testified last week.") == []
