"""The procedural step an event shows (its stage: filed, motion to dismiss, discovery, class certification,
summary judgment, trial, judgment, appeal) and how the case stands after it (its status: open, settled,
dismissed, voluntarily dismissed, judgment for one side, on appeal), read from the event's sentence.

The cues are data (patterns/stages.jsonl, roles stage_<stage>, status_<status>, status_judgment, planned,
trap); a cue counts only as a step taken: a modal, a negation, a plan or a condition on its words or on the
words that govern it makes it hypothetical ("could settle", "did not dismiss", "plans to appeal", "if the
case goes to trial"); under a request it shows the request's stage only ("asked the court to dismiss the
case": a motion to dismiss, no status); a step dated after the publication is planned, not reached.
A sentence with a filing cue and a month or year ("filed in August 2024", "sued last year") gives a filing
event (stage filed) when no event carries that date yet: where a case's date filed comes from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Optional, Sequence

from spacy.tokens import Doc

from ingest.nlp import caselinks, dates, layout, rules
from ingest.nlp.types import ENDINGS, STAGES, STATUSES, CaseX, Evidence, EventX

CLIMB = {"xcomp", "dobj", "pobj", "prep", "nsubjpass", "compound", "amod", "attr", "acomp", "oprd", "pcomp",
         "agent", "poss", "npadvmod", "auxpass", "aux", "dative", "appos", "csubj"}  # (csubj: "expanding discovery
# would be burdensome", a clause that is the subject of a modal is foreseen)
# the event kind of a step found in a sentence no event of the text covers
KIND_OF = {"filed": "filing", "motion_to_dismiss": "filing", "discovery": "other", "class_certification": "ruling",
           "summary_judgment": "ruling", "trial": "hearing", "judgment": "ruling", "appeal": "filing"}
KIND_OF_STATUS = {"settled": "settlement", "open": "ruling", "dismissed": "ruling", "dismissed_with_prejudice": "ruling",
                  "dismissed_without_prejudice": "ruling", "voluntarily_dismissed": "filing", "on_appeal": "filing",
                  "judgment_plaintiff": "ruling", "judgment_defendant": "ruling"}
# a date under one of these prepositions dates the clause it opens, not the step the sentence tells
_SAYING = {"claim", "allege", "accuse", "assert", "say", "contend", "argue", "state"}  # a suit's allegations follow
_FILING_VERBS = {"file", "sue", "countersue", "bring", "launch", "lodge", "initiate", "commence", "refile"}
# steps named by a noun that, the subject of a modal ("summary judgment will be bigger", "a trial could take
# weeks"), are foreseen, not reached (not "the settlement would pay": a settlement told is one reached)
_FORESEEN = {"trial", "judgment", "verdict"}
OTHER_TIME = {"after", "before", "following", "since", "until", "amid", "during", "prior"}
RELATIVE = [(re.compile(r"\blast year\b|\ba year ago\b", re.I), "last_year"),
            (re.compile(r"\b(?:earlier )?this year\b", re.I), "this_year"),
            (re.compile(r"\blast month\b|\ba month ago\b", re.I), "last_month")]


@dataclass
class Cue:
    start: int  # token offsets
    end: int
    start_char: int
    end_char: int
    role: str
    stage: Optional[str] = None
    status: Optional[str] = None
    mood: str = "taken"  # taken | requested | hypothetical | negated
    leave: bool = False  # leave to amend: a plain dismissal is no end
    side: Optional[str] = None  # a judgment's side: "subject" (who won), "loser" (the subject lost), "object" (in
    # favour of whom), or "movant" (whose motion was granted)


@lru_cache(maxsize=None)
def _entries() -> dict:
    """Match key (the entry's id, else role#n as rules.matcher names it) -> entry."""
    return {e.get("id") or f"{e['role']}#{n}": e for n, e in enumerate(rules.token_patterns("stages"))}


def _lex(role: str) -> frozenset:
    return rules.lexicon("stages", role)


def mood(doc: Doc, start: int, end: int, modal_ok: bool = False) -> str:
    """Whether the words doc[start:end] tell a step taken: 'taken', 'requested' (asked for), 'hypothetical'
    (a modal, a plan, a condition) or 'negated' (a negation, a refusal): up the parse from the span's root
    through objects, prepositions and infinitive complements, looking at each word's auxiliaries, negations
    and markers, and at the governing verbs."""
    tok = doc[start:end].root
    inside = range(start, end)
    sent = tok.sent
    before = next((t for t in reversed(doc[max(0, sent.start - 4):sent.start]) if not t.is_space), None)
    if tok.dep_ == "ROOT" and tok.i == sent.start and before is not None and sent.text[:1].islower() and (
            before.lower_ == "to" or before.lemma_.lower() in _lex("modal")):
        return "hypothetical"  # the tail of a sentence a page's line break cut after "to" or a modal ("... lack of
        # resources to / appeal the wrongful AI-powered decisions."): an infinitive, no step taken
    if not modal_ok and tok.dep_ in ("nsubj", "nsubjpass") and tok.lemma_.lower() in _FORESEEN and any(
            ch.dep_ in ("aux", "auxpass") and ch.lemma_.lower() in _lex("modal") for ch in tok.head.children):
        return "hypothetical"  # "but summary judgment will be bigger": a step the subject of a modal is foreseen
    requested = False
    # a step the text names as a thing that exists ("The settlement must be approved by a federal judge", "the
    # dismissal could be appealed"): a modal over what is done to it does not undo it (not "a settlement could be
    # reached", nor a foreseen trial or judgment)
    told = tok.pos_ == "NOUN" and tok.dep_ == "nsubjpass" and tok.lemma_.lower() not in _FORESEEN and any(
        ch.dep_ == "poss" or ch.dep_ == "det" and ch.lower_ in ("the", "this", "that", "these", "those")
        for ch in tok.children)
    for _ in range(5):
        for ch in tok.children:
            if ch.i in inside:
                continue
            lemma = ch.lemma_.lower()
            if ch.dep_ in ("aux", "auxpass") and lemma in _lex("modal") and not modal_ok and not (
                    told and tok.i == doc[start:end].root.head.i):
                return "hypothetical"
            if ch.dep_ == "neg" or ch.dep_ == "det" and lemma == "no" or ch.dep_ == "prep" and lemma == "without" \
                    and not any(g.lemma_.lower() in _lex("manner_noun") for g in ch.children):
                return "negated"  # (not "DISMISSES the CFAA claim WITHOUT LEAVE TO AMEND": how, not whether)
            if ch.dep_ == "mark" and lemma in _lex("plan_verb"):
                return "hypothetical"
            if ch.dep_ == "aux" and ch.lower_ == "to" and tok.dep_ in ("advcl", "ROOT", "csubj", "acl", "relcl"):
                return "hypothetical"  # "To survive a motion to dismiss, a complaint must ...": a purpose
        if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and any(
                ch.dep_ == "mark" and ch.lemma_.lower() in _lex("plan_verb") for ch in tok.head.children):
            return "hypothetical"  # a condition covers the verbs it joins ("whether labs follow ..., contest ... on
            # appeal, or ...")
        if tok.i not in inside:
            lemma = tok.lemma_.lower()
            if lemma in _lex("void_verb") and not _in_part(tok):
                return "negated"
            if lemma in _lex("plan_verb"):
                return "hypothetical"
            if lemma in _lex("request_verb"):
                requested = True  # asked for, unless a plan, a condition or a negation above it says otherwise
                # ("We eagerly anticipate moving forward to the discovery phase")
        if tok.dep_ not in CLIMB or tok.head.i == tok.i:
            break
        tok = tok.head
    return "requested" if requested else "taken"


# a suit that is summary (interim) proceedings: the interim injunction is all it asks for, refusing it decides it
_SUMMARY_PROCEEDINGS = re.compile(r"\b(?:summary|interim)[\"”’']?\s+(?:proceedings?|procedure|case)\b", re.I)


def _summary_proceedings(doc: Doc) -> bool:
    """The text (or, for a headline, the text it heads) calls its suit summary or interim proceedings."""
    body = doc.user_data.get("ct_body")
    return any(_SUMMARY_PROCEEDINGS.search(dates.text_of(d)) for d in (doc, body) if d is not None)


def _in_part(verb) -> bool:
    """A refusal "in part" ("Order Granting in Part and Denying in Part the Motions to Dismiss"): the motion was
    decided, partly granted; the step was taken."""
    return any(ch.dep_ == "prep" and ch.lower_ == "in" and any(g.lower_ == "part" for g in ch.children)
               for ch in verb.children)


def cues(doc: Doc) -> list[Cue]:
    """The stage and status cues of the Doc that count, in text order (once per Doc)."""
    cached = doc.user_data.get("ct_stage_cues")
    if cached is not None:
        return cached
    strings, entries = doc.vocab.strings, _entries()
    found = []
    for match_id, start, end in rules.matcher(doc.vocab, "stages")(doc):
        e = entries.get(strings[match_id])
        if e is None:
            continue
        role = e["role"]
        if e.get("summary_proceedings") and not _summary_proceedings(doc):
            continue
        stage = role[6:] if role.startswith("stage_") else e.get("stage")
        status = e.get("status") or (role[7:] if role.startswith("status_") else None)
        cue = Cue(start, end, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), role,
                  stage if stage in STAGES else None,
                  status if status in STATUSES or status in ("judgment", "affirmed", "allowed") else None,
                  side=e.get("side"),
                  leave=bool(e.get("leave_to_amend")))
        if role not in ("trap", "planned"):
            cue.mood = mood(doc, start, end, bool(e.get("modal_ok")))
            if cue.mood == "requested":
                cue.stage = e.get("request_stage", cue.stage) if e.get("request_stage", cue.stage) in STAGES else None
                if not e.get("request_ok"):
                    cue.status = None
            elif cue.status and cue.status.startswith("dismissed") and _said_by_defendant(doc, cue):
                cue.mood = "negated"  # "Perplexity dismissed the lawsuit as a power play": words, not a court's act
            elif cue.stage == "motion_to_dismiss" and _others_plea(doc, cue):
                cue.mood = "negated"  # "asked the court to dismiss the plea from a group of book publishers"
            elif e.get("side") == "object" and not _decided(doc, cue):
                cue.mood = "negated"  # "IGAP Project LLP sided with OpenAI": an intervener's side, no ruling
        words = {t.lemma_.lower() for t in doc[start:end]}
        whole = (cue.status or "").startswith("dismissed") or _WHOLE_CLAIM.search(doc[start:end].text)
        if whole and cue.mood == "taken" and words & {"dismiss", "dismissal"} and \
                not words & {"motion", "motions", "appeal", "appeals"} and _civil_law(doc):
            cue.stage, cue.status = "judgment", "judgment_defendant"  # "the court dismissed the claim" of a civil-law
            # court decides the merits: the claim is rejected, a judgment for the defendant (no motion to dismiss there)
        if cue.stage == "judgment" and cue.status and cue.status.startswith("judgment") and _by_jury(doc, start):
            cue.stage = "trial"  # "Sheeran defeated a separate copyright lawsuit ... in a closely watched jury trial":
            # a verdict ends the trial; the judgment is a step of its own, when the text tells it (cases README)
        found.append(cue)
    found += _refusals_upheld(doc)
    blockers = [c for c in found if c.role in ("trap", "planned")]
    kept = [c for c in found if c.role in ("trap", "planned") or not any(
        b.start < c.end and c.start < b.end for b in blockers)]
    kept.sort(key=lambda c: (-(c.end - c.start), c.start))
    out: list[Cue] = []
    for c in kept:
        if not any(o.start < c.end and c.start < o.end for o in out):
            out.append(c)
    out = [c for c in out if c.role != "trap" and c.mood in ("taken", "requested") and (c.stage or c.status)]
    out.sort(key=lambda c: c.start)
    doc.user_data["ct_stage_cues"] = out
    return out


