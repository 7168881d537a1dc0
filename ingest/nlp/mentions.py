"""Entity mentions of a parsed document: gazetteer matches, the model's PERSON/ORG entities (junk
removed), surnames joined to the full name used earlier, and pronouns or descriptions ("he", "the
company") resolved to the nearest fitting antecedent."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span

from ingest.nlp import gazetteer

JUNK = {"ai", "ip", "ceo", "cto", "cfo", "llm", "llms", "api", "gpu", "gpus", "us", "u.s.", "eu", "uk", "court",
        "the court", "congress", "plaintiffs", "defendants", "plaintiff", "defendant", "class", "the class", "inc",
        "llc", "the company", "company", "state", "tos", "terms of service", "dmca", "fair use", "pbc", "news",
        "twitter", "chinese", "american", "reuters", "ap", "nlp", "ml", "tl;dr", "key points", "intellectual property"}
PERSON_PRONOUNS = {"he", "she", "him", "his", "her", "hers"}
ORG_PRONOUNS = {"it", "its"}
ORG_DESCRIPTIONS = {"the company", "the firm", "the startup", "the lab", "the developer", "the ai company",
                    "the ai startup", "the ai firm", "the ai developer", "the chatbot maker", "the ai lab"}
PERSON_DESCRIPTIONS = {"the billionaire", "the executive", "the entrepreneur", "the ceo", "the founder",
                       "the co-founder", "the cofounder", "the tech mogul", "the mogul"}
HONORIFIC = re.compile(r"^(?:mr|mrs|ms|dr|judge|justice|sir|dame|prof)\.?\s+", re.I)


@dataclass
class Mention:
    start: int  # char offsets
    end: int
    tok: int  # index of the head token
    sent_start: int
    sent_end: int
    name: str  # canonical
    kind: str  # company, person, judge, model, court, agency, outlet
    eid: Optional[str] = None
    text: str = ""
    resolved: bool = False  # a pronoun or description resolved to an antecedent
    owner: Optional[str] = None
    litigant_ok: bool = True


def _clean(text: str) -> str:
    text = re.sub(r"['’]s$", "", text.strip())
    text = text.strip(" ,.;:\"“”'‘’()")
    return HONORIFIC.sub("", text)


def _from_ent(ent: Span) -> Optional[Mention]:
    sent = ent.sent
    base = dict(start=ent.start_char, end=ent.end_char, tok=ent.root.i, sent_start=sent.start_char,
                sent_end=sent.end_char, text=ent.text)
    if ent.ent_id_:
        entry = gazetteer.load().get(ent.ent_id_)
        if entry:
            return Mention(name=entry.name, kind=entry.kind, eid=entry.id, owner=entry.owner,
                           litigant_ok=entry.litigant or entry.kind in ("company", "person", "agency"), **base)
    if ent.label_ not in ("PERSON", "ORG"):
        return None
    name = _clean(ent.text)
    if not name or name.lower() in JUNK or not name[0].isupper() or len(name) < 2 or "\n" in name:
        return None
    if ent.label_ == "ORG" and (name.isupper() and len(name) <= 3 or name.lower().startswith(("the ", "a "))
                                and len(name.split()) == 2 and name.split()[1].islower()):
        return None
    entry = gazetteer.lookup(name)
    if entry:
        return Mention(name=entry.name, kind=entry.kind, eid=entry.id, owner=entry.owner,
                       litigant_ok=entry.litigant or entry.kind in ("company", "person"), **base)
    kind = "person" if ent.label_ == "PERSON" else "company"
    if kind == "person" and (len(name.split()) > 4 or any(ch.isdigit() for ch in name)):
        return None
    prev = doc_prev = ent.doc[ent.start - 1].text.lower() if ent.start > 0 else ""
    if kind == "person" and prev in ("judge", "justice"):
        kind = "judge"
    del doc_prev
    return Mention(name=name, kind=kind, **base)


def find(doc: Doc) -> list[Mention]:
    found = [m for m in (_from_ent(e) for e in doc.ents) if m]
    _join_surnames(found)
    found += _resolve_references(doc, found)
    found.sort(key=lambda m: m.start)
    return found


def _join_surnames(found: list[Mention]) -> None:
    """'Smith' after 'Jane Smith' is Jane Smith (people not in the gazetteer)."""
    full: dict[str, Mention] = {}
    for m in found:
        if m.kind not in ("person", "judge"):
            continue
        words = m.name.split()
        if len(words) >= 2:
            full.setdefault(words[-1], m)
        elif words and words[0] in full and not m.eid:
            target = full[words[0]]
            m.name, m.kind, m.eid = target.name, target.kind, target.eid


def _resolve_references(doc: Doc, found: list[Mention]) -> list[Mention]:
    out = []
    people = [m for m in found if m.kind == "person"]
    orgs = [m for m in found if m.kind == "company"]
    if not people and not orgs:
        return out
    i = 0
    n = len(doc)
    covered = {t for m in found for t in range(len(doc)) if False}
    del covered
    ent_tokens = {t.i for e in doc.ents for t in e}
    while i < n:
        tok = doc[i]
        low = tok.lower_
        span_end, pool, kind = i + 1, None, None
        if low in PERSON_PRONOUNS and tok.pos_ == "PRON":
            pool, kind = people, "person"
        elif low in ORG_PRONOUNS and tok.pos_ == "PRON" and low == "its":
            pool, kind = orgs, "company"
        elif low == "the" and i + 1 < n and i + 1 not in ent_tokens:
            for size in (3, 2):
                phrase = " ".join(t.lower_ for t in doc[i:i + size])
                if phrase in ORG_DESCRIPTIONS:
                    pool, kind, span_end = orgs, "company", i + size
                    break
                if phrase in PERSON_DESCRIPTIONS:
                    pool, kind, span_end = people, "person", i + size
                    break
        if pool:
            antecedent = _nearest(pool, tok.idx, max_back=1500)
            if antecedent:
                sent = tok.sent
                out.append(Mention(start=tok.idx, end=doc[span_end - 1].idx + len(doc[span_end - 1]), tok=i,
                                   sent_start=sent.start_char, sent_end=sent.end_char, name=antecedent.name,
                                   kind=kind, eid=antecedent.eid, text=doc[i:span_end].text, resolved=True,
                                   owner=antecedent.owner, litigant_ok=antecedent.litigant_ok))
        i = span_end
    return out


def _nearest(pool: list[Mention], offset: int, max_back: int) -> Optional[Mention]:
    best = None
    for m in pool:
        if m.end <= offset and offset - m.end <= max_back and m.kind != "judge":
            best = m
    return best


def at_token(mentions: list[Mention], i: int) -> Optional[Mention]:
    for m in mentions:
        if m.tok == i:
            return m
    return None


def covering(mentions: list[Mention], doc: Doc, i: int) -> Optional[Mention]:
    """The mention whose span covers token i."""
    tok = doc[i]
    for m in mentions:
        if m.start <= tok.idx < m.end:
            return m
    return None
