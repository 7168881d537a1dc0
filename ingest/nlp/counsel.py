"""Counsel of a case: the lawyers and law firms acting for each side (CounselX on CaseX.counsel), never parties.

Read from the text's own words (lexicons in patterns/counsel.jsonl):

    "Justin Nelson, a lawyer for the authors"          lawyer; the side of the group named (plaintiff)
    "a lawyer for the authors, Justin Nelson"          "OpenAI attorney Joseph Gratz"  "the authors' lawyers, ..."
    "counsel for OpenAI, Latham & Watkins"             a firm after the client
    "The authors are represented by Susman Godfrey"    the client: the name before the cue
    "attorneys at Joseph Saveri Law Firm"              a firm; the side from a client the sentence names
    "Jason H. Wilson of Willenken LLP, who represents Z"   lawyer and firm; "Susman Godfrey, which represents Z"
    signature blocks and appearance lists of court papers closed by "Counsel for Plaintiffs", "Attorneys for
    Defendant OpenAI, Inc." or ", for Plaintiffs Richard Kadrey": each lawyer with the firm printed after them.

A law firm is a name with a firm_suffix ("LLP", "P.C.", "Law Firm", ...), a firm_name of the lexicon, or a
name with "&" where the words put counsel. The side is the client's: a side word ("Plaintiffs"), a party the
cases or the roles give a side, or a plaintiff_group ("the authors"); else "other". Each counsel goes to the
case whose sides name the client, else the case printed nearest before it, else the document's first case.
``drop_firms`` takes firms out of the roles and the cases' sides: a law firm is never a party.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc

from ingest.nlp import captions, layout, rules
from ingest.nlp.dates import text_of
from ingest.nlp.mentions import ADDRESS_WORDS, covering, reject_role
from ingest.nlp.types import CaseX, CounselX, Evidence

_P = "counsel"
COUNSEL_NOUNS = rules.lexicon(_P, "counsel_noun", key="text")
FIRM_MEMBERS = rules.lexicon(_P, "firm_member", key="text")
CLIENT_PREPS = rules.lexicon(_P, "client_prep", key="text")
FIRM_PREPS = rules.lexicon(_P, "firm_prep", key="text")
PLAINTIFF_GROUPS = rules.lexicon(_P, "plaintiff_group", key="text")
PARTY_KINDS = ("company", "person", "agency")
LAWYER_KINDS = ("person", "lawyer")
_SKIP_BEFORE = {"a", "an", "the", "lead", "longtime", "outside", "chief", "another", "one", "top", "trial", "his",
                "her", "their", "its", "senior", "veteran", "prominent", "who", "is", "was", "also", "as"}
_STATES = re.compile(r"^(?:[A-Z]{2}|D\.C\.|[A-Z][a-z]+(?: [A-Z][a-z]+)?)$")
_US_STATES = {"Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
              "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana",
              "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana",
              "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina",
              "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina",
              "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington", "West Virginia",
              "Wisconsin", "Wyoming", "D.C.", "DC", "England", "London"}
_PERSON = re.compile(r"^[A-Z][a-zA-Z'’-]+\.?(?: (?:[A-Z]\.){1,2}| [A-Z][a-zA-Z'’-]+| [A-Z]\.[A-Z]\.){1,4}"
                     r"(?:,? (?:Jr\.|Sr\.|II|III|IV))?$")


@lru_cache(maxsize=1)
def _suffix_rx() -> "re.Pattern":
    words = sorted({e["text"] for e in rules.entries(_P, "firm_suffix")}, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])")


@lru_cache(maxsize=1)
def _known() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(captions.bare_words(e["text"])) for e in rules.entries(_P, "firm_name"))


def is_firm(name: str) -> bool:
    """A law firm's name: a firm suffix ("Susman Godfrey LLP", "JOSEPH SAVERI LAW FIRM, LLP") or a firm of the
    lexicon written as it is known ("Latham & Watkins", "Susman Godfrey")."""
    if not name:
        return False
    if _suffix_rx().search(name) or _suffix_rx().search(captions.titlecase(name)):
        return True
    words = tuple(captions.bare_words(name))  # the firm's words first: "Boies Schiller Flexner" of "Boies Schiller"
    return bool(words) and any(k and words[:len(k)] == k and len(words) - len(k) <= 3 for k in _known())


def firm_like(name: str) -> bool:
    """A firm by its shape where the words put counsel: a known firm, or a name joined by '&'."""
    return is_firm(name) or "&" in name and not name.startswith("&")


# --------------------------------------------------------------------------- names in running text
def _run(doc: Doc, i: int, stop: int) -> Optional[tuple[int, int]]:
    """The capitalised name that starts at token i (tokens [i, j)): capitalised words, '&', 'and'/'of' between
    capitalised words, and commas inside a firm's name ("Rothwell, Figg, Ernst & Manbeck, P.C.")."""
    while i < stop and doc[i].lower_ in ("the", "law", "firm", "firms") and not doc[i].text[:1].isupper() or \
            i < stop and doc[i].text in ("The",) and i + 1 < stop and doc[i + 1].text[:1].isupper():
        i += 1
    if i >= stop or not doc[i].text[:1].isupper():
        return None
    j = i
    while j < stop:
        t = doc[j]
        if t.text[:1].isupper() and t.text not in ("’s", "'s") or t.text == "&":
            j += 1
        elif t.lower_ in ("and", "of", "de", "van", "von") and j + 1 < stop and doc[j + 1].text[:1].isupper() and \
                j > i:
            j += 1
        elif t.text == "," and j > i and j + 1 < stop:
            k = j + 1  # a comma inside a firm's name: single words up to its legal form
            while k < stop and (doc[k].text[:1].isupper() or doc[k].text in ("&", ",")) and k - j < 8:
                k += 1
            tail = doc[j + 1:k].text
            if _suffix_rx().match(tail.strip(", ")) or re.match(r"^(?:[A-Z][\w'’-]*,? )*[A-Z][\w'’-]* & [A-Z]", tail) and \
                    _suffix_rx().search(tail):
                j = k
            else:
                break
        else:
            break
    while j > i and (doc[j - 1].lower_ in ("and", "of", "&") or doc[j - 1].text == ","):
        j -= 1
    return (i, j) if j > i else None


