"""Who a suit's sides are when a sentence names an owner, a trade name, an unnamed person or a role word."""
import pytest

from ingest.nlp import facts


def _sides(x):
    return [(c.caption, c.plaintiffs, c.defendants) for c in x.cases]


@pytest.mark.parametrize("text", [
    "Billionaire entrepreneur Elon Musk’s artificial intelligence startup, xAI, has filed a lawsuit against Apple "
    "and ChatGPT creator OpenAI in U.S. federal court in Texas.",
    "A federal judge heard a lawsuit brought by Elon Musk's artificial intelligence company, xAI, against OpenAI "
    "over trade secrets.",
])
def test_the_company_an_owner_owns_is_the_plaintiff(extract, text):
    x = extract(text)
    assert x.cases and all("Elon Musk" not in c.plaintiffs for c in x.cases), _sides(x)
    assert any(c.plaintiffs[:1] == ["xAI"] and "OpenAI" in c.defendants for c in x.cases), _sides(x)


def test_a_pronoun_after_an_unnamed_person_is_not_the_name_before_it(extract):
    x = extract("Elon Musk’s artificial intelligence startup xAI has filed a lawsuit against a former engineer, "
                "accusing him of stealing confidential information about its Grok chatbot.")
    assert all("Elon Musk" not in c.defendants for c in x.cases), _sides(x)


def test_a_headline_names_the_company_not_its_description(extract):
    x = extract("Penske Media Corp., the parent company of Rolling Stone, has filed a lawsuit against Google LLC.",
                title="Rolling Stone Publisher Penske Media Sues Google Over AI Summaries")
    assert [c for c in x.cases if c.plaintiffs and c.plaintiffs[0].startswith("Penske Media")], _sides(x)
    assert not [c for c in x.cases if "Rolling Stone Publisher" in c.plaintiffs], _sides(x)


def test_legal_and_trade_names_are_one_party(extract):
    x = extract("Bourbon company Willett Distillery filed a trademark infringement lawsuit on Thursday against "
                "Shaan Inc. The case is 3:22-cv-00873, Kentucky Bourbon Distillers Ltd. d/b/a Willett Distillery "
                "v. Shaan Inc. et al.")
    plaintiffs = {n for c in x.cases for n in c.plaintiffs}
    assert plaintiffs == {"Kentucky Bourbon Distillers Ltd"}, _sides(x)
    party = next(p for p in x.parties if p.name == "Kentucky Bourbon Distillers Ltd")
    assert "Willett Distillery" in party.surface_forms


def test_trade_names_are_read_only_between_two_parties():
    class P:
        def __init__(self, kind, forms):
            self.kind, self.surface_forms = kind, forms

    parties = {"Advance Magazine Publishers Inc": P("company", ["Advance Magazine Publishers Inc."]),
               "Condé Nast": P("company", ["Condé Nast"]), "Cohere": P("company", ["Cohere"])}
    text = "The suit was filed by Advance Magazine Publishers Inc. (Condé\nNast) and others against Cohere (Toronto)."
    assert facts.trade_names(text, parties) == [("Advance Magazine Publishers Inc", "Condé Nast")]
    assert facts.trade_names("Cohere (Condé Nast's rival) said", parties) == []


def test_a_caption_writes_out_a_legal_name_abbreviated_as_the_bluebook_does():
    from ingest.nlp import captions

    assert captions.explicit("Thomson Reuters Enter. Centre GmbH et al v. ROSS Intelligence Inc.")[0][:2] == (
        "Thomson Reuters Enterprise Centre GmbH", "ROSS Intelligence Inc")
    assert captions.explicit("The case ended. Nat'l Ass'n of Broadcasters v. Acme Tech. Corp. settled.")[0][:2] == (
        "National Association of Broadcasters", "Acme Technology Corp")


def test_three_companies_that_sued_separately_brought_three_suits(extract):
    x = extract("Three Japanese newspaper companies separately filed lawsuits with the Tokyo District Court against "
                "the city of Gamagori, alleging the city infringed on their copyrights. In the lawsuits filed on "
                "Thursday, The Asahi Shimbun is seeking damages of about ¥146 million, while The Nikkei is seeking "
                "about ¥140 million.")
    assert {(c.plaintiffs[0], c.defendants[0]) for c in x.cases} >= {
        ("The Asahi Shimbun", "City of Gamagori"), ("Nikkei", "City of Gamagori")}, _sides(x)
    assert all(len(c.plaintiffs) == 1 for c in x.cases), _sides(x)


def test_two_printed_captions_against_one_party_are_the_story_not_precedents(extract):
    x = extract("Judge Jeffrey Miller issued two very similar Orders in two separate cases against Tito's Vodka. "
                "The cases are:\n   – Hofmann v. Fifth Generation\n   – Cabrera v. Fifth Generation\n\nWords matter.")
    assert {c.caption for c in x.cases} >= {"Hofmann v. Fifth Generation", "Cabrera v. Fifth Generation"}, _sides(x)


def test_a_citation_of_the_story_s_own_case_names_its_sides(extract):
    x = extract("The court stated that it need only review insurance documents. Est. of Lokken v. UnitedHealth Grp., "
                "Inc., et al., No. 23-3514 (JRT/DJF), 2025 U.S. Dist. LEXIS 27262, at *2 (D. Minn. Feb. 13, 2025). "
                "Defendants UnitedHealth Group, Inc. moved to dismiss.")
    assert [(c.plaintiffs, c.defendants) for c in x.cases] == [(["Estate of Lokken"], ["UnitedHealth Group, Inc"])], \
        _sides(x)


def test_a_name_that_describes_a_company_is_no_party(extract):
    x = extract("Last month, the New York Times sued the Sam Altman-founded company for unlawful use of its articles.")
    assert all("Sam Altman" not in c.defendants for c in x.cases), _sides(x)
