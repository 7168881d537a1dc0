"""What a text prints about its cases: captions ("Musk v. OpenAI", "In re OpenAI Copyright Infringement
Litigation"), caption blocks of court papers ("PAUL TREMBLAY, et al., Plaintiffs, v. OPENAI, INC., et
al., Defendants."), party lists after a role word ("Plaintiffs Paul Tremblay, Sarah Silverman and ..."),
docket numbers and courts (courts.py normalises them; case_fields.py reads judges). Plain regular expressions over the text:
no parse needed, so these run on any Doc or string.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ingest.nlp import courts, docket_numbers, gazetteer, rules

_SUFFIX = r"(?:Inc|LLC|L\.L\.C|Ltd|Co|Corp|PBC|L\.P|LP|N\.A|GmbH|plc|PLC|LLP|S\.A|AG|Limited|Corporation|Company)\.?"
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"  # (a Czech or Polish initial: "S. Š.")
_WORD = rf"(?:[{_UPPER}][\w&.'’+-]*|[a-z]?[A-Z][\w.'’-]*|\d+)"
_COUNTRY = r"\((?:US|U\.S\.|USA|UK|U\.K\.)\)"  # "Getty Images (US) Inc": the country of a company of a group
_NAME = (rf"{_WORD}(?: (?:{_WORD}|of|the|and|&|for|de|del|la|du|von|{_COUNTRY})|,? (?:et al\.?|{_SUFFIX})){{0,7}}"
         rf"(?:,? (?:et al\.?|{_SUFFIX}))*")
_ABBREV = {"st.", "u.s.", "jr.", "sr.", "mr.", "ms.", "dr.", "l.p.", "n.a.", "e.v.", "s.a.", "co.,", "u.k."} | set(
    rules.lexicon("captions_cues", "name_abbrev", key="text"))
CAPTION = re.compile(rf"(?<![\w.])(?P<left>{_NAME})(?:,\s*(?:[Pp]laintiffs?|[Pp]etitioners?)[-–][Aa]ppell(?:ant|ee)s?)?"
                     rf",?\s+(?:v\.|vs\.|vs?(?=\s+[A-Z])|c\.(?=\s+[A-Z]))\s+(?P<right>(?:the )?{_NAME})")  # "X vs Y" (Indian
# papers), "Homsy c. Google" (Quebec's French: contre)
IN_RE = re.compile(r"\b(?:In [Rr]e:?\s+(?P<name>(?:[A-Z][\w.&’'-]*,?\s+){1,8}?(?:Litigation|Litig\.|Cases?))|"
                   r"IN RE:?[\s`|]+(?P<upper>(?:[A-Z][A-Z0-9.&’'-]*,?[\s`|]+){1,8}?(?:LITIGATION|LITIG\.|CASES?)))"
                   r"(?![\w])")  # a court paper's heading may run over lines (and a PDF's column marks)
_JUDICIAL_REVIEW = re.compile(rf"(?<![\w.])R \((?:on the application of\s+)?(?P<claimant>{_NAME})\)"
                              rf"\s+(?:v\.|vs\.|v(?=\s+[A-Z]))\s+(?P<right>(?:the )?{_NAME})")
LEADING = re.compile(r"^(?:(?:In|At|On|After|Before|During|Under|Per|See|Cf\.?|Citing|Like|As|Both|While|From|"
                     r"With|Since|Judge|Justice|The case|Case|Landmark|Also|But|And|Unlike|Following|Until|Title|"
                     r"The|A|An|Additional Decisions|Decisions|Opinion|Order|Summary|Plaintiffs?\.?|Defendants?\.?)"
                     r"\s+)+")
TRAILING = re.compile(rf"(?:,?\s+(?:et al\.?|{_SUFFIX}))+\s*$")
NOT_A_SIDE = re.compile(r"\b(?:Plaintiffs?|Defendants?|MEMORANDUM|ORDER|MOTION|RELIEF|PRETRIAL|OPINION|"
                        r"SETTLEMENT|APPROVAL|Doc|Document|Page|Filed|Case|No)\b|^\d")
PRECEDENT = re.compile(r"^\s*,?\s*(?:\d+\s+(?:F\.|U\.S\.|S\.\s?Ct\.|F\.\s?Supp|F\.\s?App|WL|Cal\.|N\.E\.|P\.\d|L\.\s?Ed)|"
                       r"No\.\s[\d-]+,\s\d{4}\sWL)")
DOCKET = re.compile(
    r"(?<![\w/:-])(?:\d{1,2}:)?\d{2}-(?:cv|CV|cr|CR|md|MD|mc|ap|bk|civ)-\d{2,6}(?:-[A-Z]{2,4}){0,2}(?![\w-])"
    r"|(?<![\w/])\d:\d{4}cv\d{5}(?![\w])"
    r"|(?<![\w-])C\s?\d{2}-\d{4,5}(?:\s[A-Z]{2,4}\b)?(?![\w-])"
    r"|(?<![\w])\d{2} Civ\. \d{3,5}(?![\w])"
    r"|(?<=No\. )\d{2}-\d{3,6}(?![\w-])"
    r"|(?<=Claim No\. )[A-Z]{2}-\d{4}-\d{6}")
SUFFIX_WORDS = {"inc", "llc", "ltd", "corp", "corporation", "co", "company", "plc", "the", "lp", "llp", "pbc", "gmbh",
                "sa", "ag", "limited", "l", "p", "c"}  # "the", and "l l c" / "l p" as "L.L.C." / "L.P." split


def name_words(name: str) -> list[str]:
    """A name's words, lower case, punctuation dropped: "Meta Platforms, Inc." -> meta, platforms, inc."""
    return re.sub(r"[^a-z0-9 ]+", " ", (name or "").lower()).split()


