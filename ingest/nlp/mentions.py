"""Entity mentions of a parsed document.

Gazetteer matches (EntityRuler, with the entity id) and the model's PERSON/ORG entities (junk removed:
"AI", "IP", tickers, section headings, courts); a surname joined to the full name used earlier ("Stein"
after "Sidney Stein"); pronouns and descriptions resolved to the nearest fitting antecedent ("he", "the
billionaire" -> a person; "it", "the company", "the US-based visual content company" -> an organisation,
preferring the subject of the latest sentence that has one); plural references ("they", "these firms",
"the studios") resolved to the latest coordinated group ("DeepSeek, Moonshot and MiniMax").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from ingest.nlp import gazetteer, layout, rules
from ingest.nlp.dates import text_of

if not Doc.has_extension("ct_title_doc"):
    Doc.set_extension("ct_title_doc", default=None)

ORG_HEADS = rules.lexicon("parties_cues", "org_head", key="text")
INSTITUTION_HEADS = {"college", "university", "institute", "school", "academy", "hospital", "museum"}
_REJECTS = "parties_rejects"  # patterns/parties_rejects.jsonl: what is no party's name, by role
JUNK = rules.lexicon(_REJECTS, "junk_name", key="text")


def _words_rx(role: str, flags=re.I) -> "re.Pattern":
    words = sorted(rules.lexicon(_REJECTS, role, key="text"), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])", flags)


LEGAL_WORDS = _words_rx("legal_word")
HEADING_WORDS = _words_rx("heading_word")
SURNAME_HEADINGS = frozenset(e["text"].lower() for e in rules.entries(_REJECTS, "heading_word") if e.get("surname"))
ADDRESS_WORDS = _words_rx("address_word")
COUNSEL_CUES = _words_rx("counsel_cue")
CORPORATE = re.compile(r"\b(?:Inc|LLC|Corp|Ltd|Co)\b")


def reject_role(name: str) -> Optional[str]:
    """Why a capitalised span is no party's name: "junk_name", "counsel_cue" ("Susman Godfrey LLP"),
    "address_word" ("N. Market Street P.O. Box"), "heading_word" ("Preliminary Approval Hearing", "R. Civ"),
    "legal_word" (a court paper's words, unless the name carries a company suffix); None for a possible name."""
    low = (name or "").strip().lower()
    if not low or low in JUNK or re.fullmatch(r"[\W\d_]+|[a-z]?\d[\w:-]*\d[a-z]*", low) or re.search(r"\sv\.?\s", low):
        return "junk_name"  # "20", "C20-1082jlr" (a docket number), "Rogers v. BNSF" (a caption)
    if COUNSEL_CUES.search(name):
        return "counsel_cue"
    if len(ADDRESS_WORDS.findall(name)) >= 2 or ADDRESS_WORDS.search(name) and re.search(r"\d|^[NSEW]\.\s", name):
        return "address_word"  # "N. Market Street P.O. Box", "1301 Avenue": not "Wall Street"
    if HEADING_WORDS.search(name):
        return "heading_word"
    if LEGAL_WORDS.search(name) and not CORPORATE.search(name):
        return "legal_word"
    return None


def _surname_heading(name: str) -> bool:
    """A first name and a surname that is also a heading's word ("Jeffery Battle"): the heading word ends the name,
    no other does."""
    words = name.split()
    return 2 <= len(words) <= 3 and words[-1].lower() in SURNAME_HEADINGS and words[0][:1].isupper() and \
        not HEADING_WORDS.search(" ".join(words[:-1]))


TICKER = re.compile(r"^[A-Z]{1,5}\.[A-Z]{1,2}$|^(?:NYSE|NASDAQ|Nasdaq):")
PERSON_PRONOUNS = {"he", "she", "him", "his", "her", "hers"}
ORG_PRONOUNS = {"it", "its"}
PLURAL_PRONOUNS = {"they", "their", "them", "theirs"}
ORG_NOUNS = {"company", "firm", "startup", "start-up", "lab", "laboratory", "developer", "maker", "giant", "publisher",
             "outlet", "platform", "newspaper", "studio", "group", "business", "organisation", "organization",
             "creator", "owner", "venture", "rival", "competitor", "provider", "corporation", "conglomerate",
             "paper", "label", "agency", "nonprofit", "non-profit", "service", "network", "site"}
PLURAL_ORG_NOUNS = {"companies", "firms", "startups", "labs", "laboratories", "developers", "publishers", "outlets",
                    "studios", "groups", "plaintiffs", "authors", "writers", "artists", "newspapers", "organisations",
                    "organizations", "platforms", "rivals", "competitors", "defendants", "businesses", "creators",
                    "entities", "makers", "giants", "labels"}
PERSON_NOUNS = {"billionaire", "executive", "entrepreneur", "ceo", "founder", "co-founder", "cofounder", "mogul",
                "chief", "judge", "justice", "magistrate", "man", "woman", "author", "writer", "investor",
                "businessman", "businesswoman", "tycoon", "president", "chairman", "scientist", "researcher",
                "plaintiff", "defendant", "witness", "lawyer", "attorney", "official", "spokesperson", "spokesman",
                "spokeswoman", "professor", "comedian", "novelist", "artist", "engineer"}
DETERMINERS = {"the", "this", "that", "these", "those"}
COUNTRY_WORDS = [
    (re.compile(r"\b(?:U\.?S\.?|American|America|Silicon Valley|California|San Francisco|Seattle|New York|"
                r"Menlo Park|Mountain View|Palo Alto)\b"), "US"),
    (re.compile(r"\b(?:Chinese|China|Hangzhou|Beijing|Shanghai|Shenzhen)\b"), "CN"),
    (re.compile(r"\b(?:British|UK|U\.K\.|London|English)\b"), "GB"),
    (re.compile(r"\b(?:French|France|Paris)\b"), "FR"),
    (re.compile(r"\b(?:Canadian|Canada|Toronto)\b"), "CA"),
]
HONORIFIC = re.compile(r"^(?:(?:the hon|hon|honorable|the honorable|mr|mrs|ms|dr|judge|justice|sir|dame|prof|plaintiffs?|defendants?|pro se plaintiff|petitioners?|respondents?|appellants?|appellees?|"
                       r"chief judge|u\.s\. district judge|district judge|magistrate judge)\.?\s+)+", re.I)


@dataclass
class Mention:
    start: int  # char offsets
    end: int
    tok: int  # index of the head token
    sent_start: int
    sent_end: int
    name: str  # canonical
    kind: str  # company, person, judge, model, court, agency, outlet
    eid: Optional[str] = None
    text: str = ""
    resolved: bool = False  # a pronoun or description resolved to an antecedent
    owner: Optional[str] = None
    litigant_ok: bool = True
    tok_start: int = -1
    tok_end: int = -1
    group: list = field(default_factory=list)  # for plural references: the names of the group
    in_quote: bool = False


    @property
    def alias_ok(self) -> bool:
        """The text is a name for the party (strong evidence for an alias): not a pronoun or a description
        resolved to it ("Its", "The plaintiffs", "the social media firm")."""
        return not self.resolved and bool(self.text) and self.text[:1].isupper() and \
            self.text.split()[0].lower() not in DETERMINERS | {"a", "an"} | PERSON_PRONOUNS | ORG_PRONOUNS | \
            PLURAL_PRONOUNS


class MentionList(list):
    """Mentions in text order, with an index from token to mention."""

    def __init__(self, items=()):
        super().__init__(items)
        self.by_tok: dict[int, Mention] = {}
        for m in self:
            for i in range(m.tok_start, m.tok_end):
                self.by_tok.setdefault(i, m)


def _clean(text: str) -> str:
    text = re.sub(r"['’]s?$", "", text.strip())
    if text.count('"') == 1 or text.count("“") > text.count("”"):  # 'The German Consumer Rights Organisation
        text = re.split(r'["“]', text)[-1]  # "Verbraucherzentrale NRW': the name is what the open quote begins
    text = text.strip(" ,.;:\"“”'‘’()[]&")
    return HONORIFIC.sub("", text).strip()


def _entry_mention(entry, base) -> "Mention":
    kind = entry.role if entry.role in ("judge", "outlet", "lawyer") else entry.kind
    return Mention(name=entry.name, kind=kind, eid=entry.id, owner=entry.owner,
                   litigant_ok=entry.litigant or kind in ("company", "person", "agency"), **base)


GOVERNMENT_WORDS = {"city", "town", "county", "state", "commonwealth", "government", "province", "prefecture",
                    "municipality", "republic", "kingdom", "village"}
_MODIFYING = r"owned|based|backed|led|linked|funded|founded|run|controlled|affiliated|supported|created|made|built|" \
             r"operated|headed|helmed"
DESCRIBING = {"publisher", "maker", "owner", "parent", "developer", "creator", "operator", "founder", "distributor"}


def _named_after(ent: Span) -> Optional[Span]:
    """An organisation's span that ends in a describing noun run into the name it describes ("Rolling Stone
    Publisher Penske Media", "ChatGPT Maker OpenAI" in a headline's capitals): the name that follows."""
    if ent.label_ != "ORG" or len(ent) < 2 or ent[-1].lower_ not in DESCRIBING:
        return None
    doc, end = ent.doc, ent.end
    while end < len(doc) and end - ent.end < 4 and doc[end].pos_ in ("PROPN", "NOUN") and doc[end].text[:1].isupper():
        end += 1
    return Span(doc, ent.end, end, label="ORG") if end > ent.end else None


_NEUTRAL_CITATION_DIVISION = re.compile(r"\[(?:19|20)\d{2}\]\s+[A-Z]{2,6}(?:\s+(?:Civ|Crim))?\s+\d+\s*\((?=\w+\)?$)")


def citation_division(doc: Doc, i: int) -> bool:
    """The token is a court division in a neutral citation ("[2025] EWHC 1383 (Admin)", "[2024] EWCA Civ 12")."""
    start = doc[i].idx
    return bool(_NEUTRAL_CITATION_DIVISION.search(text_of(doc), max(0, start - 40), start + 1))


def _from_ent(ent: Span, quoted: set) -> Optional[Mention]:
    if citation_division(ent.doc, ent.start):
        return None  # "[2025] EWHC 1383 (Admin)": a neutral citation's court division, not a name
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if ent.label_ == "PERSON" and len(ent) == 1 and nxt is not None and nxt.pos_ == "PROPN" and not nxt.ent_type_ and \
            nxt.text.istitle() and nxt.lower_ not in STOP_WORDS and ent.text.istitle() and re.search(
                rf"(?:\b(?:Mr|Ms|Mrs|Dr)\.? {re.escape(nxt.text)}\b|\b{re.escape(nxt.text)},? (?:said|says|noted|added|"
                rf"told|argued|claimed|wrote|alleged|alleges)\b)", text_of(ent.doc)):
        ent = Span(ent.doc, ent.start, ent.end + 1, label="PERSON")  # "Tony Justice": the tagger cut the surname
        extended = True  # off, which the text goes on to call the person by ("Justice said"; not "Musk Testifies")
    else:
        extended = False
    sent = layout.sent_of(ent.doc, ent.start)
    base = dict(start=ent.start_char, end=ent.end_char, tok=ent.root.i, sent_start=sent.start_char,
                sent_end=sent.end_char, text=ent.text, tok_start=ent.start, tok_end=ent.end,
                in_quote=ent.start in quoted)
    after = ent.doc[ent.end:ent.end + 2]
    if len(after) == 2 and after[0].text in "-–" and re.fullmatch(_MODIFYING, after[1].lower_):
        return None  # "the Sam Altman-founded company": a name describing a company, not a party
    if ent.ent_id_:
        entry = gazetteer.load().get(ent.ent_id_)
        if entry and entry.kind in ("model", "person") and after and after[0].lower_ in INSTITUTION_HEADS and \
                after[0].text[:1].isupper():  # "Bard College", "Stanford University": the institution the name
            span = ent.doc[ent.start:ent.end + 1]  # heads, not the model or person of that name
            return Mention(name=_clean(span.text), kind="company", litigant_ok=True, **{
                **base, "end": span.end_char, "tok_end": span.end, "tok": span.end - 1, "text": span.text})
        if entry:
            return _entry_mention(entry, base)
    if ent.label_ in ("GPE", "PERSON", "ORG", "LOC") and ent.start >= 2 and ent.doc[ent.start - 1].lower_ == "of" and \
            ent.doc[ent.start - 2].lower_ in GOVERNMENT_WORDS and ent.text[:1].isupper():
        head = ent.doc[ent.start - 2]  # "the city of Gamagori", "the State of Texas": a government that can sue
        name = f"{head.text[:1].upper()}{head.text[1:].lower()} of {_clean(ent.text)}"  # and be sued
        return Mention(name=name, kind="agency", litigant_ok=True, **{
            **base, "start": head.idx, "tok_start": head.i, "text": ent.doc[head.i:ent.end].text})
    if ent.label_ not in ("PERSON", "ORG"):
        return None
    named = _named_after(ent)
    if named is not None:  # "Rolling Stone Publisher Penske Media Sues Google": the name the title describes
        return _from_ent(named, quoted)
    name = _clean(ent.text)
    if ent.label_ == "ORG" and re.match(r"the\s+[A-Z]", name) and len(name.split()) >= 3:
        name = "The" + name[3:]  # "a lawsuit brought by the League of Women Voters": the tagger's span takes "the"
        # (written as a sentence's start writes it: "The Nashville Network" is one name wherever it stands)
    low = name.lower()
    if not name or low in JUNK or not name[0].isupper() or len(name) < 2 or "\n" in name or TICKER.search(name):
        return None
    if re.search(rf"-(?:{_MODIFYING})$|^(?:I|II|III|IV|V)\.\s", name) or name.endswith("’s"):
        return None

    entry = gazetteer.lookup(name)
    if entry:
        return _entry_mention(entry, base)
    if len(ent) == 1 and ent.root.pos_ in ("ADJ", "ADV", "VERB", "ADP", "DET", "PRON"):
        return None  # "Similar case filed against ...": a capitalised word, not a name
    why = reject_role(name)
    if why == "heading_word" and ent.label_ == "PERSON" and _surname_heading(name):
        why = None  # "Jeffery Battle": a person whose surname is a heading's word
    if why and not (extended and why == "legal_word"):
        return None  # a heading, an address, a law firm, a court paper's words
    words = name.split()
    if len(words) > 1 and words[-1].islower():
        return None  # "Transfer Case to": a heading's words, not a name
    if len(words) > 6 and any(w.islower() for w in words):
        return None  # "Chemical Manufacturer Settles Charges for Misleading Statements on ...": a headline
    if name.isupper() and len(words) >= 3 and ent.label_ == "ORG":
        return None  # a heading in capitals
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if ent.label_ == "ORG" and nxt is not None and nxt.tag_ == "NNS" and ent.root.dep_ == "compound":
        return None  # "Frontier AI labs": a modifier, not a name
    kind = "person" if ent.label_ == "PERSON" else "company"
    if kind == "person" and len(words) > 1 and words[-1].lower() in ORG_HEADS:
        kind = "company"  # "Willett Distillery", "Mojang Studios": an organisation the tagger took for a person
    if kind == "person" and (len(words) > 4 or any(ch.isdigit() for ch in name)):
        return None
    if ent.label_ == "ORG" and (name.isupper() and len(name) <= 3 or low.startswith(("the ", "a ")) and len(words) == 2
                                and words[1].islower()):
        return None
    prev = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if kind == "person" and (prev in ("judge", "justice", "magistrate") or re.match(r"(?i)judge\s", ent.text)):
        kind = "judge"
    if is_counsel(ent):
        kind = "lawyer"  # "by its attorneys Susman Godfrey LLP and Rothwell, Figg, Ernst & Manbeck, P.C."
    if name.isupper() and len(name) > 3:
        name = name.title()
    return Mention(name=name, kind=kind, **base)


def is_counsel(ent: Span) -> bool:
    """A name that is counsel, not a party: a law firm's legal form right after it ("Figg, Ernst & Manbeck,
    P.C.") or a counsel word right before it ("by its attorneys Susman Godfrey", "lawyer Jane Roe"), not
    "Attorney General"."""
    doc = ent.doc
    after = doc[ent.end:ent.end + 3]
    cues_after = rules.lexicon(_REJECTS, "counsel_after", key="text")
    if any(t.lower_ in cues_after for t in after if not t.is_punct or t.text != ","):
        return True
    before = [t for t in doc[max(0, ent.start - 3):ent.start] if not t.is_punct]
    cues_before = rules.lexicon(_REJECTS, "counsel_before", key="text")
    return bool(before) and before[-1].lower_ in cues_before or len(before) >= 2 and before[-2].lower_ in \
        cues_before and before[-1].lower_ in ("and", "&")


def quoted_tokens(doc: Doc) -> set:
    """Indices of tokens between quotation marks (spans found by quotes.spans)."""
    from ingest.nlp.quotes import spans

    out = set()
    for q0, q1 in spans(text_of(doc)):
        span = doc.char_span(q0, q1, alignment_mode="contract")
        if span is not None:
            out.update(range(span.start, span.end))
    return out


_SPEAKER_LABELS = {"WORK_OF_ART", "PRODUCT", "FAC", "EVENT", "LAW"}
SPEECH = rules.lexicon("quotes", "speech_verb")


def _speaks(tok) -> bool:
    """The token is the subject of a verb of speech ("Eli Wade-Scott ... said", "she said")."""
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SPEECH


def _as_speaker(ent: Span) -> Span:
    """A name the tagger took for a title or a thing because it follows a quote ('“…,” Eli Wade-Scott, managing
    partner at Edelson PC, said'): a proper name of two to four capitalised words that is the subject of a speech
    verb is a person."""
    commas = [t.i for t in ent if t.text == ","]
    if ent.label_ in ("PERSON", "ORG") and commas and ent.root.i > commas[-1] and _speaks(ent.root) and all(
            t.pos_ == "PROPN" and t.text[:1].isupper() for t in ent.doc[commas[-1] + 1:ent.end]):
        # "In reply to Babushkin, Winterbourne wrote: ...": the tagger ran two people into one name; the speaker
        # is the name after the comma (a person when the tagger said so, or the surname of one named before)
        last = ent.doc[ent.end - 1].text
        person = ent.label_ == "PERSON" or any(
            e.label_ == "PERSON" and e.end <= ent.start and e[-1].text == last for e in ent.doc.ents)
        return Span(ent.doc, commas[-1] + 1, ent.end, label="PERSON" if person else ent.label_)
    if ent.label_ not in _SPEAKER_LABELS:
        return ent
    words = [t for t in ent if not (t.is_punct and t.text in "-–")]
    if not 2 <= len(words) <= 4 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.is_upper
                                           for t in words):
        return ent
    if not _speaks(ent.root):
        return ent
    return Span(ent.doc, ent.start, ent.end, label="PERSON")