def _split_and(doc: Doc, run: tuple[int, int]) -> list[tuple[int, int]]:
    """'Susman Godfrey and Lieff Cabraser': two firms when each part is a firm; else the one name
    ('Boies Schiller and Flexner')."""
    cuts = [k for k in range(run[0] + 1, run[1] - 1) if doc[k].lower_ == "and"]
    if not cuts:
        return [run]
    parts, a = [], run[0]
    for k in cuts:
        parts.append((a, k))
        a = k + 1
    parts.append((a, run[1]))
    return parts if all(firm_like(_name(doc, p)) for p in parts) else [run]


def _name(doc: Doc, span: tuple[int, int]) -> str:
    return captions.titlecase(doc[span[0]:span[1]].text.strip(" ,"))


def _person_at(ms, doc: Doc, i: int) -> Optional[tuple[int, int, str]]:
    m = covering(ms, doc, i) if 0 <= i < len(doc) else None
    if m is not None and m.kind in LAWYER_KINDS and not m.resolved and m.tok_start == i and not firm_like(m.name):
        return m.tok_start, m.tok_end, m.name
    return None


def _person_ending(ms, doc: Doc, i: int) -> Optional[tuple[int, int, str]]:
    m = covering(ms, doc, i) if 0 <= i < len(doc) else None
    if m is not None and m.kind in LAWYER_KINDS and not m.resolved and m.tok_end == i + 1 and not firm_like(m.name):
        return m.tok_start, m.tok_end, m.name
    return None


class _Client:
    """Who a counsel acts for: a party's name, or only a side (a side word or a plural such as 'the authors')."""

    def __init__(self, name: Optional[str] = None, side: Optional[str] = None, end: int = -1):
        self.name, self.side, self.end = name, side, end


def _client_at(doc: Doc, ms, i: int, stop: int) -> _Client:
    """The client named from token i: 'the authors', 'Plaintiffs', 'OpenAI', 'Individual and Representative
    Plaintiffs', 'the New York Times'."""
    sides = rules.mapping(_P, "side_word", key="text")
    j = i
    while j < min(stop, i + 8):
        t = doc[j]
        m = covering(ms, doc, j)
        if m is not None and m.kind in PARTY_KINDS and not firm_like(m.name):
            if m.resolved and m.group:
                return _Client(name=m.group[0], end=m.tok_end)
            return _Client(name=m.name, end=m.tok_end)
        low = t.lower_
        two = f"{low} {doc[j + 1].lower_}" if j + 1 < stop else ""
        if low in sides:
            return _Client(side=sides[low], end=j + 1)
        if two in PLAINTIFF_GROUPS or low in PLAINTIFF_GROUPS:
            return _Client(side="plaintiff", end=j + (2 if two in PLAINTIFF_GROUPS else 1))
        if t.is_punct or t.pos_ in ("VERB", "AUX") or low in ("who", "which", "that", "in", "on", "said"):
            break
        j += 1
    return _Client(end=j)