def bare_words(name: str) -> list[str]:
    """A name's words without "the" and its legal form: "The New York Times Co." -> new, york, times."""
    return [w for w in name_words(name) if w not in SUFFIX_WORDS]


@lru_cache(maxsize=1 << 16)  # (the gazetteer does not change while a process runs)
def of_group(name: str, company: str) -> bool:
    """``name`` begins with a name or alias the gazetteer gives ``company``, and goes on: a company of its group
    ("Warner Bros. Entertainment Co" of Warner Bros. Discovery, alias "Warner Bros.")."""
    entry = gazetteer.lookup(company)  # (its canonical name too: lookup knows every name and alias)
    if entry is None or entry.kind != "company":
        return False
    words = bare_words(name)
    heads = (bare_words(n) for n in (entry.name, *entry.aliases))
    return any(0 < len(head) < len(words) and words[:len(head)] == head for head in heads)


def split(caption: str) -> list[str]:
    """A caption's two sides ("Musk v. OpenAI" -> ["Musk", "OpenAI"]), or the caption alone ("In re ...")."""
    parts = re.split(r"\s+v(?:s)?\.?\s+", caption or "", maxsplit=1)
    return parts if len(parts) == 2 else [caption]


def dockets(text: str) -> list[tuple[str, int, int]]:
    """The docket numbers the text prints, each once: (number, start, end). The forms are data, read by
    ingest/nlp/docket_numbers.py from patterns/dockets.jsonl."""
    return docket_numbers.find(text)


def court(text: str) -> Optional[str]:
    """The first court the text names, as cited ("N.D. Cal.", "S.D.N.Y.", "EWHC"): ingest/nlp/courts.py."""
    found = courts.find(text or "")
    return courts.display(found[0][0]) if found else None


@lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    """How the gazetteer writes single-word names in mixed case: 'openai' -> 'OpenAI', 'github' -> 'GitHub'."""
    out: dict[str, str] = {}
    for e in gazetteer.load().values():
        for n in (e.name, *e.aliases):
            for w in n.split():
                if not w.isupper() and not w.istitle() and w.isalpha():
                    out.setdefault(w.lower(), w)
    return out


def titlecase(name: str) -> str:
    """'OPENAI GP, L.L.C.' -> 'OpenAI GP, L.L.C.' (short capitals and suffixes kept, known spellings used)."""
    if not name.isupper() or re.fullmatch(r"[A-Z]{2,4}", name) and not re.fullmatch(_SUFFIX, name, re.I):
        return name  # a side of one short word in capitals is an acronym: "SEC v. Westbrook"
    out = []
    for w in name.split():
        bare = w.strip(",.;")
        if bare.lower() in _spellings():
            out.append(w.replace(bare, _spellings()[bare.lower()]))
        elif len(re.sub(r"[^A-Za-z]", "", bare)) <= 2 or re.fullmatch(r"(?:LLC|PBC|LLP|L\.L\.C|L\.P|N\.A|[IVX]+)\.?", bare):
            out.append(w)
        else:
            out.append(w[0] + w[1:].lower())
    return " ".join(out)


_CAPS_CAPTION = re.compile(r"\b[A-Z][A-Z0-9&.,'’ -]*[A-Z0-9.]\s+(?:v\.|vs\.?)\s+[A-Z][A-Z0-9&'’ -]*(?:[.,]\s?[A-Z][A-Z0-9&'’ -]*)*[A-Z.]")


def caps_titled(text: str) -> str:
    """A caption in capitals, as a headline prints a court paper's ("RECENTIVE ANALYTICS, INC. v. FOX CORP., No.
    23-2437"), in mixed case, so its company suffixes read as suffixes ("Recentive Analytics, Inc. v. Fox Corp.")."""
    def one(m: re.Match) -> str:
        left, right = re.split(r"\s+(?:v\.|vs\.?)\s+", m.group(0), maxsplit=1)
        return f"{titlecase(left)} v. {titlecase(right)}"
    return _CAPS_CAPTION.sub(one, text)


