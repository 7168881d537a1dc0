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


def test_a_suit_defeated_at_a_jury_trial_reached_the_trial_and_a_judgment_entered_after_it_the_judgment(extract):
    # a verdict ends the trial; the judgment is a step of its own when the text tells it (cases README, cur24)
    text = ("In May 2023, Dana Whitlock defeated a separate copyright lawsuit by Lumen Labs in a closely watched jury "
            "trial.")
    steps = _steps(extract, text, published=date(2024, 1, 10))
    assert ("trial", "judgment_defendant") in steps and not any(st == "judgment" for st, _ in steps), steps
    text = ("In May 2023, Dana Whitlock defeated a copyright lawsuit by Lumen Labs when the court entered judgment "
            "for her after the jury's verdict.")
    assert any(st == "judgment" for st, _ in _steps(extract, text, published=date(2024, 1, 10)))


def test_a_court_that_ruled_against_a_defendant_gave_the_plaintiff_judgment_but_not_against_its_motion(extract):
    text = ("The Justice Department sued Lumen Books in 2022 to block its merger. A federal judge has ruled against "
            "Lumen Books's proposed purchase of Page & Co, agreeing with the Justice Department that it could lessen "
            "competition.")
    assert ("judgment", "judgment_plaintiff") in _steps(extract, text, published=date(2022, 11, 1))
    text = "Dana Whitlock sued Lumen Labs in 2023. The judge ruled against Lumen Labs's motion to dismiss on Tuesday."
    assert not any(st == "judgment" for st, _ in _steps(extract, text, published=date(2024, 1, 10)))


def test_a_civil_law_court_that_dismissed_the_claim_gave_judgment_for_the_defendant(extract):
    # a civil-law court rejects a claim on its merits (no motion to dismiss there); in a US court the same words are
    # a dismissal
    text = ("The Municipal Court in Prague heard the case of a claimant against Lumen Legal over an image made with "
            "artificial intelligence. For the above reasons, the court dismissed the claim.")
    assert ("judgment", "judgment_defendant") in _steps(extract, text, published=date(2024, 7, 1))
    text = ("Dana Whitlock sued Lumen Labs in the U.S. District Court for the Northern District of California. For the "
            "above reasons, the court dismissed the claim.")
    assert not any(st == "judgment" for st, _ in _steps(extract, text, published=date(2024, 7, 1)))


def test_a_summarys_date_of_judgment_label_is_the_judgment_step(extract):
    text = ("Nanshan District People\u2019s Court, Shenzhen [2019]: Lumen v. Page Co., Case No. Y0305MC No. 14010\n"
            "Date of judgment: December 24, 2019\nPlaintiff: Lumen Computer Co., Ltd\nDefendant: Page Co., Ltd\n")
    assert ("judgment", None) in _steps(extract, text, published=date(2022, 5, 1))


def test_a_court_that_ruled_the_thing_sought_cannot_be_had_upheld_the_offices_refusal(extract):
    text = ("The Japan Patent Office rejected the application of Dana Whitlock, who named an AI system as the inventor. "
            "On January 30, 2025, the Intellectual Property High Court ruled that AI-generated inventions cannot "
            "receive patent protection under the current patent law.")
    assert ("judgment", "judgment_defendant") in _steps(extract, text, published=date(2025, 3, 1))
    # no office in the text: a ruling that someone cannot do something is no such judgment
    text = ("Dana Whitlock sued Lumen Labs in 2023. On January 30, 2025, the court ruled that Lumen Labs cannot use "
            "the name while the case goes on.")
    assert ("judgment", "judgment_defendant") not in _steps(extract, text, published=date(2025, 3, 1))
