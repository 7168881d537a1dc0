"""Quotes and their speakers.

Spans: double quotes, straight or curly (a curly quote left open at a paragraph's end runs on to the next
paragraph's opening mark), and single curly or straight quotes of two words or more outside double ones.

Not quotes: scare-quoted and defined terms ("known as the “teacher”", "what it calls “distillation
attacks”", "(collectively, “Plaintiffs”)", "words like “stolen”"), titles of works (“A Game of Thrones”),
technical terms used as a noun's modifier (Perplexity's AI “answer engine”), and quotations of statutes,
rules or terms of service.

Speaker: the subject of the speech verb that governs the quote (climbing from participles such as
"noting", "stating"), resolved through pronouns ("she said" -> the judge), groups ("they write" -> the
first publisher), written sources ("the complaint said" -> the plaintiff; "an OpenAI spokesperson" ->
OpenAI; "Anthropic's blog post notes" -> Anthropic; "lawyers for the music companies write" -> the first
music company); the object of "according to"; for a quote standing alone, the speaker of the quote just
before it. None only when the text names no one.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from ingest.nlp import layout
from ingest.nlp.mentions import Mention, covering
from ingest.nlp.types import Evidence, QuoteX

SPEECH = {"say", "tell", "add", "note", "write", "state", "testify", "reply", "answer", "respond", "explain",
          "argue", "claim", "contend", "confirm", "clarify", "acknowledge", "admit", "warn", "insist", "assert",
          "declare", "describe", "call", "ask", "announce", "post", "tweet", "comment", "remark", "recall",
          "conclude", "find", "rule", "hold", "order", "counter", "maintain", "suggest", "urge", "emphasize",
          "stress", "complain", "concede", "agree", "allege", "accuse", "caution", "observe", "predict", "promise",
          "vow", "characterize", "dub", "quip", "joke", "continue", "read", "deny", "blast", "slam", "praise",
          "hail", "criticize", "lament", "put", "press", "affirm", "believe", "quote", "cite", "mark", "retreat",
          "highlight", "label", "brand", "decry", "seek", "want", "push", "demand", "refer", "opine", "sidestep",
          "stat", "reiterate", "recognise", "recognize", "disagree", "echo", "tout", "boast", "pledge", "vow"}
WRITTEN = {"post", "blog", "statement", "spokesperson", "spokeswoman", "spokesman", "lawsuit", "complaint",
           "filing", "suit", "report", "memo", "letter", "representative", "email", "lawyer", "lawyers", "attorney",
           "attorneys", "motion", "brief", "order", "ruling", "opinion", "announcement", "website", "paper", "papers",
           "update", "note", "tweet", "message", "response", "counsel", "team", "petition", "decision", "site",
           "spokespeople", "representatives", "executive", "officials", "official", "document", "documents",
           "article", "story"}
FILED = {"lawsuit", "complaint", "suit", "filing", "petition", "papers", "claim", "claims", "brief", "motion",
         "case", "action", "plaintiffs", "plaintiff", "counterclaim"}
RULES = {"terms", "policy", "policies", "rule", "rules", "statute", "act", "law", "guidelines", "agreement",
         "section", "code", "provision"}
SCARE = re.compile(r"(?:\b(?:called|calls|named|dubbed|dubs|termed|known as|so-called|labell?ed|labels|nicknamed|branded|coined|"
                   r"words? like|terms? like|phrases? like|such as|the term|the word|the phrase|the label|"
                   r"referred to as|refers to as|what (?:it|he|she|they|the company|\w+) (?:calls?|called|terms?|"
                   r"describes? as|dubs?)|calling (?:this|it|them|that)(?: an?| the)?|call(?:s|ed)? (?:this|it|them)"
                   r"(?: an?| the)?|as (?:an?|the)|(?:role|part) of (?:an?|the)|like (?:an?|the)|of|in|evidence of|signs of|so|"
                   r"(?:this|that|it) means?|(?:this|that|it) meant)\s*)$", re.I)
OPEN_CLOSE = {"“": "”", '"': '"', "«": "»"}
MAX_QUOTE = 3000
TERMINAL = re.compile(r"[.!?…]['’”\"]?$")


def spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of quoted content, marks excluded."""
    out = []
    pos = 0
    for para in text.split("\n"):
        i = 0
        while i < len(para):
            ch = para[i]
            if ch in OPEN_CLOSE:
                close = OPEN_CLOSE[ch]
                j = para.find(close, i + 1)
                if ch == '"' and j < 0:
                    break
                if ch == "“" and j < 0:  # “...," closed by a straight mark
                    j = para.find('"', i + 1)
                if j < 0:
                    j = len(para)  # a quote running on to the next paragraph
                if j - i - 1 > 0 and j - i <= MAX_QUOTE:
                    out.append((pos + i + 1, pos + j))
                i = j + 1
                continue
            i += 1
        pos += len(para) + 1
    doubles = list(out)
    for m in re.finditer(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=[A-Za-z])([^‘’'\n]{3,400}?[A-Za-z.,!?])[’'](?=[\s,.;:!?)\]—–-]|$)",
                         text):
        s, e = m.start(1), m.end(1)
        if len(m.group(1).split()) < 2 or any(a <= s < b for a, b in doubles):
            continue
        out.append((s, e))
    return sorted(out)


