"""Fixtures for the NLP tests: no database, no Django.

`blank_nlp` is spacy.blank("en") with a sentencizer and a small gazetteer EntityRuler (pattern fixtures);
`nlp` is the full pipeline (the statistical model), built once per session for the integration tests.
"""
from __future__ import annotations

import pytest
import spacy

from ingest.nlp import gazetteer

pytestmark = []

SMALL_GAZETTEER = [
    {"id": "openai", "name": "OpenAI", "kind": "company", "aliases": ["OpenAI, Inc."], "lower_aliases": ["the chatgpt maker"], "ai": True},
    {"id": "xai", "name": "xAI", "kind": "company", "aliases": [], "ai": True},
    {"id": "moonshot", "name": "Moonshot", "kind": "company", "aliases": ["Moonshot AI"], "ai": True},
    {"id": "grok", "name": "Grok", "kind": "model", "aliases": [], "owner": "xAI"},
    {"id": "elon-musk", "name": "Elon Musk", "kind": "person", "aliases": ["Musk", "Mr. Musk"]},
    {"id": "cand", "name": "N.D. Cal.", "kind": "court", "aliases": ["Northern District of California"]},
]


@pytest.fixture(scope="session")
def blank_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    entries = {r["id"]: gazetteer.parse(r) for r in SMALL_GAZETTEER}
    ruler.add_patterns(gazetteer.patterns(entries, nlp.make_doc))
    return nlp


@pytest.fixture(scope="session")
def nlp():
    from ingest.nlp.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def extract(nlp):
    from ingest.nlp.pipeline import extract

    def run(text, **kw):
        return extract(text, nlp=nlp, **kw)
    return run
