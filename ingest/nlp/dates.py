"""Dates in text with their precision, resolved against the publication date, and the dated case
events they mark (filing, hearing, testimony, ruling, settlement). No date when the text gives none."""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional

from spacy.tokens import Doc

from ingest.nlp import layout
from ingest.nlp.types import Evidence, EventX

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_M = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
PATTERNS = [
    (re.compile(rf"\b{_M}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{{2}})\b"), "day"),
    (re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_M},?\s+(?P<year>(?:19|20)\d{{2}})\b"), "day"),
    (re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"), "day"),
    (re.compile(r"\b(?P<mnum>\d{1,2})/(?P<day>\d{1,2})/(?P<year>(?:19|20)\d{2})\b"), "day"),
    (re.compile(rf"\b{_M}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*(?:19|20)\d{{2}})"), "day_noyear"),
    (re.compile(rf"\b(?:in|since|by|during|until|of|from)\s+{_M},?\s+(?P<year>(?:19|20)\d{{2}})\b"), "month"),
    (re.compile(r"\b(?:on|last|this past|earlier this)?\s*(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"), "weekday"),
    (re.compile(r"\b(?P<rel>yesterday|today)\b", re.I), "relative"),
    (re.compile(r"\bin (?P<year>(?:19|20)\d{2})\b"), "year"),
]
EVENT_CUES = [
    ("testimony", re.compile(r"\btestif\w*|\btestimony\b|\bdeposition\b|\btook the (?:witness )?stand\b|\bcross-examin\w*|"
                             r"\bunder oath\b|\b(?:confirmed|admitted|acknowledged|conceded|said|told)\b[^.]{0,20}\bin court\b|"
                             r"\btold (?:a|the) (?:judge|jury|court)\b", re.I)),
    ("settlement", re.compile(r"\bsettle(?:d|ment|s)?\b|\bterm sheet\b|\bsettlement agreement\b", re.I)),
    ("ruling", re.compile(r"\bruled\b|\brulings?\b|\bverdict\b|\bjudgment\b|\b(?:granted|denied|dismissed|rejected) (?:a |the |its |their |his |her |\w+’s |\w+'s )?(?:motion|request|bid|claims?|lawsuit|case|suit)\b|\bdismiss(?:ed|al)\b|\b(?:judge|court) (?:found|held|decided|ordered)\b|\bsigned by judge\b|\b(?:ORDER|order) (?:granting|denying)\b|\b(?:dismisses|denies|grants|rejects|rejected|refused)\b", re.I)),
    ("hearing", re.compile(r"\bhearings?\b|\btrial\b|\boral arguments?\b|\bclosing arguments?\b|\bjury selection\b|\b(?:were|was) heard\b|\bheard (?:before|by)\b|\bargued\b|\bface off\b|\bappeals? court\b", re.I)),
    ("filing", re.compile(r"\b(?:filed|files|filing) (?:a |an |the |its |his |her |their )?(?:\w+ ){0,3}(?:lawsuit|suit|complaint|motion|petition|case|action|notice|brief)\b|\b(?:lawsuit|suit|complaint|motion|brief|notice|letter motion)s? (?:was |were )?(?:filed|lodged|brought|submitted|dated)\b|\bsued\b|\bsues\b|\bfiled suit\b|\bbrought (?:suit|the case|a case|an action)\b|\bfiled (?:on|in|with|today|an? )\b", re.I)),
]


def _resolve(m: re.Match, kind: str, published: Optional[date]) -> Optional[tuple[date, str]]:
    g = m.groupdict()
    try:
        if kind == "day":
            month = MONTHS[g["month"].lower().rstrip(".")] if g.get("month") else int(g["mnum"])
            return date(int(g["year"]), month, int(g["day"])), "day"
        if kind == "day_noyear":
            if not published:
                return None
            d = date(published.year, MONTHS[g["month"].lower().rstrip(".")], int(g["day"]))
            if d > published + timedelta(days=31):
                d = d.replace(year=published.year - 1)
            return d, "day"
        if kind == "month":
            return date(int(g["year"]), MONTHS[g["month"].lower().rstrip(".")], 1), "month"
        if kind == "weekday":
            if not published:
                return None
            back = (published.weekday() - WEEKDAYS.index(g["weekday"].lower())) % 7
            return published - timedelta(days=back), "day"
        if kind == "relative":
            if not published:
                return None
            return published - timedelta(days=1 if g["rel"].lower() == "yesterday" else 0), "day"
        if kind == "year":
            return date(int(g["year"]), 1, 1), "year"
    except (ValueError, KeyError):
        return None
    return None


def dates_in(text: str, published: Optional[date]) -> list[tuple[date, str, int, int]]:
    out, taken = [], []
    for pattern, kind in PATTERNS:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                continue
            resolved = _resolve(m, kind, published)
            if resolved:
                taken.append((m.start(), m.end()))
                out.append((resolved[0], resolved[1], m.start(), m.end()))
    return sorted(out, key=lambda x: x[2])


KIND_EVENTS = {"opinion": "ruling", "order": "ruling", "ruling": "ruling", "filing": "filing", "docket": "filing"}
REPORT = re.compile(r"\b(?:announced|published|released|disclosed|revealed|reported)\b", re.I)


def _also_days(text: str, found: list) -> list:
    """'on September 8 and 25': the second day takes the first one's month and year."""
    extra = []
    for d, precision, s, e in found:
        m = re.match(r"(?:,? and |, | & )(\d{1,2})\b(?!,? ?\d{4}| ?(?:million|billion|%))", text[e:e + 8])
        if precision == "day" and m:
            try:
                extra.append((d.replace(day=int(m.group(1))), "day", e + m.start(1), e + m.end(1)))
            except ValueError:
                pass
    return found + extra


_DISTILL = re.compile(r"\bdistill", re.I)


def text_of(doc: Doc) -> str:
    """The Doc's text as make_doc recorded it (Doc.text joins every token on each access)."""
    cached = doc._.ct_text if doc.has_extension("ct_text") else None
    return cached if cached is not None else doc.text


HYPOTHETICAL = re.compile(r"\b(?:not yet|will|would|could|may|might|anticipated|expected to|if|whether|should)\b",
                          re.I)


def events(doc: Doc, published: Optional[date], litigation: bool, kind: Optional[str] = None) -> list[EventX]:
    """Dated steps of a case: each date in a sentence with an event cue (filed, heard, ruled, settled,
    testified), the cue nearest the date naming the kind; a court paper's own date is its ruling or filing.
    At most one event per kind and date, and one undated event per kind."""
    out: dict[tuple, EventX] = {}
    if published and kind in KIND_EVENTS:
        full = text_of(doc)
        what = (doc._.ct_title if doc.has_extension("ct_title") else "") or full[:200]
        out[(KIND_EVENTS[kind], published)] = EventX(kind=KIND_EVENTS[kind], what=" ".join(what.split())[:300],
                                                      date=published.isoformat(), precision="day",
                                                      evidence=[Evidence(0, min(len(full), 200), 0,
                                                                         min(len(full), 200))])
    full = text_of(doc)
    reports = bool(_DISTILL.search(full, 0, 3000))  # a report of distillation: 'announced', 'published' are steps
    for sent in layout.sents(doc):
        text = full[sent.start_char:sent.end_char]  # Span.text joins the tokens again
        cues = []
        for ekind, cue in EVENT_CUES:
            if litigation or ekind == "testimony":
                cues += [(h.start(), h.end(), ekind) for h in cue.finditer(text)]
        if not cues and reports:
            cues = [(h.start(), h.end(), "report") for h in REPORT.finditer(text)]
        if not cues:
            continue
        dated = _also_days(text, dates_in(text, published))
        what = " ".join(text.split())[:300]
        if not dated:
            if HYPOTHETICAL.search(text):
                continue  # "preliminary hearings are anticipated", "the final ruling could ...": not a step taken
            s, e, ekind = cues[0]
            if not any(k[0] == ekind for k in out):
                out[(ekind, None)] = EventX(kind=ekind, what=what, evidence=[Evidence(
                    sent.start_char + s, sent.start_char + e, sent.start_char, sent.end_char)])
            continue
        for when, precision, ds, de in dated:
            line_start = text.rfind("\n", 0, ds) + 1
            line_end = text.find("\n", de) if "\n" in text[de:] else len(text)
            near = [c for c in cues if line_start <= c[0] < line_end] or cues
            s, e, ekind = min(near, key=lambda c: abs(c[0] - ds))
            key = (ekind, when)
            if key in out:
                continue
            out[key] = EventX(kind=ekind, what=what, date=when.isoformat(), precision=precision,
                              evidence=[Evidence(sent.start_char + ds, sent.start_char + de, sent.start_char,
                                                 sent.end_char)])
    dated_kinds = {k for (k, d) in out if d is not None}
    return [e for (k, d), e in out.items() if d is not None or k not in dated_kinds]
