"""Which of a document's cases a fact belongs to, and the facts a document states about each case.

A document that names several cases (an article on two suits, an opinion citing others) has each event and
each claim belong to one of them: the case whose caption, docket number or own party (one no other case of
the document has) the fact's sentence names (when several are, the one named in the fact's own clause, not in
an apposition or a relative clause beside it, then the one nearest to the fact), else the
case named last before it in its paragraph, else none (the document's main case). A document with one case
links nothing (None: the document's case).

CaseX.fields gains, per case, its causes of action (from the claims) and its AI areas (text, image, video,
music, code, voice: patterns/ai_areas.jsonl, the words of the case's sentences).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Optional

from spacy.tokens import Doc

from ingest.nlp import layout, rules
from ingest.nlp.case_fields import each_suit
from ingest.nlp.dates import text_of
from ingest.nlp.types import AI_AREAS, ENDINGS, CaseFieldX, CaseX, ClaimX, Evidence, EventX

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


_NOT_INITIAL = {"of", "for", "the", "and", "on", "in", "to", "&"}


def _initials(name: str) -> Optional[str]:
    """A name of three or more capitalised words as its initials ("Center for Countering Digital Hate": "CCDH"),
    None for a shorter one."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", name or "") if w.lower() not in _NOT_INITIAL]
    if len(words) < 3 or not all(w[0].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


def anchors(doc: Doc, cases: list[CaseX]) -> list[tuple[int, int]]:
    """(character offset, case index) of every place the text names one of the cases, in text order: its
    caption's evidence and the caption printed again, its docket numbers, and its own parties' mentions and
    initials ("the CCDH case")."""
    key = tuple(c.caption for c in cases)
    cached = doc.user_data.get("ct_case_anchors")
    if cached is not None and cached[0] == key:
        return cached[1]
    text = text_of(doc)
    out: set[tuple[int, int]] = set()
    names = [set(c.plaintiffs) | set(c.defendants) for c in cases]
    for i, c in enumerate(cases):
        out.update((ev.start, i) for ev in c.evidence)
        for needle in [c.caption, *c.docket_numbers]:
            if needle and len(needle) > 4:
                out.update((m.start(), i) for m in re.finditer(re.escape(needle), text))
    own = {}
    sides = [(c.plaintiffs[:1], c.defendants[:1]) for c in cases]
    for i, mine in enumerate(names):  # (a second suit of the same lead sides, "SAS has filed another lawsuit
        if sides[i] in sides[:i]:  # against Sheeran", leaves their parties to the first: it has its own sentence)
            continue
        others = [names[j] for j in range(len(cases)) if j != i and sides[j] != sides[i]]
        for n in mine - set().union(*others):
            own[n] = i
    ms = doc._.ct_mentions if doc.has_extension("ct_mentions") else None
    for m in ms or []:
        if m.name in own and not m.resolved:
            out.add((m.start, own[m.name]))
    for n, i in own.items():  # a person's full name the tagger left out ("Emily Lyons, as representative of ...")
        if len(n.split()) >= 2 and n[:1].isupper():
            out.update((m.start(), i) for m in re.finditer(rf"\b{re.escape(n)}\b", text))
    for n, i in own.items():  # "the CCDH case": an own party's initials (Center for Countering Digital Hate)
        initials = _initials(n)
        if initials:
            out.update((m.start(), i) for m in re.finditer(rf"\b{initials}\b", text))
    again = [(ev.start, ev.end, i) for i, c in enumerate(cases) if sides[i] in sides[:i] for ev in c.evidence]
    found = sorted((p, i) for p, i in out if not any(  # where the second suit is told, its parties name it, not
        a <= p < b and j != i and sides[j] == sides[i] for a, b, j in again))  # the first
    doc.user_data["ct_case_anchors"] = (key, found)
    return found


def case_of(doc: Doc, cases: list[CaseX], at: int, sent_start: int, sent_end: int) -> Optional[int]:
    """The index of the case a fact at offset `at` in the sentence [sent_start, sent_end) belongs to; None
    with fewer than two cases, or when neither its sentence nor its paragraph before it names one."""
    if len(cases) < 2:
        return None
    found = anchors(doc, cases)
    offsets = [p for p, _ in found]
    inside = found[bisect.bisect_left(offsets, sent_start):bisect.bisect_left(offsets, sent_end)]
    if inside:
        here = _clause(doc, at)
        return min(inside, key=lambda x: (here is not None and _clause(doc, x[0]) != here, abs(x[0] - at),
                                          x[0] > at))[1]
    text = text_of(doc)
    para = 0
    for m in _BLANK_LINE.finditer(text, 0, sent_start):
        para = m.end()
    before = found[bisect.bisect_left(offsets, para):bisect.bisect_left(offsets, sent_start)]
    if not before:
        return None
    # the nearest sentence before it that names a case: the case it names first, its subject's ("xAI failed to show
    # OpenAI induced former xAI senior engineer Xuechen Li ... . Lin dismissed the case": xAI v. OpenAI, not xAI v. Li)
    last = doc.char_span(before[-1][0], before[-1][0] + 1, alignment_mode="expand")
    start = last[0].sent.start_char if last is not None and len(last) else before[-1][0]
    return next(i for p, i in before if p >= start)


_CLAUSE = {"relcl", "acl", "appos", "advcl", "ccomp", "parataxis"}


def _clause(doc: Doc, at: int) -> Optional[int]:
    """The head of the clause the word at character ``at`` is in (a relative clause, an apposition, an adverbial
    clause, else the sentence's root): "The Intercept Media, a news publisher represented by the firm of the Raw
    Story Media litigation, filed suit on February 28th, 2024": the date is the main clause's, with The Intercept,
    not the apposition's Raw Story."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span[0]
    for _ in range(30):
        if tok.dep_ in _CLAUSE or tok.head.i == tok.i:
            return tok.i
        tok = tok.head
    return None


def link(doc: Doc, cases: list[CaseX], events: list[EventX], claims: list[ClaimX]) -> None:
    """Each event's and each claim's case (see case_of); a claim keeps the case claims.find gave it."""
    if len(cases) < 2:
        return
    for x in events:
        if x.evidence and x.case is None:
            ev = x.evidence[0]
            x.case = case_of(doc, cases, ev.start, ev.sent_start, ev.sent_end)
    for x in claims:
        if x.evidence and x.case is None:
            ev = x.evidence[0]
            x.case = case_of(doc, cases, ev.start, ev.sent_start, ev.sent_end)


_PLURAL_SUITS = re.compile(r"\b(?:lawsuits|suits|cases|complaints|actions)\b", re.I)


def share_filings(doc: Doc, cases: list[CaseX], events: list[EventX]) -> list[EventX]:
    """A dated filing told of several suits at once ("In the lawsuits filed on Thursday, The Asahi Shimbun is seeking
    ..., while The Nikkei is seeking ... and The Chunichi Shimbun ..."; "The Yomiuri Shimbun ... and The Mainichi
    Shimbun also filed lawsuits"): a sentence that calls them suits in the plural and names two or more of the
    document's cases dates the filing of each case it names (a copy of the event per case); so does one that names
    no case of its own but a plaintiff of all of them. An end told so ends each ("Recent actions by the SEC include
    settling cases with major players like Coinbase, Kraken, and Ripple Labs"). Returns the copies."""
    if len(cases) < 2:
        return []
    found = anchors(doc, cases)
    offsets = [p for p, _ in found]
    text = text_of(doc)
    out: list[EventX] = []
    shared = set.intersection(*(set(c.plaintiffs) for c in cases))  # a plaintiff of every case
    ms = doc._.ct_mentions if doc.has_extension("ct_mentions") else None
    for e in events:
        if not e.evidence or not (e.stage == "filed" and e.date or e.status in ENDINGS):
            continue  # (an end told of several suits at once ends each: "settling cases with Coinbase, Kraken, and
            # Ripple Labs")
        a, b = e.evidence[0].sent_start, e.evidence[0].sent_end
        if not _PLURAL_SUITS.search(text[a:b]):
            continue
        named = {i for _, i in found[bisect.bisect_left(offsets, a):bisect.bisect_left(offsets, b)]}
        if e.case is None and not named and any(a <= m.start < b and m.name in shared for m in ms or []):
            # "Justice said in the complaints, filed in New York and Massachusetts federal courts Friday": the
            # plaintiff of all the document's suits filed each of them
            e.case, named = 0, set(range(len(cases)))
        if len(named) < 2 or e.case not in named:
            continue
        for i in sorted(named - {e.case}):
            copy = _told_for(e, i, events + out)
            if copy is not None:
                out.append(copy)
    return out


def _told_for(e: EventX, i: int, told: list[EventX]) -> Optional[EventX]:
    """The event ``e`` told again for the case ``i`` (its own evidence list), or None when one of ``told`` already
    tells that step of that case."""
    if any(x.case == i and (x.stage, x.status, x.date) == (e.stage, e.status, e.date) for x in told):
        return None
    return replace(e, evidence=list(e.evidence), case=i)


def _add(case: CaseX, field: str, value: str, evidence: list[Evidence], confidence: float = 1.0) -> None:
    for f in case.fields:
        if f.field == field and f.value == value:
            f.evidence += [e for e in evidence if e not in f.evidence][:max(0, 3 - len(f.evidence))]
            f.confidence = max(f.confidence, confidence)
            return
    case.fields.append(CaseFieldX(field=field, value=value, confidence=confidence, evidence=list(evidence[:3])))


def ai_areas(doc: Doc, cases: list[CaseX]) -> dict[int, dict[str, list[Evidence]]]:
    """{case index: {area: [evidence, ...]}}: the AI-area words of the text, each in its case's sentences
    (a text with one case: all of them)."""
    if not len(doc):
        return {}
    out: dict[int, dict[str, list[Evidence]]] = {}
    strings, seen = doc.vocab.strings, set()
    sents = layout.sents(doc) if doc.has_annotation("SENT_START") else [doc[:]]
    starts = [s.start for s in sents]
    for match_id, start, end in sorted(rules.matcher(doc.vocab, "ai_areas")(doc), key=lambda m: m[1]):
        role = rules.role_of("ai_areas", strings[match_id]) or ""
        area = role[len("ai_area_"):]
        if area not in AI_AREAS or (area, start) in seen:
            continue
        seen.update((area, i) for i in range(start, end))
        sent = sents[max(0, bisect.bisect_right(starts, start) - 1)]
        a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        i = case_of(doc, cases, a, sent.start_char, sent.end_char)
        out.setdefault(0 if i is None else i, {}).setdefault(area, []).append(
            Evidence(a, b, sent.start_char, sent.end_char))
    return out


def fields(doc: Doc, cases: list[CaseX], claims: list[ClaimX], ai_litigation: bool) -> None:
    """CaseX.fields: cause_of_action from each typed claim (its case, else the main case), and ai_area for a
    suit over AI: every area its sentences name twice, else the one area they name most."""
    if not cases:
        return
    for c in claims:
        if c.kind == "cause_of_action" and c.cause:
            own = c.case if c.case is not None and c.case < len(cases) else 0
            for i in _each(doc, cases, own, c.evidence):
                _add(cases[i], "cause_of_action", c.cause, c.evidence)
    if not ai_litigation:
        return
    for i, areas in ai_areas(doc, cases).items():
        if i >= len(cases) or not areas:
            continue
        ranked = sorted(areas.items(), key=lambda kv: (-len(kv[1]), kv[1][0].start))
        for area, evidence in [kv for kv in ranked if len(kv[1]) >= 2] or ranked[:1]:
            _add(cases[i], "ai_area", area, evidence, confidence=round(min(1.0, 0.5 + 0.1 * len(evidence)), 2))


def _each(doc: Doc, cases: list[CaseX], own: int, evidence: list[Evidence]) -> list[int]:
    """The cases a case-level fact is of (case_fields.each_suit): its own case, or each case its sentence names where
    the sentence speaks of several suits at once."""
    ev = evidence[0] if evidence else None
    if ev is None or len(cases) < 2:
        return [own]
    return each_suit(text_of(doc), (ev.sent_start, ev.sent_end), own,
                     [i for p, i in anchors(doc, cases) if ev.sent_start <= p < ev.sent_end])


_IN_RE = re.compile(r"\s*in\s+re\b", re.I)


def share_paper_step(doc: Doc, cases: list[CaseX], events: list[EventX]) -> list[EventX]:
    """A consolidated litigation's paper that relates to one member ("In re OpenAI, Inc. Copyright Infringement
    Litigation (The New York Times Company v. Microsoft Corporation et al.) — Order on preservation of output log
    data"): the step its title shows (stages._paper_steps) is the consolidated case's as well as the member's. Returns
    the copies for the one "In re" case of the document."""
    own = doc.user_data.get("ct_title_steps") or set()
    if not own:
        return []
    in_re = [i for i, c in enumerate(cases) if _IN_RE.match(c.caption or "")]
    out: list[EventX] = []
    if len(in_re) == 1:
        j = in_re[0]
        for e in events:
            copy = _told_for(e, j, events) if id(e) in own and e.case not in (None, j) and (e.stage or e.status) \
                else None
            if copy is not None:
                out.append(copy)
    if _paper(doc):
        out += _companions_decided(cases, [e for e in events if id(e) in own and (e.stage or e.status)], events + out)
    return out


def _paper(doc: Doc) -> bool:
    from ingest.nlp.facts import COURT_PAPERS

    return (doc._.ct_kind if doc.has_extension("ct_kind") else None) in COURT_PAPERS


def _companions_decided(cases: list[CaseX], steps: list[EventX], told: list[EventX]) -> list[EventX]:
    """A court's paper that decides companion cases together ("Tremblay v. OpenAI, Case No. 23-cv-03223 ... Silverman
    v. OpenAI, Case No. 23-cv-03416 — Order Granting in Part the Motions to Dismiss"): the step its title shows is each
    companion's as well as the case it went to (the document's first case when it went to none)."""
    out: list[EventX] = []
    for e in steps:
        i = e.case if e.case is not None else 0
        if not 0 <= i < len(cases):
            continue
        mine = {cases[i].caption}
        for j, other in enumerate(cases):
            if j == i:
                continue
            linked = any(r.kind == "companion_of" and r.other in mine for r in other.relations) or any(
                r.kind == "companion_of" and r.other == other.caption for r in cases[i].relations)
            if linked:
                copy = _told_for(e, j, told + out)
                if copy is not None:
                    out.append(copy)
    return out
