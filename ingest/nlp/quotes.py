"""Quotes and their speakers.

Spans: double quotes, straight or curly (a curly quote left open at a paragraph's end runs on to the next
paragraph's opening mark), and single curly or straight quotes of two words or more outside double ones (a single
curly one left open at a paragraph's end too, when the next paragraph opens with one).

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

from ingest.nlp import goldmatch, layout, learn, rules
from ingest.nlp.mentions import JUNK, Mention, citation_division, covering
from ingest.nlp.dates import text_of
from ingest.nlp.types import Evidence, QuoteX


def _lex(role: str) -> frozenset:
    return rules.lexicon("quotes", role)


SPEECH = _lex("speech_verb")
WRITTEN = _lex("written_source")
FILED = _lex("filed_source")
RULES = _lex("rules_source")
OWN_LABEL = _lex("own_label")
MOUTHPIECE = _lex("mouthpiece")
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
    # a single curly quote left open at a paragraph's end whose next paragraph opens with one again: the British
    # way of quoting over paragraphs ("said their clients ‘fully understand … to the court.\n‘They are …’")
    for m in re.finditer(r"(?m)(?:^|(?<=[\s(\[—–-]))‘(?=[A-Za-z])([^‘’\n]{10,1500}?)[ \t]*$(?=\n+‘)", text):
        s, e = m.start(1), m.end(1)
        if len(m.group(1).split()) >= 2 and not any(a <= s < b for a, b in doubles):
            out.append((s, e))
    return sorted(out)


TITLE_WORDS = _lex("title_word")


SCARE_WINDOW = 8  # tokens before the opening mark a scare cue may span ("what the company calls")


def _scare_cue(doc: Doc, first: int) -> bool:
    """A scare cue ("known as", "what it calls", "words like") ends right before the quote's opening mark (the
    Matcher runs on the few tokens before the quote only)."""
    i = first
    while i > 0 and (doc[i - 1].is_quote or doc[i - 1].is_space or doc[i - 1].text in OPEN_CLOSE):
        i -= 1
    if i <= 0:
        return False
    start = max(0, i - SCARE_WINDOW)
    ends = {start + e for _, _, e in rules.matcher(doc.vocab, "quotes", "scare_cue")(doc[start:i])}
    return i in ends or i > 0 and doc[i - 1].text == "," and i - 1 in ends


def _term_reason(doc: Doc, text: str, q0: int, q1: int, content: str, first: int) -> Optional[str]:
    """Why the quoted span looks like a scare-quoted, defined or technical term, a title or a rule (else None)."""
    words = content.split()
    before = text[max(0, q0 - 45):q0 - 1]
    after = text[q1 + 1:q1 + 40]
    short = len(words) <= 5
    if re.search(r"\((?:[^()]{0,25},\s*)?$|\bor\s*$", before) and len(words) <= 4 and re.match(r"\s*[”\"]?\s*(?:\)|or\b)", after):
        return "defined"  # (“Plaintiffs”), (collectively, “Plaintiffs”), (“plaintiff” or “Olivet”)
    if len(words) >= 2 and len(words) <= 8 and not TERMINAL.search(content) and all(
            w[:1].isupper() or w.lower() in TITLE_WORDS for w in words):
        return "title"  # before the scare cues: "copyrights in “A Game of Thrones”" is a title, whatever precedes it
    if short and _scare_cue(doc, first):
        return "scare_cue"
    if re.match(r"\W{0,3}(?:Fed\. R\.|Id\.|U\.S\.C\.|\d+ U\.S\.C|Rule \d)", after):
        return "rule_cited"
    if len(words) <= 3 and not TERMINAL.search(content):
        span = doc.char_span(q0, q1, alignment_mode="expand")
        nxt = doc.char_span(q1 + 1, min(len(text), q1 + 40), alignment_mode="expand")
        if span is not None and len(span) and all(t.pos_ in ("NOUN", "PROPN", "PUNCT") for t in span):
            first_after = next((t for t in (nxt or []) if not t.is_space), None)
            if first_after is not None and first_after.pos_ in ("NOUN", "PROPN") and first_after.idx <= q1 + 3:
                return "modifier"  # “hydra cluster” architectures
            prev = doc[span.start - 1] if span.start > 0 else None
            while prev is not None and prev.is_punct and prev.i > 0:
                prev = doc[prev.i - 1]
            if prev is not None and prev.pos_ in ("NOUN", "PROPN", "NUM") and prev.lower_ not in WRITTEN:
                return "after_noun"  # Perplexity's AI “answer engine”, used 24,000 "sock puppet accounts"
    return None


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


PERSON_WORDS = _lex("person_word")
COMPANY_WORDS = _lex("company_word")
FILER_LABELS = _lex("filer_label")
HONORIFIC = _lex("honorific")


def _name_for(doc: Doc, tok, ms, roles, offset) -> Optional[str]:
    if tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "Elon Musk, who stated" -> Elon Musk
    m = covering(ms, doc, tok.i)
    if m and m.kind not in ("court",):
        if m.name.lower() in FILER_LABELS:  # a defined label for the filers ("(the “Publishers”)"): the filer named
            return _filer(roles, ms, offset) or _doc_filer(doc, ms) or m.name
        return m.group[0] if m.resolved and m.group else m.name
    if tok.lower_.rstrip(".") in HONORIFIC:  # "said the Hon. Sidney H. Stein"
        for t in doc[tok.i + 1:tok.i + 4]:
            m = covering(ms, doc, t.i)
            if m and m.kind in ("person", "judge"):
                return m.name
    low = tok.lemma_.lower()
    if tok.pos_ in ("NOUN", "PROPN"):
        # "Disney's chief legal officer Horacio Gutierrez", "attorney, Matt Topic of ...", "his agent, Evan
        # Morgenstein" (a name in the phrase before its owner)
        subtree = sorted(tok.subtree, key=lambda t: t.dep_ == "poss" or any(a.dep_ == "poss" for a in t.ancestors
                                                                            if a.i != tok.i and tok in a.ancestors))
        for sub in subtree:
            m = covering(ms, doc, sub.i)
            if m and m.kind in ("person", "judge", "lawyer") and sub.i != tok.i:
                return m.name
        if tok.lower_ in PERSON_WORDS and any(c.lower_ in COMPANY_WORDS
                                                                 for c in tok.children):
            return _nearest_org(doc, ms, offset)
    if low in WRITTEN or tok.lower_ in WRITTEN or low in FILED:
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "nmod"):
                m = covering(ms, doc, child.i)
                if m and m.kind != "court":
                    return m.group[0] if m.group and m.resolved else m.name
                if child.lower_ in COMPANY_WORDS:
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
        if tok.lower_ in MOUTHPIECE and not any(c.dep_ in ("poss", "compound", "prep") for c in tok.children):
            return _nearest_org(doc, ms, offset)  # "the spokesperson said": the organisation spoken of
        if low in FILED or tok.lower_ in FILED:
            return _filer(roles, ms, offset) or _doc_filer(doc, ms) or (_label(tok) if low in OWN_LABEL or tok.lower_ in OWN_LABEL else None)
        if tok.lower_ in ("article", "story", "report"):  # "the story goes on to say": the outlet named before
            before = [m for m in ms if m.end <= tok.idx and m.kind == "outlet"]
            if before:
                return before[-1].name
    if tok.lower_ in FILER_LABELS:
        return _filer(roles, ms, offset) or _doc_filer(doc, ms) or _label(tok)
    if tok.pos_ == "PROPN" and not citation_division(doc, tok.i):  # not "(Admin)" of "[2025] EWHC 1383 (Admin)"
        parts = [t for t in tok.subtree if t.dep_ in ("compound", "flat") or t.i == tok.i]
        name = " ".join(t.text for t in sorted(parts, key=lambda t: t.i))
        # a proper name the recogniser missed; not a word it rejects as a name ("AI", "Court", "Plaintiff")
        return name if name[:1].isupper() and name.lower() not in JUNK else None
    return None


class Label(str):
    """The text's own label for a speaker it never names ("the lawsuit"), as opposed to a name."""


