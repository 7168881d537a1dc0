"""Cases named in a text: captions ("Musk v. OpenAI"), docket numbers, courts and judges; lawsuits
described in words ("his lawsuit against OpenAI", "X sued Y") become inferred captions; the same
patterns give plaintiff and defendant roles."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from ingest.nlp import gazetteer
from ingest.nlp.mentions import Mention, covering
from ingest.nlp.types import CaseX, Evidence

_NAME = r"[A-Z][\w&.'’-]*(?:,? (?:[A-Z][\w&.'’-]*|of|the|and|&|for|de|del|la|du|von|et al\.?|Inc\.?|LLC|Ltd\.?|Co\.?|Corp\.?|PBC|L\.P\.|LP|N\.A\.)){0,7}"
CAPTION = re.compile(rf"(?<![\w.])(?P<left>{_NAME})\s+(?:v\.|vs\.?|v)\s+(?P<right>{_NAME})")
LEADING = re.compile(r"^(?:(?:In|At|On|After|Before|During|Under|Per|See|Cf\.?|Citing|Like|As|Both|While|From|"
                     r"With|Since|Judge|Justice|The case|Case|Landmark|Also|But|And|Unlike|Following|Until)\s+)+")
TRAILING = re.compile(r"(?:,?\s+(?:et al\.?|Inc\.?|LLC|Ltd\.?|Co\.?|Corp\.?|PBC))+\s*$")
DOCKET = re.compile(
    r"(?<![\w/:-])(?:\d{1,2}:)?\d{2}-(?:cv|CV|cr|md|mc|ap|bk)-\d{2,6}(?:-[A-Z]{2,4}){0,2}(?![\w-])"
    r"|(?<![\w/])\d:\d{4}cv\d{5}(?![\w])"
    r"|(?<![\w])C\s?\d{2}-\d{4,5}(?:\s[A-Z]{2,4})?(?![\w-])"
    r"|(?<![\w])\d{2} Civ\. \d{3,5}(?![\w])")
COURTS = [
    (re.compile(r"Northern District of California|N\.D\. Cal(?:ifornia|\.)?", re.I), "N.D. Cal."),
    (re.compile(r"Southern District of New York|S\.D\.N\.Y\.", re.I), "S.D.N.Y."),
    (re.compile(r"Central District of California|C\.D\. Cal\.", re.I), "C.D. Cal."),
    (re.compile(r"District of Delaware|D\. Del\.", re.I), "D. Del."),
    (re.compile(r"Eastern District of Texas|E\.D\. Tex\.", re.I), "E.D. Tex."),
    (re.compile(r"District of Massachusetts|D\. Mass\.", re.I), "D. Mass."),
    (re.compile(r"Ninth Circuit|9th Cir(?:cuit|\.)", re.I), "9th Cir."),
    (re.compile(r"High Court(?: of Justice)?(?: in London| of England and Wales)?"), "High Court of England and Wales"),
    (re.compile(r"(?:federal court|federal courtroom|district court) in (?:San Francisco|Oakland)|"
                r"(?:San Francisco|Oakland) federal court", re.I), "N.D. Cal."),
    (re.compile(r"(?:federal court|district court) in Manhattan|Manhattan federal court", re.I), "S.D.N.Y."),
    (re.compile(r"California federal court(?:room)?|federal court(?:room)? in California", re.I), "California federal court"),
]
JUDGE = re.compile(r"\b(?:U\.S\. )?(?:District |Magistrate |Chief |Senior )*(?:Judge|Justice)\s+"
                   r"(?P<name>[A-Z][a-zA-Z.’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-zA-Zí'-]+){0,3})")
SUE_NOUNS = {"lawsuit", "suit", "complaint", "case", "action", "litigation", "claim", "claims", "petition"}
SUE_VERBS = {"sue", "file", "bring", "launch", "lodge"}


def dockets(text: str) -> list[tuple[str, int, int]]:
    out, seen = [], set()
    for m in DOCKET.finditer(text):
        number = m.group(0).strip()
        if number not in seen:
            seen.add(number)
            out.append((number, m.start(), m.end()))
    return out


def court(text: str) -> Optional[str]:
    for pattern, name in COURTS:
        if pattern.search(text):
            return name
    return None


def judge(text: str) -> Optional[str]:
    m = JUDGE.search(text)
    if not m:
        return None
    name = m.group("name").strip()
    entry = gazetteer.lookup(name) or gazetteer.lookup(name.split()[-1])
    return entry.name if entry and entry.kind == "judge" else name


def _clean_side(side: str) -> str:
    side = LEADING.sub("", side.strip())
    side = TRAILING.sub("", side).strip(" ,.")
    if side.isupper():
        side = side.title()
    return side


def explicit(doc: Doc) -> list[tuple[str, str, int, int]]:
    """(left, right, start, end) of printed captions."""
    out = []
    for m in CAPTION.finditer(doc.text):
        left, right = _clean_side(m.group("left")), _clean_side(m.group("right"))
        if not left or not right or len(left) < 2 or len(right) < 2:
            continue
        if left.split()[0].lower() in ("the",) and len(left.split()) == 1:
            continue
        if re.fullmatch(r"[A-Z]", left) or re.search(r"\d", left + right):
            continue
        out.append((left, right, m.start(), m.end()))
    return out


def short(m: Mention) -> str:
    if m.kind == "person":
        return m.name.split()[-1]
    return m.name


def described(doc: Doc, mentions: list[Mention]) -> list[tuple[Mention, Mention, int, int]]:
    """(plaintiff, defendant, sent start, sent end) from words: 'X sued Y', "X's lawsuit against Y",
    'a lawsuit filed by X against Y', 'the lawsuit, filed by X, alleges that Y ...'."""
    out = []
    for sent in doc.sents:
        for tok in sent:
            lemma = tok.lemma_.lower()
            plaintiff = defendant = None
            if lemma == "sue" and tok.pos_ == "VERB":
                if any(c.dep_ == "auxpass" for c in tok.children):  # "Y was sued by X"
                    defendant = _subject(doc, tok, mentions)
                    plaintiff = _prep_obj(doc, tok, "by", mentions)
                else:
                    plaintiff = _subject(doc, tok, mentions)
                    defendant = _object(doc, tok, mentions)
            elif tok.lower_ in SUE_NOUNS and tok.pos_ == "NOUN":
                defendant = _prep_obj(doc, tok, "against", mentions)
                plaintiff = _possessor(doc, tok, mentions) or _prep_obj(doc, tok, "by", mentions)
                for child in tok.children:
                    if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in SUE_VERBS:
                        plaintiff = plaintiff or _prep_obj(doc, child, "by", mentions)
                        defendant = defendant or _prep_obj(doc, child, "against", mentions)
                if tok.dep_ in ("dobj",) and tok.head.lemma_.lower() in SUE_VERBS:  # "X filed a lawsuit against Y"
                    plaintiff = plaintiff or _subject(doc, tok.head, mentions)
                    defendant = defendant or _prep_obj(doc, tok.head, "against", mentions)
                if plaintiff and not defendant and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in (
                        "allege", "accuse", "claim", "argue", "contend"):
                    defendant = _object(doc, tok.head, mentions) or _clause_subject(doc, tok.head, mentions)
            if plaintiff and defendant and plaintiff.name != defendant.name:
                out.append((plaintiff, defendant, sent.start_char, sent.end_char))
    return out


def _party(m: Optional[Mention]) -> Optional[Mention]:
    if m and m.kind in ("company", "person", "agency") and m.litigant_ok:
        return m
    if m and m.kind == "model" and m.owner:
        return None
    return None


def _subject(doc, verb, mentions):
    for child in verb.children:
        if child.dep_ == "nsubj":
            return _party(_span_mention(doc, child, mentions))
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        return _subject(doc, verb.head, mentions)
    return None


def _object(doc, verb, mentions):
    for child in verb.children:
        if child.dep_ in ("dobj", "obj"):
            return _party(_span_mention(doc, child, mentions))
    return None


def _clause_subject(doc, verb, mentions):
    for child in verb.children:
        if child.dep_ == "ccomp":
            return _subject(doc, child, mentions)
    return None


def _prep_obj(doc, head, prep, mentions):
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == prep:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return _party(_span_mention(doc, obj, mentions))
    return None


def _possessor(doc, noun, mentions):
    for child in noun.children:
        if child.dep_ == "poss":
            return _party(_span_mention(doc, child, mentions))
    return None


def _span_mention(doc, tok, mentions):
    m = covering(mentions, doc, tok.i)
    if m:
        return m
    for sub in tok.subtree:
        m = covering(mentions, doc, sub.i)
        if m and m.kind in ("company", "person"):
            return m
    return None


def cases(doc: Doc, mentions: list[Mention]) -> tuple[list[CaseX], dict[str, str]]:
    """Captions (printed, then described), and the roles they give: name -> plaintiff/defendant."""
    text = doc.text
    numbers = [d for d, _, _ in dockets(text)]
    the_court, the_judge = court(text), judge(text)
    out: list[CaseX] = []
    roles: dict[str, str] = {}
    seen_pairs: set = set()
    for left, right, start, end in explicit(doc):
        lp, rp = _resolve(left, mentions), _resolve(right, mentions)
        pair = (lp.name if lp else left.lower(), rp.name if rp else right.lower())
        if pair in seen_pairs:
            continue
        seen_pairs.add(pair)
        sent_start, sent_end = _sentence_bounds(doc, start, end)
        out.append(CaseX(caption=f"{left} v. {right}", plaintiffs=[lp.name] if lp else [left],
                         defendants=[rp.name] if rp else [right], docket_numbers=numbers[:4], court=the_court,
                         judge=the_judge, evidence=[Evidence(start, end, sent_start, sent_end)]))
        if lp:
            roles.setdefault(lp.name, "plaintiff")
        if rp:
            roles.setdefault(rp.name, "defendant")
    for plaintiff, defendant, s0, s1 in described(doc, mentions):
        roles.setdefault(plaintiff.name, "plaintiff")
        roles.setdefault(defendant.name, "defendant")
        pair = (plaintiff.name, defendant.name)
        if pair in seen_pairs or (pair[1], pair[0]) in seen_pairs and out:
            continue
        seen_pairs.add(pair)
        out.append(CaseX(caption=f"{short(plaintiff)} v. {short(defendant)}", inferred=True,
                         plaintiffs=[plaintiff.name], defendants=[defendant.name], docket_numbers=numbers[:4],
                         court=the_court, judge=the_judge, evidence=[Evidence(s0, s1, s0, s1)]))
    return out, roles


def _resolve(side: str, mentions: list[Mention]) -> Optional[Mention]:
    low = side.lower()
    entry = gazetteer.lookup(side)
    for m in mentions:
        if entry and m.eid == entry.id:
            return m
    for m in mentions:
        if m.kind in ("company", "person", "agency") and (m.name.lower() == low or m.text.lower() == low or
                                                          low.startswith(m.name.lower()) or
                                                          m.name.lower().endswith(" " + low)):
            return m
    return None


def _sentence_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return start, end
    return span[0].sent.start_char, span[-1].sent.end_char
