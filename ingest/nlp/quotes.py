"""Quotes and their speakers.

Quoted spans are found in the raw text (curly and straight marks, per paragraph). A span is speech
when a speech verb governs it or it stands as a sentence of its own; short spans ("partly") only with
a speech verb, and never after scare-quote markers ("what it calls", "known as"). The speaker is the
subject of the speech verb (climbing from participles such as "noting"), the possessor of a written
statement ("Anthropic's blog post notes"), the object of "according to", a resolved pronoun, or, for
a quote standing alone, the speaker of the quotes just before it. None when the text names none.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from ingest.nlp.mentions import Mention, covering
from ingest.nlp.types import Evidence, QuoteX

SPEECH = {"say", "tell", "add", "note", "write", "state", "testify", "reply", "answer", "respond", "explain",
          "argue", "claim", "contend", "confirm", "clarify", "acknowledge", "admit", "warn", "insist", "assert",
          "declare", "describe", "call", "ask", "announce", "post", "tweet", "comment", "remark", "recall",
          "conclude", "find", "rule", "hold", "order", "counter", "maintain", "suggest", "urge", "emphasize",
          "stress", "complain", "concede", "agree", "allege", "accuse", "caution", "observe", "predict", "promise",
          "vow", "characterize", "dub", "quip", "joke", "continue", "added", "says", "said", "noting", "wrote",
          "saying", "read", "reads", "deny", "blast", "slam", "praise", "hail", "criticize", "lament", "put"}
WRITTEN = {"post", "blog", "statement", "spokesperson", "spokeswoman", "spokesman", "lawsuit", "complaint",
           "filing", "suit", "report", "memo", "letter", "representative", "email", "lawyer", "lawyers", "attorney",
           "attorneys", "motion", "brief", "order", "ruling", "opinion", "announcement", "website", "paper",
           "update", "note", "tweet", "message", "response", "counsel", "team", "petition", "decision", "judge"}
SCARE = re.compile(r"(?:\b(?:called|calls|call|dubbed|dubs|termed|terms|known as|so-called|labell?ed|labels|"
                   r"as an?|as the|the term|the word|the phrase|referred to as|refers to as|what (?:it|he|she|they|"
                   r"the company) (?:calls?|terms?|describes? as|dubs?)|of|a|an|the|its|their|his|her|our|so|in)\s*)$",
                   re.I)
OPEN_CLOSE = {"“": "”", '"': '"', "«": "»"}
MAX_QUOTE = 3000


def spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of quoted content, marks excluded."""
    out = []
    pos = 0
    for para in re.split(r"(\n)", text):
        if para == "\n":
            pos += 1
            continue
        i = 0
        while i < len(para):
            ch = para[i]
            if ch in OPEN_CLOSE:
                close = OPEN_CLOSE[ch]
                j = para.find(close, i + 1)
                if ch == '"' and j < 0:
                    break
                if j < 0:
                    j = len(para)  # a quote running on to the next paragraph
                if j - i - 1 > 0 and j - i <= MAX_QUOTE:
                    out.append((pos + i + 1, pos + j))
                i = j + 1
                continue
            i += 1
        pos += len(para)
    return out


def _speaker_of(doc: Doc, verb, mentions: list[Mention], depth: int = 0) -> tuple[Optional[str], bool]:
    """(speaker name, found a subject at all) for a speech verb."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.dep_ != "nsubjpass" or child.dep_ == "agent":
            who = child if child.dep_ != "agent" else next((c for c in child.children if c.dep_ == "pobj"), child)
            return _name_for(doc, who, mentions), True
    if verb.dep_ in ("advcl", "xcomp", "conj", "ccomp", "pcomp", "acl", "relcl") and depth < 3 and verb.head is not verb:
        return _speaker_of(doc, verb.head, mentions, depth + 1)
    return None, False


def _name_for(doc: Doc, tok, mentions: list[Mention]) -> Optional[str]:
    m = covering(mentions, doc, tok.i)
    if m and m.kind not in ("court", "outlet"):
        return m.name
    if tok.lemma_.lower() in WRITTEN or tok.lower_ in WRITTEN:
        for child in tok.children:
            if child.dep_ == "poss":
                m = covering(mentions, doc, child.i)
                if m:
                    return m.name
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "from"):
                for obj in child.children:
                    m = covering(mentions, doc, obj.i)
                    if m:
                        return m.name
        for sub in tok.subtree:
            m = covering(mentions, doc, sub.i)
            if m and m.kind in ("company", "person", "agency"):
                return m.name
    if tok.pos_ == "PROPN":
        parts = [t for t in tok.subtree if t.dep_ in ("compound", "flat") or t is tok]
        name = " ".join(t.text for t in sorted(parts, key=lambda t: t.i))
        return name if name[:1].isupper() else None
    return None


def _cue_verbs(doc: Doc, sents, q0: int, q1: int):
    verbs = []
    for sent in sents:
        for tok in sent:
            if q0 <= tok.idx < q1:
                continue
            if tok.pos_ in ("VERB", "AUX") and (tok.lemma_.lower() in SPEECH or tok.lower_ in SPEECH):
                dist = min(abs(tok.idx - q0), abs(tok.idx - q1))
                verbs.append((dist, tok))
    return [t for _, t in sorted(verbs, key=lambda x: x[0])]


def _according_to(doc: Doc, sents, mentions):
    for sent in sents:
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to":
                m = covering(mentions, doc, tok.i + 2)
                if m:
                    return m.name
    return None


def find(doc: Doc, mentions: list[Mention]) -> list[QuoteX]:
    text = doc.text
    quotes: list[QuoteX] = []
    last_speaker: Optional[tuple[str, int]] = None
    for q0, q1 in spans(text):
        content = text[q0:q1].strip()
        if not content or not any(ch.isalpha() for ch in content):
            continue
        words = content.split()
        opening = doc.char_span(q0, q0 + 1, alignment_mode="expand")
        closing = doc.char_span(max(q0, q1 - 1), q1, alignment_mode="expand")
        if opening is None or closing is None or not len(opening) or not len(closing):
            continue
        first_sent, last_sent = opening[0].sent, closing[-1].sent
        sents = [first_sent] if first_sent == last_sent else [first_sent, last_sent]
        before = text[max(first_sent.start_char, q0 - 40):q0 - 1]
        short = len(words) <= 3 and not re.search(r"[.!?]$", content)
        if SCARE.search(before.rstrip(" ,")) and (short or len(words) <= 5):
            continue
        speaker, has_cue = None, False
        for verb in _cue_verbs(doc, sents, q0 - 1, q1 + 1):
            speaker, has_subject = _speaker_of(doc, verb, mentions)
            has_cue = True
            if speaker:
                break
        if speaker is None:
            speaker = _according_to(doc, sents, mentions)
            has_cue = has_cue or speaker is not None
        standalone = (text[first_sent.start_char:q0].strip(" “\"") == "" and
                      text[q1:last_sent.end_char].strip(" .,”\"") == "")
        if short and not has_cue:
            continue
        if speaker is None and (has_cue or standalone) and last_speaker and q0 - last_speaker[1] < 1500:
            speaker = last_speaker[0]
        if speaker is None and not has_cue and not standalone:
            continue  # a title, a term or a scare quote with no one saying it
        if speaker is None and len(words) < 4:
            continue
        if speaker:
            last_speaker = (speaker, q1)
        ev = Evidence(q0, q1, first_sent.start_char, last_sent.end_char)
        quotes.append(QuoteX(text=content.rstrip(",").strip(), speaker=speaker, cue=None, evidence=[ev]))
    return quotes
