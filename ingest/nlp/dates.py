"""Dates in text with their precision, resolved against the publication date, and the dated case
events they mark (filing, hearing, testimony, ruling, settlement). No date when the text gives none."""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional

from spacy.tokens import Doc

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
    ("settlement", re.compile(r"\bsettle(?:d|ment|s)?\b", re.I)),
    ("ruling", re.compile(r"\bruled\b|\brulings?\b|\bverdict\b|\bjudgment\b|\b(?:granted|denied|dismissed|rejected) (?:a |the |its |their |his |her |\w+’s |\w+'s )?(?:motion|request|bid|claims?|lawsuit|case|suit)\b|\bdismiss(?:ed|al)\b|\b(?:judge|court) (?:found|held|decided|ordered)\b", re.I)),
    ("hearing", re.compile(r"\bhearings?\b|\btrial\b|\boral arguments?\b|\bclosing arguments?\b|\bjury selection\b", re.I)),
    ("filing", re.compile(r"\b(?:filed|files|filing) (?:a |an |the |its |his |her |their )?(?:\w+ ){0,3}(?:lawsuit|suit|complaint|motion|petition|case|action|notice|brief)\b|\bsued\b|\bsues\b|\bfiled suit\b", re.I)),
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


def events(doc: Doc, published: Optional[date], litigation: bool) -> list[EventX]:
    """At most one event per kind and date: a step many sentences retell is one event."""
    if not litigation:
        return []
    out: dict[tuple, EventX] = {}
    for sent in doc.sents:
        text = sent.text
        for kind, cue in EVENT_CUES:
            hit = cue.search(text)
            if not hit:
                continue
            dated = dates_in(text, published)
            when = min(dated, key=lambda d: abs(d[2] - hit.start())) if dated else None
            key = (kind, when[0] if when else None)
            if key in out or (when is None and any(k[0] == kind for k in out)):
                break
            what = " ".join(text.split())
            out[key] = EventX(kind=kind, what=what[:300], date=when[0].isoformat() if when else None,
                              precision=when[1] if when else None,
                              evidence=[Evidence(sent.start_char + hit.start(), sent.start_char + hit.end(),
                                                 sent.start_char, sent.end_char)])
            break
    undated_kinds = {k for (k, d) in out if d is None}
    return [e for (k, d), e in out.items() if d is not None or k in undated_kinds and
            not any(kk == k and dd is not None for kk, dd in out)]
