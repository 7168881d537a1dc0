"""Suits told in ways the rules did not read before (session 12, recall on newer batches)."""
import pytest


def _captions(x):
    return [c.caption for c in x.cases]


def _roles(x):
    return {p.name: p.role for p in x.parties if p.is_litigant}


def test_an_order_barring_a_party_names_the_defendant_and_an_apposition_the_plaintiff(extract):
    x = extract("Its controversial \"Cameo\" feature is now subject to a temporary restraining order following a "
                "trademark infringement lawsuit filed by the popular celebrity video message platform, Cameo. "
                "U.S. District Judge Eumi K. Lee issued a temporary restraining order on November 21, 2025, "
                "prohibiting OpenAI from using the word \"cameo\" or any similar-sounding terms for its Sora feature.")
    assert "Cameo v. OpenAI" in _captions(x), _captions(x)


def test_a_suit_brought_by_a_described_company_whose_parse_breaks(extract):
    x = extract("The Ninth U.S. Circuit Court of Appeals has affirmed an order temporarily blocking San "
                "Francisco-based technology giant OpenAI Inc. and related entities from using the name “IO” to market "
                "not-yet-released purportedly screenless, pocket-sized, computer-like products in a trademark "
                "infringement lawsuit brought by the Silicon Valley wearables device company IYO Inc.")
    assert any(c.startswith("IYO") and c.endswith("v. OpenAI") for c in _captions(x)), _captions(x)


def test_an_alias_is_the_same_party_and_a_role_noun_before_a_name_is_that_name(extract):
    x = extract("Justice Tushar Tao Gadela was hearing a suit filed by Akira Nandan alias Akira Desai, claiming that "
                "the defendant Sambhawaami Studios LLP created and posted on YouTube a movie of around one hour.")
    assert "Nandan v. Sambhawaami Studios" in _captions(x), _captions(x)


def test_a_trial_over_a_partys_claim(extract):
    x = extract("OpenAI did not comment at press time, with the Oakland trial over Musk’s claim OpenAI abandoned its "
                "nonprofit mission now putting safety and competition in the spotlight.")
    assert "Musk v. OpenAI" in _captions(x), _captions(x)


def test_a_claim_within_a_suit_makes_no_second_suit(extract):
    x = extract("Garcia sued Character Technologies Inc., the company behind Character.AI, in 2024. Conway also "
                "upheld Garcia’s claim that Google is liable for harms caused by Character.AI.")
    assert "Garcia v. Google" not in _captions(x), _captions(x)


def test_an_unnamed_relative_sues_under_the_family_name(extract):
    x = extract("A Florida father is suing Google over his son's death, claiming that the Gemini chatbot fuelled a "
                "delusional spiral that led his 36-year-old son, Jonathan Gavalas, to commit suicide.")
    assert "Gavalas v. Google" in _captions(x), _captions(x)


def test_the_publisher_of_an_outlet_is_not_the_company_named_before(extract):
    x = extract("Microsoft and OpenAI have been sued by the nonprofit publisher of Mother Jones, the latest volley in "
                "the ongoing fight between generative AI firms and the news industry.")
    assert "OpenAI v. Microsoft" not in _captions(x), _captions(x)
    assert _roles(x).get("OpenAI") == "defendant"


def test_who_organised_the_suit_leads_it_where_the_lead_was_unknown(extract):
    x = extract("John Grisham, Jodi Picoult and George R.R. Martin are among 17 authors suing OpenAI for “systematic "
                "theft on a mass scale.” The suit was organized by the Authors Guild, and also includes David "
                "Baldacci, Sylvia Day, Jonathan Franzen and Elin Hilderbrand among others.")
    assert _captions(x) == ["Authors Guild v. OpenAI"], _captions(x)


def test_the_papers_own_suit_told_in_words_is_its_printed_in_re_case(extract):
    x = extract("IN RE APPLE INC. SECURITIES LITIGATION\n\nLead plaintiff Employees' Retirement System of the State of "
                "Rhode Island brings this securities class action litigation alleging false and misleading statements "
                "against defendants Apple Inc. and its executives.")
    assert not any(c.caption.endswith("v. Apple") for c in x.cases), _captions(x)
