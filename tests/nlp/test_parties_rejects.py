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