def find(doc: Doc) -> MentionList:
    quoted = quoted_tokens(doc)
    found = [m for m in (_from_ent(_as_speaker(e), quoted) for e in doc.ents) if m]
    _firm_names(text_of(doc), found)
    _datelines(text_of(doc), found)
    found += _list_members(doc, found, quoted)
    found += _legal_names(doc, found, quoted)
    found += _named_again(doc, found, quoted)
    found += _families(doc, found, quoted)
    found += _suing_governments(doc, found, quoted)
    _short_of_company(found)
    found += _defined_short_names(doc, found)
    _aliases(text_of(doc), found)
    _join_surnames(found)
    _groups(doc, found)
    found += _resolve_references(doc, MentionList(found), quoted)
    found.sort(key=lambda m: m.start)
    return MentionList(found)


# "SEOUL, Jan. 14 (Korea Bizwire) —", "NEW YORK (Reuters) -": the agency that reports the story opens the paragraph
_DATELINE = re.compile(r"(?m)^[ \t]*[A-Z][A-Za-z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+)?(?=\s*\())?"
                       r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*\(([^()\n]{2,40})\)\s*[—–-]")


def _datelines(text: str, found: list[Mention]) -> None:
    """The news agency of a dateline reports the story: it is no litigant there; the place before it ("WACO,
    Texas (Legal Newsline) -") is no name at all."""
    for m in _DATELINE.finditer(text):
        a, b = m.span(1)
        for x in list(found):
            if x.start < b and a < x.end:
                x.litigant_ok = False
            elif m.start() <= x.start and x.end <= a:
                found.remove(x)


def _list_members(doc: Doc, found: list[Mention], quoted: set) -> list[Mention]:
    """'Torstar, Postmedia, The Globe and Mail and CBC/Radio-Canada': a capitalised name coordinated with named
    organisations that the tagger left out (or took for a place) is one more of them."""
    covered = _covered(found)
    out = []
    for m in found:
        if m.kind not in ("company", "outlet") or m.tok >= len(doc):  # people in lists are too often characters,
            continue  # not parties
        for t in doc[m.tok].conjuncts:
            if t.i in covered or t.pos_ != "PROPN" or not t.text[:1].isupper() or t.i in quoted:
                continue
            left = t
            while left.i > 0 and doc[left.i - 1].dep_ == "compound" and doc[left.i - 1].head.i == t.i and \
                    doc[left.i - 1].text[:1].isupper() and left.i - 1 not in covered:
                left = doc[left.i - 1]
            span = doc[left.i:t.i + 1]
            head_of_list = doc[m.tok].dep_ == "conj" and doc[m.tok].head.i == t.i and t.dep_ in ("nsubj", "nsubjpass") \
                and all(x.ent_type_ in ("", "ORG", "PERSON") for x in span)  # "Asahi Shimbun and Nikkei filed"
            if any(x.ent_type_ in ("DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "LAW", "LOC")
                   for x in span) or not head_of_list and (left.i == 0 or doc[left.i - 1].lower_ not in (",", "and", "&", "or")):
                continue  # "studios in Hollywood, Disney and ...", "Warner Bros Discovery" (the rest of a name)
            name = _clean(span.text)
            if len(name) < 3 or reject_role(name) or name.lower() in JUNK or gazetteer.lookup(name) is not None:
                continue
            sent = layout.sent_of(doc, t.i)
            out.append(Mention(start=span.start_char, end=span.end_char, tok=t.i, sent_start=sent.start_char,
                               sent_end=sent.end_char, name=name, kind=m.kind, text=span.text,
                               tok_start=span.start, tok_end=span.end))
            covered.update(range(span.start, span.end))
    return out


def _covered(found: list[Mention]) -> set[int]:
    """The tokens the mentions found so far cover."""
    return {i for m in found for i in range(m.tok_start, m.tok_end)}


def _span_mention(doc: Doc, span: Span, name: str, kind: str, quoted: set, like: Optional[Mention] = None) -> Mention:
    sent = layout.sent_of(doc, span.start)
    extra = dict(eid=like.eid, owner=like.owner, litigant_ok=like.litigant_ok) if like is not None else {}
    return Mention(start=span.start_char, end=span.end_char, tok=span.root.i, sent_start=sent.start_char,
                   sent_end=sent.end_char, name=name, kind=kind, text=span.text, tok_start=span.start,
                   tok_end=span.end, in_quote=span.start in quoted, **extra)


# a company's legal form ends its name: "O’Malley Ireland Spirits Trading Ltd", "Nonto DAC" (law firms' "LLP" and
# "P.C." are counsel's, left to the tagger)
_LEGAL_FORM = r"(?:Ltd|Limited|LLC|L\.L\.C|Inc|DAC|GmbH|AG|PLC|plc|Corp|Corporation|S\.A|S\.p\.A|B\.V|N\.V|Pty|K\.K)\.?"
_LEGAL_NAME = re.compile(rf"(?<![\w’'-])((?:[A-Z][\w’'&.-]*[ \t]+){{0,4}}?[A-Z][\w’'&.-]*,?[ \t]+{_LEGAL_FORM})(?![\w-])")
_BARE = re.compile(rf",?\s+{_LEGAL_FORM}$")  # "Xockets, Inc." -> "Xockets"


def _legal_names(doc: Doc, found: list[Mention], quoted: set) -> list[Mention]:
    """A capitalised name ending in a company's legal form that the tagger left out or took for a place: a
    company."""
    covered = _covered(found)
    out = []
    for hit in _LEGAL_NAME.finditer(text_of(doc)):
        span = doc.char_span(hit.start(1), hit.end(1), alignment_mode="contract")
        if span is None or len(span) < 2 or any(i in covered for i in range(span.start, span.end)):
            continue
        name = _clean(span.text)
        if len(name.split()) < 2 or name.lower() in JUNK or reject_role(name) or \
                name.split()[0].lower() in STOP_WORDS:
            continue
        if name.isupper():
            name = name.title()  # "ACME MUSIC INC." in a caption block: "Acme Music Inc"
        out.append(_span_mention(doc, span, name, "company", quoted))
        covered.update(range(span.start, span.end))
    return out


def _named_again(doc: Doc, found: list[Mention], quoted: set) -> list[Mention]:
    """'..., while The Nikkei is seeking ... and The Chunichi Shimbun about ¥150 million': a name of two words or
    more that the tagger found somewhere, where it recurs untagged, names the same party."""
    text = text_of(doc)
    covered = _covered(found)
    out, seen = [], set()

    def recurs(m: Mention, pattern: str) -> None:  # each untagged place the pattern finds names m's party
        for hit in re.finditer(pattern, text):
            span = doc.char_span(hit.start(), hit.end())
            if span is not None and not any(i in covered for i in range(span.start, span.end)):
                out.append(_span_mention(doc, span, m.name, m.kind, quoted, like=m))
                covered.update(range(span.start, span.end))

    for m in list(found):
        if m.kind not in ("company", "person", "agency", "outlet") or m.resolved or not m.text[:1].isupper() or \
                len(m.text.split()) < 2 or m.text in seen or "\n" in m.text:
            continue
        seen.add(m.text)
        recurs(m, rf"(?<![\w-]){re.escape(m.text)}(?![\w-])")
    for m in list(found) + out:  # "Xockets, Inc. has received ... Xockets filed the lawsuit": a company's name
        if m.kind != "company" or m.resolved:  # without its legal form
            continue
        bare = _BARE.sub("", m.text)
        if bare == m.text or bare in seen or not bare[:1].isupper() or bare.lower() in STOP_WORDS or \
                bare.lower() in JUNK:
            continue
        seen.add(bare)
        recurs(m, rf"(?<![\w-]){re.escape(bare)}(?![\w-]|,?\s+{_LEGAL_FORM})")
    return out


def _families(doc: Doc, found: list[Mention], quoted: set) -> list[Mention]:
    """'filed suit against the Smalleys': a family named by its surname is the people of that surname the text
    names ("Ken and Kathy Smalley"), the first of them standing for the group."""
    covered = _covered(found)
    people: dict[str, list[str]] = {}  # surname -> the full names the text gives it
    for m in found:
        if m.kind == "person" and not m.resolved and len(m.name.split()) > 1:
            names = people.setdefault(m.name.split()[-1], [])
            if m.name not in names:
                names.append(m.name)
    out = []
    for t in doc[1:]:
        if t.i in covered or doc[t.i - 1].lower_ != "the" or not re.fullmatch(r"[A-Z][a-z]+s", t.text):
            continue
        names = people.get(t.text[:-1]) or (people.get(t.text[:-2]) if t.text.endswith("es") else None)
        if not names:
            continue
        span = doc[t.i - 1:t.i + 1]
        m = _span_mention(doc, span, names[0], "person", quoted)
        m.resolved, m.group = True, list(names)
        out.append(m)
    return out


def _short_of_company(found: list[Mention]) -> None:
    """'Cryptocurrency exchange Gemini Trust ... Gemini, operated by the Winklevoss twins': a model's name that
    a company the text named before begins with is that company's short name here, not the model."""
    companies: list[Mention] = []
    for m in sorted(found, key=lambda m: m.start):
        if m.kind == "company" and not m.resolved and m.eid:
            companies.append(m)
        elif m.kind == "model" and not m.resolved:
            c = next((c for c in reversed(companies) if c.eid != m.owner and c.name.startswith(m.text + " ")), None)
            if c is not None:
                m.name, m.kind, m.eid, m.owner, m.litigant_ok = c.name, c.kind, c.eid, c.owner, c.litigant_ok


_SUITS = "parties_suits"  # the suing verbs and suit nouns lawsuits.py reads too
_SUE_VERBS = rules.lexicon(_SUITS, "sue_verb")
_FILE_VERBS = rules.lexicon(_SUITS, "file_verb")
_SUIT_NOUNS = rules.lexicon(_SUITS, "suit_noun", key="text")


def _files_suit(verb) -> bool:
    """The verb sues or files a suit: 'sued', 'filed a lawsuit', 'is the first state to launch a lawsuit'."""
    for v in (verb, *(c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB")):
        lemma = v.lemma_.lower()
        if lemma in _SUE_VERBS and v.pos_ == "VERB" or lemma in _FILE_VERBS and any(
                c.dep_ == "dobj" and c.lower_ in _SUIT_NOUNS for c in v.children):
            return True
    return False


_LAW_NOUNS = rules.lexicon(_SUITS, "law_noun", key="text")
_CHALLENGE_VERBS = rules.lexicon(_SUITS, "challenge_verb")


def _law_challenged(tok) -> bool:
    """The place is the maker of a law a suit challenges: 'its lawsuit challenging a Minnesota state law', 'sued
    to block Utah's new statute' (the law's state or country is the suit's defendant)."""
    law = tok.head
    while law.dep_ == "compound" and law.head.i > law.i and law.lower_ not in _LAW_NOUNS:  # "an Oregon state law"
        law = law.head
    if tok.dep_ not in ("compound", "poss") or law.i <= tok.i or law.lower_ not in _LAW_NOUNS or law.dep_ != "dobj":
        return False
    verb = law.head
    if verb.lemma_.lower() not in _CHALLENGE_VERBS:
        return False
    return verb.dep_ == "acl" and verb.head.lower_ in _SUIT_NOUNS or \
        verb.dep_ in ("xcomp", "advcl") and _files_suit(verb.head)


_RANKING = {"first", "first-ever", "second", "third", "latest", "last", "biggest", "largest", "major", "landmark",
            "only", "ever"}


def _suing_governments(doc: Doc, found: list[Mention], quoted: set) -> list[Mention]:
    """'Texas sued Google', 'Kentucky is the first state to launch a lawsuit against ...': a state or a country
    the tagger calls a place is a government, a party, where it is the one that sues (elsewhere it is a place);
    so is one whose suit against someone the text tells ("Judge throws out Vermont's lawsuit against ... Clearview
    AI"); and where a suit challenges its law ("X's lawsuit challenging a Minnesota state law": the one sued)."""
    covered = _covered(found)
    out = []
    for ent in doc.ents:
        if ent.label_ != "GPE" or any(i in covered for i in range(ent.start, ent.end)):
            continue
        if not ent.text[:1].isupper() or ent.start and doc[ent.start - 1].lower_ in ("the", "of"):
            continue
        head = ent.root.head
        suing = ent.root.dep_ == "nsubj" and _files_suit(head) or ent.root.dep_ == "poss" and \
            head.lower_ in _SUIT_NOUNS and any(c.dep_ == "prep" and c.lower_ == "against" for c in head.children) \
            and not any(c.dep_ in ("amod", "compound") and (c.tag_ in ("JJS", "RBS") or c.lower_ in _RANKING)
                        for c in head.children)  # ("India's first-ever legal case against OpenAI": a place)
        if suing or _law_challenged(ent.root):
            m = _span_mention(doc, ent, _clean(ent.text), "agency", quoted)
            m.litigant_ok = True
            out.append(m)
    return out


def _firm_names(text: str, found: list[Mention]) -> None:
    """'Rothwell, Figg, Ernst & Manbeck, P.C.': the tagger cuts a firm's name at its commas; a name joined by a
    comma to counsel is counsel too."""
    for a, b in reversed(list(zip(found, found[1:]))):
        if b.kind == "lawyer" and a.kind == "company" and not a.eid and text[a.end:b.start].strip() in (",", "&"):
            a.kind = "lawyer"


DEFINED = re.compile(r"\s*\((?:the\s+)?[“\"']?(?P<short>[A-Z][\w&.’'-]{1,24}(?: [A-Z][\w&.-]+){0,2})[”\"']?\)")


def _defined_short_names(doc: Doc, found: list[Mention]) -> list[Mention]:
    """'Structured Asset Sales (SAS)', 'Anthropic PBC (“Anthropic”)': the short name defined in parentheses
    names the same party wherever it recurs ("SAS sued Sheeran in 2018")."""
    defined: dict[str, Mention] = {}
    text = text_of(doc)  # Doc.text joins every token on each access
    for m in found:
        if m.kind not in ("company", "person", "agency"):
            continue
        d = DEFINED.match(text, m.end)
        if d and d.group("short").lower() not in JUNK and d.group("short") != m.name:
            defined.setdefault(d.group("short"), m)
    people: dict[str, Mention] = {}
    for m in found:  # a surname the model did not tag ("SAS sued Sheeran in 2018" after "Ed Sheeran")
        words = m.name.split()
        if m.kind == "person" and len(words) >= 2 and len(words[-1]) >= 3 and words[-1][0].isupper():
            if words[-1] not in people:
                people[words[-1]] = m
            elif people[words[-1]] is not None and people[words[-1]].name != m.name:
                people[words[-1]] = None  # two people share it: leave it alone
    defined.update({k: v for k, v in people.items() if v is not None and k not in defined})
    if not defined:
        return []
    covered_chars = [False] * (len(text) + 1)
    for m in found:
        for c in range(m.start, m.end):
            covered_chars[c] = True
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in sorted(defined, key=len, reverse=True))
                         + r")(?![\w-])")
    out = []
    for hit in pattern.finditer(text):
        if covered_chars[hit.start()] or covered_chars[hit.end() - 1]:
            continue
        span = doc.char_span(hit.start(), hit.end())
        if span is None or span[0].pos_ not in ("PROPN", "NOUN"):
            continue
        target, short = defined[hit.group(0)], hit.group(0)
        sent = layout.sent_of(doc, span.start)
        out.append(Mention(start=hit.start(), end=hit.end(), tok=span.root.i, sent_start=sent.start_char,
                           sent_end=sent.end_char, name=target.name, kind=target.kind, eid=target.eid,
                           text=short, owner=target.owner, litigant_ok=target.litigant_ok,
                           tok_start=span.start, tok_end=span.end))
        for c in range(hit.start(), hit.end()):
            covered_chars[c] = True
    return out


_ALIAS = re.compile(r"\s*(?:,\s*|\(\s*)?(?:alias|aka|a\.k\.a\.?|also known as|known as|formerly known as)\s+(?:[\"“‘']\s*)?$",
                    re.I)


def _aliases(text: str, found: list[Mention]) -> None:
    """'a suit filed by Akira Nandan alias Akira Desai', 'Jane Roe, also known as Jane Doe': the second name is
    another name of the first party, not a second party."""
    ordered = sorted((m for m in found if not m.resolved), key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:]):
        if a.kind == b.kind and a.kind in ("person", "company") and b.name != a.name and \
                _ALIAS.fullmatch(text[a.end:b.start]):
            b.name, b.eid, b.owner = a.name, a.eid, a.owner


def _join_surnames(found: list[Mention]) -> None:
    """'Smith' after 'Jane Smith' is Jane Smith (people not in the gazetteer)."""
    full: dict[str, Mention] = {}
    for m in found:
        if m.kind not in ("person", "judge"):
            continue
        words = m.name.split()
        if len(words) >= 2:
            full.setdefault(words[-1], m)
        elif words and words[0] in full and not m.eid:
            target = full[words[0]]
            m.name, m.kind, m.eid = target.name, target.kind, target.eid


def _same_kind(a: Mention, b: Mention) -> bool:
    """One group's kind: people and judges go together ("Dame Victoria Sharp and Mr Justice Johnson held")."""
    return a.kind == b.kind or {a.kind, b.kind} <= {"person", "judge"}


_COORDINATED = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:(?:Mr|Mrs|Ms|Dr|Dame|Sir|Lord|Lady|Justice|Judge|Chief)\.?\s+)*")