def _label(tok) -> Optional[str]:
    """The text's own label for a filer it never names ("the lawsuit", "the plaintiffs"): the noun with its
    determiner and modifiers, as written."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    parts = [t for t in tok.lefts if t.dep_ in ("det", "amod", "compound", "nmod")] + [tok]
    return Label(" ".join(t.text for t in parts).strip()) or None


def _filer(roles, ms=(), offset: int = 0) -> Optional[str]:
    """The (first-named) plaintiff."""
    return next((n for n, r in (roles or {}).items() if r == "plaintiff"), None)


def _doc_filer(doc: Doc, ms) -> Optional[str]:
    """Who the text says filed or sued (the named subject of its first filing verb: "Reddit sued Anthropic",
    "Ziff Davis filed a lawsuit"), for a filing quoted when the case's roles name no plaintiff."""
    if "ct_doc_filer" not in doc.user_data:
        found = None
        verbs = _lex("filing_verb")
        for tok in doc:
            if tok.lemma_.lower() in verbs and tok.pos_ == "VERB":
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                m = covering(ms, doc, subj.i) if subj is not None else None
                if m is not None and m.kind in ("company", "person", "agency") and not m.in_quote:
                    found = _mname(m)
                    break
                if m is None and subj is not None and subj.tag_ in ("NNS", "NNPS"):
                    found = _named_member(doc, ms, subj.lemma_.lower())  # "authors sued ..."; "Authors, including X"
                    if found:
                        break
        doc.user_data["ct_doc_filer"] = found
    return doc.user_data["ct_doc_filer"]