def _cut(side: str) -> str:
    """A name ends at a word with a full stop unless it is an abbreviation ("St. Paul"); a company suffix
    ends it too ("Perplexity AI Inc, U.S. District Court" -> "Perplexity AI Inc")."""
    words = side.split(" ")
    out = []
    for n, w in enumerate(words):
        out.append(w)
        bare = w.rstrip(",")
        if n and re.fullmatch(_SUFFIX, bare) and not (n + 1 < len(words) and words[n + 1].startswith("et")):
            break
        if bare.endswith(".") and bare.lower() not in _ABBREV and not re.fullmatch(r"(?:[A-Z]\.)+", bare) and \
                not re.fullmatch(_SUFFIX, bare):
            break
    return " ".join(out)


def _cut_left(side: str) -> str:
    """The left side starts after the last full stop that ends a sentence before it."""
    words = side.split(" ")
    for n in range(len(words) - 2, -1, -1):
        bare = words[n].rstrip(",")
        if bare.endswith(".") and bare.lower() not in _ABBREV and not re.fullmatch(r"(?:[A-Z]\.)+", bare) and \
                not re.fullmatch(_SUFFIX, bare):
            return " ".join(words[n + 1:])
    return side


def _written_out(side: str) -> str:
    """"Thomson Reuters Enter. Centre GmbH" -> "Thomson Reuters Enterprise Centre GmbH" (patterns: name_abbrev)."""
    full = rules.mapping("captions_cues", "name_abbrev", key="text", value="full")
    def one(w: str) -> str:
        bare = w.rstrip(",")
        return full.get(bare.lower(), bare) + w[len(bare):] if w[:1].isupper() else w

    return " ".join(one(w) for w in side.split(" "))


# the words of a sentence's opening that LEADING drops, which inside a sentence (after a word in lower case) begin a
# name instead: "the court referred Like Company v. Google Ireland" (not "Like Musk v. OpenAI, this suit ...")
_PREPOSITIONS = re.compile(r"^(?:In|At|On|After|Before|During|Under|Per|Like|As|Both|While|From|With|Since|Also|But|"
                           r"And|Unlike|Following|Until)\s")
_OTHERS = r",?\s+(?:et al\.?|&\s*(?:Ors|Anr|Others)\.?)"  # "The Peppy Store & Ors.": India's "and others"


def clean_side(side: str, left: bool = False, named: bool = False) -> str:
    """One side of a caption as a name; ``named``: the left side begins inside a sentence, so a capitalised
    preposition there is a name's word."""
    side = side.strip()
    if named and _PREPOSITIONS.match(side):
        word, rest = side.split(None, 1)
        rest = clean_side(rest, left=True)
        return f"{word} {rest}" if rest else ""
    if left and side.count('"') % 2 == 1:  # 'The German consumer organisation "Verbraucherzentrale NRW v. Meta"':
        side = side[side.rindex('"') + 1:]  # the caption begins at its opening quote
    side = _cut(LEADING.sub("", _cut_left(side) if left else re.sub(r"^the\s+", "", side)))  # "v. the Nashville Network"
    side = re.sub(_OTHERS + ",?", "", side)
    side = side.strip(" ,.;'’\"")
    return _written_out(titlecase(side))


_LAW_FIRM = re.compile(r"\b(?:LLP|L\.L\.P\.?|PLLC|P\.L\.L\.C\.?|Law (?:Firm|Group|Offices?|Center)|Attorneys at Law|"
                       r"& Associates|Legal Services)\b|\bP\.C\.$")
_COURT_NAME = re.compile(r"(?i)\b(?:Supreme|High|District|Appeals?|Circuit|Federal|Superior|Internet|Regional|Chancery|"
                         r"Bankruptcy|Trial|State|County|Magistrates?['’]?|Crown|Commercial) Courts?\b|\bCourt of\b")
_NOT_A_PARTY_WORD = re.compile(r"\b(?:Court|Tribunal|Circuit|Judge|Justice|Magistrate)\b")
_FRAGMENT = {"it", "its", "he", "she", "they", "them", "his", "her", "their", "we", "us", "you", "this", "that", "these",
             "those", "the", "a", "an", "and", "or", "of", "for", "in", "on", "at", "to", "by", "with", "one", "who",
             "which", "company", "companies", "plaintiff", "plaintiffs", "defendant", "defendants", "court", "judge",
             "ai"}
_SIDE_END = rules.lexicon("captions_cues", "side_end_word", key="text")  # headings run into a caption's side
_NOT_PARTY_WORDS = rules.lexicon("captions_cues", "side_not_party_word", key="text")  # "A David v. Goliath Battle"
_SURNAME_TOO = frozenset(e["text"].lower() for e in rules.entries("captions_cues", "side_not_party_word")
                         if e.get("surname"))  # "Battle v. Microsoft Corporation": alone, the word is a person's name