def _client_before(doc: Doc, ms, i: int, start: int) -> _Client:
    """The nearest party, side word or plural before token i in its sentence ('The authors are represented by')."""
    sides = rules.mapping(_P, "side_word", key="text")
    for j in range(i - 1, start - 1, -1):
        m = covering(ms, doc, j)
        if m is not None and m.kind in PARTY_KINDS and not firm_like(m.name):
            return _Client(name=m.group[0] if m.resolved and m.group else m.name, end=m.tok_end)
        if doc[j].lower_ in sides:
            return _Client(side=sides[doc[j].lower_], end=j + 1)
        if doc[j].lower_ in PLAINTIFF_GROUPS:
            return _Client(side="plaintiff", end=j + 1)
    return _Client()


def _of_firm(doc: Doc, j: int, stop: int) -> Optional[tuple[int, int]]:
    """'Jason H. Wilson of Willenken LLP': the firm after a lawyer's name."""
    if j + 1 < stop and doc[j].lower_ in ("of", "at", "with", "from") or j + 2 < stop and doc[j].text == "," and \
            doc[j + 1].lower_ in ("of", "at", "with"):
        k = j + 1 if doc[j].text != "," else j + 2
        run = _run(doc, k, stop)
        if run and is_firm(_name(doc, run)):
            return run
    return None