def _groups(doc: Doc, found: list[Mention]) -> None:
    """Coordinated mentions of one kind ("DeepSeek, Moonshot AI, and MiniMax") share a group: by the parse, or,
    where the parse took each for a subject of its own, by the words between them alone ("Dame Victoria Sharp
    and Mr Justice Johnson held")."""
    text = text_of(doc)
    ordered = sorted((m for m in found if not m.resolved), key=lambda m: m.start)
    run: list[Mention] = []
    for m in ordered + [None]:
        if m is not None and run and _same_kind(run[-1], m) and not run[-1].group and not m.group and \
                _COORDINATED.fullmatch(text, run[-1].end, m.start) and "\n" not in text[run[-1].end:m.start]:
            run.append(m)
            continue
        if len(run) > 1 and re.search(r"\band\b", text[run[-2].end:run[-1].start]):  # "A, B and C"; not "A, B said"
            names = list(dict.fromkeys(x.name for x in run))
            if len(names) > 1:
                for x in run:
                    x.group = names
        run = [m] if m is not None else []
    by_tok = {}
    for m in found:
        for i in range(m.tok_start, m.tok_end):
            by_tok[i] = m
    for m in found:
        if m.group:
            continue
        members = [m]
        for t in doc[m.tok].subtree if m.tok < len(doc) else ():
            if t.dep_ == "conj" or t.dep_ == "appos" and t.head.i in by_tok:
                other = by_tok.get(t.i)
                if other is not None and other is not m and _same_kind(other, m) and other not in members:
                    members.append(other)
        if len(members) > 1:
            names = list(dict.fromkeys(x.name for x in members))
            for x in members:
                x.group = names


