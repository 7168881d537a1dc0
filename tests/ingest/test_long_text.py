"""Inputs up to INGEST_MAX_BYTES are extracted whole: a text longer than a piece (PIECE_CHARS, never more than
nlp.max_length) is parsed in pieces cut between paragraphs or sentences, and every evidence offset is shifted
back into the whole text."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.nlp.pipeline import extract, extract_many, get_nlp, split_pieces

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TEXT = "\n\n".join(p.read_text() for p in sorted(SAMPLES.glob("*.txt")))  # ~20,000 characters, 5 articles
PIECE = 3000


KINDS = ("parties", "quotes", "allegations", "cases", "claims", "events")


def _spans(extraction, kinds=KINDS):
    return {(kind, e.start, e.end) for kind in kinds for fact in getattr(extraction, kind) for e in fact.evidence}


def _sentences(extraction, kinds=KINDS):
    return {(kind, e.start, e.end): (e.sent_start, e.sent_end)
            for kind in kinds for fact in getattr(extraction, kind) for e in fact.evidence}


def _same_sentences(pieced, whole, kinds):
    """The sentence of each span is the whole extraction's (at a piece's end, up to its closing quote mark)."""
    ours, theirs = _sentences(pieced, kinds), _sentences(whole, kinds)
    for key, (start, end) in ours.items():
        w_start, w_end = theirs[key]
        assert TEXT[start:end].strip(" \n\"”") == TEXT[w_start:w_end].strip(" \n\"”"), key


@pytest.fixture(scope="module")
def whole():
    return extract(TEXT)


@pytest.fixture(scope="module")
def pieced():
    return next(extract_many([(TEXT, {})], piece_chars=PIECE))


def test_pieces_cover_the_text_and_are_cut_between_paragraphs_or_sentences():
    pieces = split_pieces(TEXT, PIECE)
    assert len(pieces) > 5 and pieces[0][0] == 0 and pieces[-1][1] == len(TEXT)
    assert all(a < b <= a + PIECE for a, b in pieces) and all(b == c for (_, b), (c, _) in zip(pieces, pieces[1:]))
    ends = [TEXT[:b] for _, b in pieces[:-1]]
    assert all(e.endswith("\n") or re.search(r"[.!?][\"”’)]?\s+$", e) for e in ends)
    assert sum(e.endswith("\n\n") for e in ends) >= 3  # a blank line first where there is one
    assert split_pieces(TEXT, len(TEXT)) == [(0, len(TEXT))]


def test_a_paragraph_longer_than_a_piece_is_cut_between_sentences():
    sentence = "Mr. Musk told the court on Tuesday that xAI had used OpenAI's models, according to Dr. Lee. "
    text = sentence * 40
    pieces = split_pieces(text, 500)
    assert len(pieces) >= 8 and "".join(text[a:b] for a, b in pieces) == text
    assert all(text[a:].startswith("Mr. Musk") for a, _ in pieces)  # never after "Mr." or "Dr."


def test_every_pieced_evidence_span_points_at_the_same_text_as_the_whole_extraction(whole, pieced):
    assert pieced.quotes and pieced.allegations and pieced.parties
    same = ("parties", "quotes", "allegations")  # found sentence by sentence: the same spans, pieces or not
    assert _spans(pieced, same) <= _spans(whole, same)
    _same_sentences(pieced, whole, same)
    # the same quotes, but for at most two: the learned quote decisions read the context before a quote (the
    # last speaker, an earlier attribution), which a piece boundary cuts; a speaker named only in an earlier
    # piece ("he said") may likewise stay unresolved
    texts_pieced, texts_whole = [q.text for q in pieced.quotes], [q.text for q in whole.quotes]
    assert len(set(texts_pieced) ^ set(texts_whole)) <= 2 and len(texts_whole) >= 10
    speakers = {q.text: q.speaker for q in whole.quotes}
    assert sum(speakers.get(q.text) == q.speaker for q in pieced.quotes) >= len(whole.quotes) - 4
    for q in pieced.quotes:
        for e in q.evidence:
            assert q.text[:40] in TEXT[e.start:e.end]
    for (kind, start, end), (sent_start, sent_end) in _sentences(pieced).items():
        assert sent_start <= start < end <= sent_end, kind
    # and no piece boundary falls inside a sentence any fact of the whole-text extraction came from
    bounds = [b for _, b in split_pieces(TEXT, PIECE)[:-1]]
    for sent_start, sent_end in _sentences(whole).values():
        assert not any(sent_start < b < sent_end for b in bounds), (sent_start, sent_end)


def test_a_text_over_nlp_max_length_extracts_without_E088(whole):
    nlp = get_nlp()
    saved = nlp.max_length
    nlp.max_length = 5000  # stands in for spaCy's 1,000,000 so the test stays fast
    try:
        with pytest.raises(ValueError, match="E088"):
            nlp.make_doc(TEXT)
        extraction = next(extract_many([(TEXT, {})]))
    finally:
        nlp.max_length = saved
    assert len({q.text for q in extraction.quotes} ^ {q.text for q in whole.quotes}) <= 2  # as above
    assert extraction.quotes and extraction.allegations
    assert _spans(extraction, ("quotes", "allegations")) <= _spans(whole, ("quotes", "allegations"))
    _same_sentences(extraction, whole, ("quotes", "allegations"))


def test_long_and_short_texts_in_one_call_keep_their_order(pieced):
    short = [p.read_text() for p in sorted(SAMPLES.glob("*.txt"))[:2]]
    out = list(extract_many([(short[0], {}), (TEXT, {}), (short[1], {})], batch_size=1, piece_chars=PIECE))
    assert len(out) == 3
    assert [q.text for q in out[0].quotes] == [q.text for q in extract(short[0]).quotes]
    assert [q.text for q in out[1].quotes] == [q.text for q in pieced.quotes]
    assert [q.text for q in out[2].quotes] == [q.text for q in extract(short[1]).quotes]
