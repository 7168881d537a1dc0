"""Docket numbers as printed: "1:24-cv-01514-CM", "No. 24-1963" -> "24-1963", "IL-2023-000007", "JCCP No. 5431" ->
"JCCP 5431", with a judge's initials in parentheses ("(TSH)") and "No." / "C.A. No." prefixes left out
(../shared/eval/README.md).

The forms are data: ingest/nlp/patterns/dockets.jsonl, one line per form, whose role is its jurisdiction
(us_federal_district, us_appellate, us_state, uk_claim, mdl, jccp, ...). A form is a regular expression over the
text (key "regex"; a docket number is a shape of digits, letters and hyphens that the tokenizer cuts differently
from one text to the next, so a token pattern would be the wrong tool), with a gate:

    self          the shape is a docket number wherever it is printed ("3:24-cv-05417-WHA");
    cue           an ambiguous shape ("23-A-04860-2", "24A1234") is taken only right after a cue line's match
                  ("No.", "Case No.", "C.A. No.", "Docket number:") that no reject_cue line's match overrides
                  ("ECF No.", "Dkt. No.", "Pub. L. No.", "Patent No.", "at"), or as the next item of a list begun
                  after one ("Nos. 23-5233, 23-5234");
    cue_or_line   as cue, or alone on its line (a judge's initials may follow) with a court heading (a
                  court_context line's match) within 400 characters, as an appellate caption prints "24-1963";
    caption_line  only alone on its line near a court heading and right below a caption (a caption_context
                  line's match in the 300 characters before): an old opinion's plain number ("65201.").

The number is the form's named group "n" if it has one, else the whole match; "format" composes it from named groups
("{p} {n}"). A number broken after a "-" at a line's end ("3:23-cv-\\n03417") is read as one: the text is searched
with those breaks joined and the offsets mapped back; spaces left after a "-" ("16- CV-04384") are dropped. Overlapping matches keep the longest (then the earliest).

    find(text) -> [(number, start, end)]   each number once (compared without case or spaces), in text order
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ingest.nlp import rules

FILE = "dockets"
CONTEXT_ROLES = ("cue", "reject_cue", "court_context", "caption_context")
CUE_WINDOW = 60
COURT_WINDOW = 400
GATES = ("self", "cue", "cue_or_line", "caption_line")
CAPTION_WINDOW = 300
# a break after a hyphen that ends a line, before a word that continues it: "3:23-cv-\n03417"
_BREAK = re.compile(r"(?<=\w-)[ \t]*\n[ \t`>]*(?=\w)")
# what may separate two numbers of one list: "Nos. 23-5233, 23-5234 & 23-5235", "23-cv-3223 (SHS); 23-cv-3416"
_LIST_SEP = re.compile(r"\s*(?:\([A-Z][A-Za-z/ .,]{0,20}\)\s*)?(?:,|;|&|and|\s)\s*(?:and\s+|&\s+)?$")
# what may follow a number alone on its line: a judge's initials, punctuation
_COLUMN_GAP = re.compile(r"(?:\S[ ]{3,}|\t)$")
_LINE_TAIL = re.compile(r"\s*(?:\([A-Z][A-Za-z/ .,]{0,20}\))?\s*[.,;:]?\s*$")


@dataclass(frozen=True)
class Form:
    role: str
    id: str
    gate: str
    regex: re.Pattern
    format: Optional[str]


@lru_cache(maxsize=1)
def forms() -> tuple[Form, ...]:
    out = []
    for n, e in enumerate(rules.load(FILE)):
        if "regex" not in e or e["role"] in CONTEXT_ROLES:
            continue
        gate = e.get("gate", "self")
        if gate not in GATES:
            raise ValueError(f"{FILE}.jsonl: form {e.get('id', n)} has an unknown gate {gate!r}")
        out.append(Form(e["role"], e.get("id") or f"{e['role']}#{n}", gate, re.compile(e["regex"]), e.get("format")))
    return tuple(out)


@lru_cache(maxsize=None)
def _joined(role: str) -> Optional[re.Pattern]:
    """One pattern for every line of a role (cue, reject_cue, court_context), as alternatives."""
    parts = [e["regex"] for e in rules.entries(FILE, role) if "regex" in e]
    return re.compile("|".join(f"(?:{p})" for p in parts)) if parts else None


def _has(role: str, text: str) -> bool:
    pattern = _joined(role)
    return bool(pattern and pattern.search(text))


def _join_breaks(text: str) -> tuple[str, list[int], list[int]]:
    """The text with line breaks after a hyphen removed, the joined offsets where a cut was made, and how many
    characters were removed up to and including each cut (to map offsets back)."""
    if "-\n" not in text and not re.search(r"-[ \t]+\n", text):
        return text, [], []
    pieces, cuts, removed, last, total = [], [], [], 0, 0
    for m in _BREAK.finditer(text):
        pieces.append(text[last:m.start()])
        total += m.end() - m.start()
        cuts.append(m.start() - (total - (m.end() - m.start())))
        removed.append(total)
        last = m.end()
    if not cuts:
        return text, [], []
    pieces.append(text[last:])
    return "".join(pieces), cuts, removed


def _original(pos: int, cuts: list[int], removed: list[int], end: bool = False) -> int:
    """An offset in the joined text -> the offset in the original text."""
    i = bisect.bisect_right(cuts, pos - 1 if end else pos) - 1  # cuts at or before pos (an end offset: before it)
    return pos + (removed[i] if i >= 0 else 0)


def _cued(text: str, start: int, last_end: Optional[int]) -> bool:
    before = text[max(0, start - CUE_WINDOW):start]
    # a reject cue counts on the number's own line (or the line before, when the number starts its line): a heading
    # "Opinion" above "No. 17-3437" is no "Opinion No."
    line = before.rstrip()
    if _has("reject_cue", before[line.rfind("\n") + 1:] if "\n" in line else before):
        return False
    if _has("cue", before):
        return True
    # the next item of a list that began after a cue: only separators between it and the previous number
    return last_end is not None and start - last_end <= 40 and bool(_LIST_SEP.match(text[last_end:start]))


def _alone_near_court(text: str, start: int, end: int) -> bool:
    """Alone on its line, or ending its line after a wide gap (a caption's second column), near a court heading."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    head = text[line_start:start]
    if head.strip(" \t`>|") and not _COLUMN_GAP.search(head) or not _LINE_TAIL.match(text[end:line_end]):
        return False
    return _has("court_context", text[max(0, start - COURT_WINDOW):end + COURT_WINDOW])


def _number(form: Form, m: re.Match) -> tuple[str, int, int]:
    groups = m.groupdict()
    if form.format:
        number = form.format.format(**{k: v or "" for k, v in groups.items()})
        start, end = m.start(), m.end()
    elif groups.get("n"):
        number, start, end = groups["n"], m.start("n"), m.end("n")
    else:
        number, start, end = m.group(0), m.start(), m.end()
    return re.sub(r"\s+", " ", re.sub(r"-\s+", "-", number.strip())), start, end


def _candidates(text: str) -> list[tuple[int, int, str, Form]]:
    """Every form's matches: (start, end, number, form), longest first where they overlap."""
    found = []
    for form in forms():
        for m in form.regex.finditer(text):
            number, start, end = _number(form, m)
            if number:
                found.append((start, end, number, form))
    found.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    kept: list[tuple[int, int, str, Form]] = []
    for c in sorted(found, key=lambda c: (-(c[1] - c[0]), c[0])):
        if not any(c[0] < k[1] and k[0] < c[1] for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c[0])


@lru_cache(maxsize=256)  # more than a batch of extract_many: each text is searched once
def _find(text: str) -> tuple[tuple[str, int, int], ...]:
    joined, cuts, removed = _join_breaks(text)
    out, seen = [], set()
    last_end: Optional[int] = None  # end of the last number taken (a list continues from it)
    for start, end, number, form in _candidates(joined):
        if form.gate == "self":
            ok = True
        elif form.gate == "caption_line":
            ok = (_alone_near_court(joined, start, end)
                  and _has("caption_context", joined[max(0, start - CAPTION_WINDOW):start]))
        else:
            ok = _cued(joined, start, last_end) or (form.gate == "cue_or_line" and _alone_near_court(joined, start, end))
        if not ok:
            continue
        last_end = end
        key = re.sub(r"\s+", "", number.lower())
        if key in seen:
            continue
        seen.add(key)
        out.append((number, _original(start, cuts, removed), _original(end, cuts, removed, end=True)))
    return tuple(out)


def find(text: str) -> list[tuple[str, int, int]]:
    """The docket numbers a text prints: (number, start, end), each once, in the order of the text."""
    if not text:
        return []
    return list(_find(text))