# the countries whose courts decide a claim on its merits when they "dismiss" it (civil law: no motion to dismiss; the
# claim is rejected by a judgment): court ids and jurisdictions of these countries
_CIVIL_LAW = frozenset({"de", "fr", "cn", "jp", "kr", "br", "cz", "it", "es", "nl", "at", "ch", "pl", "be", "pt", "se",
                        "dk", "fi"})


_WHOLE_CLAIM = re.compile(r"(?i)\bdismiss\w*\s+(?:the|its|his|her|their)\s+(?:claim|action|lawsuit|suit|case|complaint)\b")


def _civil_law(doc: Doc) -> bool:
    """Whether every court the text names (or every place its suit is said to be in) is a civil-law country's."""
    cached = doc.user_data.get("ct_civil_law")
    if cached is None:
        from ingest.nlp import courts

        text = dates.text_of(doc)  # a court id's country is its first part ("cz-prague-municipal-court"; "cand": US)
        places = {cid.split("-", 1)[0] for cid, _, _ in courts.find(text)}
        places |= {j for j, _, _ in courts.jurisdiction_cues(text)}
        cached = bool(places) and places <= _CIVIL_LAW
        doc.user_data["ct_civil_law"] = cached
    return cached


_COURT_SUBJECT = re.compile(r"\b(?:[Cc]ourt|judges?|[Tt]ribunal|BGH|Bundesgerichtshof)\b")
_RULE_LEMMAS = {"rule", "hold", "decide", "find", "conclude"}