def _named_member(doc: Doc, ms, lemma: str) -> Optional[str]:
    """The first named member of a group the text calls by a plural noun ("Authors, including Abdi Nazemian",
    "artists such as Sarah Andersen"; patterns role member_cue), anywhere in the text."""
    cues = _lex("member_cue")
    for tok in doc:
        if tok.lemma_.lower() != lemma or tok.tag_ not in ("NNS", "NNPS"):
            continue
        for c in tok.children:
            objs = []
            if c.dep_ == "prep" and c.lower_ in cues:
                objs = [o for o in c.children if o.dep_ == "pobj"]
            elif c.dep_ == "amod" and c.lower_ == "such":
                objs = [o for p in c.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
            elif c.dep_ == "appos":
                objs = [c]
            for o in objs:
                m = covering(ms, doc, o.i)
                if m is not None and m.kind in ("person", "company") and not m.in_quote:
                    return _mname(m)
    return None


def _recent_plaintiff(roles, ms, offset: int) -> Optional[str]:
    """Of several plaintiffs, the one named last before the quote ("We can now add Warner Bros. Discovery to the
    list of studios suing ... 'Superman, Batman ...,' the complaint reads")."""
    plaintiffs = [n for n, r in (roles or {}).items() if r == "plaintiff"]
    for m in reversed([m for m in ms if m.end <= offset]):
        if m.name in plaintiffs or _mname(m) in plaintiffs:
            return m.name if m.name in plaintiffs else _mname(m)
    return None


def _nearest_org(doc, ms, offset) -> Optional[str]:
    from ingest.nlp.mentions import _antecedent

    m = _antecedent(doc, ms, offset, ("company", "agency"), False)
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


def _colon_speaker(text: str, q0: int, ms) -> Optional[str]:
    """A transcript line: a name, a colon and the quote, with nothing else since the last sentence ended
    ("Savitt pressed: “So that's a yes.” Musk: “Partly.”")."""
    for m in reversed(ms):
        if m.end > q0:
            continue
        if m.end < q0 - 4 or m.kind not in SPEAKER_KINDS:
            return None
        if text[m.end:q0].strip(" “\"‘'") != ":":
            return None
        before = text[max(0, m.start - 3):m.start].rstrip(" “\"")
        if before == "" or before[-1:] in ".!?”\"\n:":
            return _mname(m)
        return None
    return None


def _quoted(doc: Doc) -> set:
    """Indices of the tokens inside any quotation (computed once a document)."""
    out = doc.user_data.get("ct_quoted_tokens")
    if out is None:
        from ingest.nlp.mentions import quoted_tokens

        out = doc.user_data["ct_quoted_tokens"] = quoted_tokens(doc)
    return out


def _cue_verbs(doc: Doc, sents, q0: int, q1: int):
    """Speech verbs of the quote's sentences, outside every quotation (a verb inside another quote of the
    sentence is that speaker's words, not the frame), those governing the quote first, then the nearest."""
    verbs = []
    quoted = _quoted(doc)
    for sent in sents:
        for tok in sent:
            if q0 <= tok.idx < q1 or tok.i in quoted:
                continue
            if (tok.lemma_.lower() in SPEECH or tok.lower_ in SPEECH or tok.lower_.rstrip("s") in SPEECH) and (
                    tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT" or any(c.dep_ == "nsubj" for c in tok.children)):
                governs = tok.left_edge.idx < q1 and tok.right_edge.idx >= q0  # a projective subtree
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


def _mname(m: Mention) -> str:
    return m.group[0] if m.resolved and m.group else m.name


SPEAKER_KINDS = ("person", "company", "agency", "judge", "lawyer", "outlet")


def _subject_mention(doc: Doc, sent, ms) -> Optional[Mention]:
    """The mention that is the subject of a sentence's root (or of its first clause)."""
    tok = _subject(sent)
    m = covering(ms, doc, tok.i) if tok is not None else None
    return m if m is not None and m.kind in SPEAKER_KINDS else None


def _subject(sent):
    for tok in sent:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT" and tok.lower_ not in ("who", "which"):
            return tok
    return None


def _subject_name(doc: Doc, sent, ms, roles, offset) -> tuple[Optional[str], bool]:
    """The name of a sentence's subject (a mention, or a proper name the entity recogniser missed), and
    whether it is a mention."""
    m = _subject_mention(doc, sent, ms)
    if m is not None:
        return _mname(m), True
    tok = _subject(sent)
    if tok is not None and tok.pos_ == "PROPN" and covering(ms, doc, tok.i) is None:
        return _name_for(doc, tok, ms, roles, offset), False
    return None, False


def _channel(doc: Doc, m: Mention) -> bool:
    """The mention is where something was reported, not who said it ("told Reuters", "reported by The Verge",
    "in an interview with Bloomberg", "seen by the FT")."""
    if m.kind == "outlet":
        return True
    tok = doc[m.tok]
    report = _lex("report_verb")
    if tok.dep_ in ("dobj", "dative") and tok.head.lemma_.lower() in report:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ in ("by", "to", "with") and (
            tok.head.head.lemma_.lower() in report or tok.head.head.lower_ in _lex("statement_cue")):
        return True
    return False


def _bucket(n: int, edges=(0, 1, 2, 4, 8, 16, 32)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


class _Speakers:
    """Candidate speakers of one quote, with the parse and position features the quote_speaker ranker reads."""

    def __init__(self, doc: Doc, ms, roles, text: Optional[str] = None):
        self.doc, self.ms, self.roles = doc, ms, roles or {}
        self.counts: dict[str, int] = {}
        for m in ms:
            if m.kind in SPEAKER_KINDS:
                self.counts[_mname(m)] = self.counts.get(_mname(m), 0) + 1
        self.top = max(self.counts, key=self.counts.get) if self.counts else None
        self.sents = layout.sents(doc)
        self.text = text_of(doc) if text is None else text
        head = _subject_mention(doc, self.sents[0], ms) if self.sents else None
        self.headline = _mname(head) if head is not None else None

    def _sent_index(self, tok_i: int) -> int:
        s = layout.sent_of(self.doc, tok_i)
        return self.doc.user_data["ct_sent_starts"].index(s.start)

    def candidates(self, q0, q1, first_sent, last_sent, verbs, rule, according, last, standalone, rule_how="none"):
        doc, ms = self.doc, self.ms
        found: dict[str, set] = {}

        def add(name, source):
            if name and name != "__rules__":
                found.setdefault(name, set()).add(source)

        add(rule, "rule")
        for n, verb in enumerate(verbs[:3]):
            who, _ = _speaker_of(doc, verb, ms, self.roles, q0)
            add(who, f"cue_subject{min(n, 1)}")
        add(according, "according_to")
        near = [m for m in ms if m.kind in SPEAKER_KINDS and first_sent.start_char <= m.start < last_sent.end_char
                and not (q0 <= m.start < q1)]
        before = [m for m in near if m.end <= q0]
        after = [m for m in near if m.start >= q1]
        if before:
            add(_mname(before[-1]), "before")
        if after:
            add(_mname(after[0]), "after")
        fi = self._sent_index(first_sent.start)
        li = self._sent_index(last_sent.start)
        if fi > 0:
            add(_subject_name(doc, self.sents[fi - 1], ms, self.roles, q0)[0], "prev_subject")
        if li + 1 < len(self.sents):
            add(_subject_name(doc, self.sents[li + 1], ms, self.roles, q0)[0], "next_subject")
        if last:
            add(last[0], "last_speaker")
        add(_filer(self.roles), "filer")
        add(_doc_filer(doc, ms), "doc_filer")
        add(_recent_plaintiff(self.roles, ms, q0), "recent_plaintiff")
        add(self.headline, "headline_subject")

        text = self.text
        filed_cue = any(t.lemma_.lower() in FILED or t.lower_ in FILED for s in {first_sent.start: first_sent, last_sent.start: last_sent}.values()
                        for t in s if not (q0 <= t.idx < q1))
        para0 = text.rfind("\n", 0, q0) + 1
        para1 = text.find("\n", q1)
        para1 = len(text) if para1 < 0 else para1
        out = []
        for name, sources in found.items():
            f: dict = {"src": sorted(sources), "rule": "rule" in sources, "n_src": len(sources),
                       "label": isinstance(name, Label)}
            same = [m for m in ms if _mname(m) == name or m.name == name]
            if same:
                m = min(same, key=lambda m: min(abs(m.start - q0), abs(m.start - q1)) + (10**6 if q0 <= m.start < q1 else 0))
                inside = q0 <= m.start < q1
                f["kind"] = m.kind
                f["inside_quote"] = inside
                f["before"] = m.end <= q0
                f["same_para"] = para0 <= m.start < para1
                sd = self._sent_index(m.tok) - (fi if m.end <= q0 else li)
                f["sent_dist"] = str(max(-3, min(3, sd)))
                dist = (q0 - m.end) if m.end <= q0 else max(0, m.start - q1)
                f["_dist"] = 10 ** 6 if inside else dist
                f["tok_dist"] = _bucket(len(text[min(q0, m.start):max(q1, m.end)].split()) if inside else len(text[min(m.end, q0):max(m.start, q1)].split()) if dist else 0)
                tok = doc[m.tok]
                f["dep"] = tok.dep_ if tok.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj", "poss", "compound", "appos", "conj", "attr", "agent") else "other"
                f["head_speech"] = tok.head.lemma_.lower() in SPEECH
                f["channel"] = _channel(doc, m)
                gap = text[m.end:q0].strip(" “\"‘'\n") if m.end <= q0 else None
                f["adjacent"] = gap is not None and len(gap) <= 12 and (gap in (":", ",", "") or gap.endswith(":"))
                f["resolved"] = m.resolved
                f["in_caption_side"] = self.roles.get(name) in ("plaintiff", "defendant") or self.roles.get(m.name) in ("plaintiff", "defendant")
            else:
                f["kind"] = "unnamed"
            f["role"] = self.roles.get(name) or "none"
            if "rule" in sources:
                f["rule_how"] = rule_how
            if "filer" in sources:
                f["filer_filed_cue"] = filed_cue
                f["filer_no_cue"] = not verbs
            f["salience"] = _bucket(self.counts.get(name, 0), (0, 1, 3, 6, 12))
            f["top"] = name == self.top
            default = 0.9 if "rule" in sources else 0.4 - 0.01 * len(out)
            out.append((name, f, default))
        # relative features: how a candidate compares with the others of this quote (nearest, most named)
        order = sorted(range(len(out)), key=lambda i: out[i][1].get("_dist", 10 ** 7))
        for rank, i in enumerate(order):
            f = out[i][1]
            f["dist_rank"] = str(min(rank, 2)) if f.pop("_dist", None) is not None else "none"
        order = sorted(range(len(out)), key=lambda i: -self.counts.get(out[i][0], 0))
        for rank, i in enumerate(order):
            out[i][1]["salience_rank"] = str(min(rank, 2))
        persons = [i for i in range(len(out)) if out[i][1].get("kind") in ("person", "judge", "lawyer")]
        if len(persons) == 1:
            out[persons[0]][1]["only_person"] = True
        null = {"null": True, "rule": rule is None, "src": ["null"], "unnamed_according": according == "", "q_filed_cue": filed_cue,
                "q_standalone": standalone, "q_cue": bool(verbs), "q_candidates": _bucket(len(out), (0, 1, 2, 4))}
        out.append((None, null, 0.9 if rule is None else 0.0))
        return out


HARD_TERMS = frozenset({"defined", "rule_cited"})
ROOT_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "dobj", "pobj", "attr", "oprd", "compound", "amod", "nsubj", "appos",
                       "conj", "advmod", "acomp", "npadvmod", "dep", "nsubjpass", "advcl", "relcl", "punct"})
FIRST_PERSON = frozenset({"i", "we", "our", "my", "us", "me", "ours", "you", "your"})


def _in_heading(text: str, q0: int) -> bool:
    """The quote is in a headline: a first line that is short and not a sentence (a piece of a long text starts
    with a paragraph, not a headline)."""
    end = text.find("\n")
    first = text[:end if end >= 0 else len(text)].strip()
    return q0 < len(first) + 1 and len(first) < 200 and not re.search(r"[.!?][”\"’']?$", first)


def _prev_class(prev) -> str:
    if prev is None:
        return "start"
    low = prev.lemma_.lower()
    if low in SPEECH:
        return "speech"
    if prev.pos_ == "ADP" or prev.lower_ in ("as", "like"):
        return "prep"
    if prev.is_punct:
        return "punct" if prev.text not in (":", ",") else prev.text
    return prev.pos_


_MENTIONING = {"meant", "means", "mean", "meaning", "called", "calls", "termed", "dubbed", "labeled", "labelled",
               "word", "words", "term", "phrase", "as"}


def _mentioned(text: str, q0: int) -> bool:
    """A word quoted as a word ('whether this meant “yes,”', 'the term “fair use”'), not said by anyone; a word
    someone says ('Musk answered “partly.”', 'used OpenAI's models “partly”') is speech."""
    before = re.findall(r"[A-Za-z]+", text[max(0, q0 - 30):q0])
    return bool(before) and before[-1].lower() in _MENTIONING


def _is_quote_features(doc: Doc, text, q0, q1, content, opening, closing, sents, reason, verbs, speaker, according,
                       standalone, speech_above, rules_quoted, keep) -> dict:
    words = content.split()
    span = doc[opening.start:closing.end]
    prev = doc[opening.start - 1] if opening.start > 0 else None
    while prev is not None and (prev.is_quote or prev.is_space) and prev.i > 0:
        prev = doc[prev.i - 1]
    nxt = doc[closing.end] if closing.end < len(doc) else None
    while nxt is not None and (nxt.is_quote or nxt.is_space) and nxt.i + 1 < len(doc):
        nxt = doc[nxt.i + 1]
    sent_words = {t.lemma_.lower() for s in sents for t in s if not (q0 <= t.idx < q1)}
    inner = [t for t in span if not (t.is_quote or t.is_space)] or list(span)
    root = next((t for t in inner if not (span.start <= t.head.i < span.end) or t.head.i == t.i), inner[0])
    head = root.head
    head_class = ("speech" if head.lemma_.lower() in SPEECH else "filed" if head.lemma_.lower() in FILED else
                  "be" if head.lemma_ == "be" else head.pos_)
    lowered = {t.lower_ for t in inner}
    return {
        "root_dep": root.dep_ if root.dep_ in ROOT_DEPS else "other", "root_head": head_class,
        "first_person": bool(lowered & FIRST_PERSON), "negation": any(t.dep_ == "neg" for t in inner),
        "in_heading": _in_heading(text, q0),
        "scare_cue": _scare_cue(doc, opening[0].i), "prev_class": _prev_class(prev),
        "subject_indefinite": bool(verbs) and any(c.dep_ == "nsubj" and any(d.lower_ in ("a", "an", "any", "some") for d in c.children)
                                                  for c in verbs[0].children),
        "rule_keep": keep, "term": reason or "none", "n_words": _bucket(len(words), (1, 2, 3, 5, 8, 15)),
        "terminal": bool(TERMINAL.search(content)), "upper_first": content[:1].isupper(),
        "has_verb": any(t.pos_ in ("VERB", "AUX") for t in span), "all_nominal": all(t.pos_ in ("NOUN", "PROPN", "ADJ", "PUNCT", "DET") for t in span),
        "prev_pos": prev.pos_ if prev is not None else "START", "next_pos": nxt.pos_ if nxt is not None else "END",
        "prev_det": prev is not None and prev.dep_ == "det", "cue": bool(verbs),
        "cue_governs": bool(verbs) and verbs[0].left_edge.idx < q1 and verbs[0].right_edge.idx >= q0,
        "speech_above": speech_above, "speaker": bool(speaker), "according": according is not None,
        "standalone": standalone, "filed_in_sent": bool(sent_words & FILED), "rules_quoted": rules_quoted,
        "single": text[q0 - 1:q0] in ("‘", "'"),
    }


def find(doc: Doc, mentions: list[Mention]) -> list[QuoteX]:
    text = text_of(doc)
    roles = doc._.ct_roles if doc.has_extension("ct_roles") else {}
    quotes: list[QuoteX] = []
    last: Optional[tuple[str, int]] = None
    speakers = _Speakers(doc, mentions, roles, text)
    found = spans(text)
    if "ct_quoted_tokens" not in doc.user_data:  # the tokens inside quotations, from the spans at hand
        quoted = set()
        for a, b in found:
            span = doc.char_span(a, b, alignment_mode="contract")
            if span is not None:
                quoted.update(range(span.start, span.end))
        doc.user_data["ct_quoted_tokens"] = quoted
    for q0, q1 in found:
        content = text[q0:q1].strip()
        if not content or not any(ch.isalpha() for ch in content):
            continue
        opening = doc.char_span(q0, q0 + 1, alignment_mode="expand")
        closing = doc.char_span(max(q0, q1 - 1), q1, alignment_mode="expand")
        if opening is None or closing is None or not len(opening) or not len(closing):
            continue
        reason = _term_reason(doc, text, q0, q1, content, opening[0].i)
        first_sent, last_sent = layout.sent_of(doc, opening[0].i), layout.sent_of(doc, closing[-1].i)
        sents = [first_sent] if first_sent.start == last_sent.start else [first_sent, last_sent]
        words = content.split()
        short = len(words) <= 3 and not TERMINAL.search(content)
        speaker, has_cue, how = None, False, "none"
        verbs = _cue_verbs(doc, sents, q0 - 1, q1 + 1)
        colon = _colon_speaker(text, q0, mentions)
        if colon:  # a speaker named in the quote's own frame, as a subject is
            speaker, has_cue, how, verbs = colon, True, "subject", []
        elif not verbs and first_sent.start > 0:
            prev = layout.sent_of(doc, first_sent.start - 1)
            if prev.text.rstrip().endswith(":") and text[prev.end_char:q0].strip(" \n“\"‘'") == "":
                verbs = _cue_verbs(doc, [prev], q0 - 1, q1 + 1)  # "Justice Amit Bansal orally said:\n“That I am ...”"
        for verb in verbs:
            speaker, _ = _speaker_of(doc, verb, mentions, roles, q0)
            has_cue = True
            if speaker:
                how = "label" if isinstance(speaker, Label) else "subject"
                if last and last[0] != speaker and q0 - last[1] < 1500 and _said_by_description(doc, verb, mentions) \
                        and any(m.name == last[0] and m.kind in ("company", "agency") for m in mentions):
                    speaker = last[0]  # "..., the company says": the company quoted so far, not the one named last
                    how = "description"
                break
        rules_quoted = speaker == "__rules__"  # a rule or the terms of service quoted
        if rules_quoted:
            speaker = None
        unnamed, according = False, None
        if speaker is None and not rules_quoted:
            according = speaker = _according_to(doc, sents, mentions, roles, q0)
            how = "according" if speaker else how
            has_cue = has_cue or speaker is not None
            if speaker == "":
                speaker, unnamed = None, True
        standalone = (text[first_sent.start_char:q0].strip(" “\"‘'—–-:") == "" and
                      text[q1:last_sent.end_char].strip(" .,”\"’'") == "")
        speech_above = has_cue and _speech_above(doc, opening, closing)
        keep = reason is None and not rules_quoted and not (short and not speech_above)
        # what the quote's own frame says (the features do not depend on the quotes before it, so a text read
        # in pieces decides as the whole does)
        framed = speaker is not None or unnamed
        own_keep = keep and (speaker is not None or has_cue or standalone) and (speaker is not None or len(words) >= 4 or has_cue)
        if speaker is None and not unnamed and last and (
                (has_cue or standalone) and q0 - last[1] < 1200 or not short and q0 - last[1] < 600):
            speaker = last[0]
            has_cue, how = True, "inherited"
            if last[1] > text.rfind("\n", 0, q0):  # from a quote of the same paragraph (never cut into pieces)
                framed = True
                own_keep = keep
        if speaker is None and not has_cue and not standalone:
            keep = False  # a title, a term or a scare quote with no one saying it
        if speaker is None and len(words) < 4 and not has_cue:
            keep = False
        features = _is_quote_features(doc, text, q0, q1, content, opening, closing, sents, reason, verbs, framed,
                                      according, standalone, speech_above, rules_quoted, own_keep)
        cands = speakers.candidates(q0, q1, first_sent, last_sent, verbs, speaker, according, last, standalone, how)
        speaker, _ = learn.rank("quote_speaker", cands, meta={"text": content[:200], "at": q0})
        if rules_quoted or reason in HARD_TERMS or reason == "title" and not features["in_heading"]:
            continue  # statute or rule text, a defined term, a rule cited: never speech (the conventions)
        if len(words) < 2 and (_mentioned(text, q0) or not (features["cue"] or features["speaker"]
                                                            or features["standalone"])):
            continue  # one word quoted as a word ("meant", "the term"), or with no one saying it in its own sentence
            # (third parties “distilling” their models), is a word mentioned, not speech
        if not learn.accept("is_quote", features, default=keep, meta={"text": content[:200], "at": q0}):
            continue
        if speaker:
            last = (speaker, q1)
        ev = Evidence(q0, q1, first_sent.start_char, last_sent.end_char)
        quotes.append(QuoteX(text=content.rstrip(",").strip(), speaker=speaker, cue=None, evidence=[ev]))
    return quotes


# --------------------------------------------------------------------------- labelers (read the gold quotes)
def _gold_quotes(meta, gold) -> list[dict]:
    return [q for q in gold.get("quotes") or [] if goldmatch.quote_match(q.get("text_start"), meta.get("text"))]


@learn.labeler("is_quote")
def _label_is_quote(meta, gold):
    return bool(_gold_quotes(meta, gold))


@learn.labeler("quote_speaker")
def _label_speaker(meta, gold):
    matches = _gold_quotes(meta, gold)
    if not matches:
        return None  # not a quote: nothing to learn about its speaker
    if meta.get("candidate") == "None":
        return any(not q.get("speaker") for q in matches)
    return any(goldmatch.name_match(q.get("speaker"), meta.get("candidate")) for q in matches)