def group_of(m: Mention) -> list[str]:
    return m.group or [m.name]


def _resolve_references(doc: Doc, found: MentionList, quoted: set = frozenset()) -> list[Mention]:
    out = []
    if not found:
        return out
    n = len(doc)
    i = 0
    sexes = _sexes(doc, found)
    while i < n:
        tok = doc[i]
        low = tok.lower_
        span_end, want, plural, sex = i + 1, None, False, None
        if i in found.by_tok or i in quoted:
            i += 1
            continue
        if low in PERSON_PRONOUNS and tok.pos_ == "PRON":
            want = ("person", "judge")
            sex = "m" if low in ("he", "him", "his") else "f"
        elif low in ORG_PRONOUNS and tok.pos_ == "PRON" and (low == "its" or tok.dep_ in ("nsubj", "nsubjpass")):
            want = ("company", "agency")
        elif low in PLURAL_PRONOUNS and tok.pos_ == "PRON":
            want, plural = ("company", "agency", "person"), True
        elif low in DETERMINERS and tok.dep_ == "det" and tok.head.i > i and tok.head.i - i <= 8:
            head = tok.head
            inner = doc[i + 1:head.i + 1]
            generic = i > 0 and doc[i - 1].lower_ in ("all", "other", "many", "some", "of", "most", "such")
            if not generic and not any(t.i in found.by_tok for t in inner) and not any(t.pos_ == "VERB" or t.is_punct and t.text not in "-–" for t in inner):
                hl = head.lower_
                if hl in ORG_NOUNS and head.tag_ != "NNS":
                    want, span_end = ("company", "agency"), head.i + 1
                elif hl in GOVERNMENT_WORDS and head.tag_ != "NNS" and not any(
                        c.dep_ == "prep" and c.lower_ == "of" for c in head.children):  # "the city": a government
                    want, span_end = ("agency",), head.i + 1  # named before ("the city of Gamagori")
                elif hl in PLURAL_ORG_NOUNS:
                    want, span_end, plural = ("company", "agency", "person"), head.i + 1, True
                elif hl in PERSON_NOUNS and not any(c.dep_ == "poss" for c in head.children):
                    want, span_end = ("judge",) if hl in ("judge", "justice", "magistrate") else ("person",), head.i + 1
        if want:
            country = exclude = antecedent = None
            if span_end > i + 1:  # a description
                head = doc[span_end - 1]  # "Thomson Reuters, the dominant legal research publisher": its head
                named = found.by_tok.get(head.head.i) if head.dep_ == "appos" else None
                antecedent = named if named is not None and named.kind in want else None
                if antecedent is None and head.lower_ in DESCRIBING:  # "sued by the nonprofit publisher of Mother
                    of = [found.by_tok.get(o.i) for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                          for o in c.children if o.dep_ == "pobj"]  # Jones": the party the gazetteer names as
                    antecedent = next((m for m in of if m is not None and not m.resolved and m.kind in want), None)
                    # its publisher, not the nearest company before it
                nxt = doc[span_end] if span_end < n else None
                if antecedent is None and nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and \
                        nxt.i not in found.by_tok and nxt.ent_type_ not in ("DATE", "TIME", "GPE", "NORP"):
                    i = span_end  # "the defendant Sambhawaami Studios LLP": the description is the name that
                    continue  # follows it (the tagger missed it), not a party named before
                if antecedent is None and any(c.dep_ == "appos" and c.i > head.i and c.i in found.by_tok and
                                              not found.by_tok[c.i].resolved for c in head.children):
                    i = span_end  # "a lawsuit filed by the popular celebrity video message platform, Cameo": the
                    continue  # description is the name its apposition gives, not an earlier company
                inner_text = doc[i:span_end].text  # "the US company" is not the Chinese startup, and the subject
                country = next((code for rx, code in COUNTRY_WORDS if rx.search(inner_text)), None)  # of its own
                exclude = _clause_subject(doc, found, span_end - 1)  # clause is not "the company's" owner
            other_sex = {n for n, g in sexes.items() if sex and g != sex}
            antecedent = antecedent or _antecedent(doc, found, tok.idx, want, plural, country=country,
                                                   exclude=exclude, unlike=other_sex, speaking=_speaks(tok))
            if antecedent and span_end == i + 1 and "person" in want and _someone_between(doc, found, antecedent, i):
                antecedent = None  # "xAI sued a former engineer, accusing him": him is the engineer, not Musk
            if antecedent:
                sent = layout.sent_of(doc, i)
                last = doc[span_end - 1]
                m = Mention(start=tok.idx, end=last.idx + len(last), tok=i if span_end == i + 1 else span_end - 1,
                            sent_start=sent.start_char, sent_end=sent.end_char, name=antecedent.name,
                            kind=antecedent.kind, eid=antecedent.eid, text=doc[i:span_end].text, resolved=True,
                            owner=antecedent.owner, litigant_ok=antecedent.litigant_ok, tok_start=i,
                            tok_end=span_end, group=list(antecedent.group) if plural else [])
                out.append(m)
                if sex and antecedent.kind in ("person", "judge"):
                    sexes.setdefault(antecedent.name, sex)
        i = span_end
    return out


