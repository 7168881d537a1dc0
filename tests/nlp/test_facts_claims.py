"""Causes of action (claims.py): one search per claim over the text, behind a substring prefilter."""
import spacy
from spacy.tokens import Doc

from ingest.nlp import claims, pipeline  # noqa: F401  (pipeline registers the Doc extensions)

EXAMPLES = {
    "breach of contract": "OpenAI breached its nonprofit agreement", "copyright infringement": "it infringed their copyrights",
    "contributory copyright infringement": "contributory infringement", "trade secret misappropriation": "trade-secrets",
    "unfair competition": "anticompetitive conduct", "antitrust": "it monopolized the market",
    "terms-of-service violation": "a violation of its user agreement", "fraud": "fraudulently induced",
    "unjust enrichment": "unjustly enriched", "DMCA violation": "Digital Millennium Copyright Act",
    "trademark infringement": "trademark dilution", "breach of fiduciary duty": "a charitable trust",
    "defamation": "it libel", "negligence": "negligently", "privacy violation": "wiretapping",
}


def test_every_claim_has_an_example_that_its_prefilter_lets_through():
    assert set(EXAMPLES) == {label for label, _ in claims.CLAIMS} == set(claims.NEEDS)
    for label, pattern in claims.CLAIMS:
        text = EXAMPLES[label]
        assert pattern.search(text), label
        assert any(w in text.lower() for w in claims.NEEDS[label]), label


def test_claims_found_once_at_their_first_mention_with_the_sentence():
    words = "xAI sued OpenAI for trade secrets theft . It also alleges unfair competition and trade secrets misuse .".split()
    doc = Doc(spacy.blank("en").vocab, words=words, sent_starts=[w == "xAI" or w == "It" for w in words])
    found = {c.label: c for c in claims.find(doc, [])}
    assert set(found) == {"trade secret misappropriation", "unfair competition"}
    ts = found["trade secret misappropriation"].evidence[0]
    assert doc.text[ts.start:ts.end] == "trade secrets" and ts.sent_start == 0
    assert found["unfair competition"].evidence[0].sent_start == doc.text.index("It")