_GROUP_END = rules.lexicon("captions_cues", "side_group_word", key="text")  # "Independent Musicians vs. Udio"
_SOVEREIGN = rules.lexicon("captions_cues", "sovereign_party", key="text")  # "United States v. Google"


def party_side(side: str) -> Optional[str]:
    """The party a caption side names: the side itself; the company that makes a model or product it names
    ("MiniMax-M1" -> "MiniMax"); None when it names no party: a court, a judge, a heading, a law firm, a fragment
    ("Disney v. MiniMax-M1" is Disney v. MiniMax; "OpenAI v. Northern District of California" is no case)."""
    s = re.split(r"\s+and the\s+(?=[A-Z])", (side or "").strip(" ,;:"), maxsplit=1)[0]  # "Jain and the AI Talent
    words = s.split()  # War": a headline's words run on after the side
    if not words or sum(c.isalpha() for c in s) < 2 and not re.fullmatch(r"[A-Z]\.|R", s) or \
            not re.search(r"[A-Z0-9]", words[0]):  # "xAI", "J.L.", "T." (a minor known by an initial), "R" (the
        # Crown in an English criminal case: "R v Nelson")
        return None
    if _COURT_NAME.search(s) or courts.find(s):
        return None
    for n, w in enumerate(words[1:], 1):  # "GITHUB Court Filing": the name ends where a heading's words begin
        if _NOT_A_PARTY_WORD.fullmatch(w) or w.upper() in ("FILING", "ORDER", "OPINION", "COMPLAINT", "RULING"):
            s, words = " ".join(words[:n]).rstrip(" ,;:"), words[:n]
            break
    while len(words) > 1 and words[-1].strip(".,:").lower() in _SIDE_END:  # "Internet Archive Note"
        words = words[:-1]
        s = " ".join(words).rstrip(" ,;:")
    if s.lower() in _FRAGMENT or words[-1].lower() in ("of", "and", "the", "for", "&", "in", "v.", "vs."):
        return None
    bare = [w.strip(".,:;'’\"").lower() for w in words]
    if any(w in _NOT_PARTY_WORDS for w in bare) and not (len(bare) == 1 and bare[0] in _SURNAME_TOO and
                                                         words[0][:1].isupper()) or bare[-1] in _GROUP_END:
        return None  # a headline's words ("Goliath Battle", "Lawsuit Allegations"), a group ("Independent Musicians")
    if len(words) >= 4 and sum(len(w.strip(".,")) == 1 and w[:1].isalpha() for w in words) * 2 >= len(words):
        return None  # "U Nited S Tates D Istrict": a PDF's spaced capitals
    entry = gazetteer.lookup(s) or gazetteer.lookup(TRAILING.sub("", s))
    if entry is not None:
        if entry.kind == "model" or entry.role == "outlet" and entry.owner:
            return entry.owner or None  # "Disney v. MiniMax-M1", "The Wall Street Journal v. Perplexity": the maker,
            # the publisher
        if entry.kind == "court" or entry.role in ("judge", "lawyer"):
            return None
        return s
    if _NOT_A_PARTY_WORD.search(s) or courts.find(s) or _LAW_FIRM.search(s):
        return None
    if all(w.strip(",.").upper() in _JUNK for w in words) and s.lower() not in _SOVEREIGN:
        return None  # "ORDER GRANTING", "MOTION": a heading (not "United States", whose words head court papers)
    return s


def full_caption(text: str, left: str, start: int, end: int) -> Optional[str]:
    """The caption as printed, with the legal forms and "et al." a short caption leaves out ("Kadrey, et al. v.
    Meta Platforms, Inc."); None when it prints nothing more."""
    raw = " ".join(text[start:end].split())
    at = raw.lower().find(left.lower()[:12]) if left else -1
    raw = raw[at:] if at >= 0 else raw
    raw = re.split(r",?\s+(?:Doc(?:ument)?\.?\s+\d|Dkt\.|ECF No\.)", raw)[0]  # "Battle v. Microsoft Corporation Doc. 48
    raw = raw.rstrip(" ,;:")  # IN THE UNITED STATES ...": a docket entry's number and the heading after it are no side
    if raw.endswith(".") and not re.search(rf"(?:{_SUFFIX}|et al\.|\b[A-Z]\.)$", raw):
        raw = raw[:-1]
    return raw if re.search(rf"\bet al\b|,?\s{_SUFFIX}", raw) else None


def block_caption(plaintiffs: list[str], defendants: list[str]) -> str:
    """A court paper's caption block as one line: "Paul Tremblay, et al. v. OpenAI, Inc., et al."."""
    return (f"{plaintiffs[0]}{', et al.' if len(plaintiffs) > 1 else ''} v. "
            f"{defendants[0]}{', et al.' if len(defendants) > 1 else ''}")


