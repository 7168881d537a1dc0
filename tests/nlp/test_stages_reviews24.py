"""A court that upholds a regulator's or an office's decision, on a review of it, gives judgment for the regulator:
the respondent, the defendant of "Party v. Regulator" (patterns/stages.jsonl). Texts written for the tests."""
from datetime import date


def _steps(extract, text, **kw):
    return {(e.stage, e.status) for e in extract(text, **kw).events if e.stage or e.status}


def test_a_court_upholding_a_commissioners_ruling_is_the_regulators_judgment(extract):
    text = ("Lumen Vision collected residents' images from social media sites.\n\nOntario's Superior Court has upheld "
            "a privacy commissioner\u2019s ruling that U.S. company Lumen Vision must stop gathering images of "
            "residents.")
    assert ("judgment", "judgment_defendant") in _steps(extract, text, published=date(2025, 1, 10))


def test_upholding_the_lower_courts_ruling_is_no_regulators_judgment(extract):
    text = ("Dana Whitlock sued Lumen Labs in 2023 over its chatbot. The Ninth Circuit upheld the district court's "
            "ruling on Tuesday.")
    assert ("judgment", "judgment_defendant") not in _steps(extract, text, published=date(2025, 1, 10))
