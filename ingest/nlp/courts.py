"""Courts and docket numbers normalised as CourtListener does. No Django here: the linking code imports it too.

    court_id("the U.S. District Court for the Northern District of California") -> "cand"
    find(text) -> [(court_id, start, end)]      every court the text names, in text order
    jurisdiction("cand") -> "us-federal"; display("cand") -> "N.D. Cal."
    docket_core("3:23-cv-03417-VC") == docket_core("23-cv-03417") == "2303417"

A court id is CourtListener's (Free Law Project's courts-db package) for US courts; for a court outside the US it
is ours, from patterns/courts.jsonl ("ewhc", "ewca", "uksc", "cjeu", else "<iso2>-<slug of the English name>":
"in-delhi-high-court"). Three ways a court is read, all data in patterns/courts.jsonl:

  - a federal district court written out or abbreviated ("Northern District of California", "N.D. Cal.",
    "S.D.N.Y.", "D. Del.", "Bankr. S.D.N.Y."): the state's postal code, the direction's letter and "d" (a
    bankruptcy court "b"), kept only when courts-db has that id;
  - a `court` line's regex: circuits, the press's "federal court in Manhattan", state and foreign courts;
  - else, for court_id() only, courts-db's own regexes (find_court), when they give one court.

courts-db's JSON is read once, lazily (about 0.2 s); its compiled regexes (about 1.1 s more) only when
court_id() needs its fallback. Importing this module reads neither.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ingest.nlp import rules
from ingest.nlp.types import JURISDICTIONS

FILE = "courts"
_DIRECTIONS = {"northern": "n", "southern": "s", "eastern": "e", "western": "w", "central": "c", "middle": "m"}


@lru_cache(maxsize=1)
def _db() -> dict[str, dict]:
    """courts-db's courts by id (read once)."""
    from courts_db.utils import load_courts_db

    return {c["id"]: c for c in load_courts_db()}


@lru_cache(maxsize=1)
def _ours() -> dict[str, dict]:
    """Courts the pattern file defines (name, display, jurisdiction), by id."""
    out: dict[str, dict] = {}
    for e in rules.entries(FILE, "court"):
        info = out.setdefault(e["id"], {})
        for k in ("name", "display", "jurisdiction", "type"):
            if k in e:
                info.setdefault(k, e[k])
    return out


@lru_cache(maxsize=1)
def _states() -> tuple[dict, ...]:
    return tuple(rules.entries(FILE, "us_state"))


@lru_cache(maxsize=1)
def _district_patterns() -> tuple[re.Pattern, ...]:
    """The written-out form ("U.S. District Court for the Northern District of California") and the abbreviated
    one ("N.D. Cal.", "S.D.N.Y.", "D. Del.", "Bankr. N.D. Cal.")."""
    names = "|".join(re.escape(s["text"]) for s in sorted(_states(), key=lambda s: -len(s["text"])))
    written = re.compile(
        r"(?i)(?P<court>\b(?:(?:U\.\s?S\.|United States)\s+)?(?P<bankr>Bankruptcy\s+)?(?:District\s+)?Court\s+"
        r"(?:for|of)\s+(?:the\s+)?)?"
        rf"\b(?P<dir>Northern|Southern|Eastern|Western|Central|Middle)?\s*District\s+of\s+(?P<state>{names})\b")
    abbrs = "|".join(f"(?:{s['abbr']})" for s in _states())
    abbreviated = re.compile(rf"(?P<bankr>\bBankr\.\s?)?(?<![\w.])(?P<dir>[NSEWCM]\.\s?)?D\.\s?(?P<state>{abbrs})(?![\w])")
    # the district's letters before the state's name ("United States District Court, S.D. New York", "D. Wyoming"),
    # and the press's "federal court in Northern California", "Tennessee Middle District Court"
    mixed = re.compile(rf"(?P<bankr>\bBankr\.\s?)?(?<![\w.])(?P<dir>[NSEWCM]\.\s?)?D\.\s?(?P<state>{names})\b")
    directions = "Northern|Southern|Eastern|Western|Central|Middle"
    press = re.compile(
        rf"(?i)(?P<court>\b(?:federal court|(?:U\.\s?S\.\s+)?District Court|federal judge)\s+(?:in|for|of)\s+(?:the\s+)?)"
        rf"(?P<dir>{directions})\s+(?P<state>{names})\b(?!\s+District)"
        rf"|\b(?P<state2>{names})(?:['’]s)?\s+(?P<dir2>{directions})\s+District(?:\s+Court)?\b(?!\s+of)")
    # a state of one federal district, named by the press without its district ("the U.S. District Court in
    # Minnesota", "federal court in Delaware"): its court only where courts-db has the one district ("mnd")
    single = re.compile(rf"(?i)\b(?:(?:U\.\s?S\.|US|United States)\s+District\s+Court|federal\s+court)\s+in\s+"
                        rf"(?P<state>{names})\b(?!\s+(?:County|City|state))")
    return written, abbreviated, mixed, press, single


