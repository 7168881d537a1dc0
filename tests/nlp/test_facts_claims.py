"""Causes of action (claims.py, patterns/causes.jsonl): typed claims, once per case at their first mention, and the
case fields a document states (caselinks.py: cause_of_action, ai_area)."""
import pytest
import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc

from ingest.nlp import claims, pipeline, rules  # noqa: F401  (pipeline registers the Doc extensions)
from ingest.nlp.types import CAUSES


@pytest.mark.parametrize("entry", rules.token_patterns("causes"), ids=lambda e: e["example"])
def test_every_cause_pattern_matches_its_example_and_names_a_cause(entry):
    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab, validate=True)
    matcher.add("x", [entry["pattern"]])
    assert matcher(nlp(entry["example"])), entry["example"]
    assert entry["cause"] in CAUSES and entry["label"]


def test_claims_found_once_at_their_first_mention_with_the_sentence():
    words = "xAI sued OpenAI for trade secrets theft . It also alleges unfair competition and trade secrets misuse .".split()
    doc = Doc(spacy.blank("en").vocab, words=words, sent_starts=[w == "xAI" or w == "It" for w in words])
    found = {c.label: c for c in claims.find(doc, [])}
    assert set(found) == {"trade secret misappropriation", "unfair competition"}
    assert found["trade secret misappropriation"].cause == "trade_secrets"
    ts = found["trade secret misappropriation"].evidence[0]
    assert doc.text[ts.start:ts.end] == "trade secrets" and ts.sent_start == 0
    assert found["unfair competition"].evidence[0].sent_start == doc.text.index("It")


def test_dmca_1202_by_its_section_and_by_management_information():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for text in ("They sued under Section 1202 of the Copyright Act.",
                 "The suit alleges removal of copyright management information."):
        assert [c.cause for c in claims.find(nlp(text), [])] == ["dmca_1202"], text


def test_causes_per_case_and_case_fields(extract):
    x = extract("In Concord v. Anthropic, the music publishers accuse Anthropic of copyright infringement over song "
                "lyrics used to train its Claude chatbot.\n\n"
                "In Raine v. OpenAI, the parents of a teenager brought a wrongful death claim against OpenAI over "
                "its ChatGPT chatbot.")
    captions = [c.caption for c in x.cases]
    assert len(captions) == 2
    causes = {(c.cause, captions[c.case]) for c in x.claims}
    assert ("copyright_infringement", captions[0]) in causes and ("wrongful_death", captions[1]) in causes
    fields = [{(f.field, f.value) for f in c.fields} for c in x.cases]
    assert ("cause_of_action", "copyright_infringement") in fields[0]
    assert ("cause_of_action", "wrongful_death") in fields[1]
    assert ("cause_of_action", "wrongful_death") not in fields[0]
    assert ("ai_area", "music") in fields[0] and ("ai_area", "music") not in fields[1]
    assert ("ai_area", "text") in fields[1]
    assert all(f.evidence for c in x.cases for f in c.fields)