def _is_term(doc: Doc, text: str, q0: int, q1: int, content: str) -> bool:
    """A scare-quoted, defined or technical term, or a title, not speech."""
    words = content.split()
    before = text[max(0, q0 - 45):q0 - 1]
    after = text[q1 + 1:q1 + 40]
    short = len(words) <= 5
    if short and SCARE.search(before.rstrip(" ,")):
        return True
    if re.search(r"\((?:[^()]{0,25},\s*)?$|\bor\s*$", before) and len(words) <= 4 and re.match(r"\s*[”\"]?\s*(?:\)|or\b)", after):
        return True  # (“Plaintiffs”), (collectively, “Plaintiffs”), (“plaintiff” or “Olivet”)
    if len(words) >= 2 and len(words) <= 8 and not TERMINAL.search(content) and all(
            w[:1].isupper() or w.lower() in ("of", "the", "a", "an", "and", "in", "on", "to", "for") for w in words):
        return True  # a title
    if re.match(r"\W{0,3}(?:Fed\. R\.|Id\.|U\.S\.C\.|\d+ U\.S\.C|Rule \d)", after):
        return True  # a rule quoted
    if len(words) <= 3 and not TERMINAL.search(content):
        span = doc.char_span(q0, q1, alignment_mode="expand")
        nxt = doc.char_span(q1 + 1, min(len(text), q1 + 40), alignment_mode="expand")
        if span is not None and len(span) and all(t.pos_ in ("NOUN", "PROPN", "PUNCT") for t in span):
            first_after = next((t for t in (nxt or []) if not t.is_space), None)
            if first_after is not None and first_after.pos_ in ("NOUN", "PROPN") and first_after.idx <= q1 + 3:
                return True  # “hydra cluster” architectures
            prev = doc[span.start - 1] if span.start > 0 else None
            while prev is not None and prev.is_punct and prev.i > 0:
                prev = doc[prev.i - 1]
            if prev is not None and prev.pos_ in ("NOUN", "PROPN", "NUM") and prev.lower_ not in WRITTEN:
                return True  # Perplexity's AI “answer engine”, used 24,000 "sock puppet accounts"
    return False


def _climb(verb):
    """The verbs a speech verb hangs from ("noting", "stating", "adding" hang from the main verb)."""
    out = [verb]
    v = verb
    for _ in range(3):
        if v.dep_ in ("advcl", "xcomp", "conj", "ccomp", "pcomp", "acl", "relcl") and v.head.i != v.i:
            v = v.head
            out.append(v)
        else:
            break
    return out


def _speaker_of(doc: Doc, verb, ms, roles, offset) -> tuple[Optional[str], bool]:
    """(speaker name, the verb has a subject at all)."""
    for v in _climb(verb):
        subjects = [c for c in v.children if c.dep_ in ("nsubj", "agent") or
                    c.dep_ == "nsubjpass" and v.lemma_.lower() in ("quote", "cite")]
        # a subject the parser took from inside the quote ("... that data into its engine," Reddit writes) last
        subjects.sort(key=lambda c: offset <= c.idx < v.idx)
        for n, child in enumerate(subjects):
            who = child
            if child.dep_ == "agent":
                who = next((c for c in child.children if c.dep_ == "pobj"), child)
            if who.lower_ in RULES or who.lemma_.lower() in RULES:
                return "__rules__", True
            name = _name_for(doc, who, ms, roles, offset)
            if name or n == len(subjects) - 1:
                return name, True
        for child in v.children:  # "the complaint states" parsed as a compound
            if child.dep_ in ("compound", "npadvmod", "nmod") and child.i < v.i and child.pos_ in ("NOUN", "PROPN"):
                name = _name_for(doc, child, ms, roles, offset)
                if name:
                    return name, True
    return None, False