def _refusals_upheld(doc: Doc) -> list[Cue]:
    """In a suit against an office or a regulator over its refusal (a text naming one: "the Japan Patent Office", "the
    German Patent and Trademark Office"), a court that "ruled that" the thing sought "cannot" be had upheld the
    refusal: judgment for the office, the defendant ("the Japanese Intellectual Property High Court ruled that
    AI-generated inventions cannot receive patent protection"; "the BGH ruled that ... AI cannot be listed as the
    inventor")."""
    from ingest.nlp import reviews

    if not any(m.kind in ("company", "agency") and reviews.names_office(m.name) for m in _mentions(doc)):
        return []
    out = []
    for t in doc:
        if t.lemma_.lower() not in _RULE_LEMMAS or t.pos_ != "VERB":
            continue
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if subj is None or not _COURT_SUBJECT.search(doc[subj.left_edge.i:subj.right_edge.i + 1].text):
            continue
        clause = next((c for c in t.children if c.dep_ == "ccomp"), None)
        if clause is None or not any(_modal_negated(c) for c in clause.subtree):
            continue
        cue = Cue(t.i, t.i + 1, t.idx, t.idx + len(t), "status_judgment_defendant", "judgment", "judgment_defendant")
        cue.mood = mood(doc, t.i, t.i + 1)
        out.append(cue)
    return out


def _modal_negated(tok) -> bool:
    """A negation of a modal: "cannot" (the parser's "can" + "not"), or "not" on a verb a "can", "may" or "could"
    helps ("AI cannot be listed", "inventions cannot receive protection")."""
    return tok.dep_ == "neg" and (tok.head.lemma_.lower() in ("can", "may", "must", "could") or any(
        a.dep_ == "aux" and a.lemma_.lower() in ("can", "may", "could") for a in tok.head.children))


_JURY = re.compile(r"\b(?:jury|jury's|juries|jurors?|verdicts?)\b", re.I)
_JUDGMENT_WORD = re.compile(r"\b(?:judge?ments?|sentenc\w*|entered)\b", re.I)


def _by_jury(doc: Doc, start: int) -> bool:
    """Whether the sentence of a judgment cue tells the outcome as a jury's (a verdict, a jury trial) and names no
    judgment of the court (no "judgment", "entered", no sentencing)."""
    sent = doc[start].sent.text
    return bool(_JURY.search(sent)) and not _JUDGMENT_WORD.search(sent)


def _roles(doc: Doc) -> dict:
    """The document's party roles (name -> plaintiff / defendant / other), as the cases component left them."""
    return dict(doc._.ct_roles or {}) if doc.has_extension("ct_roles") else {}


def _mentions(doc: Doc) -> list:
    """The document's mentions, as the mentions component found them."""
    return list(doc._.ct_mentions or []) if doc.has_extension("ct_mentions") else []


def _said_by_defendant(doc: Doc, cue: Cue) -> bool:
    """The subject of a dismissal is a defendant of the text ("Perplexity, valued at $20 billion, dismissed the
    lawsuit as a power play"): a party cannot dismiss the suit against it, it dismisses the claims in words."""
    roles = _roles(doc)
    mentions = _mentions(doc)
    if not roles or not mentions:
        return False
    root = doc[cue.start:cue.end].root
    verb = root if root.pos_ in ("VERB", "AUX") else root.head
    subj = next((t for t in verb.children if t.dep_ == "nsubj"), None)
    if subj is None or any(t.lemma_.lower() in _lex("decider") for t in subj.subtree):
        return False
    a, b = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
    return any(a <= m.start < b and roles.get(m.name) == "defendant" for m in mentions)


_PLEAS = {"plea", "pleas", "application", "applications", "intervention", "interventions"}


def _others_plea(doc: Doc, cue: Cue) -> bool:
    """A dismissal asked of a plea that is not the plaintiff's ("OpenAI asked an Indian court to dismiss the plea from a
    group of book publishers", interveners in ANI v. OpenAI): the plea or application of others who joined the suit,
    not the suit; the suit's motion to dismiss is not told (a plea "from"/"by" whoever names no plaintiff of the
    text)."""
    roles = _roles(doc)
    for verb in (t for t in doc[cue.start:min(len(doc), cue.end + 1)] if t.lemma_.lower() in ("dismiss", "toss")):
        obj = next((t for t in verb.children if t.dep_ == "dobj"), None)
        if obj is None or obj.lower_ not in _PLEAS:
            continue
        by = next((t for t in list(obj.children) + [t for t in verb.children if t.i > obj.i]
                   if t.dep_ == "prep" and t.lower_ in ("from", "by")), None)
        who = next((t for t in by.children if t.dep_ == "pobj"), None) if by is not None else None
        if who is None:
            return False
        lo, hi = who.left_edge.idx, who.right_edge.idx + len(who.right_edge)
        return not any(lo <= m.start < hi and roles.get(m.name) == "plaintiff" for m in _mentions(doc))
    return False


