"""The assembly of parties in facts.py: one party per entity, aliases only from names as written."""
from ingest.nlp import facts
from ingest.nlp.mentions import Mention
from ingest.nlp.types import PartyX


def merged(*parties):
    return list(facts._merge_variants({p.name: p for p in parties}, [], [], []))


def test_variants_of_one_name_are_one_party():
    assert merged(PartyX("OpenAI", "company", gazetteer_id="openai"), PartyX("OpenAI, Inc.", "company"),
                  PartyX("OpenAI Inc.", "company")) == ["OpenAI"]
    assert len(merged(PartyX("MacOn Telegraph Publishing Co", "company"),
                      PartyX("Macon Telegraph Publishing Company", "company"))) == 1  # Co is Company


def test_a_corporate_family_keeps_its_members_as_the_gold_does():
    # the eval's gold lists each entity of a caption block ("OpenAI LP", "OpenAI GP, LLC", ...)
    names = merged(PartyX("OpenAI LP", "company"), PartyX("OpenAI GP LLC", "company"), PartyX("OpenAI LLC", "company"))
    assert len(names) == 3
    assert len(merged(PartyX("Stability AI Ltd.", "company"), PartyX("Stability AI Inc.", "company"))) == 2


def test_a_short_name_opening_exactly_one_fuller_company_name_is_that_company():
    assert merged(PartyX("Cox", "company", role="defendant"), PartyX("Cox Communications", "company")) \
        == ["Cox Communications"]
    assert merged(PartyX("Olivet", "person"), PartyX("Olivet University", "company")) == ["Olivet University"]
    # two fuller names: which one is unknown, both stay
    assert len(merged(PartyX("Tribune", "company"), PartyX("Tribune Publishing", "company"),
                      PartyX("Tribune Media", "company"))) == 3
    # a person's full name is no company's short name
    assert len(merged(PartyX("Andrea Bartz", "person"), PartyX("Andrea Bartz, Inc.", "company"))) == 2


def test_the_merged_party_keeps_the_role():
    p = facts._merge_variants({"Cox": PartyX("Cox", "company", role="defendant"),
                               "Cox Communications": PartyX("Cox Communications", "company")}, [], [], [])
    assert p["Cox Communications"].role == "defendant"


def test_pronouns_and_descriptions_are_never_aliases():
    for text in ("its", "It", "They", "the company", "The publishers", "the AI startup", "the social media firm"):
        assert facts.generic(text), text
    for text in ("The New York Times", "the Times", "PMC", "OpenAI", "The Canadian Press", "Condé Nast"):
        assert not facts.generic(text), text
    base = dict(start=0, end=3, tok=0, sent_start=0, sent_end=3, name="Anthropic", kind="company")
    assert not facts._alias_ok(Mention(text="its", resolved=True, **base))
    assert not facts._alias_ok(Mention(text="the firm", resolved=True, **base))
    assert facts._alias_ok(Mention(text="Anthropic PBC", **base))


def test_a_party_from_a_caption_block_gets_the_evidence_of_where_the_text_writes_it():
    import spacy
    from spacy.tokens import Doc

    words = ["OPENAI", "GP", ",", "L.L.C.", ",", "Defendants", ".", "The", "motion", "is", "granted", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, sent_starts=[i in (0, 7) for i in range(len(words))])
    (ev,) = facts._find_evidence(doc, doc.text, ["OpenAI GP L.L.C.", "OpenAI GP"])
    assert doc.text[ev.start:ev.end] == "OPENAI GP , L.L.C" and ev.sent_start == 0
    assert facts._find_evidence(doc, doc.text, ["Microsoft"]) == []
