"""Suits told in ways the rules did not read before (session 12, recall on batch19)."""


def _captions(x):
    return [c.caption for c in x.cases]


def test_a_caption_told_as_pending_in_a_court_is_a_case_not_a_precedent(extract):
    x = extract("Health insurer Humana was sued in a class action in Barrows v. Humana, Inc. Humana noted the "
                "similarities between the complaint and that which was filed in another action we covered, "
                "Estate of Gene B. Lokken v. UnitedHealth Group, Inc., pending in the US District Court for the "
                "District of Minnesota.")
    assert any(c.startswith("Estate of Gene B. Lokken v. UnitedHealth") for c in _captions(x)), _captions(x)