def _sentence_counsel(doc: Doc, ms, skip: set) -> list[tuple]:
    """(client, firm, lawyer, start token, end token) of counsel named in running text."""
    out = []
    for sent in layout.sents(doc):
        s0, s1 = sent.start, sent.end
        for t in sent:
            if t.i in skip:
                continue
            low = t.lower_
            nxt = doc[t.i + 1] if t.i + 1 < s1 else None
            if low in COUNSEL_NOUNS | FIRM_MEMBERS and t.pos_ != "VERB":
                if nxt is not None and nxt.text in ("General", "general", "’s", "'s", "’", "'") or \
                        doc[t.i - 1].lower_ in ("district", "state", "general", "u.s.") if t.i > s0 else False:
                    continue  # "Attorney General", "attorneys' fees", "district attorney"
                client, firm, lawyer = _Client(), None, None
                after = t.i + 1
                if nxt is not None and nxt.lower_ in CLIENT_PREPS and low in COUNSEL_NOUNS:
                    client = _client_at(doc, ms, t.i + 2, s1)
                    after = max(after, client.end)
                elif nxt is not None and (nxt.lower_ in FIRM_PREPS or low in FIRM_MEMBERS and nxt.lower_ == "for") \
                        and doc[t.i + 2:t.i + 3].text != "Law":  # "attorneys at X", "a partner for X LLP"
                    run = _run(doc, t.i + 2, s1)
                    if run and (is_firm(_name(doc, run)) or not _person_at(ms, doc, run[0])):
                        firm = run
                        after = run[1]
                        if after + 1 < s1 and doc[after].lower_ in CLIENT_PREPS - {"to"}:
                            client = _client_at(doc, ms, after + 1, s1)
                elif low in FIRM_MEMBERS:  # "partner" names counsel only with a firm after it, or before it:
                    run = _run_ending(doc, t.i, s0) if t.i > s0 and doc[t.i - 1].text[:1].isupper() else None
                    if not (run and run[1] == t.i and is_firm(_name(doc, run)) and _person_at(ms, doc, t.i + 1)):
                        continue
                    firm = run  # "Susman Godfrey LLP partner Justin A. Nelson, who represents the class"
                if client.name is None and client.side is None:  # "OpenAI attorney X", "the authors' lawyers"
                    k = t.i - 1
                    while k >= s0 and doc[k].lower_ in ("’", "'", "’s", "'s", "lead", "outside", "trial"):
                        k -= 1
                    if k >= s0:
                        m = covering(ms, doc, k)
                        if m is not None and m.kind in PARTY_KINDS and m.tok_end == k + 1 and not firm_like(m.name):
                            client = _Client(name=m.name)
                        elif doc[k].lower_ in PLAINTIFF_GROUPS | set(rules.mapping(_P, "side_word", key="text")):
                            client = _client_at(doc, ms, k, k + 1)
                    if (client.name is None and client.side is None and after < s1 and
                            doc[after].lower_ in ("representing",)):
                        client = _client_at(doc, ms, after + 1, s1)
                    k = t.i - 1
                    while k > s0 and doc[k].lower_ in _SKIP_BEFORE:
                        k -= 1
                    if client.name is None and client.side is None and k > s0 and doc[k].lower_ == "by" and \
                            doc[k - 1].lemma_.lower() == "represent":  # "The authors are represented by attorneys at"
                        client = _client_before(doc, ms, k - 1, s0)
                # the lawyer: right after ("attorney Jane Roe", "a lawyer for the authors, Justin Nelson")
                for k in (t.i + 1, after, after + 1):
                    if k < s1 and (k == t.i + 1 or doc[k - 1].text == ","):
                        p = _person_at(ms, doc, k)
                        if p:
                            lawyer = p
                            break
                        run = _run(doc, k, s1) if k > t.i + 1 and firm is None else None
                        if run and firm_like(_name(doc, run)):
                            firm = run  # "counsel for OpenAI, Latham & Watkins"
                            break
                if lawyer is None and firm is None:  # before: "Justin Nelson, a lawyer for the authors"
                    k = t.i - 1
                    while k >= s0 and doc[k].lower_ in _SKIP_BEFORE:
                        k -= 1
                    if k >= s0 and doc[k].text == ",":
                        p = _person_ending(ms, doc, k - 1)
                        if p:
                            lawyer = p
                        else:
                            run = _run_ending(doc, k, s0)
                            if run and firm_like(_name(doc, run)):
                                firm = run
                    elif t.i - 1 >= s0 and doc[t.i - 1].text[:1].isupper() and low in COUNSEL_NOUNS:
                        run = _run_ending(doc, t.i, s0)  # "Susman Godfrey attorneys representing Penske Media"
                        if run and run[1] == t.i and is_firm(_name(doc, run)):
                            firm = run
                if lawyer is not None and firm is None:
                    firm = _of_firm(doc, lawyer[1], s1)
                if lawyer is None and firm is None:
                    continue
                out.append((client, firm, lawyer, t.i, after))
            elif t.lemma_.lower() == "represent" and t.pos_ in ("VERB", "AUX"):
                if nxt is not None and nxt.lower_ == "by":  # "OpenAI, represented by Latham & Watkins"
                    run = _run(doc, t.i + 2, s1)
                    if not run:
                        continue
                    client = _client_before(doc, ms, t.i, s0)
                    if not firm_like(_name(doc, run)):  # "Matthew P. Bergman and Laura Marquez-Garrett of the
                        out += [(client, f, p, t.i, p[1]) for p, f in _lawyers_from(doc, ms, t.i + 2, s1)]
                        continue  # ... Law Center"; not "compositions represented by GEMA"
                    for part in _split_and(doc, run):  # "Susman Godfrey and Lieff Cabraser"
                        out.append((client, part, None, t.i, part[1]))
                    while run[1] + 1 < s1 and doc[run[1]].text == ",":  # "Susman Godfrey, Lieff Cabraser"
                        run = _run(doc, run[1] + 1, s1)
                        if not run or not firm_like(_name(doc, run)):
                            break
                        out.append((client, run, None, t.i, run[1]))
                    continue
                # "X of Y LLP, who represents Z", "Susman Godfrey, which represents the authors"
                k = t.i - 1
                while k >= s0 and doc[k].lower_ in ("who", "which", "that", ",", "also", "now", "still", "has",
                                                     "have", "had", "long"):
                    k -= 1
                if k < s0:
                    continue
                client = _client_at(doc, ms, t.i + 1, s1)
                if client.name is None and client.side is None:
                    continue
                run = _run_ending(doc, k + 1, s0)
                if run and firm_like(_name(doc, run)):
                    lawyer = None
                    j = run[0] - 1  # "Jason H. Wilson of Willenken LLP", "Matthew Butterick of the Joseph Saveri Law Firm"
                    j -= 1 if j > s0 and doc[j].lower_ == "the" else 0
                    if j - 1 >= s0 and doc[j].lower_ == "of":
                        lawyer = _person_ending(ms, doc, j - 1)
                    out.append((client, run, lawyer, run[0], t.i))
                    continue
                p = _person_ending(ms, doc, k)
                m = covering(ms, doc, k)
                if p and m is not None and m.kind == "lawyer":
                    out.append((client, None, p, p[0], t.i))
    return out


