"""Suits named in passing that the rules did not read before (issue 14, recall of missed lawsuits; sentences
written for the tests)."""
from ingest.nlp import pipeline


def _cases(text, **ctx):
    return [(c.caption, c.plaintiffs, c.defendants) for c in pipeline.extract(text, **ctx).cases]


def test_a_suit_challenging_a_state_law_is_against_the_state():
    text = ("Nimbus Corp. lost an early round in its lawsuit challenging an Oregon state law that bans election "
            "deepfakes. Judge Hana Roe of the US District Court for the District of Oregon rejected its argument.")
    assert _cases(text) == [("Nimbus Corp v. Oregon", ["Nimbus Corp"], ["Oregon"])]


def test_a_state_named_beside_a_law_no_suit_challenges_is_no_party():
    text = ("Nimbus Corp. lost an early round in its lawsuit against Vantor Health. An Oregon state law bans election "
            "deepfakes, and Nimbus said it supports the law.")
    assert [c[2] for c in _cases(text)] == [["Vantor Health"]]


def test_a_ruling_against_one_side_agreeing_with_an_agency_is_the_agencys_suit():
    text = ("A federal judge has ruled against Acme Publishing Group's proposed purchase of Tidewell Logistics, agreeing "
            "with the Justice Department that the deal could lessen competition. Acme said it would appeal.")
    assert _cases(text) == [("United States v. Acme Publishing Group", ["Department of Justice"], ["Acme Publishing Group"])]


def test_a_ruling_between_two_companies_names_no_plaintiff():
    text = ("A federal judge has ruled against Acme Publishing Group, agreeing with Tidewell Logistics that the contract "
            "was void.")
    assert _cases(text) == []
