"""Suits told in ways the rules did not read before (session 12, recall on batch19)."""


def _captions(x):
    return [c.caption for c in x.cases]


def test_a_caption_told_as_pending_in_a_court_is_a_case_not_a_precedent(extract):
    x = extract("Health insurer Humana was sued in a class action in Barrows v. Humana, Inc. Humana noted the "
                "similarities between the complaint and that which was filed in another action we covered, "
                "Estate of Gene B. Lokken v. UnitedHealth Group, Inc., pending in the US District Court for the "
                "District of Minnesota.")
    assert any(c.startswith("Estate of Gene B. Lokken v. UnitedHealth") for c in _captions(x)), _captions(x)


def test_a_suit_challenging_a_law_names_the_official_it_asks_to_enjoin(extract):
    x = extract("Elon Musk’s artificial intelligence company, xAI, has filed a lawsuit challenging California Assembly "
                "Bill 2013, a legislation mandating generative AI developers to disclose their datasets. AB 2013 was "
                "signed into law on September 28, 2024. The lawsuit, filed in federal court in the Central District of "
                "California, seeks to permanently enjoin California AG Rob Bonta from enforcing the provisions of "
                "AB 2013 against xAI.")
    assert any(c.startswith("xAI v.") and "Bonta" in c for c in _captions(x)), _captions(x)


def test_a_suit_seeking_to_enjoin_a_party(extract):
    x = extract("NetChoice filed a lawsuit seeking to block Attorney General Rob Bonta from enforcing the law.")
    assert any(c.startswith("NetChoice v.") and "Bonta" in c for c in _captions(x)), _captions(x)


def test_who_settles_a_suit_another_brought_is_its_defendant(extract):
    x = extract("ITutorGroup agreed to pay $365,000 to more than 200 job applicants allegedly passed over because of "
                "their age. The settlement must be approved by a federal judge.",
                title="iTutorGroup to pay $365,000 to settle EEOC age bias suit over recruiting software")
    assert "EEOC v. iTutorGroup" in _captions(x), _captions(x)
    x = extract("Acme Corp agreed to settle the FTC's suit over its chatbot.")
    assert any(c.endswith("v. Acme Corp") for c in _captions(x)), _captions(x)


def test_a_model_name_heading_an_institution_is_the_institution_and_a_plaintiff_filing_as_doe(extract):
    x = extract("A lawsuit filed against Bard College claims that the college is displaying systemic racial "
                "hostility. The case was filed on Aug. 25 in U.S. District Court with the former professor, who "
                "filed as Jane Doe, describing open hostility toward people of color.")
    assert any(c.endswith("Doe v. Bard College") for c in _captions(x)), _captions(x)
    assert "Gemini" not in {p.name for p in x.parties}


def test_the_brand_a_settled_suit_is_about_brought_nothing(extract):
    x = extract("Diageo settles Stitzel-Weller trademark lawsuit. Diageo North America has settled a trademark lawsuit "
                "with a US-based spirits distributor over products bearing the name of its Stitzel-Weller distillery.")
    assert not any("Stitzel" in " ".join(c.plaintiffs) for c in x.cases), [c.caption for c in x.cases]