def _state_of(text: str, abbreviated: bool) -> Optional[dict]:
    for s in _states():
        if abbreviated and re.fullmatch(s["abbr"], text) or not abbreviated and text.lower() == s["text"].lower():
            return s
    return None


def _districts(text: str) -> list[tuple[str, int, int]]:
    written, abbreviated, mixed, press, single = _district_patterns()
    out = []
    for pattern, abbr in ((written, False), (abbreviated, True), (mixed, False), (press, False), (single, False)):
        for m in pattern.finditer(text):
            groups = m.groupdict()
            state = _state_of(groups.get("state") or groups.get("state2") or "", abbr)
            if state is None:
                continue
            if pattern is written and state["postal"] == "dc" and not (m.group("court") or m.group("dir")):
                continue  # "the District of Columbia" is a government as often as a court
            direction = groups.get("dir") or groups.get("dir2") or ""
            letter = _DIRECTIONS.get(direction.lower(), direction[:1].lower()) if direction else ""
            cid = f"{state['postal']}{letter}{'b' if groups.get('bankr') else 'd'}"
            if pattern is single and any(f"{state['postal']}{d}d" in _db() for d in "nsewcm"):
                continue  # a state of several districts ("federal court in New York": which one is not said)
            if cid in _db():
                out.append((cid, m.start(), m.end()))
    return out


_STATE_KINDS = r"Superior Court|Supreme Court|Courts? of Appeals?|Appellate Court|Court of Chancery|Chancery Court"


@lru_cache(maxsize=1)
def _state_court_pattern() -> re.Pattern:
    """A state's own court by its kind and the state's name ("Delaware Superior Court", "the Court of Appeals of
    Georgia", "Texas Supreme Court"), read by courts-db."""
    names = "|".join(re.escape(s["text"]) for s in sorted(_states(), key=lambda s: -len(s["text"])))
    return re.compile(rf"(?i)\b(?:(?:{names})(?:['’]s)?(?:\s+State)?\s+(?:{_STATE_KINDS})"
                      rf"|(?:{_STATE_KINDS})\s+(?:of|for)\s+(?:the\s+State\s+of\s+)?(?:{names}))\b")


