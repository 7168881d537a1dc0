"""An appeal and the case appealed from are two cases: a court of appeals' paper makes both, the second linked by
``appeal_of`` (RelationX).

An appellate court's opinion, order or argument transcript names its own court first ("Thaler v. Perlmutter,
No. 23-5233 (D.C. Cir. 2025)") and the trial court whose judgment it reviews ("the United States District Court
for the District of Columbia"). Read as one case, the appeal takes the trial court's docket number and judge and
the trial case disappears; the trackers people use keep them apart (CourtListener has a docket in each court).
So when a case's most sure court is an appellate court (courts-db's type, or the pattern file's "type" for ours)
and the document also names a trial court for it, prints a trial court's docket number for it, or (a court of
appeals below the supreme courts) speaks of the court below ("the district court granted ..."):

- a second case of the same caption and sides gets the trial court, the trial docket numbers (a district
  number such as "4:20-cv-05640-YGR", not an appellate "21-16506", or whatever number an "Appeal from ... No. 19 C
  4311" cue names) and the judges whose initials a trial docket number carries, whom the paper cites as the judge
  below ("(Koeltl, J.)") or names in the trial number's sentence ("No. 19 C 4311 — Rebecca R. Pallmeyer, Chief
  Judge.");
- the appeal keeps its court, its own numbers and everything else the text says (its steps are the appeal's);
- the appeal is ``appeal_of`` the trial case, named by its docket number when printed, else by the caption;
- a case below printed by its own caption ("Appeal from: Thaler v Commissioner of Patents [2021] FCA 879") that is
  none of the document's cases is made under that caption (its court: the trial court named, else the appeal's own
  court where that court sits at both levels).

A trial court named only as where a visiting judge comes from ("sitting by designation") is not the court below.
The new case goes after the document's cases, so the indices events and claims hold stay right; a step the paper
tells of the court below ("the district court granted summary judgment") moves to it. The paper itself is the trial
case's step "appeal" (the suit is before the court of appeals as of the paper's date: on appeal; open when the paper
remands it; as the decision below left it when the paper tells the court of appeals upheld it, "affirmed").
"""
from __future__ import annotations

import re
from typing import Optional

from ingest.nlp import courts
from ingest.nlp.case_fields import matches_suffix
from ingest.nlp.types import CaseFieldX, CaseX, EventX, Evidence, Extraction, RelationX

_BELOW = re.compile(r"(?i)\b(?:district|trial|lower|bankruptcy|magistrate) (?:court|judge)\b|\bcourt below\b"
                    r"|\bjury (?:found|verdict|awarded|returned)\b")  # a jury sits in a trial court
_APPELLATE_ACT = re.compile(r"(?i)\b(?:affirm\w*|revers\w*|vacat\w*|remand\w*|appeal\w*|circuit|we (?:hold|conclude))\b")
_DESIGNATION = re.compile(r"(?i)\bsitting by designation\b")
_CITED_BELOW = re.compile(r",\s*(?:(?:C|Ch|Chief|Senior|District|Magistrate)\.?\s+)?J\.\)")  # "(Koeltl, J.)"
_SUFFIX = re.compile(r"-([A-Z]{2,4})\s*$")


def _sentence(text: str, f: CaseFieldX) -> str:
    return " ".join(text[e.sent_start:e.sent_end] for e in f.evidence if e.sent_end > e.sent_start)


def _first(f: CaseFieldX) -> int:
    return min((e.start for e in f.evidence), default=10 ** 9)


def _speaks_below(text: str) -> bool:
    """The paper speaks of the court below (not of where a visiting judge sits)."""
    for m in _BELOW.finditer(text):
        start, end = text.rfind(".", 0, m.start()) + 1, text.find(".", m.end())
        if not _DESIGNATION.search(text[start:end if end >= 0 else len(text)]):
            return True
    return False


def _supreme(cid: str) -> bool:
    return "supreme" in (courts.name(cid) or cid).lower() or cid in ("scotus", "uksc")


def _trial_number(number: str) -> bool:
    return len(courts.docket_core(number)) == 7  # a district court's core: year and five digits


# a reporter of the federal courts of appeals' decisions right after a printed caption: "Park v. Kim, 91 F.4th 610"
_APPELLATE_REPORT = re.compile(r"^,?\s*\d{1,4}\s+F\.\s?(?:2d|3d|4th)\s+\d{1,4}\b|^,?\s*\d{1,4}\s+F\.\s?App['’]x\s+\d")


