"""Case families: how a case the text names relates to another case it names (RelationX on CaseX.relations).

Only what the text says, and only between cases it names by a printed caption ("Tremblay v. OpenAI", "In re
OpenAI ChatGPT Litigation") or a docket number: the other side of a relation is printed, else there is no
relation. The cues are token patterns in patterns/relations.jsonl (role relation_cue, with a "kind"):

    consolidation  "consolidated into / with", "multidistrict litigation", "MDL", "part of", "This Document
                   Relates To:", and an In re caption followed by a member's caption in parentheses
                   -> member_of the "In re" case, or consolidated_into the lead case ("A was consolidated with
                   B": A consolidated_into B)
    appeal         "Appeal from the United States District Court ... No. 3:23-cv-03417" -> the appellate case
                   appeal_of the trial case (as its docket number or caption is printed)
    refiled        "refiled", "re-filed in state court", "a new lawsuit after the first was dismissed"
                   -> earlier refiled_as later. The earlier is the case the sentence names first, unless the
                   second carries an earlier_cue just before it ("the original", "the dismissed")
    companion      "companion suits", "a similar suit the same day", "related case", "nearly identical
                   complaints", "the current cases — A, B and C", "seven lawsuits" -> companion_of, each of the
                   cases the sentence names with each other (a symmetric relation: both ways)

A relation is read "this case <kind> other" and sits on the CaseX of "this" case. Where the sentence names
only the other case and speaks of its own by an anaphor ("the case was consolidated into In re ..."), this is
the document's own case (its first case that is not the other). Never a relation of a case to itself.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from ingest.nlp import captions, layout, rules
from ingest.nlp.dates import text_of
from ingest.nlp.types import CaseX, Evidence, RelationX

_P = "relations"


class _Ref:
    """A case the text names: its printed label, where, and the CaseX it is (None when not one of ours)."""

    def __init__(self, label: str, start: int, end: int, docket: bool = False):
        self.label, self.start, self.end, self.docket = label, start, end, docket
        self.case: Optional[int] = None

    @property
    def in_re(self) -> bool:
        return self.label.lower().startswith("in re")


def _core(number: str) -> str:
    """A docket number's core for comparing ("3:23-cv-03417-VC" and "23-cv-3417" are one)."""
    m = re.search(r"(\d{2})-?([a-z]{2,3})-?0*(\d+)", number.lower())
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else number.lower()


def _same(a: str, b: str) -> bool:
    wa, wb = set(captions.bare_words(a)), set(captions.bare_words(b))
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _case_of(ref: _Ref, cases: list[CaseX]) -> Optional[int]:
    for n, c in enumerate(cases):
        if ref.docket:
            if any(_core(d) == _core(ref.label) for d in c.docket_numbers):
                return n
            continue
        mine, theirs = captions.split(ref.label), captions.split(c.caption)
        if len(mine) != len(theirs):
            continue
        if len(mine) == 1:
            if captions.bare_words(mine[0]) == captions.bare_words(theirs[0]):
                return n
        elif _same(mine[0], theirs[0]) and _same(mine[1], theirs[1]):
            return n
    return None


def _refs(text: str, start: int, end: int, cases: list[CaseX]) -> list[_Ref]:
    """The cases printed in text[start:end], in order: captions, "In re" captions and docket numbers (a docket
    number printed right after a caption is that caption's)."""
    piece = text[start:end]
    out = [_Ref(f"{left} v. {right}" if right else left, start + a, start + b)
           for left, right, a, b in captions.explicit(piece)]
    out.sort(key=lambda r: r.start)
    for number, a, b in captions.dockets(piece):
        a, b = start + a, start + b
        if any(r.start <= a < r.end + 40 and not r.docket for r in out):
            continue  # "Tremblay v. OpenAI, No. 3:23-cv-03223": the caption names it
        out.append(_Ref(text[a:b], a, b, docket=True))
    out.sort(key=lambda r: r.start)
    for r in out:
        r.case = _case_of(r, cases)
    return out


def _main(cases: list[CaseX], other: _Ref) -> Optional[int]:
    """The document's own case: its first case that is not the other one."""
    return next((n for n, c in enumerate(cases) if n != other.case and not (
        other.case is None and _Ref(c.caption, 0, 0).label == other.label)), None)


def _add(cases: list[CaseX], index: Optional[int], kind: str, other: _Ref, ev: Evidence,
         allow_self: bool = False) -> None:
    if index is None or index == other.case and not allow_self:
        return
    case = cases[index]
    if captions.split(case.caption) == captions.split(other.label):
        return
    for r in case.relations:
        if r.kind == kind and _same(r.other, other.label):
            r.evidence.append(ev)
            return
    case.relations.append(RelationX(kind=kind, other=other.label, evidence=[ev]))


def _anaphor(text: str, start: int, end: int) -> bool:
    words = set(re.findall(r"[a-z]+", text[start:end].lower()))
    return bool(words & rules.lexicon(_P, "anaphor", key="text"))


def _earlier(text: str, ref: _Ref) -> bool:
    before = re.findall(r"[a-z]+", text[max(0, ref.start - 30):ref.start].lower())[-3:]
    return bool(set(before) & rules.lexicon(_P, "earlier_cue", key="text"))


