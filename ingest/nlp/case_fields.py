"""What a document states about each of its cases: court (a court id), jurisdiction, docket numbers, judge, full
caption, class action (CaseX.fields, each a CaseFieldX with its evidence and a confidence). CaseX.court (as cited,
"N.D. Cal."), CaseX.judge and CaseX.docket_numbers are filled from the same facts, for the code that reads them.

Each fact the text prints goes to one case, never to all of them: with one case, that case; with several, the case
whose caption, docket number or a party only it has is in the fact's sentence (the nearest such mention), else the
nearest mention before it in its paragraph, else the nearest before it in the document (after it, for a court
paper's heading above its caption). The confidence says which (SENTENCE, PARAGRAPH, DOCUMENT).

A judge is a person's full name (from the gazetteer, a judge mention, or "Judge <First> <Last>" with the name's
words checked: "Rules U." or "Lisa J. Cisneros's July" are no names; the possessive goes); a surname alone counts only
when the document or the gazetteer gives the full name. A magistrate judge is not the presiding judge. A judge's
initials after a docket number ("3:24-cv-05417-WHA") are the presiding judge's: a judge whose initials differ is
not that case's (Judge Chhabria quoted in a case docketed -WHA), and the judge they name, if the document names
them, is. The words read here are data: patterns/case_fields.jsonl.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Optional, Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from ingest.nlp import captions, courts, gazetteer, rules
from ingest.nlp.types import CaseFieldX, CaseX, Evidence

FILE = "case_fields"
SENTENCE, PARAGRAPH, DOCUMENT = 0.9, 0.7, 0.5
LATER = 0.8  # a second value of a field the document states at the same confidence (see _rank_first)
SUFFIX_MATCH = 0.95  # a judge named by the docket number's initials
INITIALS_ONLY = 0.6  # the initials alone, read as the one gazetteer judge who has them
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
# what may stand between a case's own caption or docket number and its court's citation: "Thaler v. Perlmutter,
# No. 23-5233 (D.C. Cir. 2025)", "Doe v. Roe, Plaintiff-Appellant, 132 F.3d 1123 (6th Cir. 1998)"
_OWN_CITE = re.compile(r"(?i)(?:[\s,.-]|plaintiffs?|defendants?|appellants?|appellees?|petitioners?|respondents?|et al)*"
                       r"(?:No\.\s*[\w:-]+|\d+\s+F\.(?:\s?\dd|\s?Supp\.(?:\s?\dd)?)?\s+\d+)?\s*\($")
_DESIGNATION = re.compile(r"(?i)\b(?:sitting|sat|sits) by designation\b")
_CITED = re.compile(r"^[^()]{0,12}\d{4}\)")  # "(9th Cir. 2008)": a precedent's citation, not this case's court
_POSSESSIVE = re.compile(r"['’](?:s\b|(?=\s|$))")  # "Cisneros's", "Rogers'"
_LIST_GAP = re.compile(r"(?:\s*(?:et al\.?|Inc\.?|LLC|Corp\.?|Co\.?)?\s*[,;]\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+)")
_RELATES_TO = re.compile(r"(?i)\bdocument\s+(?:relates|applies)\s+to\b[^\w]*$")  # then the member's number
_RECORD_CITE = re.compile(r",?\s*(?:ECF|Dkt\b|Docket No\.|Doc\.)")
_ROW_GAP = re.compile(r"\s*(?:\([A-Z]{2,4}\)\s*)*")  # between numbers printed in a row: the judges' initials
_HYPHENED = re.compile(r"-[A-Za-z]")
_HYPHENED_BEFORE = re.compile(r"[A-Za-z]-$")
_INITIALS_AFTER = re.compile(r"^\s*\(([A-Z]{2,4})\)")  # "23-cv-03417-VC (TSH)": the magistrate judge's


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, tuple[tuple[re.Pattern, bool, bool], ...], frozenset]:
    """The class action cues as one pattern, the judge cues one by one (each has its group "name", whether it
    is a court paper's signature line, and whether a surname alone is a judge's name there: "(Koeltl, J.)"), the
    words that are no part of a name."""
    cues = "|".join(f"(?:{e['regex']})" for e in rules.entries(FILE, "class_action_cue"))
    return (re.compile(cues),
            tuple((re.compile(e["regex"]), bool(e.get("signature")), bool(e.get("surname")))
                  for e in rules.entries(FILE, "judge_cue")),
            rules.lexicon(FILE, "not_a_name_word", key="text"))


def _printed(caption: str) -> str:
    """A caption as a text may print it again: "In re ChatGPT Product Liability Cases" also as "In re: ChatGPT
    Product Liability Cases"."""
    pattern = re.escape(caption)
    return re.sub(r"^In\\ re\\ ", r"In\\ re:?\\s+", pattern) if caption.startswith("In re ") else pattern


def each_suit(text: str, sent: tuple[int, int], own: int, named: Sequence[int]) -> list[int]:
    """The cases a case-level fact of the sentence ``sent`` is of: its own case, or, where the sentence speaks of
    several suits at once (patterns/case_fields.jsonl, several_suits_cue) and names two or more of the document's cases
    with its own (``named``), each of them."""
    named = sorted(set(named))
    if len(named) >= 2 and own in named and _several_suits().search(text, sent[0], sent[1]):
        return named
    return [own]


