"""A plaintiff that sues only in one jurisdiction's courts places its case where no source does (session 15;
patterns/courts.jsonl, jurisdiction_party). Texts written for the tests."""
import pytest

from ingest.nlp import courts


@pytest.mark.parametrize("name, jurisdiction", [
    ("SEC", "us-federal"), ("U.S. Securities and Exchange Commission", "us-federal"), ("United States", "us-federal"),
    ("the Federal Trade Commission", "us-federal"), ("Securities and Exchange Board of India", None),
    ("Sec Technologies", None), ("United States Steel", None)])
def test_which_plaintiffs_sue_in_one_jurisdiction(name, jurisdiction):
    assert courts.party_jurisdiction(name) == jurisdiction


def _jurisdictions(x, caption):
    case = next(c for c in x.cases if c.caption == caption)
    return [f.value for f in case.fields if f.field == "jurisdiction"]


def test_an_agencys_suit_no_source_places_is_a_federal_one(extract):
    x = extract("Recent actions by the regulator include SEC v. Orbital Exchange, which accused the crypto lender of "
                "selling unregistered securities through its AI trading bot.", title="SEC cases", kind="news")
    assert _jurisdictions(x, "SEC v. Orbital Exchange") == ["us-federal"]


def test_a_place_the_text_gives_wins_over_the_plaintiff(extract):
    x = extract("The SEC sued Orbital Exchange in a Paris court over its AI trading bot, SEC v. Orbital Exchange.",
                title="SEC case", kind="news")
    assert _jurisdictions(x, "SEC v. Orbital Exchange")[:1] == ["fr"]