_TITLE_SEX = re.compile(r"\b(?:(Mr|Sir|Lord)|(Mrs|Ms|Miss|Dame|Lady))\.?\s+$")


def _sexes(doc: Doc, found: MentionList) -> dict:
    """Whom the text calls Mr or Ms ("Mr. Kramer", "Ms Short"): a pronoun of the other sex is not that person."""
    text = text_of(doc)
    out: dict = {}
    for m in found:
        if m.kind in ("person", "judge"):
            t = _TITLE_SEX.search(text, max(0, m.start - 8), m.start)
            if t:
                out.setdefault(m.name, "m" if t.group(1) else "f")
    return out


def _in_subject(tok) -> bool:
    """The token is (part of) the subject of its clause: "UMG, Concord and other music companies sued ..."."""
    for _ in range(3):
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return True
        if tok.head.i == tok.i or tok.head.pos_ in ("VERB", "AUX") or tok.dep_ not in ("nmod", "compound", "conj",
                                                                                      "appos"):
            return False
        tok = tok.head
    return False


def _clause_subject(doc: Doc, found: MentionList, head_i: int) -> Optional[str]:
    """The named subject of the clause a description sits in as object or possessor ("DeepSeek used the
    US company's models": not DeepSeek)."""
    tok = doc[head_i]
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return None
    for anc in list(tok.ancestors)[:4]:
        if anc.pos_ in ("VERB", "AUX"):
            for c in anc.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    m = found.by_tok.get(c.i)
                    return m.name if m else None
            return None
    return None