@lru_cache(maxsize=1)
def _several_suits() -> re.Pattern:
    return re.compile("|".join(f"(?:{e['regex']})" for e in rules.entries(FILE, "several_suits_cue")) or r"(?!)")


_PLURAL_SUITS = re.compile(r"\b(?:lawsuits|suits|cases|complaints|actions)\b")


class _Anchors:
    """Where the text names each case: its caption's evidence, the caption as printed again, its docket numbers
    and the names only it has among the document's cases."""

    def __init__(self, text: str, cases: list[CaseX], ms, sents: list[tuple[int, int]]):
        self.text, self.cases = text, cases
        self.sent_starts = [s for s, _ in sents]
        self.sents = sents
        self.paras = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]
        spans: list[tuple[int, int, int]] = []
        owners: dict[frozenset, set[int]] = {}
        for i, c in enumerate(cases):
            for n in (*c.plaintiffs, *c.defendants, *captions.split(c.caption)):
                key = frozenset(captions.bare_words(n))
                if key:
                    owners.setdefault(key, set()).add(i)
        for i, c in enumerate(cases):
            for e in c.evidence:
                spans.append((e.start, max(e.end, e.start + 1), i))
            if c.caption and not c.inferred:
                spans += [(m.start(), m.end(), i) for m in re.finditer(_printed(c.caption), text)]
        by_sides: dict[tuple, set[int]] = {}
        for i, c in enumerate(cases):
            sides = captions.split(c.caption)
            if len(sides) == 2 and not c.inferred:
                by_sides.setdefault(tuple(" ".join(captions.bare_words(s)) for s in sides), set()).add(i)
        for left, right, start, end in captions.explicit(text) if by_sides else ():
            # the caption printed again in another form ("Tremblay et al v. OpenAI, Inc. et al" of "Tremblay v.
            # Openai, Inc."): where the text names that case too ("... Tremblay et al v. OpenAI, Inc. et al,
            # 23-cv-3223 and Silverman et al v. OpenAI, Inc. et al, 23-cv-3416": each number its own case's)
            owners_here = by_sides.get((" ".join(captions.bare_words(left)), " ".join(captions.bare_words(right))))
            if right and owners_here and len(owners_here) == 1:
                spans.append((start, end, next(iter(owners_here))))
        for i, c in enumerate(cases):
            mine = {n for n in (*c.plaintiffs, *c.defendants) if owners.get(frozenset(captions.bare_words(n))) == {i}}
            spans += [(m.start, m.end, i) for m in ms if m.name in mine and not m.resolved]
        self.spans = sorted(set(spans))

    def _sent(self, pos: int) -> tuple[int, int]:
        k = max(0, bisect.bisect_right(self.sent_starts, pos) - 1)
        return self.sents[k] if self.sents else (0, len(self.text))

    def _para(self, pos: int) -> int:
        return self.paras[max(0, bisect.bisect_right(self.paras, pos) - 1)]

    def add(self, start: int, end: int, i: int) -> None:
        bisect.insort(self.spans, (start, end, i))

    def each(self, start: int, end: int) -> tuple[list[int], float, tuple[int, int]]:
        """The cases a case-level fact at start..end is of: its owner's, or, in a sentence that speaks of several
        suits at once and names two or more of the document's cases ("filed a pair of proposed class actions against
        Udio and Suno"), each case it names ([] with no case)."""
        i, conf, sent = self.owner(start, end)
        if i is None:
            return [], conf, sent
        return each_suit(self.text, sent, i, [k for a, b, k in self.spans if sent[0] <= a and b <= sent[1]]), conf, sent

    def listed(self, sent: tuple[int, int]) -> list[int]:
        """The cases a sentence names as a list ("Cedric Lacey et al. v. OpenAI Inc., Karen Enneking et al. v. OpenAI
        Inc., and Jacob Lee Irwin v. OpenAI Inc."): two or more captions with only commas and "and" between them;
        [] when the sentence names no such list."""
        here = sorted(s for s in self.spans if sent[0] <= s[0] and s[1] <= sent[1])
        if not here:
            return []
        runs: list[list[tuple[int, int, int]]] = [[here[0]]]
        for s in here[1:]:
            last = runs[-1][-1]
            if s[0] < last[1] or s[2] == last[2] and s[0] - last[1] < 3:
                runs[-1].append(s)
            elif _LIST_GAP.fullmatch(self.text[last[1]:s[0]]):
                runs[-1].append(s)
            else:
                runs.append([s])
        lists = [r for r in runs if len({s[2] for s in r}) >= 2]
        if len(lists) != 1:
            return []
        return sorted({s[2] for s in lists[0]})

    def owner(self, start: int, end: int) -> tuple[Optional[int], float, tuple[int, int]]:
        """(case index, confidence, sentence bounds) of the fact at start..end; (None, 0, ...) with no case."""
        sent = self._sent(start)
        if len(self.cases) == 1:
            return 0, 1.0, sent
        if not self.cases:
            return None, 0.0, sent

        def gap(s):
            return 0 if s[0] < end and start < s[1] else (start - s[1] if s[1] <= start else s[0] - end)
        here = [s for s in self.spans if s[0] < sent[1] and sent[0] < s[1] and not (s[0] <= sent[0] and s[1] >= sent[1])]
        if here:  # the nearest mention in the sentence (one before it wins a tie)
            best = min(here, key=lambda s: (gap(s), s[0] > start))
            return best[2], SENTENCE, sent
        before = [s for s in self.spans if s[1] <= start]
        para = self._para(start)
        if before and before[-1][0] >= para:
            return max(before, key=lambda s: s[1])[2], PARAGRAPH, sent
        if before:
            return max(before, key=lambda s: s[1])[2], DOCUMENT, sent
        after = [s for s in self.spans if s[0] >= end]
        return (after[0][2], DOCUMENT, sent) if after else (None, 0.0, sent)