# the words between an organisation's legal name and another name it trades under ("X d/b/a Y", "X, formerly Y")
TRADE_NAME = (r"(?:d/b/a|d\.b\.a\.|dba|doing business as|trading as|a/k/a|also known as|f/k/a|formerly known as|"
              r"formerly)")
_TRADE_NAME_BEFORE = re.compile(r"(?:^|[.;:]\s|,\s)((?:[A-Z][\w&'’.-]*,?\s+){0,6}[A-Z][\w&'’-]*\.?),?\s+\(?"
                                rf"{TRADE_NAME}\s+$")


def opening(text: str, start: int, title: str = "") -> bool:
    """The offset lies in the body's first sentence (after a first line that repeats the title): where a text
    names the case it is about ("Park v. Kim, 91 F.4th 610 was decided by the Second Circuit ...")."""
    before = text[:start].lstrip()
    if title and before.startswith(title.strip()):
        before = before[len(title.strip()):]
    return len(before) < 200 and not re.search(r"[.!?][\"”’)]?\s|\n\s*\n", before.strip())


def lead(text: str, start: int, title: str = "") -> bool:
    """The offset lies in the body's first two sentences, its lead (after a first line that repeats the title)."""
    before = text[:start].lstrip()
    if title and before.startswith(title.strip()):
        before = before[len(title.strip()):]
    return len(before) < 300 and len(re.findall(r"[.!?][\"”’)]?\s|\n\s*\n", before.strip())) <= 1


_GENERIC_SIDE = re.compile(r"(?i)^(?:united|states?|people|doe|roe|city|county|commission|department|"
                          r"commissioner|secretary|attorney|general|america|government|republic|inc|re)$")


def distinctive(side: str) -> Optional[str]:
    """The word a text would name a printed side by again: a person's surname, a company's first word."""
    words = [w for w in re.findall(r"[A-Z][\w'’-]{2,}", TRAILING.sub("", side)) if not _GENERIC_SIDE.match(w)]
    if not words:
        return None
    return words[-1] if len(words) <= 2 and not re.search(r"(?i)\b(?:inc|llc|corp|ltd|co|company)\b", side) else words[0]


def in_title(title: str, sides: list[str]) -> bool:
    """The title names both sides of the caption: the document's own case ("Supreme Court decision: Nitro-Lift
    Technologies v. Howard")."""
    words = [distinctive(s) for s in sides]
    return all(w and re.search(rf"\b{re.escape(w)}\b", title) for w in words)


def subject_side(text: str, word: Optional[str], start: int, end: int) -> bool:
    """The side's distinctive word, capitalised, outside the caption [start, end): a case the text goes on to
    tell, not a precedent it only cites."""
    return bool(word) and any(not start <= m.start() < end
                              for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text))


def own_case(text: str, title: str, sides, start: int, end: int) -> bool:
    """The caption at [start, end) opens the body and the text names one of its sides again: the case the text is
    about, whatever citation follows it ("Park v. Kim, 91 F.4th 610 was decided ...")."""
    return opening(text, start, title) and any(subject_side(text, distinctive(side), start, end) for side in sides)


_AFTER_LISTED_NUMBER = re.compile(r"^(?:.*\s)?[\w-]*\d[\w-]*,?\s+(?:and|&)\s+(?=[A-Z])")