def _lawyers_from(doc: Doc, ms, k: int, stop: int) -> list[tuple[tuple, Optional[tuple]]]:
    """Lawyers named in a row from token k, each with the firm after them ('Matthew P. Bergman and Laura
    Marquez-Garrett of the Social Media Victims Law Center, and Meetali Jain of the Tech Justice Law Project')."""
    out, waiting = [], []
    while k < stop:
        p = _person_at(ms, doc, k)
        if p is None:
            break
        waiting.append(p)
        k = p[1]
        firm = _of_firm(doc, k, stop)
        if firm:
            out += [(w, firm) for w in waiting]
            waiting, k = [], firm[1]
        while k < stop and doc[k].lower_ in (",", "and"):
            k += 1
    return out + [(w, None) for w in waiting]


def _run_ending(doc: Doc, k: int, start: int) -> Optional[tuple[int, int]]:
    """The capitalised name that ends just before token k (a comma after it allowed): 'Latham & Watkins, counsel
    for OpenAI', 'Willenken LLP, who represents'."""
    if k - 1 >= start and doc[k - 1].text == ",":
        k -= 1
    j = k
    while j - 1 >= start and (doc[j - 1].text[:1].isupper() or doc[j - 1].text in ("&", ".") or
                              doc[j - 1].lower_ in ("and", "of") and j - 2 >= start and doc[j - 2].text[:1].isupper()):
        j -= 1
    if j >= k:
        return None
    run = _run(doc, j, k)
    while run is None and j < k:
        j += 1
        run = _run(doc, j, k)
    return run


# --------------------------------------------------------------------------- signature blocks of court papers
_BLOCK_NOISE = re.compile(r"\((?:State )?Bar No\.?[^)]*\)|\S+@\S+|\b(?:Telephone|Tel\.|Facsimile|Fax|Email|E-mail)"
                          r"\s*:|\(\d{3}\)\s*\d{3}-\d{4}|\d{3}[-.]\d{3}[-.]\d{4}|\d+(?:st|nd|rd|th)\b|#?\d+|\[[^\]]*\]")
_ITEM_SPLIT = re.compile(r"\s*[,;]\s*|(?<=[A-Za-z]{2})\.\s+|\s{2,}|\n")
_ITEM_HEAD = re.compile(r"^\s*(?:(?:Counsel|Attorneys?|Appearances|Attorneys and Law Firms)\b(?!\s+at\s+Law):?\s*|[A-Z]{2}(?=[A-Z][a-z]))")
_SOLO = re.compile(r"^Attorneys? at Law$", re.I)


def _items(chunk: str) -> list[tuple[str, int, int]]:
    chunk = _BLOCK_NOISE.sub(lambda m: ";" + " " * (len(m.group()) - 1), chunk)
    out, pos = [], 0
    for m in _ITEM_SPLIT.finditer(chunk + ";"):
        piece = chunk[pos:m.start()]
        head = _ITEM_HEAD.match(piece)  # "Counsel Joseph R. Saveri", "NYMadeline E. Hills" (a column glued on)
        if head:
            piece = " " * head.end() + piece[head.end():]
        stripped = piece.strip(" .`")  # "`KEKER, VAN NEST & PETERS LLP": a backtick is a column's mark
        stripped = re.sub(r"\s*-\s*#?$", "", stripped)  # "BENJAMIN BERKOWITZ - # 244441" (the number gone)
        if stripped and re.search(r"[A-Za-z]", stripped):
            lead = len(piece) - len(piece.lstrip(" .`"))
            out.append((stripped, pos + lead, pos + lead + len(stripped)))
        pos = m.end()
    return out


def _prose(item: str) -> bool:
    words = item.split()
    lower = [w for w in words if w[:1].islower() and w not in ("and", "of", "de", "van", "von", "at", "hac")]
    return len(words) > 7 or bool(lower) or bool(re.search(r"\b(?:Plaintiffs?|Defendants?|PLAINTIFFS?|DEFENDANTS?)\b",
                                                            item))


def _same_case(word: str, firm: str) -> bool:
    """A word printed before a firm's name is part of it only when written as the name is: "FRIED, FRANK, ...
    & JACOBSON LLP", not "May" (a date's month) or "Filed" (a page header) before "MORRIS, NICHOLS ... LLP"."""
    if not word[:1].isalpha() or not word[:1].isupper():
        return word.startswith("&")
    letters = re.sub(r"\b(?:LLP|L\.L\.P\.|P\.C\.|PLLC|PLLP|LLC)\b", "", firm)
    return not (letters.upper() == letters and any(c.isalpha() for c in letters)) or word.upper() == word