def _country(m: Mention) -> Optional[str]:
    entry = gazetteer.load().get(m.eid) if m.eid else None
    return entry.country if entry else None


UNNAMED_PEOPLE = PERSON_NOUNS | {"employee", "staffer", "worker", "student", "teenager", "teen", "boy", "girl",
                                 "child", "user", "programmer", "developer", "contractor", "resident", "musician"}


def _someone_between(doc: Doc, found: MentionList, antecedent: Mention, i: int) -> bool:
    """An unnamed person ("a former engineer", "an employee") comes between a name and a person pronoun: the
    pronoun is more likely that person than the name before it."""
    for t in doc[doc[antecedent.tok].i + 1:i]:
        if t.pos_ == "NOUN" and t.lower_ in UNNAMED_PEOPLE and t.i not in found.by_tok and t.tag_ != "NNS" and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children):
            return True
    return False


def _antecedent(doc: Doc, found: MentionList, offset: int, kinds: tuple, plural: bool,
                max_back: int = 1500, country: Optional[str] = None,
                exclude: Optional[str] = None, unlike: frozenset = frozenset(),
                speaking: bool = False) -> Optional[Mention]:
    """The latest fitting mention before offset: in the same sentence the nearest one; else, in the latest
    sentence that has one, its subject if it is one, else its first (for the subject of a verb of speech, "she
    said", the one that spoke there, if one did). Plural references want a group. A description naming a
    country only takes a company of that country (when the gazetteer knows it); a pronoun never takes a
    person the text gives the other sex ("Mr. Kramer" is not "she")."""
    cands = [m for m in found if m.end <= offset and offset - m.end <= max_back and m.kind in kinds
             and not m.in_quote and m.name != exclude and (country is None or _country(m) in (None, country))
             and m.name not in unlike]
    if plural:
        groups = [m for m in cands if len(m.group) > 1]
        if groups:  # the latest group that was a subject ("UMG, Concord and ABKCO sued Anthropic ... against Suno
            subjects = [m for m in groups if _in_subject(doc[m.tok])]  # and Udio. The publishers
            return subjects[-1] if subjects else groups[-1]  # say": the publishers are UMG's group)
        subjects = [m for m in cands if m.kind == "company" and doc[m.tok].dep_ == "nsubj" and not m.resolved]
        if subjects and subjects[-1].sent_end > offset:
            return None  # "OpenAI ..., stating they are trying to distil": a company is not "they" in its own sentence
        return subjects[-1] if subjects else None
    if not cands:
        return None
    last = cands[-1]
    same = [m for m in cands if m.sent_start == last.sent_start]
    if offset < last.sent_end:  # same sentence
        return last
    sued = [m for m in same if _sued(doc[m.tok])]
    span = doc.char_span(offset, offset + 1, alignment_mode="expand") if sued else None
    if span is not None and len(span):  # "The Times sued the Sam Altman-founded company. More than a dozen
        ref = span[0].head if span[0].dep_ == "det" else span[0]  # authors ... sued the company": the one sued
        if _sued(ref):  # again is the one sued before, not who sued it
            return sued[0]
    subjects = [m for m in same if doc[m.tok].dep_ in ("nsubj", "nsubjpass") and not m.resolved]
    if speaking:  # "... if Kramer doesn't pay up, said Courtney Hostetler. “…,” she said": who spoke there
        spoke = [m for m in subjects if doc[m.tok].head.lemma_.lower() in SPEECH]
        if spoke:
            return spoke[0]
    if subjects:
        return subjects[0]
    return same[0]


