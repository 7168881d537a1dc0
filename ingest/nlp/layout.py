"""Line layout: sentences that news pages and court papers break across lines are joined for the parser,
and a line break that is not inside a sentence starts a new sentence (headings, bylines, datelines and
list items would otherwise run into the first sentence after them).

``join_lines`` only turns some single "\\n" into " " and list bullets into " ", so every character offset
stays the same.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

_END = re.compile(r"[.!?:;\"”’)\]]\s*$|^\s*$")
_CONTINUES = re.compile(r"[a-z,\-–—&]\s*$")


_TURNED = re.compile(r"(?<=[\w.])‘(?=s\b)")
# dashes the tokenizer does not split a word at ("publishers―sued": a horizontal bar, a figure dash): an em dash,
# one character for one (offsets stay those of the text)
_DASHES = str.maketrans({"\u2015": "\u2014", "\u2012": "\u2014"})
_BULLET = re.compile(r"^(\s*)([•·▪◦‣●*–-])(?=\s)")


def join_lines(text: str) -> str:
    raw = text.split("\n")
    bullets = [bool(_BULLET.match(line) or re.match(r"\s*\d+\.\s", line)) for line in raw]
    lines = [_BULLET.sub(lambda m: m.group(1) + " ", line) for line in raw]  # a bullet glyph parses as a word
    lines = [_TURNED.sub("’", line).translate(_DASHES) for line in lines]  # "OpenAI‘s": a turned comma typed
    # for the apostrophe
    out = []
    joined_prev = False
    for n, line in enumerate(lines):
        out.append(line)
        if n == len(lines) - 1:
            break
        nxt = lines[n + 1]
        if not line.strip() or not nxt.strip() or _END.search(line) or bullets[n + 1]:
            joined_prev = False
            out.append("\n")
            continue
        join = bool(_CONTINUES.search(line)) or nxt.lstrip()[:1].islower() or (joined_prev and len(line) < 60)
        out.append(" " if join else "\n")
        joined_prev = join
    return "".join(out)


# "TOKYO, Aug 8 — ", "SEOUL, Jan. 14 (Korea Bizwire) — ", "SAN FRANCISCO (Reuters) - ": a dateline opens a line
# in capitals; the sentence starts after its dash (parsed with it, the city becomes the sentence's subject)
DATELINE = re.compile(r"(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][A-Za-z.]{1,14}(?: \d{1,2})?(?:, \d{4})?)?"
                      r"(?: ?\([^()\n]{2,40}\))? ?[—–-]{1,2} |"
                      r"By (?:[A-Z][\w.'’-]+ ){1,3}\([^()\n]{2,40}\) ?[—–-]{1,2} ?)(?=[A-Z“\"‘'])")  # "By Blake Brittain (Reuters) -"


@Language.component("casetracker_lines")
def line_starts(doc: Doc) -> Doc:
    """A token after a line break starts a sentence (the next few tokens do not); so does the first token after
    a dateline."""
    text = doc._.ct_text if doc.has_extension("ct_text") and doc._.ct_text else doc.text
    for t in doc:
        first = t.i == 0 or "\n" in doc[t.i - 1].text_with_ws
        if t.i and first and not t.is_space and t.is_sent_start is None:
            t.is_sent_start = True
            for k in range(t.i + 1, min(len(doc), t.i + 4)):
                if not doc[k].is_space and doc[k].is_sent_start is None and "\n" not in doc[k - 1].text_with_ws:
                    doc[k].is_sent_start = False
        if first and not t.is_space and (m := DATELINE.match(text, t.idx)):
            after = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
            if after is not None and after.start > t.i:
                for k in range(t.i + 1, after.start):
                    doc[k].is_sent_start = False
                doc[after.start].is_sent_start = True
    return doc


def sents(doc: Doc) -> list:
    """doc.sents, computed once per document (spaCy walks the whole Doc on every access)."""
    cached = doc.user_data.get("ct_sents")
    if cached is None:
        cached = doc.user_data["ct_sents"] = list(doc.sents)
    return cached


def sent_of(doc: Doc, i: int):
    """The sentence that holds token i."""
    starts = doc.user_data.get("ct_sent_starts")
    if starts is None:
        starts = doc.user_data["ct_sent_starts"] = [s.start for s in sents(doc)]
    import bisect
    return sents(doc)[max(0, bisect.bisect_right(starts, i) - 1)]