def clean_firm(name: Optional[str]) -> Optional[str]:
    """A firm's name as read -> the name: it ends at its legal form ("Fried Frank ... LLP One New York Plaza": an
    address line run on), and words before it that are not written as it is are no part of it ("Filed, /, Page,
    KEKER, VAN NEST & PETERS LLP")."""
    if not name:
        return name
    name = name.replace("`", "").strip(" ,")
    ends = [m.end() for m in _suffix_rx().finditer(name)]
    if ends and name[ends[-1]:].strip(" ,.") and not _suffix_rx().search(name[ends[-1]:]):
        name = name[:ends[-1]]
    parts = [p for p in re.split(r"\s*,\s*", name) if p]
    words = [p for p in parts if re.search(r"[A-Za-z]{3}", _suffix_rx().sub("", p))]
    model = words[-1] if words else name
    while len(parts) > 1 and not _same_case(parts[0], model):
        parts.pop(0)
    return ", ".join(parts).strip(" ,") or name


def _block(text: str, start: int, end: int) -> list[tuple[Optional[str], Optional[str], int, int]]:
    """(firm, lawyer, start, end) of one block: the lawyers printed before a firm belong to it; a lawyer with no
    firm after them ("Matthew Butterick, Attorney at Law") counts alone."""
    items = _items(text[start:end])
    keep: list[tuple[str, int, int]] = []
    for item in reversed(items):  # back from the label to the first line that is no part of a block
        if _prose(item[0]) and not is_firm(item[0]):
            break
        keep.insert(0, item)
    kinds = []
    for n, (item, a, b) in enumerate(keep):
        if _SOLO.match(item):
            kinds.append("solo")
        elif _suffix_rx().fullmatch(item) or _suffix_rx().fullmatch(item.upper()):
            kinds.append("suffix")
        elif is_firm(item):
            kinds.append("firm")
        elif item in _US_STATES or re.fullmatch(r"[A-Z]{2}|D\.C", item):
            kinds.append("state")
        elif ADDRESS_WORDS.search(item) or re.fullmatch(r"(?i)pro hac vice|of counsel|admitted pro hac vice", item):
            kinds.append("skip")
        elif "&" in item:
            kinds.append("amp")
        elif len(item.split()) == 1:
            kinds.append("word")
        elif (_PERSON.match(item) or _PERSON.match(captions.titlecase(item))) and not reject_role(item):
            kinds.append("person")
        else:
            kinds.append("other")
    for n in range(1, len(kinds)):
        if kinds[n] == "state" and kinds[n - 1] in ("person", "word", "other", "amp"):
            kinds[n - 1] = "city"  # "San Francisco, CA", "Wilmington, Delaware"
    firms: list[tuple[int, int]] = []  # item ranges [a, b] of each firm's name
    n = 0
    while n < len(kinds):
        if kinds[n] in ("suffix", "firm") or kinds[n] == "amp" and not (n + 1 < len(kinds) and kinds[n + 1] in (
                "suffix", "amp", "word")):
            a = n
            if kinds[n] == "suffix" and n > 0 and kinds[n - 1] in ("firm", "amp", "word", "person", "other"):
                a = n - 1
            while a > 0 and kinds[a - 1] in ("word", "amp") and (kinds[a] in ("amp", "word") or kinds[a - 1] == "amp" or
                                                               kinds[n] == "suffix" or "&" in keep[a][0]) and \
                    _same_case(keep[a - 1][0], keep[n][0]):
                a -= 1
            b = n
            while b + 1 < len(kinds) and kinds[b + 1] == "suffix":  # "Joseph Saveri Law Firm, LLP"
                b += 1
            if kinds[n] != "suffix" or a < n:
                firms.append((a, b))
                for k in range(a, b + 1):
                    kinds[k] = "in_firm"
                n = b
        n += 1
    out: list[tuple[Optional[str], Optional[str], int, int]] = []
    pending: list[tuple[str, int, int]] = []
    firm_at = {b: a for a, b in firms}
    for n, (item, a, b) in enumerate(keep):
        if kinds[n] == "person":
            pending.append((captions.titlecase(item), a, b))
        elif kinds[n] == "solo":
            out += [(None, name, a0, b0) for name, a0, b0 in pending]
            pending = []
        elif n in firm_at:
            first = keep[firm_at[n]]
            name = ", ".join(x[0] for x in keep[firm_at[n]:n + 1])
            name = captions.titlecase(name)
            out += [(name, lawyer, a0, b0) for lawyer, a0, b0 in pending] or [(name, None, first[1], b)]
            pending = []
    if pending and firms and kinds.index("in_firm") < kinds.index("person"):
        # the block prints each firm before its lawyers ("KEKER, VAN NEST & PETERS LLP / BENJAMIN BERKOWITZ ..."):
        # the lawyers after the last firm are its own
        a, b = firms[-1]
        name = captions.titlecase(", ".join(x[0] for x in keep[a:b + 1]))
        out += [(name, lawyer, a0, b0) for lawyer, a0, b0 in pending]
        pending = []
    out += [(None, name, a0, b0) for name, a0, b0 in pending]
    seen, unique = set(), []
    for firm, lawyer, a, b in out:
        if (firm, lawyer) not in seen:
            seen.add((firm, lawyer))
            unique.append((firm, lawyer, start + a, start + b))
    return unique