PERSON_WORDS = {"attorney", "lawyer", "spokesperson", "spokeswoman", "spokesman", "officer", "counsel", "executive",
                "president", "ceo", "chief", "founder", "director", "head", "analyst", "expert", "representative"}


def _name_for(doc: Doc, tok, ms, roles, offset) -> Optional[str]:
    if tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "Elon Musk, who stated" -> Elon Musk
    m = covering(ms, doc, tok.i)
    if m and m.kind not in ("court",):
        return m.group[0] if m.resolved and m.group else m.name
    if tok.lower_.rstrip(".") in ("hon", "honorable", "honourable"):  # "said the Hon. Sidney H. Stein"
        for t in doc[tok.i + 1:tok.i + 4]:
            m = covering(ms, doc, t.i)
            if m and m.kind in ("person", "judge"):
                return m.name
    low = tok.lemma_.lower()
    if tok.pos_ in ("NOUN", "PROPN"):
        for sub in tok.subtree:  # "Disney's chief legal officer Horacio Gutierrez", "attorney, Matt Topic of ..."
            m = covering(ms, doc, sub.i)
            if m and m.kind in ("person", "judge", "lawyer") and sub.i != tok.i:
                return m.name
        if tok.lower_ in PERSON_WORDS | {"spokespeople"} and any(c.lower_ in ("company", "firm", "startup")
                                                                 for c in tok.children):
            return _nearest_org(doc, ms, offset)
    if low in WRITTEN or tok.lower_ in WRITTEN or low in FILED:
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "nmod"):
                m = covering(ms, doc, child.i)
                if m and m.kind != "court":
                    return m.group[0] if m.group and m.resolved else m.name
                if child.lower_ in ("company", "firm", "startup"):
                    return _nearest_org(doc, ms, offset)
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "from", "at"):
                for obj in child.children:
                    m = covering(ms, doc, obj.i)
                    if m:
                        return m.group[0] if m.group else m.name
        for sub in tok.subtree:
            m = covering(ms, doc, sub.i)
            if m and m.kind in ("company", "person", "agency"):
                return m.group[0] if m.group and m.resolved else m.name
        if low in FILED or tok.lower_ in FILED:
            return _filer(roles)
        if tok.lower_ in ("article", "story", "report"):  # "the story goes on to say": the outlet named before
            before = [m for m in ms if m.end <= tok.idx and m.kind == "outlet"]
            if before:
                return before[-1].name
    if tok.lower_ in ("plaintiffs", "plaintiff", "authors", "publishers", "studios"):
        return _filer(roles)
    if tok.pos_ == "PROPN":
        parts = [t for t in tok.subtree if t.dep_ in ("compound", "flat") or t.i == tok.i]
        name = " ".join(t.text for t in sorted(parts, key=lambda t: t.i))
        return name if name[:1].isupper() else None
    return None


def _filer(roles) -> Optional[str]:
    return next((n for n, r in (roles or {}).items() if r == "plaintiff"), None)


def _nearest_org(doc, ms, offset) -> Optional[str]:
    from ingest.nlp.mentions import _antecedent

    m = _antecedent(doc, ms, offset, ("company",), False)
    return m.name if m else None


def _said_by_description(doc: Doc, verb, ms) -> bool:
    """The speech verb's subject is a description resolved by proximity ("the company says")."""
    for c in verb.children:
        if c.dep_ == "nsubj":
            m = covering(ms, doc, c.i)
            if not (m and m.resolved and m.kind in ("company", "agency") and m.text.lower().split()[0] in ("the", "this")):
                return False
            # resolved to a company named earlier in this very sentence (most likely inside the quoted matter)
            return any(x.name == m.name and not x.resolved and x.sent_start == m.sent_start and x.start < m.start
                       for x in ms)
    return False