def _consolidation(text, refs, cues_end, cases, ev, joined: bool) -> None:
    """joined: the cue joins two cases ("consolidated into / with"); else it speaks of the litigation the
    document belongs to ("This Document Relates To:", "MDL"), the document's one "In re" case when it has one."""
    in_re = [r for r in refs if r.in_re]
    own = [n for n, c in enumerate(cases) if c.caption.lower().startswith("in re")]
    if not in_re and not joined and len(own) == 1:
        in_re = [_Ref(cases[own[0]].caption, -1, -1)]
        in_re[0].case = own[0]
    if in_re:
        other, kind = in_re[0], "member_of"
    else:
        after = [r for r in refs if r.start >= cues_end]
        if not after or len(refs) < 2 and not _anaphor(text, ev.sent_start, ev.sent_end):
            return
        other, kind = after[0], "consolidated_into"
    members = [r for r in refs if r is not other and not r.in_re and r.case is not None]
    if not members and _anaphor(text, ev.sent_start, ev.sent_end):
        _add(cases, _main(cases, other), kind, other, ev)
    for r in members:
        _add(cases, r.case, kind, other, ev)


def _appeal(text, refs, cue_start, cases, ev) -> None:
    """'Appeal from the United States District Court for the Northern District of California ... D.C. No.
    3:23-cv-03417-VC': the trial case's number (or caption) after the cue; the appellate case is the one the
    document names before it, else its own."""
    later = [r for r in refs if r.start >= cue_start]
    if not later:
        return
    other = later[0]
    before = [r for r in refs if r.start < cue_start and r.case is not None and r.case != other.case]
    if before:
        this = before[-1].case
    elif other.docket and other.case is not None:
        # one record holds the appeal's number and the trial court's (the caption is the same at both levels):
        # the relation stands when the record has another number than the one the cue names
        numbers = cases[other.case].docket_numbers
        if not any(_core(d) != _core(other.label) for d in numbers):
            return
        this = other.case
    else:
        this = _main(cases, other)
    _add(cases, this, "appeal_of", other, ev, allow_self=other.docket)


def _pair(text, refs, cases, ev, kind) -> None:
    distinct = []
    for r in refs:
        if not any(r.label == d.label or r.case is not None and r.case == d.case for d in distinct):
            distinct.append(r)
    if len(distinct) >= 2 and kind == "companion_of":  # siblings, each of each: "The current cases — A, B and C"
        for a in distinct:
            for b in distinct:
                if a is not b:
                    _add(cases, a.case, kind, b, ev)
    elif len(distinct) >= 2:
        first, second = distinct[0], distinct[1]
        if kind == "refiled_as" and _earlier(text, second) and not _earlier(text, first):
            first, second = second, first
        _add(cases, first.case, kind, second, ev)
    elif len(distinct) == 1 and kind == "companion_of" and _anaphor(text, ev.sent_start, ev.sent_end):
        _add(cases, _main(cases, distinct[0]), kind, distinct[0], ev)


def _parenthesised_members(text: str, cases: list[CaseX]) -> None:
    """'In re OpenAI, Inc. Copyright Infringement Litigation (The New York Times Company v. Microsoft
    Corporation et al.)': the member case an MDL paper is filed in."""
    refs = _refs(text, 0, len(text), cases)
    for a, b in zip(refs, refs[1:]):
        if a.in_re and not b.in_re and not b.docket and re.fullmatch(r"\s*\(\s*(?:[Tt]he\s+)?", text[a.end:b.start]):
            ev = Evidence(a.start, b.end, a.start, b.end)
            _add(cases, b.case, "member_of", a, ev)


def find(doc: Doc, cases: list[CaseX]) -> None:
    """Fill each case's relations from the sentences with a relation cue (see the module's docstring)."""
    if not cases:
        return
    text = text_of(doc)
    hits = rules.matcher(doc.vocab, _P, "relation_cue")(doc)
    kinds = {e.get("id") or f"relation_cue#{n}": e["kind"]
             for n, e in enumerate(rules.token_patterns(_P, "relation_cue"))}
    by_sent: dict[tuple[int, int], list[tuple[str, int, int]]] = {}
    for match_id, s, e in sorted(hits, key=lambda h: h[1]):
        kind = kinds.get(doc.vocab.strings[match_id])
        sent = layout.sent_of(doc, s)
        span_end = sent.end_char
        if kind == "consolidation" and doc[s].lower_ == "this":  # "This Document Relates To:" runs to a blank line
            para = text.find("\n\n", doc[e - 1].idx)
            span_end = max(span_end, min(para if para >= 0 else len(text), doc[e - 1].idx + 1200))
        elif kind == "appeal":  # the trial court's number follows the court's name, often past the sentence
            span_end = max(span_end, min(len(text), doc[e - 1].idx + 400))
        by_sent.setdefault((sent.start_char, span_end), []).append((kind, doc[s].idx, doc[e - 1].idx + len(doc[e - 1])))
    for (s0, s1), cues in by_sent.items():
        refs = _refs(text, s0, s1, cases)
        if not refs:
            continue
        ev = Evidence(cues[0][1], cues[0][2], s0, s1)
        done = set()
        for kind, c0, c1 in cues:
            if kind in done:
                continue
            done.add(kind)
            if kind == "consolidation":
                joined = bool(re.match(r"(?i)(?:consolidat|centrali|folded|merged)", text[c0:c1]))
                _consolidation(text, refs, c1, cases, ev, joined)
            elif kind == "appeal":
                _appeal(text, refs, c0, cases, ev)
            elif kind == "refiled":
                _pair(text, refs, cases, ev, "refiled_as")
            elif kind == "companion":
                _pair(text, refs, cases, ev, "companion_of")
    _parenthesised_members(text, cases)
