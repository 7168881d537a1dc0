"""Suits against a regulator's or an office's decision, told without a caption.

A company or a person that takes a regulator's decision to court is a suit of its own: the party the decision was
against on one side, the regulator or office that made it on the other ("Clearview AI v. Privacy Commissioner",
"Thaler v. German Patent and Trademark Office"). The press tells it by the decision and the court:

- a court reviews the decision: "B.C.'s Supreme Court has upheld a privacy commissioner's ruling that ... Clearview
  AI must refrain from ..." (the party the ruling names; the regulator its possessor);
- the party challenges it before a court: "Thaler submitted a complaint against this decision, which the DPMA
  forwarded to the Federal Patent Court", "X appealed the commissioner's fine to the High Court" (the regulator the
  decision's possessor, else the one whose act an earlier sentence tells: "The German Patent and Trademark Office ...
  rejected the application");
- the regulator appeals a tribunal's decision on the party: "the UK Information Commissioner's appeal against the
  First-tier Tribunal (FTT) decision on Clearview AI" (the regulator leads);
- the text calls the party the plaintiff where the office acts on it, in a document that names a court: "The Japan
  Patent Office (JPO) ordered the plaintiff to amend the application".

A decision alone, an investigation or a complaint to a regulator is no case (tests/data/cases/README.md): every shape
but the last needs a court in its own sentence. The words are data (patterns/reviews.jsonl).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from ingest.nlp import courts, rules
from ingest.nlp.dates import text_of
from ingest.nlp.mentions import Mention, covering

_LEX = "reviews"
HEADS = rules.lexicon(_LEX, "regulator_head", key="text")
DECISIONS = rules.lexicon(_LEX, "decision_noun", key="text")
REVIEW_VERBS = rules.lexicon(_LEX, "review_verb")
CHALLENGE_VERBS = rules.lexicon(_LEX, "challenge_verb")
CHALLENGE_NOUNS = rules.lexicon(_LEX, "challenge_noun", key="text")
LODGE_VERBS = rules.lexicon(_LEX, "lodge_verb")
OFFICE_ACTS = rules.lexicon(_LEX, "office_act")
PARTY_ROLES = rules.lexicon(_LEX, "party_role", key="text")
_NAME_DEPS = {"compound", "nmod", "amod", "conj", "cc", "npadvmod"}  # the words of a regulator's name left of its head


def _court_in(sent, doc: Doc, ms) -> bool:
    if courts.find(sent.text):
        return True
    return any(t.pos_ == "PROPN" and t.lower_ in ("court", "tribunal") for t in sent) or any(
        (m := covering(ms, doc, t.i)) is not None and m.kind == "court" for t in sent)


def _regulator(doc: Doc, ms, head) -> Optional[str]:
    """The name of the regulator a noun phrase headed by `head` names ("a privacy commissioner" -> "Privacy
    Commissioner", "The German Patent and Trademark Office (..., DPMA)" -> "German Patent and Trademark Office")."""
    if head is None or head.lower_ not in HEADS or head.pos_ not in ("NOUN", "PROPN"):
        return None
    m = covering(ms, doc, head.i)
    if m is not None and m.kind in ("court", "judge", "person"):
        return None
    start = head.i
    for child in head.lefts:
        if child.dep_ in _NAME_DEPS:
            start = min(start, min(t.i for t in child.subtree))
    words = [t for t in doc[start:head.i] if not t.is_punct and t.dep_ not in ("det", "poss", "case")] + [head]
    while words and words[0].pos_ in ("CCONJ", "ADP"):
        words = words[1:]
    name = " ".join(t.text for t in words)
    if not name:
        return None
    return name if any(w[:1].isupper() for w in name.split()) and name.split()[-1][:1].isupper() else name.title()


def names_office(name: str) -> bool:
    """The name's last word is an office's or a regulator's ("UK Information Commissioner", "Japan Patent Office")."""
    words = name.split()
    return bool(words) and words[-1].lower() in HEADS


def _party(doc: Doc, ms, tokens) -> Optional[Mention]:
    """The first company or person the tokens name that is no regulator."""
    for t in tokens:
        m = covering(ms, doc, t.i)
        if m is not None and m.kind in ("company", "person") and m.litigant_ok and \
                not names_office(m.name) and not _role_word(m):
            return m
    return None


def _after(doc: Doc, ms, sent, decision) -> Optional[Mention]:
    """The party a decision names after it ("a ruling that Clearview AI must refrain", "the decision on Clearview AI
    Inc"): in its own phrase, else later in its sentence (where the parser hung the name elsewhere)."""
    return _party(doc, ms, [x for x in decision.subtree if x.i > decision.i]) or \
        _party(doc, ms, [x for x in sent if x.i > decision.i])


def _role_word(m: Mention) -> bool:
    return m.resolved and m.text.lower().split()[-1:] and m.text.lower().split()[-1] in PARTY_ROLES


def _children(tok, deps) -> list:
    return [c for c in tok.children if c.dep_ in deps]


def _acted_before(doc: Doc, sent, ms) -> Optional[str]:
    """The regulator an earlier sentence (of the three before) tells acting on the matter ("The DPMA rejected the
    application"): what "this decision" points back to."""
    sents = [s for s in doc.sents if s.end <= sent.start][-3:]
    for s in reversed(sents):
        for t in s:
            if t.pos_ == "VERB" and t.lemma_.lower() in OFFICE_ACTS:
                for subj in _children(t, ("nsubj",)):
                    name = _regulator(doc, ms, subj)
                    if name:
                        return name
    return None


def _of_decision(doc: Doc, sent, ms, noun) -> Optional[str]:
    """The regulator whose decision a decision noun names: its possessor, else the one an earlier sentence tells
    acting, else one the sentence names."""
    for d in [noun, *noun.conjuncts]:
        for p in _children(d, ("poss",)):
            name = _regulator(doc, ms, p)
            if name:
                return name
            if covering(ms, doc, p.i) is not None or p.pos_ == "PROPN":
                return None  # "the First-tier Tribunal's decision", "Meta's decision": no regulator's
    name = _acted_before(doc, sent, ms)
    if name:
        return name
    for t in sent:
        if t.dep_ in ("nsubj", "pobj", "dobj", "poss") and _regulator(doc, ms, t):
            return _regulator(doc, ms, t)
    return None


def _decision(tok) -> bool:
    return tok.lower_ in DECISIONS or any(c.lower_ in DECISIONS for c in tok.conjuncts) or any(
        c.dep_ in ("amod", "compound") and c.lower_ in DECISIONS for c in tok.children)  # "the fine and enforcement notice"


def challenges(doc: Doc, ms) -> list[tuple[Mention, str, bool, int, int]]:
    """(party, regulator's name, whether the regulator leads the caption, sentence start, sentence end) for each
    suit over a regulator's decision the document tells (see the module), in text order."""
    out: list[tuple[Mention, str, bool, int, int]] = []
    text = text_of(doc)
    court_named = bool(courts.find(text)) or any(m.kind == "court" for m in ms) or any(
        t.pos_ == "PROPN" and t.lower_ in ("court", "tribunal") for t in doc)
    for sent in doc.sents:
        found = _in_sentence(doc, sent, ms, court_named)
        if found is not None:
            out.append((*found, sent.start_char, sent.end_char))
    return out


def _in_sentence(doc: Doc, sent, ms, court_named: bool) -> Optional[tuple[Mention, str, bool]]:
    in_court = None  # asked once, only where a shape needs it

    def court() -> bool:
        nonlocal in_court
        if in_court is None:
            in_court = _court_in(sent, doc, ms)
        return in_court

    for t in sent:
        lemma = t.lemma_.lower()
        if t.pos_ in ("VERB", "AUX") and lemma in REVIEW_VERBS and (lemma != "set" or any(
                c.lower_ == "aside" for c in t.children)):  # a court upholds the regulator's ruling
            subj = _children(t, ("nsubj",))
            if not subj or not (_court_word(doc, ms, subj[0])):
                continue
            for obj in _children(t, ("dobj", "obj")):
                if _decision(obj):
                    reg = _of_decision(doc, sent, ms, obj)
                    party = _after(doc, ms, sent, obj)
                    if reg and party:
                        return party, reg, False
                if obj.lower_ in CHALLENGE_NOUNS:  # "the court dismissed Clearview's challenge to the order"
                    party = _party(doc, ms, _children(obj, ("poss",)))
                    decisions = [x for x in obj.subtree if x.i > obj.i and _decision(x)]
                    reg = _of_decision(doc, sent, ms, decisions[0]) if decisions else None
                    if reg and party:
                        return party, reg, False
        if t.pos_ == "VERB" and lemma in CHALLENGE_VERBS | LODGE_VERBS and court():  # the party challenges it
            party = _party(doc, ms, _children(t, ("nsubj",)))
            if party is None:
                continue
            for obj in _children(t, ("dobj", "obj")):
                decision = obj if lemma in CHALLENGE_VERBS and _decision(obj) else None
                if decision is None and lemma in LODGE_VERBS and obj.lower_ in CHALLENGE_NOUNS:
                    decision = next((x for p in [*_children(obj, ("prep",)), *_children(t, ("prep",))]
                                     if p.lower_ == "against" for x in _children(p, ("pobj",)) if _decision(x)), None)
                if decision is not None:
                    reg = _of_decision(doc, sent, ms, decision)
                    if reg:
                        return party, reg, False
        if t.pos_ == "NOUN" and t.lower_ in CHALLENGE_NOUNS and court():  # "the Commissioner's appeal against the
            regs = [r for p in _children(t, ("poss",)) for r in [_regulator(doc, ms, p)] if r]  # tribunal's decision on X"
            if not regs:
                continue
            for p in _children(t, ("prep",)):
                if p.lower_ != "against":
                    continue
                for d in _children(p, ("pobj",)):
                    if _decision(d):
                        party = _after(doc, ms, sent, d)
                        if party is not None:
                            return party, regs[0], True
        if t.pos_ == "VERB" and lemma in OFFICE_ACTS and court_named:  # "The Japan Patent Office ordered the
            regs = [r for s in _children(t, ("nsubj",)) for r in [_regulator(doc, ms, s)] if r]  # plaintiff to amend"
            if not regs:
                continue
            for obj in _children(t, ("dobj", "obj")):
                m = covering(ms, doc, obj.i)
                if m is not None and _role_word(m) and m.kind in ("company", "person"):
                    return m, regs[0], False
    return None


def _court_word(doc: Doc, ms, tok) -> bool:
    m = covering(ms, doc, tok.i)
    return m is not None and m.kind == "court" or tok.lower_ in ("court", "tribunal", "judge", "justice") or bool(
        courts.find(doc[tok.left_edge.i:tok.i + 1].text))