def _sued(tok) -> bool:
    """The token is the object of 'sue' ("sued the company")."""
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("sue", "countersue")


def at_token(mentions: list[Mention], i: int) -> Optional[Mention]:
    for m in mentions:
        if m.tok == i:
            return m
    return None


def covering(mentions: list[Mention], doc: Doc, i: int) -> Optional[Mention]:
    """The mention whose span covers token i."""
    by_tok = getattr(mentions, "by_tok", None)
    if by_tok is not None:
        return by_tok.get(i)
    tok = doc[i]
    for m in mentions:
        if m.start <= tok.idx < m.end:
            return m
    return None


def in_subtree(mentions: list[Mention], tok, kinds=("company", "person", "agency")) -> list[Mention]:
    """Mentions inside the subtree of tok (a noun phrase), in order, each once."""
    out = []
    for t in tok.subtree:
        m = covering(mentions, tok.doc, t.i)
        if m and m.kind in kinds and m not in out:
            out.append(m)
    return out


# --------------------------------------------------------------------------- the headline as evidence
def headline_case(title: str) -> str:
    """A Title-Cased headline with its common words lower-cased ("Encyclopedia Britannica And Merriam-Webster
    Sue Perplexity" -> "... and Merriam-Webster sue Perplexity"), so the parser reads a sentence; names stay.
    Same length, so offsets into the title hold. A headline in sentence case is returned as it is."""
    words = re.findall(r"[A-Za-z][\w'’-]*", title)
    long = [w for w in words if len(w) > 3]
    if len(long) < 3 or sum(w[0].isupper() for w in long) < 0.7 * len(long):
        return title
    lower = rules.lexicon("parties_headline", "headline_lower", key="text")

    def fix(m):
        w = m.group(0)
        low = w.lower()
        if m.start() and w[0].isupper() and not w.isupper() and (low in lower or low in STOP_WORDS) and \
                len(low) == len(w):
            return low
        return w
    return re.sub(r"[A-Za-z][\w'’-]*", fix, title)


