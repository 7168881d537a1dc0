"""Distillation allegations: who says whom trained (student) on whose model outputs (teacher), and
whether it is alleged, admitted, denied or ruled.

Per sentence with a distillation signal ("distilled", "distillation", "trained Grok on output from",
"used OpenAI's models to train"), named companies are put in their places by the parse and by their
position around the verb: the subject of accuse/name/cite/raise concerns is the accuser, its objects
the accused; the subject of distill/use/train/extract is the accused; the possessor of "models" /
"outputs" or the object of "from" is the teacher; a model trained, improved or built is the student.
Talk about distillation in general names no accused and gives nothing.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Span

from ingest.nlp.mentions import Mention
from ingest.nlp.types import AllegationX, Evidence

SIGNAL = re.compile(r"\bdistill\w*|\bdistillation\b", re.I)
ACTION_SIGNAL = re.compile(
    r"\b(?:train\w*|improve\w*|develop\w*|build\w*|bootstrap\w*|boost\w*)\b[^.]{0,80}\b(?:outputs?|responses|answers|"
    r"models?|technology|systems?)\b|\b(?:outputs?|models?|technology)\b[^.]{0,60}\bto (?:train|improve|develop|build|"
    r"validate|enhance)\b|\bextract\w* (?:capabilities|knowledge)|\bsiphon\w*|\bclon\w+ (?:its|their|the)|"
    r"\bfraudulent accounts\b|\bmimic\w*", re.I)
ACCUSE = {"accuse", "allege", "claim", "name", "cite", "raise", "identify", "flag", "single", "blame", "charge",
          "say", "tell", "warn", "report", "find", "detect", "suspect", "point", "target", "complain", "reveal",
          "believe", "investigate", "probe", "catch"}
ACTION = {"distill", "use", "train", "employ", "extract", "siphon", "copy", "clone", "leverage", "exploit",
          "conduct", "mimic", "steal", "harvest", "engage", "tap", "rely", "query", "scrape", "generate", "bootstrap"}
ADMIT = re.compile(r"\b(?:admit\w*|admission|acknowledg\w*|confirm\w*|conced\w*|testif\w*|conf[ei]ss\w*|"
                   r"owned up|told (?:a|the) (?:judge|court|jury)|under oath|answer\w* “?partly|“partly”|“partially”|"
                   r"replied|said it was “partly|stated it was)\b", re.I)
DENY = re.compile(r"\b(?:den(?:y|ies|ied)|rejected (?:the|these|those) (?:claims?|allegations?|accusations?)|"
                  r"dismissed (?:the|these) (?:claims?|allegations?|accusations?)|refuted|baseless|no evidence)\b", re.I)
RULED = re.compile(r"\b(?:court|judge|jury|tribunal)\b[^.]{0,40}\b(?:found|ruled|held|concluded)\b", re.I)
ALLEGE = re.compile(r"\b(?:alleg\w*|accus\w*|claim\w*|suspect\w*|reportedly)\b", re.I)
MODEL_WORDS = {"model", "models", "output", "outputs", "technology", "technologies", "system", "systems",
               "responses", "answers", "capabilities", "api", "chatbot", "ai"}


def _company(m: Mention) -> Optional[str]:
    if m.kind == "company":
        return m.name
    if m.kind == "model" and m.owner:
        return m.owner
    return None


def _in_sentence(mentions: list[Mention], sent: Span) -> list[Mention]:
    return [m for m in mentions if sent.start_char <= m.start < sent.end_char]


def _teacher_and_student(doc: Doc, sent: Span, ms: list[Mention], accused: str, accuser: Optional[str]):
    teacher = student = None
    for m in ms:
        tok = doc[m.tok] if m.tok < len(doc) else None
        if tok is None:
            continue
        name_co = _company(m)
        if m.kind == "model" and m.owner and name_co == accused:
            student = student or m.name
            continue
        if name_co == accused and m.kind != "model":
            continue
        head = tok.head
        nxt = doc[m.tok + 1] if m.tok + 1 < len(doc) else None
        window = {t.lower_ for t in doc[m.tok:min(len(doc), m.tok + 4)]}
        is_source = (tok.dep_ == "poss" and head.lower_ in MODEL_WORDS) or \
                    (nxt is not None and nxt.lower_ in ("’s", "'s")) or \
                    (head.dep_ == "prep" and head.lower_ in ("from", "of", "on")) or \
                    (tok.dep_ == "pobj" and tok.head.lower_ in ("from", "of", "on")) or bool(window & MODEL_WORDS)
        if is_source and (teacher is None or m.kind == "model"):
            teacher = m.name if m.kind == "model" else name_co
    if teacher is None and accuser and re.search(r"\b(?:its|their) (?:own )?(?:\w+ )?models?\b", sent.text, re.I):
        teacher = accuser
    return teacher, student


def _status(sent_text: str) -> str:
    if RULED.search(sent_text):
        return "ruled"
    if DENY.search(sent_text):
        return "denied"
    if ADMIT.search(sent_text) and not re.search(r"\baccus\w*|\balleg\w*", sent_text, re.I):
        return "admitted"
    return "alleged"


def _verb_roles(doc: Doc, sent: Span, ms: list[Mention]):
    """(accusers, accused) from the parse and word order around the main verbs."""
    accusers, accused = [], []
    accuse_verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in ACCUSE]
    action_verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in ACTION]
    companies = [(m, _company(m)) for m in ms if _company(m) and m.kind != "model"]
    if accuse_verbs:
        v = accuse_verbs[0]
        for m, name in companies:
            if m.start < v.idx and not _inside_teacher_phrase(doc, m):
                accusers.append(name)
            elif m.start > v.idx and not _inside_teacher_phrase(doc, m):
                accused.append(name)
    if not accused and action_verbs:
        for v in action_verbs:
            for child in v.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    for m, name in companies:
                        if m.start <= child.idx < m.end or any(m.start <= t.idx < m.end for t in child.subtree):
                            accused.append(name)
        if not accused:
            first = next(((m, n) for m, n in companies if m.start < action_verbs[0].idx
                          and not _inside_teacher_phrase(doc, m)), None)
            if first:
                accused.append(first[1])
    accusers = [a for a in dict.fromkeys(accusers) if a not in accused]
    return accusers, list(dict.fromkeys(accused))


def _inside_teacher_phrase(doc: Doc, m: Mention) -> bool:
    tok = doc[m.tok]
    nxt = doc[m.tok + 1] if m.tok + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in ("’s", "'s") and m.tok + 2 < len(doc):
        after = doc[m.tok + 2: m.tok + 5]
        if any(t.lower_ in MODEL_WORDS for t in after):
            return True
    return tok.dep_ == "pobj" and tok.head.lower_ in ("from",)


def find(doc: Doc, mentions: list[Mention]) -> list[AllegationX]:
    if not SIGNAL.search(doc.text):
        return []
    found: dict[tuple, AllegationX] = {}
    for sent in doc.sents:
        text = sent.text
        if not (SIGNAL.search(text) or ACTION_SIGNAL.search(text)):
            continue
        ms = _in_sentence(mentions, sent)
        if not any(_company(m) for m in ms):
            continue
        accusers, accused = _verb_roles(doc, sent, ms)
        status = _status(text)
        for target in accused:
            accuser = accusers[0] if accusers else None
            if status == "admitted":
                accuser = None
            teacher, student = _teacher_and_student(doc, sent, ms, target, accuser)
            if not SIGNAL.search(text) and teacher is None:
                continue  # "used X to build Y" without distillation or a source model is not an allegation
            if teacher == target:
                teacher = None
            ev = Evidence(sent.start_char, sent.end_char, sent.start_char, sent.end_char)
            _merge(found, AllegationX(accused=target, accuser=accuser, teacher=teacher, student=student,
                                      status=status, evidence=[ev]))
    return list(found.values())


RANK = {"alleged": 0, "denied": 1, "admitted": 2, "ruled": 3}


def _merge(found: dict, new: AllegationX) -> None:
    key = (new.accuser, new.accused)
    for old_key, old in list(found.items()):
        if old.accused == new.accused and (old.accuser == new.accuser or not old.accuser or not new.accuser) and \
                (old.teacher == new.teacher or not old.teacher or not new.teacher):
            old.teacher = old.teacher or new.teacher
            old.student = old.student or new.student
            old.accuser = old.accuser or new.accuser
            if RANK[new.status] > RANK[old.status]:
                old.status = new.status
            old.evidence += new.evidence
            return
    found[key + (new.teacher,)] = new