def _heading_pairs(text: str, dockets: list[tuple[str, int, int]], anchors: "_Anchors") -> tuple[dict, int]:
    """A heading of consolidated actions prints their numbers in a row and then their captions in the same order
    ("23-CV-8292 (SHS) 23-CV-10211 (SHS) 24-CV-84 (SHS) ... AUTHORS GUILD ... v. OPENAI ... JONATHAN ALTER ... v.
    OPEN AI ..."): the n-th number is the n-th case named after the row. ({number: (case, confidence, sentence)},
    where the first such row starts, -1 without one)."""
    out: dict[str, tuple] = {}
    heads: list[int] = []
    row: list[tuple[str, int, int]] = []
    printed = sorted({(n, m.start(), m.end()) for n, _, _ in dockets for m in re.finditer(re.escape(n), text)},
                     key=lambda d: d[1])
    for d in printed + [("", len(text) + 10, len(text) + 10)]:
        if row and _ROW_GAP.fullmatch(text[row[-1][2]:d[1]]):
            row.append(d)
            continue
        after = [sp[0] for sp in anchors.spans if row and sp[0] >= row[-1][2]]
        if len(row) >= 2 and after:  # the captions' block: the paragraph of the first case named after the row
            begin = min(after)
            stop = _PARAGRAPH.search(text, begin)
            block = [sp[2] for sp in anchors.spans if begin <= sp[0] < (stop.start() if stop else len(text))]
            named = list(dict.fromkeys(block))
            for n, (number, start, end) in enumerate(row):  # a number past the captions found: a case not ours
                out.setdefault(number, (named[n], PARAGRAPH, anchors._sent(start)) if n < len(named) else
                               (None, 0.0, anchors._sent(start)))
                heads.append(start)
        row = [d]
    return out, (min(heads) if heads else -1)


# a court a motion asks to move the case to ("to transfer this action to") is not yet its court
_FEDERAL = re.compile(r"\b(?:[Ff]ederal (?:courts?|judge|district courts?|lawsuits?|suits?|complaints?|jury)|U\.S\. District "
                      r"(?:Judge|Court)|United States District (?:Judge|Court))\b")
_TRANSFER_TO = re.compile(r"(?i)\btransfer\b[^.;]{0,60}?\bto\s+(?:the\s+)?$")  # not "was transferred to": done
TRANSFER = 0.5
_REMAND_MOTION_TO = re.compile(r"(?i)\bmotion to remand\b[^.;]{0,70}?\bto\s+(?:the\s+)?$")
_APPEAL_FROM = re.compile(r"(?i)\b(?:appeal(?:ed)?|appeals?|petition|review)\s+from\s+(?:the\s+)?$")


def _heading(text: str, f: CaseFieldX) -> bool:
    """A court paper's heading names the court: "IN THE UNITED STATES DISTRICT COURT FOR THE DISTRICT OF DELAWARE"
    (capitals and the word COURT, or a line of capitals of its own: "SOUTHERN DISTRICT OF NEW YORK"), not "ON
    APPEAL FROM THE UNITED STATES DISTRICT COURT ..."."""
    for e in f.evidence:
        words = text[e.start:e.end]
        line_start, line_end = text.rfind("\n", 0, e.start) + 1, text.find("\n", e.end)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        if words.isupper() and ("COURT" in words or line.isupper()) \
                and not _APPEAL_FROM.search(text[max(0, e.start - 40):e.start]):
            return True
    return False


def _rank_first(case: CaseX, field: str, text: str = "") -> None:
    """Where a document gives one case several values of a field at one confidence (the heading's court, then the
    state court of a parallel suit or the court appealed from), the heading's court, else the first printed, is
    the case's ("MOTION to Transfer Case to Northern District of California" printed above the heading of the
    District of Delaware): the others keep a lower confidence, so the document's vote goes to the first."""
    values = [f for f in case.fields if f.field == field and f.evidence]
    if len(values) < 2:
        return
    heading = {id(f): field in ("court", "jurisdiction") and bool(text) and _heading(text, f) for f in values}
    first = min(values, key=lambda f: (-f.confidence, not heading[id(f)], min(e.start for e in f.evidence)))
    for f in values:
        if f is not first and f.confidence >= first.confidence:
            f.confidence = round(first.confidence * LATER, 3)


def _evidence(start: int, end: int, sent: tuple[int, int]) -> list[Evidence]:
    return [Evidence(start, end, sent[0], sent[1])]