def explicit(text: str, title: Optional[str] = None) -> list[tuple[str, str, int, int]]:
    """(left, right, start, end) of printed captions, precedents cited in court papers left out (with the
    document's ``title`` given, a citation after its own case, see own_case, does not make it a precedent)."""
    out = []
    for m in CAPTION.finditer(text):
        # "Tremblay v. OpenAI, 23-cv-3223 and Silverman v. OpenAI, 23-cv-3416": a list's number ends the case before
        raw_left = _AFTER_LISTED_NUMBER.sub("", m.group("left"))
        start = m.start() + len(m.group("left")) - len(raw_left)
        inside = re.search(r"\b[a-z][\w'’-]*,?\s+$", text[max(0, start - 40):start]) is not None and \
            raw_left == _cut_left(raw_left)
        left, right = clean_side(raw_left, left=True, named=inside), clean_side(m.group("right"))
        left = re.sub(r"^(?:.*\b(?:v\.|vs\.)\s+)", "", left)
        legal = _TRADE_NAME_BEFORE.search(text[max(0, m.start("left") - 120):m.start("left")])
        if legal and left:  # "Kentucky Bourbon Distillers Ltd. d/b/a Willett Distillery v. Shaan Inc.": the
            left = clean_side(legal.group(1), left=True) or left  # side is the legal name the trade name follows
        if re.fullmatch(r"[A-Z]", left) and re.match(r"[A-Z]\.,? et al\b", _cut_left(m.group("left")).strip()):
            left += "."  # a plaintiff known by an initial leads a class: "T. et al v. OpenAI LP et al"
        if not left or not right or len(left) < 2 or len(right) < 2 or left.lower() == right.lower():
            continue
        if NOT_A_SIDE.search(_cut_left(raw_left)) or NOT_A_SIDE.search(_cut(m.group("right"))):
            continue  # (as far as each side reaches: "SEC v. Westbrook. Civil Action No. ..." is a caption)
        if re.fullmatch(_SUFFIX, left) or re.fullmatch(_SUFFIX, right):
            continue  # "(US), INC., Plaintiff, v. STABILITY AI": a suffix is no side
        if re.search(r"\b(?:[Ss]ee(?: also| generally)?|[Cc]f\.|[Aa]ccord|[Cc]iting|[Qq]uoting)[\s,]*$",
                     text[max(0, start - 16):start]):
            continue  # "see also Lenz v. Universal Music Corp.": a precedent cited
        if start and text[start - 1] in "-:/":
            continue  # "No. 1:20-cv-613-SB v. ROSS": a judge's initials ending a docket number
        if re.fullmatch(r"[A-Z]", left) or re.search(r"\d{2}", left + right):
            continue
        if PRECEDENT.match(text[m.end():m.end() + 40]) and not (
                title is not None and own_case(text, title, (left, right), m.start(), m.end())):
            continue
        if len(left.split()) == 1 and left.lower() in ("the", "a", "an", "and", "or"):
            continue
        out.append((left, right, start, m.end()))
    for m in _JUDICIAL_REVIEW.finditer(text):  # "R (Ayinde) v London Borough of Haringey": the claimant of an
        left, right = clean_side(m.group("claimant"), left=True), clean_side(m.group("right"))  # English judicial
        if left and right and not any(o[2] <= m.start("right") < o[3] for o in out):  # review against the body
            out.append((left, right, m.start(), m.end()))  # reviewed
    seen: dict[str, str] = {}
    for m in IN_RE.finditer(text):
        if PRECEDENT.match(text[m.end():m.end() + 40]) or re.search(
                r"\b(?:[Ss]ee(?: also| generally)?|[Cc]f\.|[Cc]iting|[Qq]uoting)[\s,]*$", text[max(0, m.start() - 16):m.start()]):
            continue  # "In re Elevator Antitrust Litig., 502 F.3d 47": a precedent cited
        name = in_re_name(re.sub(r"[\s`|]+", " ", m.group("name") or m.group("upper")))
        key = " ".join(bare_words(name))
        out.append((seen.setdefault(key, name), "", m.start(), m.end()))  # one spelling per litigation
    return out


def in_re_name(name: str) -> str:
    """'In re' caption as one spelling: 'CLEARVIEW AI, INC., CONSUMER PRIVACY LITIGATION' -> 'In re Clearview AI,
    Inc., Consumer Privacy Litigation'; 'Litig.' written out."""
    name = " ".join(name.split()).strip(" ,")
    if name.isupper():
        name = titlecase(name)
    name = re.sub(r"\bLitig\.$", "Litigation", name)
    return f"In re {name}"


# --- caption blocks of court papers -------------------------------------------------------------------------

_STATES = (r"(?:ALABAMA|ALASKA|ARIZONA|ARKANSAS|CALIFORNIA|COLORADO|CONNECTICUT|DELAWARE|FLORIDA|GEORGIA|HAWAII|IDAHO|"
           r"ILLINOIS|INDIANA|IOWA|KANSAS|KENTUCKY|LOUISIANA|MAINE|MARYLAND|MASSACHUSETTS|MICHIGAN|MINNESOTA|"
           r"MISSISSIPPI|MISSOURI|MONTANA|NEBRASKA|NEVADA|NEW HAMPSHIRE|NEW JERSEY|NEW MEXICO|NEW YORK|NORTH CAROLINA|"
           r"NORTH DAKOTA|OHIO|OKLAHOMA|OREGON|PENNSYLVANIA|RHODE ISLAND|SOUTH CAROLINA|SOUTH DAKOTA|TENNESSEE|TEXAS|"
           r"UTAH|VERMONT|VIRGINIA|WASHINGTON|WEST VIRGINIA|WISCONSIN|WYOMING|COLUMBIA)")
_COURT_HEAD = re.compile(rf"(?:IN THE )?UNITED STATES (?:DISTRICT|BANKRUPTCY) COURT(?: FOR THE)?|"
                         rf"(?:(?:NORTHERN|SOUTHERN|EASTERN|WESTERN|CENTRAL|MIDDLE) )?DISTRICT OF {_STATES}|"
                         r"[A-Z]+ (?:JOSE |FRANCISCO |ANGELES )?DIVISION|SAN (?:FRANCISCO|JOSE)|OAKLAND")