def reported(extraction: Extraction, text: str) -> Extraction:
    """A story or a blog that prints an appeal's caption with the citation of its decision in the courts of appeals'
    reporter ("Park v. Kim, 91 F.4th 610 was decided by the Second Circuit earlier this year. The district court
    dismissed plaintiff's case ...") tells that decision as a court paper would: the appeal and the case below are
    two cases (split), for those cases only."""
    cited = [cx for cx in extraction.cases if not cx.inferred and any(
        _APPELLATE_REPORT.match(text[end:end + 40]) for end in [e.end for e in cx.evidence] + [
            m.end() for m in re.finditer(re.escape(cx.caption), text)])]
    return split(extraction, text, only=cited) if cited else extraction


def split(extraction: Extraction, text: str, only: Optional[list] = None) -> Extraction:
    """Add the trial case of each appeal the document is a court of appeals' paper of (see the module)."""
    for n, cx in enumerate(list(extraction.cases)):
        if only is not None and not any(cx is o for o in only):
            continue
        trial = _trial_case(cx, text, extraction.cases)
        if trial is not None:
            extraction.cases.append(trial)
            _steps_below(extraction, text, n, len(extraction.cases) - 1)
            _appealed(extraction, text, n, len(extraction.cases) - 1)
    return extraction


def _appealed(extraction: Extraction, text: str, appeal: int, trial: int) -> None:
    """The court of appeals' paper shows the trial case reached the appeal: an undated step (as of the paper's date)
    of stage appeal, on appeal unless the paper sends the case back ("remanded the case": open) or its steps of the
    appeal only upheld the decision below ("affirmed")."""
    if any(ev.case == trial and ev.stage == "appeal" for ev in extraction.events):
        return
    mine = [ev for ev in extraction.events if ev.case in (None, appeal)]
    if any(ev.stage == "appeal" and ev.status == "open" for ev in mine):
        status = "open"  # "remanded the case for a new trial": back before the court below
    elif any(ev.status == "affirmed" for ev in mine) and not any(ev.status in ("on_appeal", "open") for ev in mine):
        status = "affirmed"
    else:
        status = _won_below(extraction.cases[appeal], extraction.cases[trial], mine) or "on_appeal"
    cx = extraction.cases[appeal]
    relation = next((r for r in cx.relations if r.kind == "appeal_of"), None)
    ev = (relation.evidence if relation and relation.evidence else cx.evidence)[:1]
    evidence = [Evidence(ev[0].start, ev[0].end, ev[0].sent_start, ev[0].sent_end)] if ev else \
        [Evidence(0, min(len(text), 200), 0, min(len(text), 200))]
    what = " ".join(text[evidence[0].sent_start:evidence[0].sent_end].split())[:300] or cx.caption
    extraction.events.append(EventX(kind="filing", what=what, evidence=evidence, stage="appeal", status=status,
                                    case=trial))


def _won_below(appeal: CaseX, trial: CaseX, steps: list[EventX]) -> Optional[str]:
    """The judgment the case below stands at when the appeal's own step gave one side judgment ("appeal allowed" in
    Commissioner of Patents v Thaler: the appellant, the appeal's first side, won): the same party's side in the case
    below, by name (the Commissioner, first in the appeal, is the defendant of Thaler v Commissioner of Patents);
    None when the paper gives no side judgment, or both, or the winner is no party of the case below."""
    won = {ev.status for ev in steps if ev.stage == "appeal" and ev.status in ("judgment_plaintiff", "judgment_defendant")}
    if len(won) != 1:
        return None
    names = appeal.plaintiffs if won.pop() == "judgment_plaintiff" else appeal.defendants
    for role, side in (("plaintiff", trial.plaintiffs), ("defendant", trial.defendants)):
        if any(_same_caption(n, m) for n in names for m in side):
            return f"judgment_{role}"
    return None


def _steps_below(extraction: Extraction, text: str, appeal: int, trial: int) -> None:
    """A step the paper tells of the court below ("The district court granted summary judgment") is the trial
    case's; what the court of appeals does (affirms, reverses, hears argument) stays the appeal's."""
    for ev in extraction.events:
        if ev.case not in (None, appeal) or not ev.evidence:
            continue
        e = ev.evidence[0]
        sentence = text[e.sent_start:e.sent_end]
        if _BELOW.search(sentence) and not _APPELLATE_ACT.search(sentence):
            ev.case = trial


_PARTY_BELOW = re.compile(r"\b(plaintiff|defendant)s?[- ](?:appellee|appellant|respondent|petitioner)s?\s+"
                          r"((?:[A-Z][\w.&'’-]*\s*){1,4})")