def _blocks(doc: Doc, ms) -> tuple[list[tuple], set]:
    """(client, firm, lawyer, start char, end char) of signature blocks and appearance lists, and the tokens
    of their labels (running-text rules skip them)."""
    text = text_of(doc)
    out, skip = [], set()
    last = 0
    labels = sorted(rules.matcher(doc.vocab, _P, "block_label")(doc), key=lambda x: x[1])
    for _, s, e in labels:
        first = doc[s] if doc[s].text != "," else doc[s + 1]
        if doc[s].text != "," and (not first.text[:1].isupper() or s > 0 and doc[s - 1].lower_ in (
                "a", "an", "the", "as", "his", "her", "their", "its", "’s", "'s")):
            continue  # "a lawyer for the authors": running text, not a block's label
        client = _client_at(doc, ms, e, min(len(doc), e + 10)) if doc[s].text != "," else _client_at(doc, ms, e - 1, e + 8)
        start = max(last, doc[s].idx - 2500)
        para = text.rfind("\n\n", start, doc[s].idx)
        if para >= 0:
            start = para + 2
        found = _block(text, start, doc[s].idx)
        if not any(f for f, _, _, _ in found):
            continue  # a block names its firm ("Counsel for Plaintiffs" after a list of names alone is no block)
        skip.update(range(s, e))
        doc.user_data.setdefault("ct_counsel_blocks", []).append((min(a for _, _, a, _ in found), doc[s].idx))
        for firm, lawyer, a, b in found:
            out.append((client, firm, lawyer, a, b))
        end = doc[max(e, client.end) - 1]  # the next block starts after this label's client ("... Plaintiffs")
        last = end.idx + len(end.text)
    return out, skip


# --------------------------------------------------------------------------- sides and cases
def _same(a: str, b: str) -> bool:
    wa, wb = set(captions.bare_words(a)), set(captions.bare_words(b))
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _side_and_case(client: _Client, cases: list[CaseX], roles: dict, pos: int) -> tuple[str, Optional[int]]:
    """The side a client gives and the case it belongs to (the case naming the client, else the case printed
    nearest before the counsel, else the first)."""
    side = client.side
    index = None
    if client.name:
        for n, c in enumerate(cases):
            if any(_same(client.name, p) for p in c.plaintiffs):
                side, index = "plaintiff", n
                break
            if any(_same(client.name, d) for d in c.defendants):
                side, index = "defendant", n
                break
        if side is None:
            role = roles.get(client.name) or next((r for n, r in roles.items() if _same(n, client.name)), None)
            side = role if role in ("plaintiff", "defendant") else None
    if index is None and cases:
        before = [n for n, c in enumerate(cases) if c.evidence and c.evidence[0].start <= pos]
        index = max(before, key=lambda n: cases[n].evidence[0].start) if before else 0
    return side or "other", index


def _evidence(doc: Doc, start: int, end: int) -> Evidence:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return Evidence(start, end, start, end)
    return Evidence(start, end, layout.sent_of(doc, span[0].i).start_char, layout.sent_of(doc, span[-1].i).end_char)


