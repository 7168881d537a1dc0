"""factory_boy factories and helpers that build Extractions the way the NLP layer returns them."""
from __future__ import annotations

import hashlib

import factory

from casetracker.models import Document, Party
from ingest.nlp import types as nlp


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Article {n}")
    publisher = "The Verge"
    text = factory.Sequence(lambda n: f"Document number {n}. Elon Musk sued OpenAI in federal court.")
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.text.encode()).hexdigest())


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.Sequence(lambda n: f"company-{n}")
    kind = "company"


def span(text: str, needle: str, occurrence: int = 0) -> nlp.Evidence:
    """Evidence for the n-th occurrence of needle in text, with its sentence bounds."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    end = start + len(needle)
    sent_start = max(text.rfind(". ", 0, start) + 2, 0) if text.rfind(". ", 0, start) >= 0 else 0
    sent_end = text.find(". ", end)
    sent_end = len(text) if sent_end < 0 else sent_end + 1
    return nlp.Evidence(start, end, sent_start, sent_end)


def party(text, name, kind="company", role="other", surface=None, gid=None, owner=None):
    surface = surface or name
    return nlp.PartyX(name=name, kind=kind, role=role, gazetteer_id=gid, owner=owner, surface_forms=[surface],
                      evidence=[span(text, surface)])
