"""What is no party's name (patterns/parties_rejects.jsonl): law firms, addresses, headings, court words."""
import pytest

from ingest.nlp.mentions import reject_role


@pytest.mark.parametrize("name, role", [
    ("Susman Godfrey LLP", "counsel_cue"),
    ("N. Market Street P.O. Box", "address_word"),
    ("Preliminary Approval Hearing", "heading_word"),
    ("R. Civ", "heading_word"),
    ("First-Ever US Lawsuit", "heading_word"),
    ("Court of Appeals", "legal_word"),
    ("Wall Street Journal", None),
    ("Meta Platforms, Inc.", None),
    ("Nathan Lane", None),
])
def test_reject_role(name, role):
    assert reject_role(name) == role


@pytest.mark.parametrize("name", ["20", "C20-1082jlr", "Rogers v. BNSF", "Corporation", "Cfaa", "Second"])
def test_numbers_captions_statutes_and_bare_words_are_no_names(name):
    assert reject_role(name) == "junk_name"


@pytest.mark.parametrize("name", ["20th Century Fox", "3M", "X Corp."])
def test_names_with_digits_are_names(name):
    assert reject_role(name) is None