def _sides_turned(cx: CaseX, text: str) -> bool:
    """The appeal's caption leads with the defendant below: the paper calls a party of its second side the
    plaintiff ("plaintiff-appellee Elliott") or one of its first side the defendant ("defendant-appellant X")."""
    left, _, right = cx.caption.partition(" v. ")
    if not right:
        return False
    def words(name: str) -> set[str]:  # a name's words of three letters or more ("of" names no side)
        return {w.lower() for w in re.findall(r"[A-Za-z]{3,}", name)}

    first, second = words(left), words(right)
    for m in _PARTY_BELOW.finditer(text):
        said = words(m.group(2))
        if m.group(1).lower() == "plaintiff" and said & second and not said & first:
            return True
        if m.group(1).lower() == "defendant" and said & first and not said & second:
            return True
    return False


def _unnamed_appeal(cx: CaseX, text: str) -> bool:
    """A court paper that names no court but is an appeal's by its own words ("May it please the court, ... for
    appellants. ... This interlocutory appeal presents ...", "The district court agreed") under an appellate number
    of its own (no district court's number): the appeal, its trial case unnamed too."""
    return bool(cx.docket_numbers) and not any(_trial_number(n) for n in cx.docket_numbers) and \
        bool(_SELF_APPEAL.search(text)) and _speaks_below(text)


_SELF_APPEAL = re.compile(r"(?i)\b(?:for (?:the )?(?:appellants?|appellees?)|this (?:interlocutory )?appeal)\b")


def _own_numbers_below(cx: CaseX) -> list[str]:
    """The numbers of cx's own that an "Appeal from ... No. 19 C 4311" cue named as the case appealed from (families
    puts that relation on the one record holding both levels' numbers): the trial court's, whatever their shape; or,
    beside a number whose form is an appeal's ("FAO(OS) (COMM) 177/2025"), its numbers of another form (the suit
    "CS (COMM) 251/2025" the appeal is from)."""
    own = set(cx.docket_numbers)
    named = [r.other for r in cx.relations if r.kind == "appeal_of" and r.other in own and len(own) > 1]
    if not named and any(_APPEAL_FORM.match(n) for n in own):
        named = [n for n in cx.docket_numbers if not _APPEAL_FORM.match(n)]
    return named


# a number whose form is an appeal's in a court that sits at both levels: an Indian high court's First Appeal from
# Order, Regular First Appeal or Letters Patent Appeal (the suit below is "CS (COMM) ...", "CS(OS) ...")
_APPEAL_FORM = re.compile(r"^(?:FAO|RFA|LPA)\s?\(")


def _caption_below(cx: CaseX, others: list[CaseX]) -> Optional[RelationX]:
    """An "Appeal from: Thaler v Commissioner of Patents [2021] FCA 879" relation naming a case by a printed caption
    that is none of the document's cases: the case appealed from, which the paper names but does not make."""
    for r in cx.relations:
        if r.kind != "appeal_of" or " v. " not in r.other or r.other in cx.docket_numbers:
            continue
        if not any(_same_caption(r.other, o.caption) for o in others):
            return r
    return None


def _same_caption(a: str, b: str) -> bool:
    def sides(c: str) -> list[set[str]]:
        return [{w.lower() for w in re.findall(r"[A-Za-z]{3,}", s)} for s in c.split(" v. ", 1)]
    sa, sb = sides(a), sides(b)
    return len(sa) == len(sb) and all(x and y and (x <= y or y <= x) for x, y in zip(sa, sb))