def _cue_verbs(doc: Doc, sents, q0: int, q1: int):
    verbs = []
    for sent in sents:
        for tok in sent:
            if q0 <= tok.idx < q1:
                continue
            if (tok.lemma_.lower() in SPEECH or tok.lower_ in SPEECH or tok.lower_.rstrip("s") in SPEECH) and (
                    tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT" or any(c.dep_ == "nsubj" for c in tok.children)):
                governs = any(q0 <= t.idx < q1 for t in tok.subtree)
                dist = min(abs(tok.idx - q0), abs(tok.idx - q1))
                verbs.append((0 if governs else 1, dist, tok))
    return [t for _, _, t in sorted(verbs, key=lambda x: (x[0], x[1]))]


def _speech_above(doc: Doc, opening, closing) -> bool:
    """A short quote is speech when a speech verb is among the ancestors of its words ("answering
    “partially”", "said she will issue a ruling “expeditiously”"), not a term ("block “distillation
    attacks”")."""
    inner = [t for t in doc[opening.end:closing.start]] or [opening[-1]]
    for t in inner:
        for a in list(t.ancestors)[:5]:
            if (a.lemma_.lower() in SPEECH or a.lower_ in SPEECH) and a.i not in range(opening.end, closing.start):
                return True
    return False


def _according_to(doc: Doc, sents, ms, roles, offset):
    """The source of "according to X" ("" when X names no one: "according to a legal expert"), or None."""
    for sent in sents:
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to":
                for t in doc[tok.i + 2:min(len(doc), tok.i + 8)]:
                    name = _name_for(doc, t, ms, roles, offset) if (covering(ms, doc, t.i) or t.pos_ == "NOUN") else None
                    if name:
                        return name
                return ""
    return None


def find(doc: Doc, mentions: list[Mention]) -> list[QuoteX]:
    text = doc.text
    roles = doc._.ct_roles if doc.has_extension("ct_roles") else {}
    quotes: list[QuoteX] = []
    last: Optional[tuple[str, int]] = None
    for q0, q1 in spans(text):
        content = text[q0:q1].strip()
        if not content or not any(ch.isalpha() for ch in content):
            continue
        opening = doc.char_span(q0, q0 + 1, alignment_mode="expand")
        closing = doc.char_span(max(q0, q1 - 1), q1, alignment_mode="expand")
        if opening is None or closing is None or not len(opening) or not len(closing):
            continue
        if _is_term(doc, text, q0, q1, content):
            continue
        first_sent, last_sent = layout.sent_of(doc, opening[0].i), layout.sent_of(doc, closing[-1].i)
        sents = [first_sent] if first_sent.start == last_sent.start else [first_sent, last_sent]
        words = content.split()
        short = len(words) <= 3 and not TERMINAL.search(content)
        speaker, has_cue = None, False
        for verb in _cue_verbs(doc, sents, q0 - 1, q1 + 1):
            speaker, _ = _speaker_of(doc, verb, mentions, roles, q0)
            has_cue = True
            if speaker:
                if last and last[0] != speaker and q0 - last[1] < 1500 and _said_by_description(doc, verb, mentions) \
                        and any(m.name == last[0] and m.kind in ("company", "agency") for m in mentions):
                    speaker = last[0]  # "..., the company says": the company quoted so far, not the one named last
                break
        if speaker == "__rules__":
            continue  # a rule or the terms of service quoted
        unnamed = False
        if speaker is None:
            speaker = _according_to(doc, sents, mentions, roles, q0)
            has_cue = has_cue or speaker is not None
            if speaker == "":
                speaker, unnamed = None, True
        standalone = (text[first_sent.start_char:q0].strip(" “\"‘'—–-:") == "" and
                      text[q1:last_sent.end_char].strip(" .,”\"’'") == "")
        if short and not (has_cue and _speech_above(doc, opening, closing)):
            continue
        if speaker is None and not unnamed and last and (
                (has_cue or standalone) and q0 - last[1] < 1200 or not short and q0 - last[1] < 600):
            speaker = last[0]
            has_cue = True
        if speaker is None and not has_cue and not standalone:
            continue  # a title, a term or a scare quote with no one saying it
        if speaker is None and len(words) < 4 and not has_cue:
            continue
        if speaker:
            last = (speaker, q1)
        ev = Evidence(q0, q1, first_sent.start_char, last_sent.end_char)
        quotes.append(QuoteX(text=content.rstrip(",").strip(), speaker=speaker, cue=None, evidence=[ev]))
    return quotes