_JUNK = {w.upper() for w in rules.lexicon("captions_block", "block_heading_word", key="text")}  # headings' words
_CORP_SUFFIX = re.compile(r"^(?:INC|LLC|L\.L\.C|LTD|CO|CORP|CORPORATION|PBC|L\.P|LP|GMBH|PLC|LLP|N\.A|LIMITED)\.?,?$", re.I)
_NAME_SUFFIXES = {"CORPORATION", "COMPANY", "LIMITED", "CO", "CORP"}  # legal forms that can be words of a name
_NAME_TOKEN = re.compile(r"^(?:[A-Z][A-Z0-9&+.'’-]*|[A-Z]\.|\d{1,2}|&|\+)$")
ROLE_LIST = re.compile(r"\b(?:[Pp]ro [Ss]e )?(?P<role>[Pp]laintiffs?|[Dd]efendants?|PLAINTIFFS?|DEFENDANTS?|[Cc]laimants?)\s+"
                       r"(?P<names>(?:[A-Z][\w.’'&+-]*(?:,)?(?:\s+|$)|(?:and|&)\s+){1,40})")


def _names_in(chunk: str) -> list[str]:
    """Capitalised party names in a piece of a caption block."""
    chunk = DOCKET.sub(" ", chunk)
    chunk = re.sub(r"[`|*_~]", " ", chunk)  # a PDF's line marks ("`RAW STORY MEDIA, INC.")
    chunk = re.sub(r"\s*\((?:US|U\.S\.|USA|UK|U\.K\.)\)", "", chunk)  # "GETTY IMAGES (US), INC."
    chunk = re.sub(r"\b(?:Case\s)?No\.\s*", " ", chunk)
    chunk = _COURT_HEAD.sub(" ; ", chunk)
    chunk = re.sub(r"\ba (?:Delaware|Washington|California|New York|Nevada) [a-z ]+?(?=[,;]|$)", " ; ", chunk)
    chunk = re.sub(r"\b(?:individually|et al\.?|on behalf of|and as representatives?|similarly situated|"
                   r"behalf of all others)\b[a-z ,]*", " ; ", chunk)
    chunk = re.sub(r"(?m)^\s*\d{1,2}\s+", " ", chunk)
    chunk = re.sub(r"(?<!DOE)\s\d{1,2}(?=\s)", " ", chunk)
    names, current = [], []

    def flush():
        while current and current[-1] in ("AND", "&", "OF", "FOR", "THE"):
            current.pop()
        if current:
            names.append(" ".join(current))
        current.clear()

    for raw in re.split(r"(\s+|;)", chunk):
        tok = raw.strip()
        if not tok:
            continue
        if tok == ";":
            flush()
            continue
        bare = tok.rstrip(",")
        if _CORP_SUFFIX.match(bare) and bare[0].isupper() and (current or names):
            if not current:
                current.extend(names.pop().split())
            current.append(bare)
            flush()
            continue
        if bare.upper() == bare and _NAME_TOKEN.match(bare) and bare not in _JUNK or bare in ("AND", "&", "OF") and current:
            if bare == "AND" and current:
                flush()
                continue
            current.append(bare)
            if tok.endswith(","):
                flush()
        else:
            flush()
    flush()
    out = []
    for n in names:
        n = n.strip(" ,")
        letters = re.sub(r"[^A-Za-z]", "", n)
        if len(letters) < 3 or n in _JUNK or all(w in _JUNK for w in n.split()) or re.search(r"['’]S$", n) or \
                re.fullmatch(r"ET\.? AL\.?", n):
            continue
        out.append(titlecase(n))
    # a name printed twice (two-column captions repeat the moving parties) or cut by the column break
    # ("Openai Startup" beside "Openai Startup Fund Management LLC") is kept once, whole
    # Two columns read line by line also glue the tail of one name to the suffix of another ("OpenAI L.P.
    # L.L.C.") or leave a name's tail alone ("Startup Fund GP I L.L.C." beside "OpenAI Startup Fund GP I"):
    # a name with two legal forms, or whose words are the end of a longer name's, is such a piece.
    bare = {n: bare_words(n) for n in out}
    keep = []
    for n in out:
        low = n.lower()
        if low in (k.lower() for k in keep):
            continue
        if any(o.lower().startswith(low + " ") and not _CORP_SUFFIX.match(o[len(n):].strip(" ,"))
               for o in out if o != n):
            continue
        if len([w for w in n.split() if _CORP_SUFFIX.match(w) and w.strip(".,").upper() not in _NAME_SUFFIXES]) >= 2:
            continue  # "OpenAI L.P. L.L.C.", not "OAI Corporation, LLC"
        words = bare[n]
        if words and any(len(bare[o]) > len(words) and bare[o][-len(words):] == words for o in out if o != n):
            continue
        keep.append(n)
    return keep