def parse_title(doc: Doc, nlp, skip=()) -> Optional[Doc]:
    """The document's title (doc._.ct_title) parsed as its own short Doc by the same pipeline, up to (not
    including) the components named in `skip` (the casetracker components that read mentions), with its
    mentions on title_doc._.ct_mentions. Stored on doc._.ct_title_doc for every later component."""
    title = re.sub(r"\s+", " ", (doc._.ct_title if doc.has_extension("ct_title") else "") or "").strip()
    if not title or nlp is None:
        doc._.ct_title_doc = None
        return None
    cased = headline_case(title)
    tdoc = nlp.make_doc(cased)
    for name, proc in nlp.pipeline:
        if name in skip:
            continue
        tdoc = proc(tdoc)
    if cased != title:
        tdoc = _with_words_of(nlp.make_doc(title), tdoc)
    tdoc._.ct_mentions = corroborated(find(tdoc), doc._.ct_mentions if doc.has_extension("ct_mentions") else None,
                                      text_of(doc))
    tdoc.user_data["ct_body"] = doc  # the text it heads (what its words mean may depend on it: stages.cues)
    doc._.ct_title_doc = tdoc
    return tdoc


def _bare(name: str) -> set:
    return {w for w in re.sub(r"[^a-z0-9 ]+", " ", name.lower()).split()
            if w not in ("the", "inc", "llc", "ltd", "corp", "co", "lp", "llp", "pbc")}


def corroborated(title_ms: list["Mention"], body_ms, body_text: str = "") -> "MentionList":
    """The headline's mentions a reader can trust: gazetteer entities, and names the body also uses (a
    Title-Cased headline makes the tagger see names in "Toss The Intercept's DMCA Suit"); a name the body
    writes in full takes the body's name ("TYR Sport" -> "TYR Sport Inc"); a government the headline makes a
    party by its suit ("Vermont's lawsuit against ...") whose place the body names (as a place: "the state")."""
    body = [m for m in body_ms or [] if not m.resolved and m.kind in ("company", "person", "agency", "outlet")]
    out = []
    for m in title_ms:
        if m.resolved:
            continue
        if m.eid or m.kind == "agency" and m.litigant_ok and m.name[:1].isupper() and body_text and \
                re.search(r"(?<!\w)" + re.escape(m.name) + r"(?!\w)", body_text):
            out.append(m)
            continue
        words = _bare(m.name)
        cands = [b for b in body if words and (words <= _bare(b.name) or
                                              _bare(b.name) <= words and len(words - _bare(b.name)) <= 1)]
        # the same name first, then a full name ending in it ("Martin" -> "George R R Martin"), then the rest
        cands.sort(key=lambda b: (_bare(b.name) != words, not (b.eid or b.kind == m.kind),
                                  b.name.split()[-1].lower() != m.name.split()[-1].lower()))
        match = cands[0] if cands else None
        if match is not None:
            m.name, m.kind, m.eid, m.owner, m.litigant_ok = match.name, match.kind, match.eid, match.owner, match.litigant_ok
            out.append(m)
    return MentionList(out)


_PARSE_ATTRS = ["HEAD", "DEP", "POS", "TAG", "LEMMA", "MORPH", "SENT_START", "ENT_IOB", "ENT_TYPE", "ENT_ID"]


def _with_words_of(original: Doc, parsed: Doc) -> Doc:
    """The headline as written (its own words, "The Intercept", "Sue") carrying the parse of its lower-cased
    form; the parsed form itself when the two do not tokenise alike."""
    if len(original) != len(parsed) or any(len(a) != len(b) for a, b in zip(original, parsed)):
        return parsed
    original.from_array(_PARSE_ATTRS, parsed.to_array(_PARSE_ATTRS))
    return original


def title_mentions(doc: Doc) -> list["Mention"]:
    """The mentions of the document's headline (offsets into the title, not the text); [] without one."""
    tdoc = doc._.ct_title_doc if doc.has_extension("ct_title_doc") else None
    return list(tdoc._.ct_mentions or []) if tdoc is not None else []
