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


def test_an_identical_complaint_filed_by_another_plaintiff_is_a_second_suit_beside_the_printed_one():
    text = ("Rowan Ellery v. Nimbus Corp.\n\nWhether this federal action against Nimbus Corp. should be stayed. "
            "Rowan Ellery filed this federal action on March 3, 2025, eighteen days after the executor of murder victim Dana Pruitt's "
            "estate filed a substantively identical complaint in San Francisco Superior Court.")
    caps = [c[0] for c in _cases(text)]
    assert caps == ["Rowan Ellery v. Nimbus Corp", "Pruitt v. Nimbus Corp"]


def test_only_a_suit_told_as_like_another_is_a_second_suit():
    from ingest.nlp.lawsuits import SIMILAR_SUIT
    assert SIMILAR_SUIT.search("the executor filed a substantively identical complaint in state court")
    assert SIMILAR_SUIT.search("Farnsworth initiated a lawsuit with similar claims")
    assert not SIMILAR_SUIT.search("findings that revealed downloads for training purposes similar to those used "
                                   "for the writers' works")


def test_a_dated_filing_beside_an_identical_suit_stays_with_the_suit_whose_plaintiff_filed_it():
    from ingest.nlp.caselinks import case_of
    from ingest.nlp.types import CaseX, Evidence

    text = ("Rowan Ellery, as representative of the estate, filed this federal action on March 3, 2025, eighteen days "
            "after the executor of murder victim Dana Pruitt's estate filed a substantively identical complaint.")
    doc = pipeline.get_nlp()(text)
    doc._.ct_mentions = []  # the tagger left the names out
    doc.user_data.pop("ct_case_anchors", None)
    at = text.index("March 3")
    cases = [CaseX("Rowan Ellery v. Nimbus Corp.", plaintiffs=["Rowan Ellery"], defendants=["Nimbus Corp."],
                   evidence=[Evidence(500, 530, 500, 530)]),
             CaseX("Pruitt v. Nimbus Corp.", plaintiffs=["Dana Pruitt"], defendants=["Nimbus Corp."],
                   evidence=[Evidence(text.index("Dana"), len(text), 0, len(text))])]
    assert case_of(doc, cases, at, 0, len(text)) == 0