_PLAINTIFF_WORD = re.compile(r"\bPlaintiffs?(?:\s+[Pp]ro [Ss]e)?\s*[,.]")  # ("JEFFERY BATTLE, Plaintiff pro se, v.")
_ROLE_WORD = re.compile(r"\b(?:Plaintiffs?|Defendants?)\b")
BLOCK_REST = re.compile(r"(?P<mid>[\s\S]{0,200}?)(?:(?<![A-Za-z])v\.?(?![A-Za-z])|-\s*against\s*-)"
                        r"(?P<df>(?:(?!Plaintiffs?\b)[\s\S]){3,1200}?)\bDefendants?\b\s*[.,]?")


def blocks(text: str) -> list[tuple[list[str], list[str], int, int]]:
    """(plaintiffs, defendants, start, end) of caption blocks in court papers: from each "Plaintiff(s),"
    back to the previous role word (at most 400 characters) and on to "v." (or "- against -") and the
    "Defendant(s)" that closes the block."""
    out = []
    last_end = 0
    for pm in _PLAINTIFF_WORD.finditer(text):
        if pm.start() < last_end:
            continue
        window_start = max(last_end, pm.start() - 400)
        before = text[window_start:pm.start()]
        roles = list(_ROLE_WORD.finditer(before))
        pl_start = window_start + (roles[-1].end() if roles else 0)
        if pm.start() - pl_start < 3:
            continue
        m = BLOCK_REST.match(text, pm.end())
        if m is None:
            continue
        last_end = m.end()
        pieces = re.split(r"\n\s*\n\s*\n|\.\s+(?=[A-Z][a-z])", text[pl_start:pm.start()])
        pl_chunk = next((p for p in reversed(pieces) if p.strip()), "")  # "COMPANY\n\n\nPlaintiff,": the last words
        heads = list(_COURT_HEAD.finditer(pl_chunk))
        if heads:  # the plaintiffs follow the court's name; what precedes it is counsel's block
            pl_chunk = pl_chunk[heads[-1].end():]
        plaintiffs = _names_in(pl_chunk)
        defendants = _names_in(m.group("df"))
        if plaintiffs and defendants:
            out.append((plaintiffs, defendants, pl_start, m.end()))
    return out


def role_lists(text: str, known_names=()) -> list[tuple[str, str, int, int]]:
    """(name, role, start, end) from 'Plaintiffs Paul Tremblay, Sarah Silverman, and Richard Kadrey' and
    'Defendant Meta Platforms, Inc.' (mixed-case names; capitals are left to caption blocks)."""
    out = []
    for m in ROLE_LIST.finditer(text):
        role = "plaintiff" if m.group("role").lower().startswith(("plaintiff", "claimant")) else "defendant"
        names = m.group("names")
        counsel_for = re.search(r"\b(?:[Cc]ounsel|[Aa]ttorneys?|COUNSEL|ATTORNEYS?)\s+for\s+$", text[max(0, m.start() - 14):m.start()])
        if names.split()[0].strip(",").upper() in _JUNK:
            continue  # "Counsel for Defendant MEMORANDUM OPINION"
        if names.isupper() or names.split()[0].isupper() and len(names.split()[0]) > 3:
            if re.search(r"\bfor\s+$", text[max(0, m.start() - 6):m.start()]):  # "Attorneys for Defendants OPENAI, INC., ..."
                tail = re.split(r"\n\s*\n", text[m.start("names"):m.start("names") + 700])[0]
                out.extend((n, role, m.start("names"), m.start("names") + len(tail)) for n in _names_in(tail))
            continue
        if counsel_for:
            continue  # "Counsel for Plaintiffs David E. Moore, ...": the next block of lawyers, not the clients
        parts = re.split(r",\s+(?:and\s+|&\s+)?|\s+(?:and|&)\s+", names.strip().rstrip(","))
        merged: list[str] = []
        for p in parts:
            p = p.strip(" ,")
            if not p:
                continue
            if _CORP_SUFFIX.match(p) and merged:
                merged[-1] += ", " + p
                continue
            words = p.split()
            if not words or not words[0][0].isupper():
                break
            # the name ends where the capitalised run ends ("Meta Platforms, Inc. (“Meta”) for" -> Meta Platforms, Inc.)
            cut = []
            for w in words:
                if not (w[0].isupper() or w in ("de", "van", "von", "&")):
                    break
                cut.append(w)
            if not cut:
                break
            merged.append(" ".join(cut))
            if len(cut) < len(words):
                break
        for n in merged:
            n = n.strip(" ,.")
            if len(n) > 2 and n.split()[0] not in ("The", "This", "In", "On", "See", "Id", "Compl"):
                out.append((n, role, m.start("names"), m.end("names")))
    return out
