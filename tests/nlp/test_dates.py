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


def _cands(text, published=None):
    return [d.isoformat() for d, *_ in dates._candidates(text, published)]


def test_every_day_precise_date_is_a_candidate_event():
    assert _cands("The suit was filed on August 19, 2024, and the judge ruled on Monday.", date(2024, 9, 5)) \
        == ["2024-08-19", "2024-09-02"]
    assert _cands("Founded in 2015, the firm settled in March 2024.") == []  # no day, no event date


def test_today_and_datelines_are_not_candidates():
    assert _cands("Today, there are 175 million users.", date(2025, 1, 23)) == []
    assert _cands("Jun 27, 2025 - 20:15\nMeta won.", date(2025, 6, 27)) == []
    assert _cands("Updated 3:16 PM UTC, Mon July 7, 2025", date(2025, 7, 7)) == []
    assert _cands("Law360 (June 15, 2026, 7:04 PM EDT) --", date(2026, 6, 15)) == []


def test_a_weekday_followed_by_its_date_is_one_date():
    assert _cands("Anthropic revoked the access on Tuesday (August 1).", date(2025, 8, 3)) == ["2025-08-01"]


def test_a_date_without_its_year():
    # scheduled: the next such day after publication
    assert _cands("The next hearing is scheduled for January 23.", date(2023, 12, 12)) == ["2024-01-23"]
    # no publication date: the year of the text's nearest full date
    assert _cands("A hearing is scheduled for September 8. It covers acts before August 25, 2025.") \
        == ["2025-09-08", "2025-08-25"]
    assert _cands("A hearing is scheduled for September 8.") == []


def test_the_event_date_labeler():
    assert dates._label_event_date({"date": "2025-09-08"}, {"events": [{"date": "2025-09-08"}]}) is True
    assert dates._label_event_date({"date": "2025-09-09"}, {"events": [{"date": None}]}) is False



def test_coarse_dates_give_a_month_or_a_year_without_a_day():
    from ingest.nlp.dates import coarse_dates_in

    published = date(2025, 3, 10)

    def found(text):
        return [(d.isoformat(), p) for d, p, _, _ in coarse_dates_in(text, published)]
    assert found("The case dates back to October 2024, when Dow Jones filed suit.") == [("2024-10-01", "month")]
    assert found("Outlets filed a suit against OpenAI last November in Ontario.") == [("2024-11-01", "month")]
    assert found("Garcia sued both companies in February.") == [("2025-02-01", "month")]
    assert found("In 2023, The Times sued Microsoft.") == [("2023-01-01", "year")]
    assert found("The suit was filed in late 2023.") == [("2023-01-01", "year")]
    assert found("Raw Story filed on Feb. 28 in New York.") == [("2025-02-28", "day")]
    assert coarse_dates_in("Garcia sued both companies in October.", None) == []  # no year to give it


def test_a_pages_dateline_dates_no_filing_the_next_words_tell():
    from ingest.nlp import pipeline

    text = ("Written by: CDO Magazine Bureau\nUpdated 3:16 PM UTC, Mon July 7, 2025\nEntertainment giants Disney and "
            "Universal have reportedly filed a lawsuit against AI image generator Midjourney.")
    x = pipeline.extract(text, published=date(2025, 7, 7), title="Disney and Universal Sue Midjourney", kind="news")
    assert not any(e.date == "2025-07-07" for e in x.events if e.stage == "filed")


def test_a_cited_articles_date_dates_no_filing():
    from ingest.nlp import pipeline

    text = ("Several copyright actions against OpenAI have been consolidated in New York. The highest-profile one "
            "of those cases was brought by the New York Times (December 27, 2023 ai fray article). In June 2024, "
            "the Center for Investigative Reporting filed the third case.")
    x = pipeline.extract(text, published=date(2025, 4, 5), title="OpenAI defeats parts of suits", kind="blog")
    assert not any(e.date == "2023-12-27" for e in x.events)
    text = "The New York Times sued OpenAI on December 27, 2023 (a case first covered in our report)."
    x = pipeline.extract(text, published=date(2025, 4, 5), title="NYT sues OpenAI", kind="news")
    assert any(e.date == "2023-12-27" for e in x.events)