def _add(case: CaseX, field: str, value: str, confidence: float, ev: list[Evidence]) -> None:
    for f in case.fields:
        if f.field == field and f.value == value:
            f.confidence = max(f.confidence, confidence)
            f.evidence += [e for e in ev if e not in f.evidence]
            return
    case.fields.append(CaseFieldX(field=field, value=value, confidence=confidence, evidence=ev))


# --- judges --------------------------------------------------------------------------------------------------

def initials(name: str) -> tuple[str, str]:
    """(first name's initial, surname's initials) of a full name: "William Alsup" -> ("W", "A"),
    "Araceli Martínez-Olguín" -> ("A", "MO"), "Yvonne Gonzalez Rogers" -> ("Y", "R")."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    while len(words) > 2 and _GENERATION.fullmatch(words[-1]):
        words.pop()  # "Rodolfo A. Ruiz II" -> ("R", "R"): the suffix is no surname
    if len(words) < 2:
        return "", ""
    parts = [p for p in words[-1].split("-") if p]
    return words[0][:1].upper(), "".join(p[:1].upper() for p in parts)


def matches_suffix(name: str, suffix: str) -> bool:
    """A docket suffix of a judge's initials ("WHA", "VC", "AMO", "YGR") fits the name: the first letter is the
    first name's, the last the surname's (a hyphenated surname: its last part's, or all its parts')."""
    first, last = initials(name)
    if not first or not suffix:
        return False
    return suffix[0] == first and (suffix.endswith(last) or suffix[-1] == last[-1:])


_GENERATION = re.compile(r"(?i)(?:Jr|Sr)\.?|I{2,3}|IV")
_SURNAME_FIRST = re.compile(r"^(?P<last>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?),\s+(?P<first>[A-Z][\w’'-]*\.?(?:\s+[A-Z][\w’'-]*\.?){0,2})$")


def _full_name(raw: str, known: dict[str, str], surname: bool = False) -> Optional[str]:
    """A judge's name as printed -> the person's full name, or None for a fragment. "Rankin, Kelly H." (a court
    paper's surname-first form) is "Kelly H. Rankin"; a surname alone is a name where the cue says so
    (``surname``: "(Koeltl, J.)", a surname the document calls a judge more than once)."""
    stop = _patterns()[2]
    flipped = _SURNAME_FIRST.match(raw.strip().rstrip(","))
    if flipped:
        raw = f"{flipped.group('first')} {flipped.group('last')}"
    raw = _POSSESSIVE.split(raw, maxsplit=1)[0]  # "Lisa J. Cisneros's July" -> "Lisa J. Cisneros"
    words: list[str] = []
    skipped = False
    for w in raw.split():
        if w.strip(".,").lower() in stop:
            if words:
                break
            skipped = True  # "Plaintiff Olivet University": a name after such words must be a known judge's
            continue
        if words and not words[0].isupper() and w.isupper() and len(w) > 2:
            break  # "Beryl A. Howell SHIRA PERLMUTTER": a name in capitals follows
        if words and w.lower() in STOP_WORDS:
            break  # "Judge Miller Not Too Impressed With ...": a headline's words run on after the name
        words.append(w.strip(","))
    if words and words[-1].endswith(".") and not re.fullmatch(r"[A-Z]\.|Jr\.|Sr\.", words[-1]):
        words[-1] = words[-1].rstrip(".")  # "Vince Chhabria." ends a sentence
    if not words:
        return None
    name = " ".join(words)
    if name.isupper():  # "RODOLFO A. RUIZ II" -> "Rodolfo A. Ruiz II"
        name = " ".join(w if re.fullmatch(r"I{2,3}|IV", w) else w.title() for w in name.split())
    entry = gazetteer.lookup(name) or (gazetteer.lookup(words[-1]) if len(words) == 1 else None)
    if entry is not None:
        return entry.name if entry.role == "judge" else None  # "Judge Rips Musk's": Musk is no judge
    if skipped:
        return None
    if len(words) == 1:  # the document's full name for that surname, else the surname where a cue allows it
        return known.get(words[0].lower()) or (name if surname and len(words[0]) > 2 else None)
    if re.fullmatch(r"(?:[A-Z]\.)+", words[-1]) or not all(w[:1].isupper() for w in words):
        return None  # "Rules U.": no surname
    return name


_TITLE_BEFORE = re.compile(r"\b(?:Judge|Justice|Richter|Richterin)\s+$")  # a title right before a name


def _judge_hits(text: str, ms) -> list[tuple[str, int, int, bool]]:
    """(full name, start, end, magistrate) of every judge the text names: the parser's judges, and the names a
    judge cue reads where the parser found a person, the gazetteer knows the name, or a signature line prints it."""
    raw: list[tuple[str, int, int, bool, bool]] = []  # name, start, end, magistrate, a surname alone will do
    people = [m for m in ms if m.kind in ("judge", "person") and not m.resolved]
    for m in people:
        if m.kind == "judge":
            before = text[max(0, m.start - 40):m.start]
            # "Judge Schwager explained that ...": the parser read a person right after the title, in a sentence
            # (not a headline's capitalised words): a surname alone is that judge's name
            alone = len(m.name.split()) == 1 and bool(_TITLE_BEFORE.search(before)) and not _headline(text, m.start)
            raw.append((m.name, m.start, m.end, bool(re.search(r"(?i)magistrate(?:\s+judge)?\s*$", before)), alone))
    surnames: dict[str, int] = {}  # a surname a judge cue reads alone, and how often the text calls it a judge
    for pattern, signature, surname in _patterns()[1]:
        for m in pattern.finditer(text):
            start, end = m.span("name")
            person = any(p.start < end and start < p.end for p in people)
            if signature or surname or person or _gazetteer_judge(m.group("name")) or not _headline(text, start):
                raw.append((m.group("name"), start, end, "magistrate" in m.group(0).lower(), surname))
                if len(m.group("name").split()) == 1 and not _headline(text, start):
                    surnames[m.group("name")] = surnames.get(m.group("name"), 0) + 1
    raw = [(name, s, e, mag, surname or surnames.get(name, 0) > 1) for name, s, e, mag, surname in raw]
    known = {}  # surname -> full name, from the names printed in full
    for name, *_ in raw:
        full = _full_name(name, {})
        if full and len(full.split()) >= 2:
            known.setdefault(full.split()[-1].lower(), full)
    out, seen = [], set()
    for name, start, end, magistrate, surname in sorted(raw, key=lambda r: r[1]):
        if _HYPHENED.match(text, end) or start and _HYPHENED_BEFORE.search(text[max(0, start - 3):start]):
            continue  # "Stein-Erik Soelberg": the surname of a judge inside another person's name
        full = _full_name(name, known, surname)
        if full and (start, full) not in seen:
            seen.add((start, full))
            out.append((full, start, end, magistrate))
    # "Justice Arif S Doctor": a cue that stops at the first name is the same judge as one that reads on from there
    out = [o for o in out if not any(p[1] == o[1] and p[2] > o[2] and p[0].startswith(o[0] + " ") for p in out)]
    magistrates = {n for n, *_, mag in out if mag}
    return [(n, s, e, n in magistrates) for n, s, e, _ in out]


_TRIAL_TITLE = re.compile(r"\b(?:District(?:[ ]+Court)?|Trial(?:[ ]+Court)?|Bankruptcy)[ ]+Judge[ ]+$")
_APPELLATE_TITLE = re.compile(r"\b(?:Circuit|Appeals?[ ]+Court|Appellate(?:[ ]+Court)?)[ ]+Judges?[ ]+$")


def _bench(text: str, start: int) -> str:
    """The level of the court the title before a judge's name gives ("District Court Judge Trina L. Thompson":
    "trial"; "Senior Circuit Judge Sidney Thomas": "appellate"), else ""."""
    before = text[max(0, start - 40):start]
    before = re.sub(r"(?:(?:U\.S\.|United States|Senior|Chief|Federal)[ ]+)+(?=\w+[ ]+(?:Court[ ]+)?Judges?[ ]+$)", "", before)
    if _TRIAL_TITLE.search(before):
        return "trial"
    return "appellate" if _APPELLATE_TITLE.search(before) else ""


def bench_first(text: str, cases: list[CaseX]) -> None:
    """A report of an appeal names the trial judge and the appellate panel ("signed by Circuit Judges Daniel Aaron
    Bress, Salvador Mendoza Jr., and Senior Circuit Judge Sidney Thomas, declares that District Court Judge Trina
    L. Thompson of the Northern District of California did not err"): the case's judge is the one titled for its
    court's level (the trial judge of a case in a district court, a circuit judge of an appeal); the others rank
    below. (Run once the case's court is settled: trial_court_first, title_court.)"""
    for case in cases:
        court = _best(case, "court")
        level = courts.level(court) if court else ""
        if not level or court == "scotus":
            continue
        judges = [f for f in case.fields if f.field == "judge"]
        levels = {id(f): next((b for b in (_bench(text, e.start) for e in f.evidence) if b), "") for f in judges}
        fitting = [f for f in judges if levels[id(f)] == level]
        if not fitting:
            continue
        top = max(f.confidence for f in fitting)
        for f in judges:
            if levels[id(f)] and levels[id(f)] != level and f.confidence >= top:
                f.confidence = round(top * LATER, 3)
        case.judge = _best(case, "judge")


def _headline(text: str, pos: int) -> bool:
    """The line is a headline ("Judge Dings Both Sides In ..."): its capitalised words are no evidence of a name."""
    start, end = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    words = re.findall(r"[A-Za-z][\w’'-]*", text[start:end if end >= 0 else len(text)])
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _gazetteer_judge(name: str) -> Optional[str]:
    words = _POSSESSIVE.split(name, maxsplit=1)[0].split()
    for n in range(len(words), 0, -1):
        entry = gazetteer.lookup(" ".join(words[:n]))
        if entry is not None and entry.role == "judge":
            return entry.name
    return None


@lru_cache(maxsize=1)
def _judges_by_initials() -> dict[str, set[str]]:
    """The gazetteer's judges by the initials of each way their name is written ("EKL": Eumi K. Lee)."""
    out: dict[str, set[str]] = {}
    for e in gazetteer.load().values():
        if e.role != "judge":
            continue
        for n in (e.name, *e.aliases):
            words = [w for w in n.replace("-", " ").split() if w[:1].isupper()]
            if len(words) >= 2 and not n.isupper():
                out.setdefault("".join(w[0] for w in words), set()).add(e.name)
    return out


# --- the facts -----------------------------------------------------------------------------------------------

def _suffixes(text: str, number: str, end: int) -> tuple[Optional[str], Optional[str]]:
    """(presiding judge's initials, magistrate's) printed with a docket number: "-WHA", " WHA", "-VC (TSH)" (the
    initials in parentheses are the magistrate judge's after the judge's own, else the judge's: "23 Civ. 5670 (NRB)")."""
    m = re.search(r"(?:-|\s)([A-Z]{2,4})(?:-([A-Z]{2,4}))?$", number)
    after = _INITIALS_AFTER.match(text[end:end + 10])
    paren = after.group(1) if after else None
    if not m:
        return paren, None
    return m.group(1), m.group(2) or paren


_OTHER_MATTER = re.compile(r"\bthe ((?:[A-Z][\w.&'’-]*\s+){0,3}[A-Z][\w.&'’-]*?)(?:['’]s)?\s+(?:matter|case|suit|lawsuit|"
                           r"action|complaint)\s*\(\s*(?:Case\s+)?(?:No\.?\s*)?$")


def _names_case(name: str, case: CaseX) -> bool:
    """A name ("Disney", "the Warner Bros.") is one of the case's sides (a word of its caption or of a party)."""
    words = set(captions.bare_words(name))
    return bool(words) and words <= {w for n in (case.caption, *case.plaintiffs, *case.defendants)
                                     for w in captions.bare_words(n)}


def fill(text: str, cases: list[CaseX], ms, sents: list[tuple[int, int]], dockets: list[tuple[str, int, int]],
         full_captions: Optional[dict[int, str]] = None) -> None:
    """Fill each case's fields (and court, judge, docket_numbers) from what the text prints."""
    if not cases:
        return
    anchors = _Anchors(text, cases, ms, sents)
    suffix_of: dict[int, set[str]] = {}
    magistrate_suffixes: set[str] = set()
    owned: list[list[str]] = [[] for _ in cases]
    paired, heading = _heading_pairs(text, dockets, anchors)
    heading_cases = sorted({v[0] for v in paired.values() if v[0] is not None})
    row_suffix: dict[str, str] = {}  # a heading's number no caption of the block names: its judge's initials
    for number, start, end in dockets:
        i, conf, sent = paired[number] if number in paired else anchors.owner(start, end)
        if i is None and number in paired and _suffixes(text, number, end)[0]:
            row_suffix[courts.docket_core(number)] = _suffixes(text, number, end)[0]
        if i is None or len(cases) > 1 and conf < SENTENCE and _RECORD_CITE.match(text, end):
            continue  # "(See 23-cv-8292, ECF 327)": the record of a case the sentence does not name
        named = _OTHER_MATTER.search(text[max(0, start - 80):start])
        if named and not _names_case(named.group(1), cases[i]):
            # "a document under the Disney matter (Case 2:25-cv-05275)" in a story of Warner Bros.' suit: the number
            # is the case the words name, or no case of this document's
            k = next((n for n, c in enumerate(cases) if _names_case(named.group(1), c)), None)
            if k is None:
                continue
            i = k
        if cases[i].caption.lower().startswith("in re") and _RELATES_TO.search(text[max(0, start - 80):start]):
            members = [n for n, c in enumerate(cases) if not c.caption.lower().startswith("in re")]
            if len(members) != 1:
                continue  # "This Document Relates To: 23-cv-11195": a member case's number, not the In re's
            _add(cases[members[0]], "docket_number", number, conf, _evidence(start, end, sent))
            owned[members[0]].append(number)
            continue  # (no anchor: the numbers after it are still the In re case's)
        owned[i].append(number)
        _add(cases[i], "docket_number", number, conf, _evidence(start, end, sent))
        judge_suffix, magistrate = _suffixes(text, number, end)
        if judge_suffix:
            suffix_of.setdefault(i, set()).add(judge_suffix)
        if magistrate:
            magistrate_suffixes.add(magistrate)
        anchors.add(start, end, i)
    member_cores = {courts.docket_core(n) for c, numbers in zip(cases, owned) if not c.caption.lower().startswith("in re")
                    for n in numbers}
    for c, numbers in zip(cases, owned):
        if c.caption.lower().startswith("in re"):  # a member's number printed again (a page header) stays the member's
            numbers[:] = [n for n in numbers if courts.docket_core(n) not in member_cores]
            c.fields = [f for f in c.fields if f.field != "docket_number" or f.value in numbers]
        c.docket_numbers = numbers[:6]
    for i, numbers in enumerate(owned):  # "23-cv-03223-AMO 23-cv-03416-AMO" above one caption block, and the text's
        for n in numbers:  # "Silverman et al v. OpenAI, Inc. et al, 23-cv-3416": the initials are that case's too
            if courts.docket_core(n) in row_suffix:
                suffix_of.setdefault(i, set()).add(row_suffix[courts.docket_core(n)])
    own_ends = sorted({e.end for c in cases for e in c.evidence} | {end for _, _, end in dockets})
    shared: list[tuple] = []
    for cid, start, end in courts.find(text):
        if start and text[start - 1] == "(" and _CITED.match(text[end:end + 16]) and not any(
                0 <= start - e <= 60 and _OWN_CITE.match(text, e, start) for e in own_ends):
            continue  # "(N.D. Cal. 2023)": where a precedent was decided (not "Thaler v. Perlmutter, No. 23-5233
            # (D.C. Cir. 2025)", the line of this document's own caption or docket number)
        i, conf, sent = anchors.owner(start, end)
        if i is None or _DESIGNATION.search(text[sent[0]:sent[1]]):
            continue  # (the court a visiting judge comes from, "who sat by designation", is not the case's)
        if _REMAND_MOTION_TO.search(text[max(0, start - 100):start]):
            continue  # "granted Rogers's motion to remand his section 15(a) claim to the Circuit Court of Cook County":
            # where a motion sends part of the case, not the court of the case the paper is about
        if _TRANSFER_TO.search(text[max(0, start - 80):start]):
            conf = round(conf * TRANSFER, 3)  # "to transfer this action to the Northern District of California"
        listed = heading_cases if 0 <= start < heading else anchors.listed(sent)  # a consolidated heading's court
        if not listed and conf < SENTENCE and _PLURAL_SUITS.search(text[sent[0]:sent[1]]):
            # "in the U.S. District Court for the Southern District of California, Judge Jeffrey Miller issued two
            # very similar Orders in two separate cases against Tito's Vodka. The cases are: ...": of each case
            shared.append((cid, conf, _evidence(start, end, sent), sent))
        for k in listed or [i]:  # "The cases — A, B and C — are filed in ...": each of them
            _add(cases[k], "court", cid, conf, _evidence(start, end, sent))
            _add(cases[k], "jurisdiction", courts.jurisdiction(cid), conf, _evidence(start, end, sent))
    for cid, conf, ev, sentence in shared:  # a court of several suits no case of its own names: each case without one
        for c in cases:
            if not any(f.field == "court" for f in c.fields):
                _add(c, "court", cid, round(conf * LATER, 3), list(ev))
                _add(c, "jurisdiction", courts.jurisdiction(cid), round(conf * LATER, 3), list(ev))
    for m in _FEDERAL.finditer(text):  # "a federal judge in San Francisco", "sued in federal court": a US federal
        owners, conf, sent = anchors.each(m.start(), m.end())  # suit even where no court is named
        for i in owners:
            _add(cases[i], "jurisdiction", "us-federal", round(conf * LATER, 3), _evidence(m.start(), m.end(), sent))
    for j, start, end in courts.jurisdiction_cues(text):  # "filed in Utah state court", "a Paris court": where
        owners, conf, sent = anchors.each(start, end)  # the sentence names one of the case's sides
        words = set(re.findall(r"\w+", text[sent[0]:sent[1]].lower()))
        for i in owners:
            if any(side and side <= words for side in (set(captions.bare_words(n))
                                                       for n in cases[i].plaintiffs + cases[i].defendants)):
                _add(cases[i], "jurisdiction", j, round(conf * LATER, 3), _evidence(start, end, sent))
    for c in cases:  # "SEC v. Ripple", "United States v. Ding": a plaintiff that sues only in one jurisdiction's courts
        first = (c.plaintiffs or captions.split(c.caption) or [""])[0]
        j = courts.party_jurisdiction(first)
        if j and not any(f.field == "jurisdiction" for f in c.fields):
            _add(c, "jurisdiction", j, round(DOCUMENT * LATER, 3), list(c.evidence[:1]))
    headed = [f for c in cases for f in c.fields if f.field == "court" and _heading(text, f)]
    for c in cases:  # an "In re" case a court paper's heading serves is in that court (its member's, printed)
        if c.caption.lower().startswith("in re") and headed and not any(f.field == "court" for f in c.fields):
            for f in headed[:1]:
                _add(c, "court", f.value, round(f.confidence * LATER, 3), list(f.evidence))
                _add(c, "jurisdiction", courts.jurisdiction(f.value), round(f.confidence * LATER, 3), list(f.evidence))
    for c in cases:
        _rank_first(c, "court", text)
        _rank_first(c, "jurisdiction", text)
    hits = _judge_hits(text, ms)
    for name, start, end, magistrate in hits:
        if magistrate or any(matches_suffix(name, s) for s in magistrate_suffixes):
            continue  # a magistrate judge is not the presiding judge
        i, conf, sent = anchors.owner(start, end)
        if i is None:
            continue
        if suffix_of.get(i) and not any(matches_suffix(name, s) for s in suffix_of[i]):
            fits = [k for k, ss in suffix_of.items() if any(matches_suffix(name, s) for s in ss)]
            if len(fits) != 1:
                continue  # the docket's initials name another judge
            i, conf = fits[0], SUFFIX_MATCH
        elif suffix_of.get(i):
            conf = max(conf, SUFFIX_MATCH)
        _add(cases[i], "judge", name, conf, _evidence(start, end, sent))
    for c in cases:
        _rank_first(c, "judge")
    named = {n for n, *_, magistrate in hits if not magistrate}
    for i, suffixes in suffix_of.items():  # a consolidated order's judge, named once: each case of those initials
        if not any(f.field == "judge" for f in cases[i].fields):
            fits = [n for n in named if any(matches_suffix(n, s) for s in suffixes)]
            ev = next((f.evidence for f in cases[i].fields if f.field == "docket_number"), [])
            if len(fits) == 1:
                _add(cases[i], "judge", fits[0], SUFFIX_MATCH, list(ev))
    for i, suffixes in suffix_of.items():  # "-EKL" and no judge named: the one judge of those initials
        if not any(f.field == "judge" for f in cases[i].fields):
            names = {n for s in suffixes for n in _judges_by_initials().get(s, ())}
            ev = next((f.evidence for f in cases[i].fields if f.field == "docket_number"), [])
            if len(names) == 1:
                _add(cases[i], "judge", names.pop(), INITIALS_ONLY, list(ev))
    class_cue = _patterns()[0]
    for m in class_cue.finditer(text):
        owners, conf, sent = anchors.each(m.start(), m.end())
        for i in owners:
            _add(cases[i], "class_action", "true", conf, _evidence(m.start(), m.end(), sent))
    for i, full in (full_captions or {}).items():
        c = cases[i]
        if full and full != c.caption and c.evidence:
            e = c.evidence[0]
            _add(c, "caption_full", full, 1.0, [Evidence(e.start, e.end, e.sent_start, e.sent_end)])
    for c in cases:
        c.fields.sort(key=lambda f: (f.field, -f.confidence, f.evidence[0].start if f.evidence else 0))
        court = _best(c, "court")
        c.court = courts.display(court) if court else None
        c.judge = _best(c, "judge")


def document_judge(text: str, ms, sents: list[tuple[int, int]]) -> list[CaseFieldX]:
    """The presiding judge of a text that names no case by a caption or its sides (a report that calls the suit
    "a lawsuit brought by major record labels against Uncharted Labs"): the one judge it names (not a magistrate),
    for the case its parties link it to; [] where it names none or several (whose case would be unclear)."""
    hits = [(n, s, e) for n, s, e, magistrate in _judge_hits(text, ms) if not magistrate]
    if len({n for n, _, _ in hits}) != 1:
        return []
    name, start, end = hits[0]
    k = max(0, bisect.bisect_right([a for a, _ in sents], start) - 1)
    sent = sents[k] if sents else (0, len(text))
    return [CaseFieldX(field="judge", value=name, confidence=DOCUMENT, evidence=_evidence(start, end, sent))]


def _best(case: CaseX, field: str) -> Optional[str]:
    """The value of a field the document states most surely: the highest confidence, then the most evidence,
    then the first printed."""
    values = [f for f in case.fields if f.field == field]
    if not values:
        return None
    values.sort(key=lambda f: (-f.confidence, -len(f.evidence), f.evidence[0].start if f.evidence else 0))
    return values[0].value


def trial_court_first(cases: list[CaseX]) -> None:
    """A report (not a court's own paper) that names a case's trial court and a court of appeals tells an appeal
    of that case, whose court is the trial court ("Defendant-Appellant Internet Archive appeals from a judgment of
    the United States District Court for the Southern District of New York" in a post on the Second Circuit's
    ruling): the appellate court keeps a lower confidence than the trial court's."""
    for c in cases:
        values = [f for f in c.fields if f.field == "court"]
        trial = [f for f in values if courts.level(f.value) == "trial"]
        if not trial:
            continue
        top = max(f.confidence for f in trial)
        for f in values:
            if courts.level(f.value) == "appellate" and f.confidence >= top:
                f.confidence = round(top * LATER, 3)
        court = _best(c, "court")
        c.court = courts.display(court) if court else None


def _title_first(case: CaseX, cid: str) -> None:
    """The court a court paper's title cites as its own, where the text names it among others, is the case's."""
    mine = next((f for f in case.fields if f.field == "court" and f.value == cid), None)
    if mine is None:
        return
    top = max(f.confidence for f in case.fields if f.field == "court")
    for f in case.fields:
        if f.field == "court" and f is not mine and f.confidence >= top:
            f.confidence = round(top * LATER, 3)
    mine.confidence = top
    case.court = courts.display(cid)


def title_court(title: str, cases: list[CaseX]) -> None:
    """A court paper's title that cites its own court after the case ("Thaler v. Vidal, No. 21-2347 (Fed. Cir.) —
    oral argument transcript") gives that court to the document's case when the text names no court at all (a
    transcript whose words never name it): the title's citation, "(" right after the caption or its number, as for the
    text (_OWN_CITE); a precedent cited with its year in a title of several cases stays out."""
    if not title or not cases:
        return
    named = any(f.field == "court" for c in cases for f in c.fields)
    bare = cases
    for cid, start, end in courts.find(title):
        if start < 1 or title[start - 1] != "(" or not _OWN_CITE.search(title[:start]):
            continue
        before = title[:start].lower()
        owners = bare if len(cases) == 1 else [  # of several cases, the one whose first word the title prints
            c for c in bare if captions.bare_words(c.caption) and captions.bare_words(c.caption)[0] in before]
        for c in owners[:1]:
            if named:  # the text names courts (its own, the court below): the one the title cites is the case's
                _title_first(c, cid)  # ("Recentive Analytics, Inc. v. Fox Corp., No. 23-2437 (Fed. Cir. 2025)")
                continue
            _add(c, "court", cid, DOCUMENT, [])
            _add(c, "jurisdiction", courts.jurisdiction(cid), DOCUMENT, [])
            c.court = c.court or courts.display(cid)
        return