def _decided(doc: Doc, cue: Cue) -> bool:
    """Whether whoever 'sided with' a party can decide the case (a court, a judge, a jury, a ruling: the lexicon's
    deciders, anywhere in the subject: "Judge Lin sided with OpenAI"); other cues, and a subjectless headline, pass."""
    root = doc[cue.start:cue.end].root
    if root.lemma_.lower() != "side":
        return True
    subj = next((t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is None or any(t.lemma_.lower() in _lex("decider") for t in subj.subtree)


def _in(cs: list[Cue], a: int, b: int) -> list[Cue]:
    return [c for c in cs if a <= c.start_char < b]


def judgment_side(doc: Doc, cue: Cue, sent_end: int, roles: Optional[dict] = None) -> Optional[str]:
    """judgment_plaintiff / judgment_defendant: the party a verdict or judgment is 'in favor of', 'for' or
    'against' (the side the document gives it), or 'found X (not) liable'; None when the sentence does not
    say whom it favours."""
    if roles is None:
        roles = _roles(doc)
    mentions = _mentions(doc)
    full = dates.text_of(doc)
    if cue.side:
        return _side_of(doc, cue, mentions, roles, full)
    end = cue.end_char  # a cue that ends with its preposition ("entered judgment for"): the words from it on
    if doc[cue.end - 1].lower_ in ("for", "against", "of", "with", "to"):
        end = doc[cue.end - 1].idx
    ms = [m for m in mentions if end <= m.start < sent_end
          and full[m.start:m.end].lower() not in _POSSESSIVES]  # ("uploaded them to his personal computer": a thing's
    for m in ms:  # owner, not whom the verdict is for)
        before = full[max(end, m.start - 40):m.start].lower()
        role = roles.get(m.name)
        if role not in ("plaintiff", "defendant"):
            continue
        other = "defendant" if role == "plaintiff" else "plaintiff"
        after = full[m.end:min(sent_end, m.end + 30)].lower()
        if re.search(r"\b(?:not|n't)\s+liable\b", after):
            return "judgment_defendant" if role == "defendant" else None
        if re.search(r"\bliable\b", after):
            return "judgment_plaintiff" if role == "defendant" else None
        if re.search(r"\b(?:favou?r of|for|with|to)\s+(?:the\s+)?$", before):
            return f"judgment_{role}"
        if re.search(r"\bagainst\s+(?:the\s+)?$", before):
            return f"judgment_{other}"
    tail = full[end:sent_end].lower()
    m = re.search(r"\b(?:favou?r of|for|against)\s+(?:the\s+)?(plaintiffs?|defendants?|authors|artists)\b", tail)
    if m:
        side = "defendant" if m.group(1).startswith("defendant") else "plaintiff"
        if "against" in m.group(0):
            side = "defendant" if side == "plaintiff" else "plaintiff"
        return f"judgment_{side}"
    return None


_POSSESSIVES = {"his", "her", "its", "their", "hers", "theirs"}


def _side_of(doc: Doc, cue: Cue, mentions, roles: dict, full: str) -> Optional[str]:
    """The side a win or a granted motion favours: the party that is the subject of "prevailed" / "won the case"
    (side "subject"), or whose motion the court granted ("granting Defendant's motion for summary judgment":
    side "movant"); None when the text does not tell whose."""
    if cue.side == "object":  # "ruled in favor of GEMA", "sided with the authors": the first party named after
        root = doc[cue.start:cue.end].root
        subj = next((t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
        if root.lemma_.lower() == "side" and subj is None:
            return None  # a subjectless "sided with": whose ruling is unsaid ("interveners sided with OpenAI" never
            # gets here: cues() drops a side no decider takes, _decided)
        tail = full[cue.end_char:cue.end_char + 60]
        words = re.match(r"\W*(?:the\s+)?(plaintiffs?|defendants?)\b", tail.lower())
        if words:
            return "judgment_defendant" if words.group(1).startswith("defendant") else "judgment_plaintiff"
        after = sorted((m for m in mentions if cue.end_char <= m.start < cue.end_char + 60
                        and roles.get(m.name) in ("plaintiff", "defendant")), key=lambda m: m.start)
        return f"judgment_{roles[after[0].name]}" if after else None
    if cue.side in ("possessor", "ordered"):  # "ruled in Meta's favor", "found in the authors' favor": the party
        # inside the cue won; "ordered the defendant Liu to pay the plaintiff damages": the party inside the cue lost
        words = re.search(r"\b(plaintiffs?|defendants?|authors|artists)\b", full[cue.start_char:cue.end_char].lower())
        inside = [m for m in mentions if cue.start_char <= m.start < cue.end_char
                  and roles.get(m.name) in ("plaintiff", "defendant")]
        role = ("defendant" if words.group(1).startswith("defendant") else "plaintiff") if words else (
            roles[inside[0].name] if inside else None)
        if role and cue.side == "ordered":
            role = "defendant" if role == "plaintiff" else "plaintiff"
        return f"judgment_{role}" if role else None
    if cue.side == "movant":
        m = re.search(r"\b(defendants?|plaintiffs?)(?:['’]s?|s['’])?\s", full[cue.start_char:cue.end_char].lower())
        if m:
            return "judgment_defendant" if m.group(1).startswith("defendant") else "judgment_plaintiff"
        spans = [(cue.start_char, cue.end_char)]
    else:
        root = doc[cue.start:cue.end].root
        subj = next((t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return None
        if subj.lower_ in ("defendant", "defendants", "plaintiff", "plaintiffs"):
            return _won(subj.lower_.rstrip("s"), cue)
        spans = [(subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge))]
    for m in mentions:
        if any(a <= m.start < b for a, b in spans) and roles.get(m.name) in ("plaintiff", "defendant"):
            return _won(roles[m.name], cue)
    return None


def _won(role: str, cue: Cue) -> str:
    """The judgment's side when the party of that role is the subject (or movant) of the cue; a "loser" cue
    ("suffered a defeat in the lawsuit") gives the other side."""
    if cue.side == "loser":
        role = "defendant" if role == "plaintiff" else "plaintiff"
    return f"judgment_{role}"


def _depth(doc: Doc, c: Cue) -> int:
    """How far below its sentence's main verb a cue is ("refused to dismiss the case, which was filed in
    2023": the refusal is the sentence's step, the filing a description of the case)."""
    tok, n = doc[c.start:c.end].root, 0
    while tok.head.i != tok.i and n < 20:
        tok, n = tok.head, n + 1
    return n


_SPECIFIC_DISMISSALS = ("dismissed_with_prejudice", "dismissed_without_prejudice", "voluntarily_dismissed")


def _pick(doc: Doc, mine: list[Cue], at: int, sent_end: int, dated: bool = True,
          roles: Optional[dict] = None) -> tuple[Optional[str], Optional[str]]:
    """The stage and status of the cues of one event: the cue nearest to its date; for an undated event, the
    cue nearest to the sentence's main verb."""
    near = sorted(mine, key=lambda c: (0 if dated else _depth(doc, c), abs(c.start_char - at)))
    stage = next((c.stage for c in near if c.stage), None)
    if stage == "filed" and near[0].stage is None:
        stage = None  # "agreed to a settlement in a lawsuit brought by authors": the filing describes the suit
    status = None
    for c in near:
        if c.status == "judgment":
            status = judgment_side(doc, c, sent_end, roles)
        elif c.status:
            status = c.status
        if status:
            break
    if status == "dismissed":  # "dismissed the lawsuit without leave to amend": the dismissal the sentence qualifies
        status = next((c.status for c in near if c.status in _SPECIFIC_DISMISSALS), status)
    if status == "dismissed" and stage == "trial":  # "accepted the advisory verdict and dismissed the case": the
        stage, status = "judgment", "judgment_defendant"  # court's judgment after the trial, for the defendant
    if status == "affirmed":  # "dismissed Dr Stephen Thaler's appeal": the appellant the text names lost the case
        status = next((s for s in (_appellant_lost(doc, c, roles) for c in near if c.status == "affirmed") if s),
                      None) or next((s for s in (_affirmed_for(doc, c, roles) for c in near if c.status == "affirmed")
                                     if s), status)
    if status == "allowed":  # "appeal allowed": the appellant won, when the text tells who appealed
        status = next((s for s in (_appellant_won(doc, c, roles) for c in near if c.status == "allowed") if s), None)
    return stage, status


# the side a judgment is for, by the word: a respondent answers a claim, appeal or petition as a defendant does
_SIDE_WORDS = re.compile(r"\W*(?:the\s+)?(plaintiffs?|claimants?|defendants?|respondents?)\b")


def _affirmed_for(doc: Doc, cue: Cue, roles: Optional[dict] = None) -> Optional[str]:
    """The judgment an appellate court upheld, when the text says whom it was for ("affirmed summary judgment for the
    respondent", "upheld the verdict in favor of Meta"): that side's judgment; None when it does not say."""
    if doc[cue.end - 1].lower_ not in ("judgment", "judgement", "verdict"):
        return None
    full = dates.text_of(doc)
    m = re.match(r"\s*(?:entered\s+)?(?:for|in\s+favou?r\s+of)\b", full[cue.end_char:cue.end_char + 40], re.I)
    if not m:
        return None
    at = cue.end_char + m.end()
    words = _SIDE_WORDS.match(full[at:at + 30].lower())
    if words:
        return "judgment_plaintiff" if words.group(1).startswith(("plaintiff", "claimant")) else "judgment_defendant"
    if roles is None:
        roles = _roles(doc)
    after = sorted((x for x in _mentions(doc) if at <= x.start < at + 40 and roles.get(x.name) in
                    ("plaintiff", "defendant")), key=lambda x: x.start)
    return f"judgment_{roles[after[0].name]}" if after else None


def _cue_subject(doc: Doc, cue: Cue):
    """The subject of the cue's verb (the cue's own root, or the verb a noun cue hangs from), or None."""
    root = doc[cue.start:cue.end].root
    verb = root if root.pos_ in ("VERB", "AUX") else root.head
    return next((t for t in verb.children if t.dep_ == "nsubj"), None)


def _side_named(doc: Doc, phrase, roles: dict) -> Optional[str]:
    """The side a phrase names: by the word ("the plaintiffs'", "Defendant"), else by the role of the first party
    named inside it; None when it names neither."""
    words = re.search(r"\b(plaintiffs?|claimants?|defendants?)\b", " ".join(t.lower_ for t in phrase.subtree))
    if words:
        return "defendant" if words.group(1).startswith("defendant") else "plaintiff"
    lo, hi = phrase.left_edge.idx, phrase.right_edge.idx + len(phrase.right_edge)
    return next((roles.get(m.name) for m in _mentions(doc) if lo <= m.start < hi
                 and roles.get(m.name) in ("plaintiff", "defendant")), None)


def _appellant_lost(doc: Doc, cue: Cue, roles: Optional[dict] = None) -> Optional[str]:
    """The judgment an appeal turned down gives when the text says whose appeal it was ("dismissed Dr Stephen
    Thaler's appeal", "the plaintiffs' appeal was rejected"): the other side of the appellant (a plaintiff or a
    defendant of the text, by name or by that word); None when the appeal is nobody's the text names."""
    if roles is None:
        roles = _roles(doc)
    against = lambda role: "judgment_defendant" if role == "plaintiff" else "judgment_plaintiff"  # noqa: E731
    a, b = max(0, cue.start - 2), min(len(doc), cue.end + 1)
    for appeal in (t for t in doc[a:b] if t.lower_ in ("appeal", "appeals") and t.pos_ == "NOUN"):
        poss = next((t for t in appeal.children if t.dep_ == "poss"), None)
        role = _side_named(doc, poss, roles) if poss is not None else None
        if role:
            return against(role)
    # whose appeal the text tells elsewhere: the one side that is the subject of its appeals ("The Plaintiff then
    # appealed to the Higher Regional Court ... The court dismissed the photographer's appeal")
    sides = set()
    for c in cues(doc):
        if c.stage != "appeal" or c.status != "on_appeal":
            continue
        subj = _cue_subject(doc, c)
        side = _side_named(doc, subj, roles) if subj is not None else None
        if side:
            sides.add(side)
    return against(sides.pop()) if len(sides) == 1 else None


def _appellant_won(doc: Doc, cue: Cue, roles: Optional[dict] = None) -> Optional[str]:
    """The judgment an appeal allowed gives (Commonwealth courts' wording: "appeal allowed", "the Full Court allowed
    the Commissioner's appeal"): the appellant's, named as _appellant_lost finds it; else, in an appellate court's
    own paper, the side its caption names first (such a court's caption leads with the appellant: "Commissioner of
    Patents v Thaler [2022] FCAFC 62 ... appeal allowed"); None when the text does not tell whose appeal it was."""
    lost = _appellant_lost(doc, cue, roles)
    if lost:
        return "judgment_plaintiff" if lost == "judgment_defendant" else "judgment_defendant"
    return "judgment_plaintiff" if _paper(doc) else None


def _not_final(cs: list[Cue], status: Optional[str], paper: bool = False) -> Optional[str]:
    """A plain dismissal in a text that grants leave to amend ("with leave to amend", "28 days to file an
    amended complaint") does not end the case: open. Nor in a court's own paper (``paper``) whose words dismiss
    a claim, not the case, or deny the motion in part ("Order Granting Motions to Dismiss" whose text "DISMISSES the
    CFAA claim WITHOUT LEAVE TO AMEND"): the motion granted dismissed what it asked for, the case goes on."""
    if status != "dismissed":
        return status
    if any(c.leave for c in cs):
        return "open"
    if paper and any(c.stage == "motion_to_dismiss" and c.status == "open" and c.mood == "taken" for c in cs):
        return "open"
    return status


def _paper(doc: Doc) -> bool:
    from ingest.nlp.facts import COURT_PAPERS

    kind = doc._.ct_kind if doc.has_extension("ct_kind") else None
    return kind in COURT_PAPERS


def annotate(doc: Doc, events: list[EventX], published: Optional[date]) -> None:
    """Each event's stage and status from the cues of its sentence: a cue belongs to the event of that
    sentence nearest to it (its date, else its cue), and the event takes the nearest of its cues."""
    cs = cues(doc)
    if not cs:
        return
    by_sent: dict[tuple, list[EventX]] = {}
    for e in events:
        if e.evidence:
            by_sent.setdefault((e.evidence[0].sent_start, e.evidence[0].sent_end), []).append(e)
    for (a, b), group in by_sent.items():
        found = _in(cs, a, b)
        if not found:
            continue
        owned: dict[int, list[Cue]] = {}
        for c in found:
            owner = min(range(len(group)), key=lambda k: abs(group[k].evidence[0].start - c.start_char))
            owned.setdefault(owner, []).append(c)
        for k, mine in owned.items():
            e = group[k]
            if e.date:  # a filing cue whose words the event's date does not date is no filing on that date
                mine = [c for c in mine if c.stage != "filed" or c.status
                        or _dates_cue(doc, c, e.evidence[0].start, e.evidence[0].end)] or []
                if not mine:
                    continue
            stage, status = _pick(doc, mine, e.evidence[0].start, b, dated=bool(e.date))
            if stage and e.date and published and date.fromisoformat(e.date) > published:
                # set for later: not reached, the case goes on; but a motion the text names was made (the date
                # ahead is its hearing's: "Opposition to Defendant's Motion to Dismiss ... Date: April 18, 2024")
                made = any(c.stage == stage and c.mood == "taken" and any(
                    t.lower_ in ("motion", "motions") for t in doc[c.start:c.end]) for c in mine)
                stage, status = stage if made else None, status or "open"
            e.stage, e.status = stage, _not_final(cs, status, _paper(doc))


def _relative(text: str, published: Optional[date]) -> list[tuple[date, str, int, int]]:
    if published is None:
        return []
    out = []
    for pattern, kind in RELATIVE:
        for m in pattern.finditer(text):
            if kind == "last_year":
                out.append((date(published.year - 1, 1, 1), "year", m.start(), m.end()))
            elif kind == "this_year":
                out.append((date(published.year, 1, 1), "year", m.start(), m.end()))
            else:
                y, mo = (published.year, published.month - 1) if published.month > 1 else (published.year - 1, 12)
                out.append((date(y, mo, 1), "month", m.start(), m.end()))
    return out


_MONTH = re.compile(dates._M)


def _reference(text: str) -> Optional[date]:
    """An undated text's stand-in date for a month or day it prints without its year: the end of the latest year
    it prints in a date ("On September 4, several businesses of Warner Bros. Discovery filed" in a post that
    names "September 4, 2025"; "Garcia sued both companies in October after the death of her son ... in February
    2024"); None when it prints none."""
    years = [d.year for d, precision, _, _ in dates.coarse_dates_in(text, None) if precision != "year"]
    return date(max(years), 12, 31) if years else None


def _without_year(text: str, published: Optional[date], reference: Optional[date]) -> list:
    """The month or day a sentence of an undated text gives without its year, in the reference year."""
    if published is not None or reference is None:
        return []
    have = {(s, e) for _, _, s, e in dates.coarse_dates_in(text, None)}
    return [d for d in dates.coarse_dates_in(text, reference) if (d[2], d[3]) not in have
            and _MONTH.search(text[d[2]:d[3]])]


LEAD = 3  # the sentences a report opens with (its headline, printed again, and a dateline among them)


def _perfect(doc: Doc, cue: Cue) -> bool:
    """The cue's verb is in the active present perfect ("have filed a lawsuit", "has sued"): just done, as of the
    report (not "has been sued", which tells a state)."""
    root = doc[cue.start:cue.end].root
    verb = root if root.pos_ in ("VERB", "AUX") else root.head
    kids = list(verb.children)
    return any(t.dep_ == "aux" and t.lower_ in ("has", "have") for t in kids) and \
        not any(t.dep_ == "auxpass" for t in kids)


_OPENING_DATE = re.compile(r"\s*(?:[Oo]n|[Ii]n)?\s*")  # what may stand before a sentence's opening date
_ASIDE_THEN = re.compile(r",?\s*(?:[-–—]{1,2}\s[^-–—()]{1,120}?\s[-–—]{1,2}|\([^()]{1,120}\))\s*,?\s*"
                         r"(?P<subject>[^-–—,;:.()\"“”]*?)\s*")  # "- the day ... was signed - Plaintiff "


def _dates_cue(doc: Doc, cue: Cue, start: int, end: int) -> bool:
    """The date [start, end) dates the cue's words: up the parse from the date, a few steps reach the cue
    ("sued the startup in 2024", "the lawsuit filed last year"; not "co-founded OpenAI in 2015, and is suing")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    if 0 <= start - cue.end_char <= 6 and re.fullmatch(r"[\s:]*(?:on\s+)?", dates.text_of(doc)[cue.end_char:start]):
        return True  # "Date Filed: March 8, 2022", "(N.D. Cal., filed Aug. 19, 2024)": the date right after the cue
    text = dates.text_of(doc)
    if _OPENING_DATE.fullmatch(text[span.sent.start_char:start]):
        aside = _ASIDE_THEN.fullmatch(text[end:cue.start_char])
        if aside and len(aside.group("subject").split()) <= 4:
            return True  # "On September 17, 2024 - the day AB 2839 was signed by the Governor - Plaintiff filed this
            # lawsuit": the sentence's opening date is its main clause's, past the aside between dashes
    if any(t.lower_ in OTHER_TIME and t.pos_ in ("ADP", "SCONJ") for t in doc[cue.end:span.start]):
        return False  # "sued in October after the death of her son, in February 2024": another event's date
    if any(t.lower_ == "according" and doc[t.i + 1:t.i + 2].text.lower() == "to" for t in doc[cue.end:span.start]):
        return False  # "lawsuits filed by families ..., according to court filings Wednesday": the source's date
    root = doc[cue.start:cue.end].root
    # the verb whose object the cue is ("filed this initiating complaint on May 10": the date is the verb's)
    verb = root.head.i if root.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and root.head.i != root.i else -1
    tok = span.root
    for _ in range(4):
        if cue.start <= tok.i < cue.end or tok.i == verb:
            return True
        if tok.head.i == tok.i or tok.pos_ == "VERB" and tok.dep_ in ("conj", "advcl") and tok.i > cue.end and \
                tok.lemma_.lower() not in _FILING_VERBS and any(c.dep_ == "dobj" for c in tok.children) and \
                any(t.text == "," for t in doc[cue.end:tok.i]):
            break  # "sued Google last month, claiming ..., attended the Jan. 6 riots": a verb of its own with its own
            # object, a clause after the cue, dates its own act (not "filed suit and sought damages in December")
        if tok.lemma_.lower() in _SAYING and tok.pos_ == "VERB" and cue.end <= tok.i < span.start:
            return False  # "is suing Meta, claiming its chatbot defamed him ... the Jan. 6 riot": what the suit
            # alleges, dated
        tok = tok.head
    if cue.start <= tok.i < cue.end or tok.i == verb:
        return True
    tok = root  # "dates back to October 2024, when Dow Jones filed suit": the filing
    for _ in range(3):  # describes the date (a clause on it), a step or two up from the cue
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if span.start <= tok.i < span.end:
            return True
    return False


def more_events(doc: Doc, events: list[EventX], published: Optional[date],
                cases: Sequence[CaseX] = ()) -> list[EventX]:
    """Events the dated-event rules leave out: the step a headline or a court paper's title shows (see
    _paper_steps), a filing's month or year ("filed in August 2024", "sued last year"), and a step or status a
    sentence shows that no event of the text carries yet (one event each, of each of the text's ``cases``: in a
    roundup, Zhang v. Google's motion to dismiss is not Andersen v. Stability's, told a line before)."""
    out = _paper_steps(doc, events, published)
    cs = cues(doc)
    if not cs:
        return out
    full = dates.text_of(doc)
    covered = {(e.evidence[0].sent_start, e.evidence[0].sent_end) for e in events if e.evidence}

    def case(e: EventX) -> Optional[int]:
        ev = e.evidence[0] if e.evidence else None
        return caselinks.case_of(doc, list(cases), ev.start, ev.sent_start, ev.sent_end) if ev else None
    shown = {(e.stage, e.status, case(e)) for e in events + out}
    reference = None if published else _reference(full)
    filed = {e.date for e in events if e.stage == "filed" and e.date}
    guessed: list[EventX] = []  # filings dated by the report's own month only (see below)
    for n, sent in enumerate(layout.sents(doc)):
        a, b = sent.start_char, sent.end_char
        found = _in(cs, a, b)
        if not found:
            continue
        text = full[a:b]
        what = " ".join(text.split())[:300]
        for c in found:
            if c.stage != "filed" or c.mood != "taken":
                continue
            undated = next((e for e in events if e.stage == "filed" and not e.date and e.evidence
                            and (e.evidence[0].sent_start, e.evidence[0].sent_end) == (a, b)), None)
            # a day the dated-event rules gave another sentence's filing (two suits filed the same day: one event
            # per kind and date) still dates this sentence's filing when it has no dated event of its own
            own = undated is not None or (a, b) not in covered
            near = [d for d in dates.coarse_dates_in(text, published) + _relative(text, published)
                    + _without_year(text, published, reference)
                    if (d[1] != "day" or own and not dates.dateline(text, d[2], d[3]))
                    and _dates_cue(doc, c, a + d[2], a + d[3])]
            guess = False
            if not near and own and published and n < LEAD and _perfect(doc, c):
                # the news a report opens with: "KBS, MBC, and SBS have filed a lawsuit against Naver" in a report
                # of January 14, 2025 was filed that month
                near = [(date(published.year, published.month, 1), "month", c.start_char - a, c.end_char - a)]
                guess = True
            if not near:
                continue
            when, precision, ds, de = min(near, key=lambda d: abs(d[2] - (c.start_char - a)))
            if when.isoformat() in filed and not own or published and when > published:
                continue
            filed.add(when.isoformat())
            if undated is not None:  # the sentence's filing event takes its date
                undated.date, undated.precision = when.isoformat(), precision
                if guess:
                    guessed.append(undated)
                continue
            out.append(EventX(kind="filing", what=what, date=when.isoformat(), precision=precision,
                              evidence=[Evidence(a + ds, a + de, a, b)], stage="filed"))
            if guess:
                guessed.append(out[-1])
            covered.add((a, b))
        if (a, b) in covered:
            continue
        stage, status = _pick(doc, found, found[0].start_char, b, dated=False)
        status = _not_final(cs, status, _paper(doc))
        c = found[0]
        step = EventX(kind="other", what=what, evidence=[Evidence(c.start_char, c.end_char, a, b)], stage=stage,
                      status=status)
        if not (stage or status) or (stage, status, case(step)) in shown:
            continue
        shown.add((stage, status, case(step)))
        step.kind = (KIND_OF_STATUS.get(status) if status and status != "open" else KIND_OF.get(stage, "ruling")) \
            or "other"
        out.append(step)
    for e in guessed:  # "xAI has filed a lawsuit ... The lawsuit, filed ... at the tail end of 2025": the month of the
        # report is a guess the text's own date of that filing overrules
        if any(o is not e and o not in guessed and o.stage == "filed" and o.date and case(o) == case(e)
               for o in events + out):
            if e in out:
                out.remove(e)
            else:
                e.date, e.precision = None, None
    return out


@lru_cache(maxsize=1)
def _titles() -> tuple[re.Pattern, re.Pattern]:
    """A court paper's title that names it the complaint (patterns/stages.jsonl, role complaint_title), and the
    words that make it another paper ("Amended", "Motion", "Answer", ...: role not_complaint_title)."""
    def one(role):
        return re.compile("|".join(f"(?:{e['regex']})" for e in rules.entries("stages", role)) or r"(?!x)x", re.I)
    return one("complaint_title"), one("not_complaint_title")


def _paper_steps(doc: Doc, events: list[EventX], published: Optional[date]) -> list[EventX]:
    """The step the document's own title shows, as of its date: a complaint's own date is the filing date
    ("... — Complaint (S.D.N.Y., filed June 24, 2024)": its dated paper event is the filing); a headline's
    or an order's title cues ("Order Granting Motion to Dismiss", "Meta wins FTC monopoly lawsuit", "Getty
    granted permission to appeal") give the event of the paper (a court paper's dated event) or an undated
    event told by the document's opening. The text's own sentences still speak: a plain dismissal in a text
    that grants leave to amend is open."""
    title = doc._.ct_title if doc.has_extension("ct_title") else ""
    kind = doc._.ct_kind if doc.has_extension("ct_kind") else None
    if not title or not title.strip():
        return []
    full = dates.text_of(doc)
    paper = next((e for e in events if e.date and published and e.date == published.isoformat() and e.evidence
                  and e.evidence[0].start == 0 and e.what == " ".join(title.split())[:300]), None)
    complaint, other = _titles()
    if kind == "filing" and complaint.search(title) and not other.search(title):
        if paper is not None and not paper.stage:
            paper.kind, paper.stage = "filing", "filed"
        return []
    tdoc = doc._.ct_title_doc if doc.has_extension("ct_title_doc") else None
    if tdoc is None or not len(tdoc):
        return []
    found = cues(tdoc)
    if not found:
        return []
    # a paper's title that names another step and when it was filed ("— Order on preservation of output log
    # data (... filed May 13, 2025)") shows that step: "filed" dates the paper, not the suit
    found = [c for c in found if c.stage != "filed" or c.status] if any(
        c.stage not in (None, "filed") or c.status for c in found) else found
    roles = _roles(doc)
    stage, status = _pick(tdoc, found, 0, len(dates.text_of(tdoc)), dated=False, roles=roles)
    status = _not_final(cues(doc) + found, status, _paper(doc))
    if stage == "filed" and status is None or not (stage or status):
        return []  # "Authors sue OpenAI": the text's filing sentence dates it
    if paper is not None:  # the paper is what its title says it is (not what its opening words tell)
        paper.stage, paper.status = stage, status
        doc.user_data.setdefault("ct_title_steps", set()).add(id(paper))
        return []
    a, b = _opening(doc, tdoc)
    what = " ".join(title.split())[:300]
    kind_of = KIND_OF_STATUS.get(status) if status and status != "open" else KIND_OF.get(stage, "ruling")
    step = EventX(kind=kind_of or "other", what=what, evidence=[Evidence(a, b, a, b)], stage=stage, status=status)
    doc.user_data.setdefault("ct_title_steps", set()).add(id(step))  # the text's own step (other_suits)
    return [step]


def _opening(doc: Doc, tdoc: Doc) -> tuple[int, int]:
    """The sentence of the text's opening that tells the headline's story: of its first sentences, the one
    naming most of the parties the headline names (the case a headline event belongs to is that sentence's);
    else the text's first 200 characters."""
    full = dates.text_of(doc)
    names = {m.name for m in (tdoc._.ct_mentions or []) if m.kind in ("company", "person", "agency")} \
        if tdoc.has_extension("ct_mentions") else set()
    mentions = _mentions(doc)
    best, most = None, 0
    for n, sent in enumerate(layout.sents(doc)):
        if n >= 12:
            break
        here = {m.name for m in mentions if sent.start_char <= m.start < sent.end_char and m.name in names}
        if len(here) > most:
            best, most = (sent.start_char, sent.end_char), len(here)
    return best or (0, min(len(full), 200))


def other_suits(doc: Doc, cases: Sequence[CaseX], events: list[EventX], litigants: set[str]) -> None:
    """A step told of another suit is no step of the text's cases. A step that would end a case (settled, dismissed,
    a judgment) or date its filing, whose sentence names a litigant of the text (``litigants``: its parties in a
    dispute) that is a party of none of its cases, and names none of the defendants of the step's case (nor its
    caption), tells a suit between others ("Starbuck and Meta settled their dispute in August" in a report on
    Starbuck v. Google; "the Munich court ruled that OpenAI's ChatGPT infringed GEMA's rights" in one on GEMA v.
    Suno; "The Court grants Microsoft's motion to dismiss" in one on Intercept v. OpenAI): the event stays on the
    timeline, without the stage and status it would give the case. A step on the way (a motion to dismiss, claims
    against a defendant the caption omits) stays, and so does a filing by the case's plaintiff with others. Names only (not a pronoun resolved to a party); the step a title
    shows is the text's own."""
    from ingest.nlp.parties import _keys

    titled = doc.user_data.get("ct_title_steps", set())
    cs = cues(doc)
    for e in events:  # "That case ultimately settled": the suit a sentence before told of (_that_suit)
        if e.status in ENDINGS and e.evidence and id(e) not in titled and any(
                c.status == e.status and _that_suit(doc, c) for c in _in(cs, e.evidence[0].sent_start, e.evidence[0].sent_end)):
            e.stage, e.status = None, None
    mentions = _mentions(doc)
    if not cases or not mentions:
        return
    full = dates.text_of(doc)
    if not any(_PROSECUTOR.match(n or "") for c in cases for n in c.plaintiffs or _first_side(c.caption)):
        for e in events:  # "The accused person in the trial ... was acquitted of the charges" in a report on a
            # defamation suit: a criminal trial, not a step of the text's civil suits
            if e.stage == "trial" and e.evidence and id(e) not in titled and _CRIMINAL.search(
                    full[e.evidence[0].sent_start:e.evidence[0].sent_end]):
                e.stage = None  # (and its verdict: "was acquitted" is no judgment of the civil suit)
                if e.status in ("judgment_plaintiff", "judgment_defendant"):
                    e.status = None

    def keys(names) -> set:  # a party's identity, and its first word ("Penguin" is "Penguin Group")
        out = set()
        for n in names:
            n = re.sub(r"['’]s?$", "", n or "").strip()
            words = [w for w in n.lower().split() if w not in ("the", "a", "an")]
            if words:
                out |= _keys(n) | {"w:" + words[0]}
        return out
    parties = keys(n for c in cases for n in c.plaintiffs + c.defendants)
    for e in events:
        ends = e.status in ENDINGS or e.status == "affirmed" or e.stage == "filed" and e.date
        if not ends or not e.evidence or id(e) in titled:
            continue
        a, b = e.evidence[0].sent_start, e.evidence[0].sent_end
        mine = [cases[e.case]] if e.case is not None and e.case < len(cases) else list(cases)
        defendants = keys(n for c in mine for n in c.defendants)
        if not defendants or any(c.caption and c.caption in full[a:b] for c in mine):
            continue
        here = [keys([m.name, m.owner]) for m in mentions if a <= m.start < b and not m.resolved
                and m.kind in ("company", "person", "agency")]
        if any(k & defendants for k in here):
            continue
        if e.stage == "filed" and not e.status and any(k & keys(n for c in mine for n in c.plaintiffs) for k in here):
            continue  # the case's plaintiff filed, with others ("The Yomiuri Shimbun ... and The Mainichi also filed")
        if any(not k & parties and k & keys(litigants) for k in here):
            e.stage, e.status = None, None


_SUIT_NOUNS = {"case", "lawsuit", "suit", "action", "litigation", "dispute"}
# a criminal trial's words, and the side that brings a prosecution
_CRIMINAL = re.compile(r"\b(?:acquit(?:ted|tal)|convicted|conviction|criminal(?:ly)? (?:trial|charges?|case))\b", re.I)
_PROSECUTOR = re.compile(r"(?i)\s*(?:the\s+)?(?:united states|u\.s\.|usa|state\b|people\b|commonwealth|crown|r\b|rex\b|"
                         r"regina\b|government\b|director of public prosecutions|dpp\b|prosecut)")


def _first_side(caption: str) -> list[str]:
    """A caption's first side ("United States v. Ding": ["United States"]); [] with none."""
    left, sep, _ = (caption or "").partition(" v. ")
    return [left] if sep and left else []


def _that_suit(doc: Doc, cue: Cue) -> bool:
    """The subject of the cue's verb is a suit pointed at with "that" ("That case ultimately settled for $1.5
    billion", told after "a recent case involving Anthropic"): the suit a sentence before told of, set against the
    text's own ("the case", "this lawsuit"), ended. Names nobody, so other_suits' test by names cannot see it."""
    subj = _cue_subject(doc, cue)
    if subj is None:
        root = doc[cue.start:cue.end].root
        subj = next((t for t in root.children if t.dep_ == "nsubjpass"), None)
    return subj is not None and subj.lemma_.lower() in _SUIT_NOUNS and any(
        t.dep_ == "det" and t.lower_ in ("that", "those") for t in subj.children)


def partial_settlements(doc: Doc, cases: Sequence[CaseX], events: list[EventX]) -> None:
    """A settlement some parties of a side made is no settlement of the case: when whoever settled (the subject of
    "settled", "agreed to settle") is a party of its case's side that has other parties the sentence does not name
    ("Genesis had already settled with the SEC" in SEC v. Gemini Trust, Genesis Global Capital and others;
    "Universal Music Group just settled with Udio" in the labels' suit against Udio), the case goes on for the rest:
    the event keeps no status. (Not "Anthropic agreed to settle" where Anthropic is the only defendant, nor a
    settlement named without who made it, "a $1.5 billion settlement".) Names only."""
    from ingest.nlp.parties import _keys

    mentions = _mentions(doc)
    if not cases or not mentions:
        return
    cs = cues(doc)
    titled = doc.user_data.get("ct_title_steps", set())

    def keys(name) -> set:  # a party's identity, and its first word ("Genesis" is "Genesis Global Capital")
        name = re.sub(r"['’]s?$", "", name or "").strip()
        words = [w for w in name.lower().split() if w not in ("the", "a", "an")]
        return _keys(name) | {"w:" + words[0]} if words else set()
    for e in events:
        if e.status != "settled" or not e.evidence or id(e) in titled:
            continue
        a, b = e.evidence[0].sent_start, e.evidence[0].sent_end
        mine = [cases[e.case]] if e.case is not None and e.case < len(cases) else list(cases)
        if len(mine) != 1:
            continue
        sides = [[keys(n) for n in mine[0].plaintiffs if keys(n)], [keys(n) for n in mine[0].defendants if keys(n)]]
        here = [m for m in mentions if a <= m.start < b and not m.resolved and m.kind in ("company", "person", "agency")]
        settled = [c for c in _in(cs, a, b) if c.status == "settled"]
        if not settled:
            continue
        partial = True
        for c in settled:
            subj = _cue_subject(doc, c)
            if subj is None or any(t.lower_ in ("all", "both", "parties", "sides", "every") for t in subj.subtree):
                partial = False
                break
            lo, hi = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
            who = [keys(m.name) for m in here if lo <= m.start < hi]
            side = next((s for s in sides if who and all(any(k & p for p in s) for k in who)), None)
            if side is None or len(side) < 2:
                partial = False
                break
            named = [p for p in side if any(p & keys(m.name) for m in here)]
            if len(named) >= len(side):
                partial = False
                break
        if partial:
            e.status = None