def _trial_case(cx: CaseX, text: str, others: Optional[list[CaseX]] = None) -> Optional[CaseX]:
    court_facts = [f for f in cx.fields if f.field == "court"]
    named_below = _own_numbers_below(cx)
    printed_below = _caption_below(cx, others or [cx]) if not named_below else None
    if printed_below is not None:
        return _printed_case_below(cx, printed_below, court_facts)
    if any(r.kind == "appeal_of" for r in cx.relations) and not named_below or \
            not court_facts and not _unnamed_appeal(cx, text):
        return None
    top = max(court_facts, key=lambda f: (f.confidence, -_first(f))) if court_facts else None
    by_form = bool(named_below) and any(_APPEAL_FORM.match(n) for n in cx.docket_numbers)
    if top is not None and courts.level(top.value) != "appellate" and not by_form:
        return None
    below = [f for f in court_facts if courts.level(f.value) == "trial" and not _DESIGNATION.search(_sentence(text, f))]
    numbers = [n for n in cx.docket_numbers if _trial_number(n) or n in named_below]
    if not below and not numbers and top is not None and (_supreme(top.value) or not _speaks_below(text)):
        return None  # a court of last resort hears appeals from other appellate courts; unnamed, no trial case
    cx.relations = [r for r in cx.relations if not (r.kind == "appeal_of" and r.other in named_below)]
    court = max(below, key=lambda f: (f.confidence, -_first(f))) if below else None
    suffixes = {m.group(1) for n in numbers for m in [_SUFFIX.search(n)] if m}
    number_sents = [(e.sent_start, e.sent_end) for f in cx.fields if f.field == "docket_number" and f.value in numbers
                    for e in f.evidence if e.sent_end > e.sent_start]
    judges = [f for f in cx.fields if f.field == "judge" and (any(matches_suffix(f.value, s) for s in suffixes) or any(
        _CITED_BELOW.match(text, e.end) or any(a <= e.start < b for a, b in number_sents) for e in f.evidence))]
    moved = [f for f in cx.fields if f.field == "docket_number" and f.value in numbers] + judges
    if court is not None:
        moved.append(court)
    elif by_form and top is not None and not courts.level(top.value):  # the court that sits at both levels hears
        court = CaseFieldX("court", top.value, top.confidence, list(top.evidence))  # the suit and its appeal
        moved.append(court)
    trial = CaseX(caption=cx.caption, inferred=cx.inferred, plaintiffs=list(cx.plaintiffs),
                  defendants=list(cx.defendants), docket_numbers=numbers, evidence=list(cx.evidence[:1]),
                  fields=moved + ([CaseFieldX("jurisdiction", courts.jurisdiction(court.value), court.confidence,
                                              list(court.evidence))] if court is not None else []),
                  is_ai_litigation=cx.is_ai_litigation)
    if _sides_turned(cx, text):  # "an appeal from a judgment for plaintiff-appellee Elliott": the appellant
        left, _, right = cx.caption.partition(" v. ")  # leads the appeal, the plaintiff leads the case below
        if right:
            trial.caption = f"{right} v. {left}"
            trial.plaintiffs, trial.defendants = list(cx.defendants), list(cx.plaintiffs)
    trial.court = courts.display(court.value) if court is not None else None
    trial.judge = judges[0].value if judges else None
    gone = {id(f) for f in moved}
    cx.fields = [f for f in cx.fields if id(f) not in gone]
    cx.docket_numbers = [n for n in cx.docket_numbers if n not in numbers]
    if cx.judge and trial.judge == cx.judge:
        others = [f.value for f in cx.fields if f.field == "judge"]
        cx.judge = others[0] if others else None
    evidence = list(court.evidence) if court is not None else list(cx.evidence[:1])
    cx.relations.append(RelationX(kind="appeal_of", other=numbers[0] if numbers else trial.caption, evidence=evidence))
    return trial


def _printed_case_below(cx: CaseX, relation: RelationX, court_facts: list[CaseFieldX]) -> CaseX:
    """The case an appeal's paper prints as appealed from ("Appeal from: Thaler v Commissioner of Patents [2021] FCA
    879"): its caption as printed, its sides the appeal's parties by name; its court the trial court the paper names,
    else the appeal's own court where that court sits at both levels (no type: a Full Court of the Federal Court of
    Australia hears appeals from a single judge of it), else none."""
    left, _, right = relation.other.partition(" v. ")
    parties = list(cx.plaintiffs) + list(cx.defendants)

    def side(name: str) -> list[str]:
        return [p for p in parties if _same_caption(p, name)] or [name]

    below = [f for f in court_facts if courts.level(f.value) == "trial"]
    both = [f for f in court_facts if not courts.level(f.value)]
    pick = below or both
    court = max(pick, key=lambda f: (f.confidence, -_first(f))) if pick else None
    fields = []
    if court is not None:
        fields = [CaseFieldX("court", court.value, court.confidence, list(court.evidence)),
                  CaseFieldX("jurisdiction", courts.jurisdiction(court.value), court.confidence, list(court.evidence))]
    trial = CaseX(caption=relation.other, plaintiffs=side(left), defendants=side(right),
                  evidence=list(relation.evidence[:1] or cx.evidence[:1]), fields=fields,
                  is_ai_litigation=cx.is_ai_litigation)
    trial.court = courts.display(court.value) if court is not None else None
    return trial
