"""Causes of action named in a text ("breach of contract", "copyright infringement", "trade secrets",
"unfair competition", "fraud", ...), typed (ClaimX.cause, one of types.CAUSES) by the token patterns of
patterns/causes.jsonl, each with who claims it and against whom: the parties of the case it belongs to
(caselinks.case_of, in a text naming several cases), else of the case the text names nearest before it."""
from __future__ import annotations

import bisect
from functools import lru_cache

from spacy.tokens import Doc

from ingest.nlp import caselinks, layout, rules
from ingest.nlp.types import ClaimX, Evidence


@lru_cache(maxsize=None)
def _entries() -> dict:
    """Match key (the entry's id, else role#n as rules.matcher names it) -> entry."""
    return {e.get("id") or f"{e['role']}#{n}": e for n, e in enumerate(rules.token_patterns("causes"))}


def find(doc: Doc, cases) -> list[ClaimX]:
    """Each cause of action once per case, at its first mention there (one Matcher pass over the Doc)."""
    if not len(doc):
        return []
    strings, entries = doc.vocab.strings, _entries()
    hits = []
    for match_id, start, end in rules.matcher(doc.vocab, "causes")(doc):
        e = entries.get(strings[match_id])
        if e is not None:
            hits.append((start, end, e))
    if not hits:
        return []
    sents = layout.sents(doc) if doc.has_annotation("SENT_START") else [doc[:]]
    starts = [s.start for s in sents]
    out, seen = [], set()
    for start, end, e in sorted(hits, key=lambda h: (h[0], -h[1])):
        sent = sents[max(0, bisect.bisect_right(starts, start) - 1)]
        a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        index = caselinks.case_of(doc, cases, a, sent.start_char, sent.end_char)
        if (e["label"], index) in seen:
            continue
        seen.add((e["label"], index))
        case = cases[index] if index is not None else _nearest_case(cases, sent.start_char)
        subject = case.plaintiffs[0] if case and case.plaintiffs else None
        obj = case.defendants[0] if case and case.defendants else None
        out.append(ClaimX(kind="cause_of_action", label=e["label"], subject=subject, object=obj, cause=e["cause"],
                          case=index, evidence=[Evidence(a, b, sent.start_char, sent.end_char)]))
    return out


def _nearest_case(cases, offset: int):
    before = [c for c in cases if c.evidence and c.evidence[0].start <= offset]
    if before:
        return max(before, key=lambda c: c.evidence[0].start)
    return cases[0] if cases else None