def _add(case: CaseX, cx: CounselX) -> None:
    """One record per lawyer (or per firm alone) and side: a later mention fills in the firm or the side."""
    for c in case.counsel:
        same_lawyer = cx.lawyer and c.lawyer and _same(c.lawyer, cx.lawyer)
        same_firm = not cx.lawyer and not c.lawyer and cx.firm and c.firm and _same(c.firm, cx.firm)
        firm_of_lawyer = not cx.lawyer and cx.firm and c.firm and _same(c.firm, cx.firm) and c.side == cx.side
        if same_lawyer or same_firm or firm_of_lawyer:
            c.firm = c.firm or cx.firm
            c.side = c.side if c.side != "other" else cx.side
            c.evidence += cx.evidence
            return
        if cx.lawyer and not c.lawyer and c.firm and cx.firm and _same(c.firm, cx.firm):
            c.lawyer, c.side = cx.lawyer, c.side if c.side != "other" else cx.side
            c.evidence += cx.evidence
            return
    case.counsel.append(cx)


def find(doc: Doc, ms, cases: list[CaseX], roles: Optional[dict] = None) -> None:
    """Fill each case's counsel from the text (see the module's docstring)."""
    if not cases:
        return
    roles = roles or {}
    blocks, skip = _blocks(doc, ms)
    for client, firm, lawyer, a, b in blocks:
        side, index = _side_and_case(client, cases, roles, a)
        if index is not None:
            _add(cases[index], CounselX(side=side, firm=clean_firm(firm), lawyer=lawyer, evidence=[_evidence(doc, a, b)]))
    for client, firm, lawyer, t0, t1 in _sentence_counsel(doc, ms, skip):
        spans = [s for s in (firm, lawyer[:2] if lawyer else None) if s]
        a = min(doc[s[0]].idx for s in spans)
        b = max(doc[s[1] - 1].idx + len(doc[s[1] - 1].text) for s in spans)
        side, index = _side_and_case(client, cases, roles, a)
        if index is None:
            continue
        _add(cases[index], CounselX(side=side, firm=clean_firm(_name(doc, firm)) if firm else None,
                                    lawyer=lawyer[2] if lawyer else None, evidence=[_evidence(doc, a, b)]))


def drop_firms(cases: list[CaseX], roles: dict) -> None:
    """A law firm is never a party: firm names leave the roles and the cases' sides (the counsel the text names
    and any name of a firm's shape: "Susman Godfrey LLP")."""
    firms = {c.firm for case in cases for c in case.counsel if c.firm}
    lawyers = {c.lawyer for case in cases for c in case.counsel if c.lawyer}

    def counsel(name: str) -> bool:
        return is_firm(name) or any(_same(name, f) for f in firms if "&" in f or is_firm(f)) or name in lawyers

    for name in [n for n in roles if counsel(n)]:
        if not any(name in (*c.plaintiffs[:1], *c.defendants[:1]) for c in cases):  # a caption's lead stands
            roles.pop(name, None)
            getattr(roles, "sources", {}).pop(name, None)
    for c in cases:
        c.plaintiffs = [n for n in c.plaintiffs if n == (c.plaintiffs[:1] or [None])[0] or not counsel(n)]
        c.defendants = [n for n in c.defendants if n == (c.defendants[:1] or [None])[0] or not counsel(n)]


def not_parties(doc: Doc, cases: list[CaseX], ms) -> tuple[set, set]:
    """(firms, lawyers): the names of mentions that are law firms (a firm's shape, a firm the counsel names, a
    name printed inside a firm's name: "Joseph Saveri" of "Joseph Saveri Law Firm", or any other name of a
    signature block: its cities and streets) and of the lawyers the counsel names. Firms and addresses are no
    parties at all; lawyers are no litigants (their quotes keep their name)."""
    text = text_of(doc)
    firms = {c.firm for case in cases for c in case.counsel if c.firm}
    lawyers = {c.lawyer for case in cases for c in case.counsel if c.lawyer}
    spans = []
    for f in firms:
        rx = r"\s*,?\s*".join(re.escape(w) for w in re.split(r"[\s,]+", f) if w)
        spans += [(m.start(), m.end()) for m in re.finditer(rx, text, re.I)] if rx else []
    spans += doc.user_data.get("ct_counsel_blocks", [])
    sides = {n for c in cases for n in (*c.plaintiffs, *c.defendants)}
    out = set()
    for m in ms:
        if m.resolved or m.name in lawyers or m.name in sides and not is_firm(m.name):
            continue
        if is_firm(m.name) or m.kind == "lawyer" and firm_like(m.name) or \
                any(_same(m.name, f) for f in firms if len(captions.bare_words(m.name)) > 1) or \
                any(a <= m.start and m.end <= b for a, b in spans):
            out.add(m.name)
    return out, lawyers