def _state_courts(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _state_court_pattern().finditer(text):
        from courts_db import find_court  # its regexes compile on the first call

        phrase = re.sub(r"['’]s\b", "", " ".join(m.group(0).split())).title().replace(" Of ", " of ")
        ids = [i for i in find_court(phrase) if i in _db() and _db()[i].get("system") == "state"]
        if len(ids) == 1:
            out.append((ids[0], m.start(), m.end()))
    return out


_COUNTY_COURT = re.compile(r"\b(?:[A-Z][a-z]+[ ]){1,3}County[ ](?:(?:Superior|Circuit|District|Chancery|Probate|State)[ ])?"
                           r"Court\b")


@lru_cache(maxsize=1)
def _county_names() -> dict[str, str]:
    """courts-db's county courts by name, its state's abbreviation left off ("gwinnett county superior court" ->
    "gasuperctgwin"); a name two courts share is left out."""
    out: dict[str, Optional[str]] = {}
    for cid, court in _db().items():
        name = re.sub(r",[^,]*$", "", str(court.get("name") or "")).strip().lower()
        if " county " in f" {name} " and name.endswith("court"):
            out[name] = None if name in out and out[name] != cid else cid
    return {k: v for k, v in out.items() if v}


def _county_courts(text: str) -> list[tuple[str, int, int]]:
    """A county's court by the name courts-db gives it ("Judge Tracie Cason of Gwinnett County Superior Court"),
    unless the text names another state and never the court's own: there a county's court of that kind is the
    other state's ("Washington County Superior Court" in a story about Vermont is Vermont's Superior Court, not
    Georgia's), when courts-db has that state's one court of the kind."""
    out = []
    for m in _COUNTY_COURT.finditer(text):
        words = m.group(0).split()
        for k in range(len(words) - 3, -1, -1):  # "In Gwinnett County Superior Court": the shortest name known
            cid = _county_names().get(" ".join(words[k:]).lower())
            if cid:
                s0 = m.start() + len(" ".join(words[:k])) + (1 if k else 0)
                out.append((_in_named_state(cid, words[-2], text, s0, m.end()), s0, m.end()))
                break
    return out


def _in_named_state(cid: str, kind: str, text: str, start: int, end: int) -> Optional[str]:
    """The county court cid, or the court of its kind ("Superior") of the other state the text names (the one, or the
    one it names most; outside the court's own name: "Washington County") where the text never names cid's own state
    (see _county_courts);
    cid itself when courts-db has no one such court of that state."""
    own = str(_db().get(cid, {}).get("location") or "")
    rest = text[:start] + " " + text[end:]
    named = {s["text"]: len(re.findall(rf"\b{re.escape(s['text'])}\b", rest)) for s in _states()}
    named = {k: v for k, v in named.items() if v}
    ranked = sorted(named.values(), reverse=True)
    if not own or own in named or not ranked or len(ranked) > 1 and (ranked[0] < 2 or ranked[0] == ranked[1]):
        return cid  # (several states named: the one the text names most, at least twice)
    state = max(named, key=named.get)
    ids = [i for i, c in _db().items() if c.get("location") == state and c.get("system") == "state"
           and c.get("type") == "trial" and kind.lower() in str(c.get("name", "")).lower()
           and "county" not in str(c.get("name", "")).lower() and not c.get("parent")]
    return ids[0] if len(ids) == 1 else cid


@lru_cache(maxsize=1)
def _city_pattern() -> tuple[Optional[re.Pattern], dict[str, str]]:
    """The press's name of a federal district court by its seat ("U.S. District Court in West Palm Beach", "a
    federal judge in Houston", "Dallas federal court"): the `federal_city` lines."""
    seats = {e["city"]: e["id"] for e in rules.entries(FILE, "federal_city")}
    if not seats:
        return None, seats
    alt = "|".join(re.escape(c) for c in sorted(seats, key=len, reverse=True))
    court = r"(?:U\.S\.|US|United States|federal) (?:District )?(?:court(?:house|room)?|judge)"  # (not a state's
    # "district court in Dallas")
    state = "|".join(re.escape(e["text"]) for e in _states())  # "the San Jose, California federal court"
    return re.compile(rf"(?i:\b(?:{court}) in )(?P<a>{alt})\b(?!,? (?:County|Superior))|\b(?P<b>{alt})(?:['’]s)?(?:,? (?:{state}))? "
                      rf"(?i:federal (?:court(?:house|room)?|judge))\b"), seats  # ("San Francisco's federal court")


def _federal_cities(text: str) -> list[tuple[str, int, int]]:
    pattern, seats = _city_pattern()
    return [(seats[m.group("a") or m.group("b")], m.start(), m.end()) for m in pattern.finditer(text)] if pattern else []


@lru_cache(maxsize=1)
def _court_patterns() -> tuple[tuple[str, re.Pattern, Optional[re.Pattern], Optional[re.Pattern]], ...]:
    """(id, regex, requires, unless) of each court line."""
    def opt(e, key):
        return re.compile(e[key]) if key in e else None
    return tuple((e["id"], re.compile(e["regex"]), opt(e, "requires"), opt(e, "unless"))
                 for e in rules.entries(FILE, "court") if "regex" in e)


@lru_cache(maxsize=1)
def _templates() -> tuple[tuple[dict, re.Pattern], ...]:
    """The `court_template` lines: a family of courts named after their seat ("the Changshu People's Court")."""
    return tuple((e, re.compile(e["regex"])) for e in rules.entries(FILE, "court_template"))


def _place_slug(place: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", place.lower()).strip("-")


def _slots(template_id: str) -> list[str]:
    """The places a template's id names, in order ("cn-{city}-{place}-district-peoples-court" -> city, place)."""
    return re.findall(r"\{(\w+)\}", template_id)


def _templated(text: str) -> list[tuple[str, int, int]]:
    out = []
    for e, pattern in _templates():
        for m in pattern.finditer(text):
            values = {}
            for slot in _slots(e["id"]):  # a slot's group is named after it (a second alternative's: "place2")
                values[slot] = next((v for k, v in m.groupdict().items() if re.fullmatch(rf"{slot}\d*", k) and v),
                                    None)
            if values and all(values.values()):
                cid = e["id"]
                for slot, value in values.items():
                    cid = cid.replace("{" + slot + "}", _place_slug(value))
                out.append((cid, m.start(), m.end()))
    return out


def _template_info(cid: str) -> dict:
    """name, display and jurisdiction of a court a template names ("cn-changshu-peoples-court" -> "Changshu
    People's Court"); {} for any other id."""
    for e, _ in _templates():
        slots = _slots(e["id"])
        parts = re.split(r"\{\w+\}", e["id"])
        rx = "".join(re.escape(p) + (f"(?P<{slots[n]}>[a-z0-9-]+?)" if n < len(slots) else "")
                     for n, p in enumerate(parts))
        m = re.fullmatch(rx, cid)
        if m:
            out = {}
            for k in ("name", "display", "jurisdiction"):
                if k in e:
                    value = e[k]
                    for slot in slots:
                        value = value.replace("{" + slot.title() + "}", m.group(slot).replace("-", " ").title())
                    out[k] = value
            return out
    return {}


def find(text: str) -> list[tuple[str, int, int]]:
    """Every court the text names: (court id, start, end) in text order; where two readings overlap the longer
    one wins ("Delhi High Court" over "High Court")."""
    if not text:
        return []
    found = _districts(text) + _state_courts(text)
    for cid, pattern, requires, unless in _court_patterns():
        if requires is not None and not requires.search(text) or unless is not None and unless.search(text):
            continue
        found += [(cid, m.start(), m.end()) for m in pattern.finditer(text)]
    found += _federal_cities(text)
    found += _templated(text)
    found += _county_courts(text)  # last: a pattern line's reading of the same words wins
    kept: list[tuple[str, int, int]] = []
    for c in sorted(found, key=lambda c: (-(c[2] - c[1]), c[1])):
        if not any(c[1] < k[2] and k[1] < c[2] for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c[1])


@lru_cache(maxsize=1)
def _jurisdiction_cues() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((e["jurisdiction"], re.compile(e["regex"])) for e in rules.entries(FILE, "jurisdiction_cue"))


def jurisdiction_cues(text: str) -> list[tuple[str, int, int]]:
    """Where a text places a suit without naming its court ("filed in Utah state court", "a Paris court", "filed
    in British Columbia"): (jurisdiction, start, end), from the `jurisdiction_cue` lines."""
    return sorted(((j, m.start(), m.end()) for j, rx in _jurisdiction_cues() for m in rx.finditer(text or "")),
                  key=lambda c: c[1])


@lru_cache(maxsize=1)
def _jurisdiction_parties() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((e["jurisdiction"], re.compile(e["regex"], re.I)) for e in rules.entries(FILE, "jurisdiction_party"))


def party_jurisdiction(name: str) -> Optional[str]:
    """The jurisdiction of the courts a plaintiff always sues in ("SEC", "United States": us-federal), from the
    `jurisdiction_party` lines; None for any other."""
    name = (name or "").strip()
    return next((j for j, rx in _jurisdiction_parties() if rx.match(name)), None)


@lru_cache(maxsize=512)
def court_id(text: str) -> Optional[str]:
    """A court name as printed -> its id ("S.D.N.Y." -> "nysd", "the Ninth Circuit" -> "ca9", "Delaware federal
    court" -> "ded", "the Delhi High Court" -> "in-delhi-high-court"); None when no one court is named."""
    text = " ".join((text or "").split())
    if not text:
        return None
    hits = find(text)
    if hits:
        return hits[0][0]
    from courts_db import find_court  # its regexes compile on the first call

    bankruptcy = "bankruptcy" in text.lower() or "bankr" in text.lower()
    for partial in (False, True):
        ids = find_court(text, bankruptcy=bankruptcy, allow_partial_matches=partial)
        if len(ids) == 1:
            return ids[0]
    return None


def jurisdiction(cid: Optional[str]) -> str:
    """us-federal / us-state (courts-db's system), uk, eu, in, ... (the pattern file), else "other"."""
    if not cid:
        return "other"
    if cid in _ours() and _ours()[cid].get("jurisdiction"):
        return _ours()[cid]["jurisdiction"]
    if _template_info(cid).get("jurisdiction"):
        return _template_info(cid)["jurisdiction"]
    court = _db().get(cid)
    if court is not None:
        return {"federal": "us-federal", "state": "us-state"}.get(court.get("system", ""), "other")
    prefix = cid.split("-", 1)[0]
    return prefix if "-" in cid and prefix in JURISDICTIONS else "other"


def level(cid: Optional[str]) -> str:
    """"appellate" or "trial" (courts-db's type, or the pattern file's "type" for ours), else ""."""
    if not cid:
        return ""
    court = _db().get(cid) or {}
    if str(court.get("name", "")).startswith(("District Court", "United States District Court")):
        return "trial"  # courts-db calls the District of Columbia's district court "appellate"
    kind = _ours().get(cid, {}).get("type") or court.get("type") or ""
    return kind if kind in ("appellate", "trial") else ""


def display(cid: Optional[str]) -> Optional[str]:
    """How a court is cited: "N.D. Cal." (courts-db's citation_string), ours from the pattern file, else its name."""
    if not cid:
        return None
    ours = _ours().get(cid) or _template_info(cid)
    if ours.get("display"):
        return ours["display"]
    court = _db().get(cid)
    if court is not None:
        return court.get("citation_string") or court.get("name") or cid
    return ours.get("name") or cid


def name(cid: Optional[str]) -> Optional[str]:
    """The court's full name ("United States District Court for the Northern District of California")."""
    if not cid:
        return None
    court = _db().get(cid)
    return (court or {}).get("name") or _ours().get(cid, {}).get("name") or _template_info(cid).get("name")


# --- docket numbers ------------------------------------------------------------------------------------------
# CourtListener (cl/lib/model_helpers.py: clean_docket_number, make_docket_number_core) keeps the one docket number
# a string holds, then condenses "2:12-cv-01032" / "12-cv-01032" to year + the number padded to 5 digits
# ("1201032") and an appellate or bankruptcy "12-332" to year + 6 digits ("12000332"); anything else has no core.
# Ours does the same and also reads the forms our docket_numbers finds that its regexes miss: "1:2023cv05670",
# "1:23cv05670" and "23 Civ. 5670" (district numbers) and "C 24-05417 WHA" (N.D. Cal.'s old civil form).
_DASHES = re.compile(r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]")
_DISTRICT = re.compile(r"(?<![\w])(?:\d{1,2}:)?(\d\d)-[a-z]{2,4}-(\d+)")
_RUN_TOGETHER = re.compile(r"(?<![\w])(?:\d{1,2}:)?(?:\d\d)?(\d\d)(?:cv|cr|md|mc|bk|ap)(\d+)")
_CIV = re.compile(r"(?<![\w])(\d\d) civ\.? (\d+)")
_OLD_CAND = re.compile(r"(?<![\w])c ?(\d\d)-(\d+)")
_SPACED = re.compile(r"(?<![\w:-])(\d\d) (?:c|cv|cr) (\d+)(?![\w-])")  # N.D. Ill.'s printed form: "No. 19 C 4311"
_APPELLATE = re.compile(r"(?<![^ ,(])(\d\d)-(\d+)(?![\w-])")


def docket_core(number: Optional[str]) -> str:
    """CourtListener's docket_number_core: "3:23-cv-03417-VC" and "23-cv-03417" -> "2303417", "No. 24-1963" ->
    "24001963"; "" for a number of another shape ("IL-2023-000007") or a string with several numbers."""
    if not number:
        return ""
    text = _DASHES.sub("-", number).lower().strip()
    for pattern in (_DISTRICT, _RUN_TOGETHER, _CIV, _OLD_CAND, _SPACED):
        found = pattern.findall(text)
        if len(found) == 1:
            year, n = found[0]
            return f"{year}{int(n):05d}"
        if found:
            return ""
    found = _APPELLATE.findall(text)
    if len(found) == 1:
        year, n = found[0]
        return f"{year}{int(n):06d}"
    return ""
