"""Cases of a document and the roles they give its parties.

Printed captions and caption blocks (captions.py) come first; then suits described in words, read from
the dependency parse: "X sued Y", "X is suing Y", "17 authors suing OpenAI", "Y was sued by X", "X filed
a lawsuit against Y", "X's lawsuit against Y", "his lawsuit against OpenAI", "the lawsuit, filed by X",
"a lawsuit brought by X", "The New York Times copyright lawsuit against OpenAI", "X brought the case,
along with Z, targeting Y", "the suit accuses the company of ...". Coordinated names on either side all
take the role ("Disney and Universal sued Midjourney"). A suit in words becomes an inferred caption with
short names ("Musk v. OpenAI"): surname for people, company name for companies.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Optional

from spacy.tokens import Doc

from ingest.nlp import captions, case_fields, courts, gazetteer, layout, parties, reviews, rules
from ingest.nlp.dates import text_of
from ingest.nlp.mentions import ORG_NOUNS, PERSON_NOUNS, Mention, covering
from ingest.nlp.types import CaseFieldX, CaseX, Evidence, RelationX

_LEX = "parties_suits"  # patterns/parties_suits.jsonl: the lexicons of suits described in words, by role
SUE_NOUNS = rules.lexicon(_LEX, "suit_noun", key="text")
SUE_VERBS = rules.lexicon(_LEX, "sue_verb")
STRONG_SUE_NOUNS = rules.lexicon(_LEX, "strong_suit_noun", key="text")
PLURAL_SUE_NOUNS = rules.lexicon(_LEX, "plural_suit_noun", key="text")
SUIT_SPEECH_VERBS = rules.lexicon(_LEX, "suit_speech_verb")
FILE_VERBS = rules.lexicon(_LEX, "file_verb")
FACE_VERBS = rules.lexicon(_LEX, "face_verb")
HIT_VERBS = rules.lexicon(_LEX, "hit_verb")
QUANTITY_NOUNS = rules.lexicon(_LEX, "quantity_noun", key="text")
ACCUSE_VERBS = rules.lexicon(_LEX, "accuse_verb")
TARGET_VERBS = rules.lexicon(_LEX, "suit_target_verb")
CHALLENGE_VERBS = rules.lexicon(_LEX, "challenge_verb")
LAW_NOUNS = rules.lexicon(_LEX, "law_noun", key="text")
RESOLVE_VERBS = rules.lexicon(_LEX, "resolve_verb")
SERVE_VERBS = rules.lexicon(_LEX, "serve_verb")
DISPUTE_NOUNS = rules.lexicon(_LEX, "dispute_noun", key="text")
DISPUTE_VERBS = rules.lexicon(_LEX, "dispute_verb")
LEGAL_DISPUTE_WORDS = rules.lexicon(_LEX, "legal_dispute_word", key="text")
SETTLE_VERBS = {"settle", "resolve"}  # (of RESOLVE_VERBS) what a suit's two sides do, not its plaintiff or court alone
ANOTHER = {"another", "second"}  # "SAS has filed another lawsuit against Sheeran": a further suit of the same sides
MODALS = rules.lexicon(_LEX, "modal", key="text")
LEGAL_WRONG = re.compile(r"\b(?:infring\w*|violat\w*|steal\w*|stole|misappropriat\w*|breach\w*|copy\w*|copied|"
                         r"scrap\w*|pirat\w*|misus\w*|defam\w*|plagiar\w*|unlawful\w*|illegal\w*|fail\w*|neglig\w*|"
                         r"mislead\w*|misled|deceiv\w*|defraud\w*|fraud\w*|discriminat\w*|conceal\w*|broke)\b", re.I)
PARTY_KINDS = ("company", "person", "agency")
NAMING_CLAUSES = rules.lexicon(_LEX, "naming_clause")
RELATIVE = {"which", "who", "that", "whom"}  # "authors, including X", "publishers led by X", "an engineer named X"


def _party(m: Optional[Mention], outlet_ok: bool = False) -> Optional[Mention]:
    """A possible litigant. An outlet counts where it heads a side of the suit itself (Politico suing, The
    New York Times sued): only reporting makes an outlet no party (not "CDO Magazine Bureau" in a byline
    the parser ran into the subject)."""
    if m and m.resolved and m.text.lower().split()[-1:] in (["plaintiff"], ["plaintiffs"], ["defendant"],
                                                             ["defendants"]):
        return None  # "accuses the defendants of ... an association with the plaintiff": a role, not a side's name
    if m and (m.kind in PARTY_KINDS and m.litigant_ok or outlet_ok and m.kind == "outlet"):
        return m
    return None


_MEMBERS = {"shareholder", "stockholder", "investor", "user", "customer", "employee", "worker", "subscriber",
            "driver", "member", "consumer", "buyer", "purchaser", "owner", "holder", "patient", "student", "client"}


def _np_parties(doc: Doc, tok, ms) -> list[Mention]:
    """The parties a noun phrase names: its own mention and its conjuncts', or the names it includes
    ("Thirteen authors, including Sarah Silverman and Junot Diaz"; "a group of publishers led by X and Y")."""
    out: list[Mention] = []
    for t in _coordinated(doc, tok, ms):
        here = covering(ms, doc, t.i)
        m = _party(here, outlet_ok=here is not None and here.tok == t.i)
        if m is None:  # "Elon Musk's artificial intelligence company, xAI": the company its apposition names
            named = [mc for c in t.children if c.dep_ == "appos" and c.i > t.i for x in (c, *c.conjuncts)
                     for mc in [_party(covering(ms, doc, x.i))] if mc is not None and not _possessor(doc, mc)]
            owned = any(c.dep_ == "poss" for c in t.children) or any(
                _possessor(doc, x) for x in (covering(ms, doc, c.i) for c in t.subtree) if x is not None)
            if named and owned:
                for x in named:
                    if x not in out:
                        out.append(x)
                continue
        if m is None:
            for c in t.children:  # "Musk's lawyers sued": the owner; "Elon Musk's xAI sues": xAI, a name the
                if c.dep_ == "poss" and t.text != t.lower_:  # tagger missed, is no one's lawyers
                    continue
                if c.dep_ == "compound" and t.lemma_.lower() in _MEMBERS:
                    continue  # "Apple shareholders have filed ... against the company": Apple's, not Apple
                if c.dep_ in ("compound", "poss") and c.i < t.i and t.lower_ not in SUE_NOUNS:
                    m = _party(covering(ms, doc, c.i))
                    if m:
                        break
        if m is not None:
            if m.group and m.resolved:
                out.extend(x for x in _by_names(ms, m.group) if x not in out)
            elif m not in out:
                out.append(m)
            continue
        found, owners = [], []
        for sub in t.subtree:
            if sub.dep_ in ("relcl", "acl") and sub.lemma_.lower() not in NAMING_CLAUSES or \
                    sub.dep_ == "compound" and sub.head.lemma_.lower() in _MEMBERS:
                continue
            m = _party(covering(ms, doc, sub.i))
            if m and m not in out and m not in found and m not in owners and _within(sub, t):
                (owners if _possessor(doc, m) else found).append(m)
        # "Elon Musk's artificial intelligence startup, xAI, has filed": the startup, not its owner (an owner
        # whose own units sue with others stays: "The Yomiuri Shimbun's three headquarters ... and The Mainichi")
        out.extend(found + [o for o in owners if not any(0 < f.tok_start - o.tok_end <= 6 for f in found)])
    return out


def _possessor(doc: Doc, m: Mention) -> bool:
    """The mention owns what follows it ("Elon Musk's startup"): its last word takes a possessive 's."""
    end = doc[m.tok]
    return any(c.dep_ == "case" and c.lower_ in ("'s", "’s", "'", "’") for c in end.children) or (
        end.i + 1 < len(doc) and doc[end.i + 1].lower_ in ("'s", "’s") and doc[end.i + 1].tag_ == "POS")


CHARGE_VERBS = {"accuse", "allege", "charge", "target"}  # a suit's verbs whose object is its defendant
INTENT = rules.lexicon(_LEX, "intent_verb")
# who a suit's described subject may be ("an independent country singer", "three newspaper companies")
UNNAMED_SUBJECTS = rules.lexicon(_LEX, "unnamed_subject", key="text")


def _unrealised(verb) -> bool:
    """'Musk had threatened to sue Apple', 'they could sue', 'plans to sue': a suit not (yet) brought."""
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in INTENT


FALSE_REPORT = rules.lexicon(_LEX, "false_report", key="text")


def _falsely_told(tok) -> bool:
    """'Google's AI Overview falsely stated that the company faced a lawsuit from the Attorney General': a suit
    inside what someone said falsely was never brought."""
    for _ in range(6):
        if any(c.dep_ == "advmod" and c.lower_ in FALSE_REPORT for c in tok.children):
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _coordinated(doc: Doc, tok, ms) -> list:
    """tok and the names coordinated with it, also when the parser hangs a list on an apposition ("John
    Grisham, Jodi Picoult, and George R R Martin": Picoult appos of Grisham, Martin conj of Picoult)."""
    out = [tok, *tok.conjuncts]
    first = covering(ms, doc, tok.i)
    for c in tok.children:  # "sued Apple and ChatGPT maker OpenAI": the parser hangs "Apple and ..." as a modifier
        if c.dep_ == "nmod" and c.i < tok.i and any(x.dep_ == "cc" for x in c.children):
            m = covering(ms, doc, c.i)
            if m is not None and first is not None and m.kind == first.kind and m.name != first.name:
                out.insert(0, c)
    for t in list(out):
        for c in t.children:
            if c.dep_ == "appos" and c not in out:
                m = covering(ms, doc, c.i)
                if first is not None and m is not None and m.kind == first.kind and m.name != first.name:
                    out += [c, *(x for x in c.conjuncts if x not in out)]
                elif first is not None and m is None:  # "OpenAI, some of OpenAI's business units and Microsoft"
                    for x in c.subtree:
                        mx = covering(ms, doc, x.i)
                        if x.dep_ == "conj" and mx is not None and mx.kind == first.kind and x not in out:
                            out.append(x)
    return out


def _within(sub, top) -> bool:
    """sub is in top's noun phrase, not inside a clause or an 'against'/'over' phrase hanging from it."""
    t = sub
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ in ("advcl", "ccomp") or t.dep_ in ("acl", "relcl") and t.lemma_.lower() not in NAMING_CLAUSES or (
                t.dep_ == "prep" and t.lower_ in ("against", "over", "for", "on",
                                                                                        "in", "at", "from", "with")):
            return False
        t = t.head
    return True


def _by_names(ms, names) -> list[Mention]:
    out = []
    for n in names:
        m = next((x for x in ms if x.name == n and not x.resolved), None)
        if m:
            out.append(m)
    return out


def _relative_head(tok):
    """'Perplexity, which is also being sued by ...', 'GEMA, which filed the case': the noun a relative
    pronoun stands for (its clause's head); None for any other word."""
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
        return tok.head.head
    return None


def _along_with(doc, noun, ms) -> list[Mention]:
    """'The Authors Guild, along with John Grisham and Jodi Picoult, filed ...': the names joined to a noun by
    'along with' / 'together with' / 'joined by' hanging on the noun itself."""
    out: list[Mention] = []
    for child in noun.children:
        if child.dep_ in ("prep", "advmod", "acl") and child.lower_ in ("along", "together", "joined"):
            for w in child.children:
                if w.lower_ in ("with", "by"):
                    out += [m for o in w.children if o.dep_ == "pobj" for m in _np_parties(doc, o, ms) if m not in out]
                elif w.dep_ == "pobj" and child.lower_ == "joined":
                    out += [m for m in _np_parties(doc, w, ms) if m not in out]
        elif child.dep_ == "prep" and child.lower_ == "with" and child.i > noun.i and noun.dep_ in ("nsubj",) and \
                any(t.lower_ == "along" for t in doc[max(0, child.i - 1):child.i]):
            out += [m for o in child.children if o.dep_ == "pobj" for m in _np_parties(doc, o, ms) if m not in out]
    return out


def _np_with_relative(doc, tok, ms) -> list[Mention]:
    head = _relative_head(tok)
    owned = _owned_by(head) if head is not None else None
    if owned is not None:  # "a coalition of 17 news publications owned or operated by MediaNews Group and Tribune
        return _member_of(doc, owned, ms)  # Publishing that have sued OpenAI": the publications sued, not their owners
    found = _np_parties(doc, head if head is not None else tok, ms)
    return found + [m for m in _along_with(doc, tok, ms) if m not in found]


def _owned_by(tok):
    """The noun a participle's agent modifies ("publications" of "publications owned or operated by MediaNews
    Group and Tribune Publishing"), where tok is (a conjunct of) that agent; else None."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    agent = tok.head
    if tok.dep_ != "pobj" or agent.dep_ != "agent" or agent.lower_ != "by":
        return None
    part = agent.head
    while part.dep_ == "conj" and part.head.i != part.i:
        part = part.head
    return part.head if part.dep_ == "acl" and part.tag_ == "VBN" else None


def _member_of(doc, noun, ms) -> list[Mention]:
    """The named parties of a noun, or who the text says is one of them ("The Chicago Tribune is part of a
    coalition of 17 news publications")."""
    found = _np_parties(doc, noun, ms)
    t = noun
    for _ in range(5):
        if found or t.head.i == t.i:
            break
        t = t.head
        if t.lemma_ == "be" and t.pos_ == "AUX" or t.pos_ == "VERB" and t.lemma_ in ("join", "include"):
            found = [m for c in t.children if c.dep_ == "nsubj" for m in _np_parties(doc, c, ms)]
            break
    return found


def _subjects(doc, verb, ms) -> list[Mention]:
    subjects = sorted((c for c in verb.children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - verb.i))
    for child in subjects:
        found = _np_with_relative(doc, child, ms)
        if not found and verb.head.i != verb.i and verb.dep_ == "relcl":
            return _np_parties(doc, verb.head, ms)
        if found and len(subjects) > 1:  # "The Yomiuri Shimbun's headquarters ..., and The Mainichi Shimbun also
            ordered: list[Mention] = []  # filed": a list the parser left as two subjects, in the text's order
            for subject in sorted(subjects, key=lambda c: c.i):
                ordered += [m for m in (found if subject is child else _np_with_relative(doc, subject, ms))
                            if m not in ordered]
            found = ordered
        return found
    if verb.dep_ == "acl" and verb.head.i != verb.i:  # "17 authors suing OpenAI"
        noun = verb.head
        found = _np_parties(doc, noun, ms)
        if not found and noun.dep_ in ("attr", "pobj"):
            cop = noun.head if noun.dep_ == "attr" else noun.head.head
            for c in cop.children:
                if c.dep_ == "nsubj":
                    return _np_parties(doc, c, ms)
        return found
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return _subjects(doc, verb.head, ms)
    return []


_PERSON_DESCRIPTIONS = {"singer", "musician", "songwriter", "photographer", "actor", "actress", "programmer", "employee",
                        "mother", "father", "parent", "user"}
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _apart(tok) -> bool:
    """The suits a plural names were brought one by each plaintiff ("separately filed lawsuits", "each sued")."""
    verb = tok if tok.pos_ == "VERB" else tok.head
    return any(c.lower_ in ("separately", "individually", "each") and c.dep_ in ("advmod", "det", "nsubj", "appos")
               for c in (*verb.children, *tok.children))


def _hit_apart(tok) -> bool:
    """Suits a plural names that hit several defendants one each ("has hit Google and OpenAI with separate proposed
    class actions")."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "with" and tok.head.head.lemma_.lower() in HIT_VERBS and any(
        c.dep_ == "amod" and c.lower_ in ("separate", "individual") for c in tok.children)


def _named_next(doc, verb, sent, ms, against=(), subj=None) -> list[Mention]:
    """A suit brought by someone described, not named ("An independent country singer has filed ... against
    Udio and Suno", "Three Japanese newspaper companies separately filed lawsuits ..."), whom the next sentence
    names as its subjects ("Tony Justice and his label 5th Wheel Records Inc. said ...", "The Asahi Shimbun is
    seeking ..., while The Nikkei ..."): those names, as many as the description counts."""
    if subj is None:  # (or ``subj``: the describing noun where it is no subject: "hit with a lawsuit by two authors")
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ != "NOUN" or covering(ms, doc, subj.i) is not None:
        return []
    if subj.lower_ not in UNNAMED_SUBJECTS and subj.lemma_.lower() not in UNNAMED_SUBJECTS:
        return []
    count = next((_NUMBER_WORDS.get(c.lower_, int(c.text) if c.text.isdigit() else 0) for c in subj.children
                  if c.dep_ == "nummod"), 0)
    if not count and not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subj.children):
        return []
    nxt = sent
    while nxt.end < len(doc):  # (a closing quote or a blank line may stand as a sentence of its own)
        nxt = layout.sent_of(doc, nxt.end)
        if any(t.is_alpha for t in nxt):
            break
    if nxt is sent or not any(t.is_alpha for t in nxt):
        return []
    names: list[Mention] = []
    for t in nxt:  # the subjects of the sentence's own verbs (not of a clause it reports: "the newspapers allege
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX") and (  # that Microsoft ... used")
                t.head.dep_ in ("ROOT", "conj", "advcl") or t.head.i == nxt.root.i):
            found = _np_parties(doc, t, ms)
            for x in (t, *t.conjuncts):  # a newspaper is a party where it sues ("The Nikkei is seeking ...")
                m = _party(covering(ms, doc, x.i), outlet_ok=True)
                if m is not None and m not in found:
                    found.append(m)
            names += [m for m in found if m not in names]
    sued = {m.name for m in against}
    if any(m.name in sued for m in names):
        return []  # the next sentence speaks of those sued, not of who sued
    lemma = subj.lemma_.lower()
    if lemma in ORG_NOUNS:  # "A Minnesota solar company is suing Google ... Ellison did sue four companies": a
        names = [m for m in names if m.kind != "person"]  # company the description names is no person
    elif lemma in PERSON_NOUNS | _PERSON_DESCRIPTIONS:
        names = [m for m in names if m.kind == "person"]
    if names and count > len(names):  # "..., while The Nikkei is seeking ... and The Chunichi Shimbun about ...":
        for m in ms:  # the counted rest among the sentence's other names (the parser lost the ellipsis)
            if nxt.start_char <= m.start < nxt.end_char and not m.resolved and m not in names and \
                    _party(m, outlet_ok=True) is not None and len(names) < count:
                names.append(m)
    return names[:count] if count else names


_KIN = {"father", "mother", "parent", "parents", "family", "families", "widow", "widower", "wife", "husband", "son",
        "daughter", "sister", "brother", "child", "children", "estate", "relatives", "stepfather", "stepmother"}


def _kin_named(doc, verb, sent, ms, against=()) -> list[Mention]:
    """A suit brought by an unnamed relative over a named person's death or harm ("A Florida father is suing Google
    over his son's death, claiming that the Gemini chatbot fuelled a delusional spiral that led his 36-year-old son,
    Jonathan Gavalas, to commit suicide"): the relative bears the family's name, which the named relative gives
    (the caption "Gavalas v. Google"): the person the sentence names as the kin of "his", "her" or "their"."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ != "NOUN" or subj.lemma_.lower() not in _KIN or covering(ms, doc, subj.i) is not None:
        return []
    sued = {m.name for m in against}
    for t in sent:
        if t.lemma_.lower() in _KIN and t.i != subj.i and any(c.dep_ == "poss" and c.lower_ in ("his", "her", "their")
                                                            for c in t.children):
            for c in t.children:
                m = _party(covering(ms, doc, c.i)) if c.dep_ == "appos" else None
                if m is not None and m.kind == "person" and not m.resolved and m.name not in sued:
                    return [m]
    return []


_BY_WORDS = {"by", "behalf", "from", "filed", "brought", "plaintiff", "plaintiffs"}


def _against_list(doc, pl: list, df: list) -> tuple[list, list]:
    """'... on behalf of A, B and a class of artists against Stability AI Ltd.; Stability AI, Inc.; DeviantArt,
    Inc.; and Midjourney, Inc.': names the parser hung on the plaintiffs' list that come after the first
    defendant, with no "by" or "on behalf of" between, continue the defendants' list."""
    if not pl or not df:
        return pl, df
    first = min(df, key=lambda m: m.start)
    moved = [m for m in pl if m.start > first.end and m.sent_start == first.sent_start and not any(
        t.lower_ in _BY_WORDS for t in doc[first.tok_end:m.tok_start])]
    if not moved or len(moved) == len(pl):
        return pl, df
    return [m for m in pl if m not in moved], df + [m for m in moved if m not in df]


def _objects(doc, verb, deps=("dobj", "obj")) -> list:
    return [c for c in verb.children if c.dep_ in deps]


def _including_suit(tok):
    """The plural suit filed that a list of suits hangs under ("filed four lawsuits against major social media
    companies, including similar complaints against Meta and TikTok" -> "lawsuits"), or None."""
    inc = tok.head
    if tok.dep_ != "pobj" or inc.lower_ not in ("including", "like") or inc.dep_ != "prep":
        return None
    t = inc.head
    for _ in range(3):
        if t.lower_ in PLURAL_SUE_NOUNS and t.dep_ == "dobj" and t.head.lemma_.lower() in FILE_VERBS | SUE_VERBS:
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _resolved_with(doc, tok, ms) -> list[tuple[list[Mention], list[Mention]]]:
    """A regulator's suits a resolving verb names one by one, each against one of the names its 'with' or
    'against' lists ("Recent actions by the SEC include settling cases with major players like Coinbase, Kraken,
    and Ripple Labs": SEC v. Coinbase, SEC v. Kraken, SEC v. Ripple Labs). 'with' leaves open who sued whom, but an
    agency's cases with companies are its own enforcement suits; 'against' names the defendants whoever resolves."""
    verb = tok.head
    if tok.lower_ not in PLURAL_SUE_NOUNS or tok.dep_ != "dobj" or tok.head.lemma_.lower() not in RESOLVE_VERBS or \
            verb.pos_ != "VERB" or _unrealised(verb):
        return []
    who = _subjects(doc, verb, ms)
    if not who:
        return []
    for prep in ("against", "with"):
        others = _prep_objs(doc, tok, (prep,), ms) or _prep_objs(doc, verb, (prep,), ms)
        others = [m for m in others if m.name not in {w.name for w in who}]
        if not others:
            continue
        if prep == "with" and not (all(w.kind == "agency" for w in who) and all(m.kind != "agency" for m in others)):
            return []
        return [(who, [m]) for m in others]
    return []


def _wrongdoers(doc, verb, ms) -> list[Mention]:
    """Whom a suit's claim says did the wrong: the subjects of the clause its verb reports ("the lawsuit alleges
    that Musk violated its terms", "claims that Intuitive Surgical Inc. failed to warn his wife")."""
    return [m for c in verb.children if c.dep_ == "ccomp" and LEGAL_WRONG.search(c.text)
            for sj in c.children if sj.dep_ == "nsubj" for m in _np_parties(doc, sj, ms)]


def _on_behalf(doc, head, ms) -> list[Mention]:
    """'a lawsuit filed on behalf of Sarah Andersen, Kelly McKernan and Karla Ortiz': the plaintiffs."""
    out: list[Mention] = []
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "on":
            for b in child.children:
                if b.lower_ == "behalf":
                    for of in b.children:
                        if of.lower_ == "of":  # the names themselves, not "LinkedIn Premium users"
                            out += [m for o in of.children if o.dep_ == "pobj" for m in _np_parties(doc, o, ms)
                                    if m not in out and any(m.tok_start <= x.i < m.tok_end for x in (o, *o.conjuncts))]
    return out


def _by_surface(doc, verb, ms) -> list[Mention]:
    """'a trademark infringement lawsuit brought by the Silicon Valley wearables device company IYO Inc.', where the
    parser lost the agent's noun phrase (it read "wearables" as a verb): the first name after the verb's "by", read
    from the words up to a comma, a preposition or a conjunction (the describing words before a name)."""
    by = next((c for c in verb.children if c.dep_ == "agent" and c.lower_ == "by"), None)
    if by is None:
        return []
    sent = layout.sent_of(doc, by.i)
    for t in doc[by.i + 1:min(sent.end, by.i + 10)]:
        m = _party(covering(ms, doc, t.i), outlet_ok=True)
        if m is not None:
            return [m]
        if t.is_punct and t.text not in "-–" or t.pos_ in ("ADP", "CCONJ", "SCONJ", "PRON", "AUX") or t.is_space:
            return []
    return []


_CLAIM_NOUNS = {"claim", "claims", "complaint", "allegation", "allegations"}
_TRIAL_NOUNS = {"trial", "trials", "fight", "battle", "dispute", "showdown"}


def _claimed_against(doc, noun, ms) -> list[Mention]:
    """Whom the clause of a party's claim says did the wrong: "the Oakland trial over Musk's claim OpenAI abandoned
    its nonprofit mission", "X's claim that Y copied ...": the named subject of the finite verb right after the noun
    (or after its "that"), which the parser may hang elsewhere."""
    over = noun.head
    if noun.dep_ != "pobj" or over.lower_ not in ("over", "about") or over.head.lower_ not in SUE_NOUNS | _TRIAL_NOUNS:
        return []  # (a claim a suit is over; not one claim of a suit told elsewhere: "Garcia's claim that Google is
    j = noun.i + 1  # liable", nor "Anthropic claims MiniMax shifted tactics")
    if j < len(doc) and doc[j].lower_ == "that":
        j += 1
    m = _party(covering(ms, doc, j)) if j < len(doc) else None
    if m is None or m.tok_start != j:
        return []
    subj = doc[m.tok]
    verb = subj.head
    if subj.dep_ == "nsubj" and verb.pos_ in ("VERB", "AUX") and verb.tag_ in ("VBD", "VBZ", "VBP", "MD") and \
            verb.i > subj.i and m.tok_end <= verb.i <= m.tok_end + 3:
        return [m]
    return []


def _filed_as(doc, verb, ms) -> list[Mention]:
    """The person who filed under a name the filing gives ("The case was filed ... with the former professor, who
    filed as Jane Doe"): the plaintiff, named as the suit names her."""
    return [m for t in verb.subtree if t.lemma_.lower() in FILE_VERBS and t.pos_ == "VERB"
            for c in t.children if c.dep_ == "prep" and c.lower_ == "as"
            for o in c.children if o.dep_ == "pobj"
            for m in [_party(covering(ms, doc, o.i))] if m is not None and m.kind == "person"]


def _headline_subjects(doc, verb, ms) -> list[Mention]:
    """The name a headline's infinitive clause opens with, which the parser leaves no subject ("iTutorGroup to pay
    $365,000 to settle ...": iTutorGroup, hung as 'dep' on 'pay')."""
    v = verb
    while v.dep_ in ("xcomp", "advcl", "conj") and v.head.i != v.i:
        v = v.head
    if v.dep_ != "ROOT" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
        return []
    return [m for c in v.children if c.dep_ in ("dep", "nsubj", "npadvmod") and c.i < v.i
            for m in _np_parties(doc, c, ms)]


def _relief_against(doc, verb, ms) -> list[Mention]:
    """Whom a suit asks the court to keep from acting: the object of an enjoining verb its asking verb takes, kept
    "from" doing something ("The lawsuit ... seeks to permanently enjoin California AG Rob Bonta from enforcing the
    provisions of AB 2013": Bonta, the suit's defendant; a suit challenging a law names the official it would stop)."""
    out: list[Mention] = []
    for v in (verb, *verb.conjuncts):
        if v.lemma_.lower() not in REQUEST_VERBS or v.pos_ != "VERB":
            continue
        for x in v.children:
            if x.dep_ != "xcomp" or x.lemma_.lower() not in ENJOIN_VERBS or not any(
                    c.dep_ == "prep" and c.lower_ == "from" for c in x.children):
                continue
            out += [m for o in _objects(doc, x) for m in _np_parties(doc, o, ms)
                    if m not in out and not (m.group and m.resolved)]
    return out


def _disputed(doc: Doc, tok, ms, court_named) -> tuple[list[Mention], list[Mention]]:
    """The two sides of a legal dispute they are locked in ("Emotional Perception AI and the UK Intellectual
    Property Office have been locked in a battle over ...", "X is embroiled in a legal fight with Y"): the first
    named side and the other(s), in the text's order (who sued whom is not said). A battle is a legal one when
    its words say so ("legal battle", "patent dispute") or a court is named next to it (court_named(), asked last).
    A dispute "between" two named sides ("A legal fight between Alcon Entertainment (the company behind Blade Runner
    2049) and Tesla took a big step") has the same two sides, whatever the verb."""
    if tok.lower_ not in DISPUTE_NOUNS:
        return [], []
    between = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "between"), None)
    if between is not None:
        pl, df = _between_sides(doc, between, ms)
    elif tok.dep_ != "pobj" or tok.head.lower_ != "in" or tok.head.head.lemma_.lower() not in DISPUTE_VERBS:
        return [], []
    else:
        pl, df = _locked_sides(doc, tok, ms)
    if not pl or not df or {m.name for m in pl} & {m.name for m in df}:
        return [], []
    legal = any(c.dep_ in ("amod", "compound") and c.lower_ in LEGAL_DISPUTE_WORDS for c in tok.children)
    return (pl, df) if legal or court_named() else ([], [])


def _locked_sides(doc: Doc, tok, ms) -> tuple[list[Mention], list[Mention]]:
    """"X and Y are locked in a battle", "X is embroiled in a legal fight with Y": the subjects, and those the
    dispute or its verb is "with" or "against"."""
    verb = tok.head.head
    sides = [m for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for m in _np_parties(doc, c, ms)]
    other = [m for m in _prep_objs(doc, tok, ("with", "against"), ms) + _prep_objs(doc, verb, ("with", "against"), ms)
             if m not in sides]
    return (sides, other) if other else (sides[:1], sides[1:])


def _between_sides(doc: Doc, between, ms) -> tuple[list[Mention], list[Mention]]:
    """The two sides "between A and B" names: A, the parties of its object; B, the party right after the first "and"
    that follows A outside brackets (the parser hangs "and Tesla" elsewhere when a bracket comes between)."""
    objs = [c for c in between.children if c.dep_ == "pobj"]
    if not objs:
        return [], []
    first = _np_parties(doc, objs[0], ms)
    if not first:
        return [], []
    if len(first) >= 2:  # "between Getty Images and Stability AI": the parser coordinated them
        return first[:1], first[1:]
    m = first[0]
    sent_end, depth, i = between.sent.end, 0, max(objs[0].i + 1, m.tok_end)
    while i < sent_end:
        t = doc[i]
        if t.text in "([":
            depth += 1
        elif t.text in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0 and t.lower_ == "and":
            j = i + 1
            while j < sent_end and doc[j].lower_ in ("the", "its", "rival"):
                j += 1
            other = _party(covering(ms, doc, j)) if j < sent_end else None
            return ([m], [other]) if other is not None and other is not m else ([], [])
        elif depth == 0 and (t.dep_ == "ROOT" or t.text in ",;:"):
            break
        i += 1
    return [], []


def _prep_objs(doc, head, preps, ms) -> list[Mention]:
    out = []
    for child in head.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    out += [m for m in _np_parties(doc, obj, ms) if m not in out]
        if child.dep_ == "prep" and child.lower_ == "along":  # "along with"
            for w in child.children:
                if w.lower_ == "with":
                    for obj in w.children:
                        out += [m for m in _np_parties(doc, obj, ms) if m not in out] if "along" in preps else []
    return out


def _after_number(doc: Doc, tok, sent) -> list:
    """The participle after a suit's number ("Commercial IP Suit No. 30262 of 2025 filed by Asha Bhosle against
    Mayk Inc"): the suit's own, wherever the parser hung it."""
    i = tok.i + 1
    if i >= sent.end or doc[i].lower_ not in ("no", "no.", "number"):
        return []
    i += 1
    while i < min(sent.end, tok.i + 9) and (doc[i].text in (".", ":", "of", "/") or doc[i].like_num or
                                               re.fullmatch(r"[\w/-]*\d[\w/-]*", doc[i].text)):
        i += 1
    if i < sent.end and doc[i].tag_ == "VBN" and doc[i].lemma_.lower() in FILE_VERBS and doc[i].head.i != tok.i:
        return [doc[i]]
    return []


def described(doc: Doc, ms, halves: Optional[list] = None, background: Optional[list] = None,
              apart: Optional[list] = None, again: Optional[list] = None, disputes: Optional[list] = None
              ) -> list[tuple[list[Mention], list[Mention], int, int]]:
    """(plaintiffs, defendants, sentence start, sentence end) of suits described in words. Suits with one
    side only ("eight newspapers sued OpenAI"; "the lawsuit was filed by the New York Daily News, ...") go
    to ``halves`` when given, as (plaintiffs, defendants, start, end, the suit was named with "the", the words
    name a suit for certain: "sue" or "lawsuit", not "claim"); several
    suits named by a plural ("Perplexity is facing lawsuits from News Corp, Dow Jones and the New York Post")
    go to ``background`` when given: they give roles, not one caption. The suits one plural names one by one
    ("separately filed lawsuits", "a pair of class actions against Udio and Suno") go to ``apart`` as the list
    of their places in the result: companion suits. A suit told as a further one ("SAS has filed another lawsuit
    against Sheeran") goes to ``again`` as its place in the result: a second suit of sides the text may already
    have a suit of. Legal disputes whose two sides the text names without saying who sued ("X and Y have been
    locked in a battle over ...") go to ``disputes`` when given: a case only where the text has no other."""
    out = []
    text, sent_list = text_of(doc), list(layout.sents(doc))

    def court_near(sent):  # a court named in the dispute's sentence or the two after it (asked only of a dispute)
        def named() -> bool:
            after = [s for s in sent_list if s.start_char >= sent.start_char][:3] or [sent]
            return bool(courts.find(text[sent.start_char:after[-1].end_char]))
        return named

    for sent in layout.sents(doc):
        for tok in sent:
            lemma = tok.lemma_.lower()
            if disputes is not None:
                pl, df = _disputed(doc, tok, ms, court_near(sent))
                if pl and df:  # "X and Y have been locked in a battle over ...": a legal dispute's two sides
                    disputes.append((pl, df, sent.start_char, sent.end_char))
                    continue
            pl, df = [], []
            served: list[bool] = []  # "the proceedings are against X": a suit's defendant, for certain
            named_by: list[Mention] = []
            if (lemma in SUE_VERBS or tok.lower_ in SUE_NOUNS) and _falsely_told(tok):
                continue
            resolved = _resolved_with(doc, tok, ms)
            if resolved:  # "the SEC settled cases with Coinbase, Kraken and Ripple Labs": one suit each
                out.extend((pl, df, sent.start_char, sent.end_char) for pl, df in resolved)
                continue
            outer = None  # the plural suit a list of suits hangs under (_including_suit)
            carrier = tok  # "filed a pair of class actions against ...": the quantity carries the suits' place
            if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in QUANTITY_NOUNS:
                carrier = tok.head.head
            if lemma in SUE_VERBS and tok.pos_ == "VERB" and not _unrealised(tok):
                if any(c.dep_ == "auxpass" for c in tok.children):  # "Y was sued by X"
                    df = [m for c in tok.children if c.dep_ == "nsubjpass" for m in _np_with_relative(doc, c, ms)]
                    pl = _prep_objs(doc, tok, ("by",), ms)
                else:
                    pl = _subjects(doc, tok, ms)
                    df = [m for o in _objects(doc, tok) for m in _np_parties(doc, o, ms)]
                    pl += [m for m in _prep_objs(doc, tok, ("along",), ms) if m not in pl]
                    if not pl and tok.tag_ == "VBG":  # "two studios, Disney and Universal, suing Midjourney";
                        for t in reversed(doc[max(sent.start, tok.i - 12):tok.i]):  # "add WBD to the list of
                            if t.pos_ in ("VERB", "AUX"):  # companies suing Midjourney": the names just before
                                break
                            m = _party(covering(ms, doc, t.i), outlet_ok=True)
                            if m is not None and m not in pl and m not in df:
                                pl.insert(0, m)
            elif tok.lower_ in SUE_NOUNS and tok.pos_ in ("NOUN", "PROPN"):
                df = _prep_objs(doc, tok, ("against",), ms)
                pl = [m for c in tok.children if c.dep_ == "poss" for m in _np_parties(doc, c, ms)]
                named_by = [m for c in tok.children if c.dep_ in ("compound", "nmod", "amod") and c.i < tok.i
                            for m in _np_parties(doc, c, ms) if m not in pl]
                pl += named_by
                pl += [m for m in _prep_objs(doc, tok, ("by", "from"), ms) if m not in pl]
                pl += [m for m in _on_behalf(doc, tok, ms) if m not in pl]
                nxt = doc[tok.i + 1] if tok.i + 1 < sent.end else None  # "the damages case brought against Naver by
                hung = [nxt] if nxt is not None and nxt.dep_ == "acl" and nxt.tag_ == "VBN" and nxt.head.i != tok.i \
                    else []  # KBS": the parser hung the suit's own participle on a noun before it
                hung += _after_number(doc, tok, sent)  # "Commercial IP Suit No. 30262 of 2025 filed by A against B"
                for child in [*tok.children, *hung]:
                    if (child.dep_ in ("acl", "relcl") or child in hung) and child.lemma_.lower() in FILE_VERBS:
                        pl += [m for m in _prep_objs(doc, child, ("by",), ms) + _on_behalf(doc, child, ms) if m not in pl]
                        if not pl:
                            pl = _by_surface(doc, child, ms)
                        df += [m for m in _prep_objs(doc, child, ("against",), ms) if m not in df]
                    elif child.dep_ == "acl" and child.tag_ == "VBG" and child.lemma_.lower() in ACCUSE_VERBS | \
                            TARGET_VERBS:  # "Musk filed a lawsuit accusing OpenAI of ...": the accused
                        df += [m for o in _objects(doc, child) for m in _np_parties(doc, o, ms) if m not in df]
                        df += [m for m in _wrongdoers(doc, child, ms) if m not in df]  # "a suit filed by Akira
                        # Nandan, claiming that the defendant Sambhawaami Studios LLP created ..."
                for t in tok.subtree:  # "A 2023 lawsuit led by actress and author Sarah Silverman, which alleges
                    if not df and t.dep_ == "relcl" and t.lemma_.lower() in CHARGE_VERBS | {"claim"} and any(
                            c.dep_ == "nsubj" and c.lower_ == "which" for c in t.children):  # Meta misused ..."
                        df = _wrongdoers(doc, t, ms)  # (the parser hung "which" on the name before it)
                head = carrier.head
                if carrier.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in FILE_VERBS:
                    if carrier.dep_ == "dobj":
                        pl += [m for m in _subjects(doc, head, ms) if m not in pl]
                    else:
                        pl += [m for m in _prep_objs(doc, head, ("by",), ms) if m not in pl]
                        if not pl:  # "The case was filed ... with the former professor, who filed as Jane Doe"
                            pl += _filed_as(doc, head, ms)
                        if not pl:  # "was filed by regional daily newspapers ..., including the New York Daily News"
                            for t in sent:
                                if t.lower_ in ("including", "led") and t.dep_ in ("prep", "acl") and t.i > head.i:
                                    pl += [m for o in t.subtree if o.dep_ in ("pobj", "conj", "appos")
                                           for m in [_party(covering(ms, doc, o.i), outlet_ok=True)] if m and m not in pl]
                    pl += [m for m in _prep_objs(doc, head, ("along",), ms) + _on_behalf(doc, head, ms) if m not in pl]
                    df += [m for m in _prep_objs(doc, head, ("against",), ms) if m not in df]
                    for c in head.children:
                        if c.dep_ in ("advcl", "xcomp", "conj") and c.lemma_.lower() in TARGET_VERBS:
                            df += [m for o in _objects(doc, c) for m in _np_parties(doc, o, ms) if m not in df]
                elif tok.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_.lower() in HIT_VERBS:
                    hit = head.head  # "Salesforce was hit with a class action lawsuit by two authors"
                    # a headline drops the auxiliary ("OpenAI, Microsoft hit with new author copyright lawsuit"):
                    # a 'hit' with a subject and no object is passive, its subject the one hit
                    passive = any(c.dep_ == "auxpass" for c in hit.children) or not any(
                        c.dep_ in ("dobj", "obj") for c in hit.children)
                    df += [m for c in hit.children if c.dep_ in (("nsubjpass", "nsubj") if passive else ("dobj",))
                           for m in _np_parties(doc, c, ms) if m not in df]
                    by = [o for c in (*hit.children, *tok.children) if c.dep_ in ("agent", "prep") and c.lower_ == "by"
                          for o in c.children if o.dep_ == "pobj"]
                    pl += [m for m in (_subjects(doc, hit, ms) if not passive else []) +
                           [m for o in by for m in _np_parties(doc, o, ms)] if m not in pl]
                    if df and not pl and (by or not passive):  # ("A California man has hit Google and OpenAI
                        pl = _named_next(doc, hit, sent, ms, df, subj=by[0] if by else None)  # with separate ...")
                elif carrier.dep_ == "dobj" and head.lemma_.lower() in SETTLE_VERBS and pl and not df and any(
                        m.eid or m.kind in ("agency", "person") or any(c.dep_ == "case" for c in doc[m.tok].children)
                        for m in pl):
                    # "iTutorGroup to pay $365,000 to settle EEOC age bias suit": who settles a suit another
                    # brought is its defendant (a known party, a person or one in the possessive: the brand a
                    # "Stitzel-Weller trademark lawsuit" is about brought nothing)
                    df = [m for m in _subjects(doc, head, ms) or _headline_subjects(doc, head, ms)
                          if m.name not in {p.name for p in pl}]
                elif carrier.dep_ == "dobj" and head.lemma_.lower() in SERVE_VERBS:  # "leave to serve the proceedings
                    df += [m for t in doc[head.i + 1:sent.end] if t.lower_ == "on" and t.dep_ in ("prep", "conj")
                           for o in t.children if o.dep_ == "pobj"  # outside the jurisdiction on BNN ...; and on
                           for m in _np_parties(doc, o, ms) if m not in df]  # US-based Microsoft Corporation"
                elif tok.i + 1 < sent.end and doc[tok.i + 1].lemma_ == "be" and not df:  # "the proceedings are also
                    df += _prep_objs(doc, doc[tok.i + 1], ("against",), ms)  # against Microsoft Operations Ireland"
                    served.append(bool(df))
                elif tok.dep_ == "nsubj" and head.lemma_.lower() == "come":  # "The complaint ... comes from X"
                    pl += [m for m in _prep_objs(doc, head, ("from",), ms) if m not in pl]
                elif tok.dep_ == "dobj" and head.lemma_.lower() in FACE_VERBS:  # "Perplexity is facing lawsuits
                    df += [m for m in _subjects(doc, head, ms) if m not in df]  # from News Corp, Dow Jones, ..."
                    pl += [m for m in _prep_objs(doc, head, ("from", "by"), ms) if m not in pl]
                if pl and not df and tok.lower_ in _CLAIM_NOUNS:
                    df = _claimed_against(doc, tok, ms)  # "the trial over Musk's claim OpenAI abandoned its mission"
                if pl and not df and tok.dep_ == "nsubj":  # "his lawsuit (filed in 2024) accused OpenAI CEO Sam Altman"
                    for v in (head, *head.conjuncts):
                        if v.lemma_.lower() in ACCUSE_VERBS and v.pos_ == "VERB":
                            df = [m for o in _objects(doc, v) for m in _np_parties(doc, o, ms)]
                            if not df:  # "the lawsuit, filed by OpenAI, alleges that Musk violated its terms"
                                df = _wrongdoers(doc, v, ms)
                            break
                if not df and tok.dep_ == "nsubj":  # "The lawsuit ... seeks to permanently enjoin California AG Rob
                    df = _relief_against(doc, head, ms)  # Bonta from enforcing ...": whom it asks a court to stop
                if not df:  # "xAI filed a lawsuit seeking to enjoin the attorney general from enforcing the law"
                    for child in tok.children:
                        if child.dep_ == "acl" and child.tag_ == "VBG":
                            df = _relief_against(doc, child, ms)
                            if df:
                                break
                if not df:  # "its lawsuit challenging a Minnesota state law": the law's maker (mentions._law_challenged),
                    for child in tok.children:  # where nothing else names whom the suit is against
                        if child.dep_ == "acl" and child.tag_ == "VBG" and child.lemma_.lower() in CHALLENGE_VERBS:
                            df = [m for o in _objects(doc, child) if o.lower_ in LAW_NOUNS
                                  for m in _np_parties(doc, o, ms)]
                            if df:
                                break
                if not pl and not df and tok.dep_ == "nsubj" and any(c.lower_ in ("the", "this") for c in tok.children):
                    for v in (head, *head.conjuncts):  # "Filed in Franklin Circuit Court, the complaint alleges
                        if v.lemma_.lower() in CHARGE_VERBS and v.pos_ == "VERB":  # Character Technologies ... broke
                            df = [m for o in _objects(doc, v) for m in _np_parties(doc, o, ms)]  # Kentucky law": the
                            if not df:  # accused of the suit just described, its defendant
                                df = _wrongdoers(doc, v, ms)
                            break
                if pl and not df and tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
                    main = head.head.head  # "According to the FTC's complaint, Rite Aid used facial recognition ...":
                    if main.pos_ == "VERB" and main.dep_ == "ROOT":  # what the complaint says the other side did
                        df = [m for c in main.children if c.dep_ == "nsubj" for m in _np_parties(doc, c, ms)
                              if m.name not in {p.name for p in pl}]
                for child in tok.children:  # "a lawsuit where OpenAI is accusing the xAI founder of misusing ..."
                    if not (pl and df) and child.dep_ == "relcl" and child.lemma_.lower() in ("accuse", "sue", "allege"):
                        sub_pl = _subjects(doc, child, ms)
                        sub_df = [m for o in _objects(doc, child) for m in _np_parties(doc, o, ms)]
                        if sub_pl and sub_df and not (set(m.name for m in sub_pl) & set(m.name for m in sub_df)):
                            pl, df = sub_pl, sub_df
                outer = _including_suit(tok)
                if outer is not None and not pl:  # "the state has now filed four lawsuits against major social media
                    pl = _subjects(doc, outer.head, ms)  # companies, including similar complaints against Meta and
                    # TikTok": the suits a list names are the plural's, brought by its plaintiff
                nxt = doc[tok.i + 1] if tok.i + 1 < sent.end else None
                if not pl and nxt is not None and nxt.lower_ == "by" and nxt.head.i != tok.i:
                    # "heard with another lawsuit by songwriters Sandy Linzer and L. Russell Brown": the parser hung
                    pl = [m for o in nxt.children if o.dep_ == "pobj" for m in _np_parties(doc, o, ms)]  # "by" on the verb
                if pl and not df and tok.lower_ in SUE_NOUNS:  # "the class action by X ... against Y" misattached
                    for t in doc[tok.i + 1:sent.end]:
                        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("compound", "amod") and not (  # (not the
                                t.dep_ == "acl" and t.head.i == tok.i) or t.is_punct and t.text in ".;:":  # "rights" of
                            # "the music rights exploiter GEMA" the tagger took for a verb)
                            break  # (but "a lawsuit brought by X's company, xAI, against OpenAI" reads on)
                        if t.lower_ == "against" and t.dep_ == "prep":
                            df = [m for o in t.children if o.dep_ == "pobj" for m in _np_parties(doc, o, ms)]
                            break
            if not pl and not df and lemma in SUIT_SPEECH_VERBS and tok.pos_ == "VERB" and any(
                    c.dep_ == "prep" and c.lower_ == "in" and any(o.lower_ in STRONG_SUE_NOUNS for o in c.children)
                    for c in tok.children):
                pl = _subjects(doc, tok, ms)  # "Paul Lehrman and Linnea Sage said in the lawsuit that Lovo ..."
            if df and not pl and (lemma in SUE_VERBS and tok.pos_ == "VERB" or tok.lower_ in SUE_NOUNS):
                pl = _named_next(doc, tok if tok.pos_ == "VERB" else carrier.head, sent, ms, df)
                if not pl:
                    pl = _kin_named(doc, tok if tok.pos_ == "VERB" else carrier.head, sent, ms, df)
            pl, df = _against_list(doc, pl, df)
            df = [m for m in df if m.name not in {p.name for p in pl}]
            if not df and tok.lower_ in SUE_NOUNS and pl and all(m in named_by for m in pl):
                pl = []  # "the OpenAI complaint": a suit named by a party, with no other side, may be against it
            if pl and df:
                plural = tok.lower_ in PLURAL_SUE_NOUNS
                if plural and len(pl) > 1 and (_apart(tok) or tok.dep_ == "dobj" and tok.head.lemma_.lower() in FILE_VERBS):
                    if apart is not None:
                        apart.append(list(range(len(out), len(out) + len(pl))))
                    out.extend(([m], df, sent.start_char, sent.end_char) for m in pl)  # "Three newspapers
                    continue  # separately filed lawsuits", "X and Y also filed lawsuits against Z": one suit each
                listed = outer is not None  # (suits a list names: each
                if plural and len(df) > 1 and (carrier.dep_ == "dobj" and carrier.head.lemma_.lower() in FILE_VERBS or
                                               listed or _hit_apart(tok)):  # its own, filed when it was: no companions)
                    if apart is not None and not listed:
                        apart.append(list(range(len(out), len(out) + len(df))))
                    out.extend((pl, [m], sent.start_char, sent.end_char) for m in df)  # "has filed a pair of
                    continue  # class actions against Udio and Suno": one suit against each
                if again is not None and not plural and tok.lower_ in SUE_NOUNS and any(
                        c.dep_ in ("det", "amod") and c.lower_ in ANOTHER for c in tok.children):
                    again.append(len(out))
                (background if plural and background is not None else out).append(
                    (pl, df, sent.start_char, sent.end_char))
            elif (pl or df) and halves is not None:
                definite = tok.lower_ in SUE_NOUNS and any(c.lower_ in ("the", "this", "that") for c in tok.children)
                strong = lemma in SUE_VERBS | SUIT_SPEECH_VERBS or tok.lower_ in STRONG_SUE_NOUNS - PLURAL_SUE_NOUNS or \
                    tok.lower_ in SUE_NOUNS and (tok.dep_ == "dobj" and tok.head.lemma_.lower() in SERVE_VERBS or
                                                 any(served)) or \
                    tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in FILE_VERBS or (  # "GEMA, which filed
                        tok.lower_ in SUE_NOUNS and any(c.dep_ == "prep" and c.lower_ == "against" for c in tok.children))
                # the case"; "Getty Images' legal action against an AI firm": a suit against someone
                halves.append((pl, df, sent.start_char, sent.end_char, definite, strong))
    return out


_ROLE_NOUNS = {"plaintiff": "plaintiff", "plaintiffs": "plaintiff", "claimant": "plaintiff", "claimants": "plaintiff",
               "defendant": "defendant", "defendants": "defendant"}
_ROLE_MARKS = {"lead", "representative", "named", "proposed", "class"}


def role_named(doc: Doc, ms) -> list[tuple[list[Mention], list[Mention], int, int]]:
    """(plaintiffs, defendants, sentence bounds) of names the text gives a role in the suit it tells: "Travis
    Paivarinta ... is named as the representative plaintiff in the case", "Eric Tucker, one of Apple's
    shareholders and lead plaintiffs in the case, claimed ...", "sued on behalf of named plaintiff Matt Dinerstein"
    (the role noun marked as the suit's: "in the case", or lead / representative / named)."""
    out = []
    for tok in doc:
        role = _ROLE_NOUNS.get(tok.lower_)
        if role is None or tok.pos_ != "NOUN":
            continue
        in_suit = any(c.dep_ == "prep" and c.lower_ in ("in", "of") and any(
            o.lower_ in SUE_NOUNS and any(d.lower_ in ("the", "this") for d in o.children) for o in c.children)
            for c in tok.children)
        misparsed = tok.dep_ == "dobj" and tok.head.lower_ == "lead"  # "and lead plaintiffs": no verb
        the_role = tok.lower_ in ("plaintiff", "defendant", "claimant") and any(
            c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and any(c.dep_ == "appos" for c in tok.children)
        if not in_suit and not misparsed and not the_role and not any(
                c.dep_ in ("amod", "compound") and c.lower_ in _ROLE_MARKS for c in tok.children):  # ("lead" may be
            continue  # read as a noun)
        t = tok.head if misparsed else tok
        for _ in range(4):  # up through "one of Apple's shareholders and lead plaintiffs" to whom it describes
            if t.dep_ == "conj" or t.dep_ == "pobj" and t.head.lower_ != "as" or t.dep_ == "prep" and \
                    t.lower_ == "of" or t.lower_ == "one" and t.dep_ != "appos":
                t = t.head
            else:
                break
        named: list[Mention] = []
        if the_role and t is tok:  # "wherein the plaintiff, Karan Johar, sought a permanent injunction": the role's
            named = [m for c in tok.children if c.dep_ == "appos" for m in _np_parties(doc, c, ms)  # own apposition
                     if m.kind in ("person", "company") and m.tok_start == c.left_edge.i]
            if not named:
                continue
        elif covering(ms, doc, t.i) is not None and t is not tok:  # "Eric Tucker, ... and lead plaintiffs in the case"
            named = _np_parties(doc, t, ms)
        elif t is tok and tok.dep_ == "compound" and tok.head.i > tok.i and covering(ms, doc, tok.head.i) is not None:
            named = _np_parties(doc, tok.head, ms)  # "on behalf of named plaintiff Matt Dinerstein": a title
        elif t.dep_ == "appos":
            named = _np_parties(doc, t.head, ms)
        elif t.dep_ == "attr":
            named = [m for c in t.head.children if c.dep_ == "nsubj" for m in _np_parties(doc, c, ms)]
        elif t.dep_ == "pobj" and t.head.lower_ == "as" and t.head.head.lemma_ in ("name", "list", "identify"):
            named = [m for c in t.head.head.children if c.dep_ in ("nsubjpass", "dobj") for m in _np_parties(doc, c, ms)]
        elif t.dep_ == "pobj" and t.head.lower_ == "as" and t.head.head.lemma_ in ("act", "serve", "sue", "appear"):
            verb = t.head.head  # "Huckabee, acting as lead plaintiff, contested ...": the one acting, or the
            named = [m for c in verb.children if c.dep_ == "nsubj" for m in _np_parties(doc, c, ms)]  # name the
            if not named and verb.dep_ in ("advcl", "acl") and verb.head.i != verb.i:  # clause hangs on
                named = _np_parties(doc, verb.head, ms) if covering(ms, doc, verb.head.i) is not None else \
                    [m for c in verb.head.children if c.dep_ == "nsubj" for m in _np_parties(doc, c, ms)]
        if named:
            sent = layout.sent_of(doc, tok.i)
            out.append((named, [], sent.start_char, sent.end_char) if role == "plaintiff" else
                       ([], named, sent.start_char, sent.end_char))
    text = text_of(doc)
    for hit in _NUMBERED_DEFENDANT.finditer(text):  # "Defendant 1, referred to as 'John Doe'": a defendant the
        m = next((m for m in ms if m.start == hit.end() and m.kind in ("person", "company") and not m.resolved), None)
        if m is not None:  # suit numbers, by the name the plaint gives it
            sent = layout.sent_of(doc, m.tok_start)
            out.append(([], [m], sent.start_char, sent.end_char))
    return out


# "Defendant 1, referred to as 'John Doe'", "Defendant No. 3, named as ..." (an Indian plaint numbers its defendants)
_NUMBERED_DEFENDANT = re.compile(r"\b[Dd]efendant\s+(?:No\.\s*)?\d{1,3}\s*,?\s*(?:is\s+|being\s+)?(?:referred to|"
                                 r"named|described|identified|arrayed|sued) as\s+[‘'\"“]?")


ENJOIN_VERBS = rules.lexicon(_LEX, "enjoin_verb")
ORDER_NOUNS = rules.lexicon(_LEX, "order_noun", key="text")


def _court_word(tok, ms) -> bool:
    """The token names a court's order or the court itself ("a temporary restraining order", "the judge")."""
    m = covering(ms, tok.doc, tok.i)
    return tok.lower_ in ORDER_NOUNS or m is not None and m.kind in ("judge", "court") or \
        tok.lower_ in ("judge", "court", "justice", "magistrate")


def ordered_to_pay(doc: Doc, ms) -> list[tuple[list[Mention], int, int]]:
    """(defendants, sentence bounds) of court orders to pay: whom a court orders to pay is the suit's defendant ("the
    judge in the civil case not only ordered him to pay $7,500 to each voter who sued"), named where a pronoun
    names him. A role only: no suit "against" them to which a list of names would add plaintiffs."""
    out = []
    for sent in layout.sents(doc):
        for tok in sent:
            if tok.lemma_.lower() in PAY_ORDER_VERBS and tok.pos_ == "VERB" and not _unrealised(tok) and any(
                    c.dep_ == "nsubj" and _court_word(c, ms) for c in tok.children) and any(
                    c.dep_ == "xcomp" and c.lemma_.lower() in PAY_VERBS for c in tok.children):
                names = [m for o in _objects(doc, tok) for m in _np_parties(doc, o, ms) if not m.group or not m.resolved]
                names = [x for m in names for x in (_by_names(ms, [m.name]) if m.resolved else [m])]
                if names:
                    out.append((names, sent.start_char, sent.end_char))
    return out


def enjoined(doc: Doc, ms) -> list[tuple[list[Mention], int, int]]:
    """(defendants, sentence bounds) of court orders that keep a party from doing something: the party an order
    bars is the suit's defendant ("U.S. District Judge Eumi K. Lee issued a temporary restraining order ...,
    prohibiting OpenAI from using the word 'cameo'"; "affirmed an order temporarily blocking ... OpenAI Inc. and
    related entities from using the name 'IO'"; "OpenAI was barred by the court from ...")."""
    out = []
    for sent in layout.sents(doc):
        for tok in sent:
            if tok.lemma_.lower() not in ENJOIN_VERBS or tok.pos_ != "VERB" or _unrealised(tok) or not any(
                    c.dep_ == "prep" and c.head.i == tok.i or c.i + 1 < sent.end and doc[c.i + 1].tag_ == "VBG"
                    for c in doc[tok.i + 1:min(sent.end, tok.i + 14)] if c.lower_ == "from"):
                continue  # (kept "from" doing it, where the parser may hang "from using" on the object's words)
            head = tok.head
            passive = any(c.dep_ == "auxpass" for c in tok.children)
            if passive:
                by_court = any(c.dep_ == "agent" and any(_court_word(o, ms) for o in c.children if o.dep_ == "pobj")
                               for c in tok.children)
                objs = [c for c in tok.children if c.dep_ == "nsubjpass"] if by_court else []
            else:
                ordered = tok.dep_ == "acl" and head.lower_ in ORDER_NOUNS or any(
                    c.dep_ == "nsubj" and _court_word(c, ms) for c in tok.children) or \
                    tok.dep_ in ("advcl", "conj") and head.i != tok.i and any(
                        c.dep_ in ("dobj", "nsubj", "nsubjpass") and _court_word(c, ms) for c in head.children)
                objs = _objects(doc, tok) if ordered else []
            names = [m for o in objs for m in _np_parties(doc, o, ms) if not m.group or not m.resolved]
            if names:
                out.append((names, sent.start_char, sent.end_char))
    return out


PAY_ORDER_VERBS = rules.lexicon(_LEX, "pay_order_verb")
PAY_VERBS = rules.lexicon(_LEX, "pay_verb")
REQUEST_NOUNS = rules.lexicon(_LEX, "request_noun", key="text")
REQUEST_VERBS = rules.lexicon(_LEX, "request_verb")


def dismissals(doc: Doc, ms) -> list[tuple[list[Mention], list[Mention], int, int]]:
    """(plaintiffs, defendants, sentence) of motions to dismiss: who asks a court to dismiss a suit is its
    defendant ("OpenAI moved to dismiss", "OpenAI's motion to dismiss", "a request by OpenAI to dismiss the
    lawsuit against it", "OpenAI's and Microsoft's arguments that he should dismiss Intercept's suit"); the
    suit's owner, when named, is the plaintiff. Plaintiffs may be empty."""
    out = []
    for sent in layout.sents(doc):
        for tok in sent:
            if tok.lemma_.lower() != "dismiss" or tok.pos_ != "VERB":
                continue
            movers: list[Mention] = []
            head = tok.head
            if tok.dep_ == "xcomp" and head.lemma_.lower() in REQUEST_VERBS:
                movers = _subjects(doc, head, ms)
            elif tok.dep_ in ("acl", "relcl") and head.lower_ in REQUEST_NOUNS:
                movers = [m for c in head.children if c.dep_ == "poss" for m in _np_parties(doc, c, ms)]
                movers += [m for m in _prep_objs(doc, head, ("by", "from"), ms) if m not in movers]
                # "OpenAI Inc.'s and Microsoft Corp.'s arguments": possessives the parser hangs elsewhere
                first = head.left_edge.i
                while first >= 2 and doc[first - 1].lower_ in ("and", ",", "&") and doc[first - 2].text in ("'s", "’s"):
                    prev = next((m for m in ms if m.tok_end == first - 2), None)
                    if prev is None:
                        break
                    first = prev.tok_start
                movers += [m for m in ms if m.kind in PARTY_KINDS and m.litigant_ok and m not in movers and
                           first <= m.tok_start < head.i and doc[m.tok_end:m.tok_end + 1].text in ("'s", "’s")]
                movers.sort(key=lambda m: m.start)
            if not movers:
                continue
            owners = [m for o in _objects(doc, tok) if o.lower_ in SUE_NOUNS
                      for c in o.children if c.dep_ == "poss" for m in _np_parties(doc, c, ms)]
            owners += [m for o in _objects(doc, tok) if o.lower_ in SUE_NOUNS  # "to dismiss a complaint from X"
                       for m in _prep_objs(doc, o, ("from", "by"), ms) if m not in owners]
            movers = [m for m in movers if m.name not in {o.name for o in owners}]
            if movers:
                out.append((owners, movers, sent.start_char, sent.end_char))
    return out


RULE_VERBS = rules.lexicon(_LEX, "rule_verb")
AGREE_VERBS = rules.lexicon(_LEX, "agree_verb")


def ruled_between(doc: Doc, ms) -> list[tuple[list[Mention], list[Mention], int, int]]:
    """(plaintiffs, defendants, sentence bounds) of a court's ruling between two named sides where one is a
    government agency: "A federal judge has ruled against Penguin Random House's proposed purchase of Simon &
    Schuster, agreeing with the Justice Department that ..." — the side a judge rules against and the one it agrees
    (or sides) with are the suit's two sides, and an agency's side is the one that sued (an enforcement suit)."""
    out = []
    for sent in layout.sents(doc):
        for tok in sent:
            if tok.lemma_.lower() not in RULE_VERBS or tok.pos_ != "VERB" or _unrealised(tok) or _falsely_told(tok):
                continue
            if not any(c.dep_ == "nsubj" and _court_word(c, ms) for c in tok.children):
                continue
            losers = _prep_objs(doc, tok, ("against",), ms)
            winners = [m for c in tok.children if c.dep_ in ("advcl", "xcomp", "conj") and
                       c.lemma_.lower() in AGREE_VERBS for m in _prep_objs(doc, c, ("with",), ms)]
            winners = [m for m in winners if m.name not in {x.name for x in losers}]
            if not losers or not winners:
                continue
            if any(m.kind == "agency" for m in winners):
                out.append((winners, losers, sent.start_char, sent.end_char))
            elif any(m.kind == "agency" for m in losers):
                out.append((losers, winners, sent.start_char, sent.end_char))
    return out


CONVICT_VERBS = rules.lexicon(_LEX, "convict_verb")
FEDERAL_PROSECUTION = re.compile("|".join(e["regex"] for e in rules.entries(_LEX, "federal_prosecution")))
CROWN_PROSECUTION = re.compile("|".join(e["regex"] for e in rules.entries(_LEX, "crown_prosecution")))


def prosecuted(doc: Doc, ms) -> list[tuple[list[Mention], int, int]]:
    """(defendants, sentence bounds) of criminal cases told by their outcome or charge: whom a jury convicts or
    finds guilty, who is indicted or acquitted ("a jury found Linwei Ding guilty", "a former engineer, Maria
    Okafor, was convicted of ...", "prosecutors indicted X"). Not what might happen ("could be convicted")."""
    out = []
    for sent in layout.sents(doc):
        for tok in sent:
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in CONVICT_VERBS and not _falsely_told(tok):
                names = [m for m in _prep_objs(doc, tok, ("against",), ms) if m.kind == "person"]  # "three other
                if names:  # charges against Anderegg"
                    out.append((names, sent.start_char, sent.end_char))
                continue
            if tok.pos_ != "VERB" or _unrealised(tok) or _falsely_told(tok):
                continue
            if tok.lemma_.lower() == "plead" and any(c.lower_ == "guilty" for c in tok.children):
                names = [m for m in _subjects(doc, tok, ms) if m.kind == "person"]  # "Hugh Nelson ... pleaded guilty"
                if names:
                    out.append((names, sent.start_char, sent.end_char))
                continue
            guilty = [c for c in tok.children if c.lower_ == "guilty"] if tok.lemma_.lower() == "find" else []
            if tok.lemma_.lower() not in CONVICT_VERBS and not guilty:
                continue
            if any(c.dep_ == "auxpass" for c in tok.children):
                heads = [c for c in tok.children if c.dep_ == "nsubjpass"]
            else:  # "found Linwei Ding guilty": the parser makes him the subject of "guilty" or the verb's object
                heads = _objects(doc, tok) + [c for g in guilty for c in g.children if c.dep_ == "nsubj"]
            names: list[Mention] = []
            for h in heads:
                for t in (h, *(c for c in h.children if c.dep_ == "appos")):  # "a former engineer, Maria Okafor,"
                    heads_here = [t.i] + [c.i for c in t.conjuncts]  # (not "Google" of "a former Google engineer")
                    names += [m for m in _np_parties(doc, t, ms) if m.kind in ("person", "company") and m not in names
                              and any(m.tok_start <= i < m.tok_end for i in heads_here)]
            if names:
                out.append((names, sent.start_char, sent.end_char))
    return out


def joined(doc: Doc, ms) -> list[tuple[list[Mention], int]]:
    """(plaintiffs, sentence start) of 'the suit ... included David Baldacci, Sylvia Day and ...' and 'the
    plaintiffs include X and Y': more names on the plaintiffs' side of a suit the text already described."""
    out = []
    for sent in layout.sents(doc):
        for tok in sent:
            if tok.lemma_.lower() not in rules.lexicon(_LEX, "join_verb") or tok.pos_ != "VERB":
                continue
            v = tok
            subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subj and v.dep_ == "conj":
                subj = [c for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and _relative_head(subj[0]) is not None:
                subj = [_relative_head(subj[0])]
            if not subj or subj[0].lower_ not in SUE_NOUNS | rules.lexicon(_LEX, "join_subject", key="text"):
                continue
            names = [m for o in _objects(doc, v) for m in _np_parties(doc, o, ms) if m.kind in ("person", "company")]
            if names:
                out.append((names, sent.start_char))
    return out


def joined_defendants(doc: Doc, ms) -> list[Mention]:
    """'the "Clearview defendants," which include Clearview AI, Inc., Hoan Ton-That and Richard Schwartz',
    'the defendants include X and Y': names on the defendants' side."""
    out: list[Mention] = []
    words = rules.lexicon(_LEX, "join_defendant", key="text")
    for sent in layout.sents(doc):
        for v in sent:
            if v.lemma_.lower() not in rules.lexicon(_LEX, "join_verb") or v.pos_ != "VERB":
                continue
            subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and _relative_head(subj[0]) is not None:
                subj = [_relative_head(subj[0])]
            if subj and subj[0].lower_ in words:
                out += [m for o in _objects(doc, v) for m in _np_parties(doc, o, ms)
                        if m.kind in ("person", "company") and m not in out]
    return out


SIMILAR = re.compile(r"\b(?:[Ss]imilar(?:ly)?|[Ii]dentical|[Pp]arallel|[Ll]ikewise)\b")
# the suit itself told as like another ("filed a substantively identical complaint", "a lawsuit with similar claims")
SIMILAR_SUIT = re.compile(r"(?i)\b(?:similar|identical|parallel)\s+(?:\w+\s+){0,2}?(?:lawsuits?|suits?|complaints?|"
                          r"cases?|actions?|claims|petitions?)\b")


def _pair_halves(found: list, halves: list, text: str = "", again: Optional[list] = None) -> None:
    """'Eight regional newspapers sued OpenAI and Microsoft ... The lawsuit was filed by the New York Daily
    News, the Chicago Tribune, ...': the definite suit of a later sentence is the suit already described, so
    its named plaintiffs join that suit (and complete a suit whose plaintiffs were only 'eight newspapers')."""
    for pl, df, s0, s1, definite, _ in halves:
        if not (pl and not df and definite):
            continue
        earlier = [h for h in halves if h[1] and not h[0] and h[2] < s0]
        full = [f for f in found if f[2] < s0]
        if full:
            f = full[-1]
            new = [m for m in pl if m.name not in {x.name for x in f[0]}]
            if f[0] and _lead_unknown(text, f[2], f[3], f[0][0]):  # "X and Y are among 17 authors suing OpenAI ...
                f[0][:0] = new  # The suit was organized by the Authors Guild": who brought it leads it
            else:
                f[0].extend(new)
        elif earlier:
            h = earlier[-1]
            found.append((list(pl), list(h[1]), h[2], h[3]))
    for pl, df, s0, s1, definite, _ in halves:  # "Sarah Silverman sued Meta in 2023 ... Similarly, novelist
        if pl and not df and not definite and SIMILAR.search(text[s0:s1]):  # Christopher Farnsworth initiated a
            prior = [f for f in found if f[3] <= s0 and f[1]] or [  # lawsuit with similar claims": against the
                h for h in halves if h[3] <= s0 and h[1] and not h[0]]  # one the suit before sued
            if prior and not any(m.name in {x.name for x in prior[-1][0]} for m in pl):
                start = s0
                if again is not None and SIMILAR_SUIT.search(text[s0:s1]):  # another suit against them, also where
                    again.append(len(found))  # a printed caption names one ("Lyons v. OpenAI ... filed this action
                    start = max(s0, min(m.start for m in pl))  # eighteen days after the executor of Adams's estate
                    # filed a substantively identical complaint": told where its plaintiff is, not the sentence's
                    # first words, which are the other suit's)
                found.append((list(pl), list(prior[-1][1]), start, s1))
    for pl, df, s0, s1, definite, _ in halves:  # "Kentucky is the first state to launch a lawsuit against an AI
        if not (df and not pl and definite) or any(f[2] < s0 for f in found):  # chatbot company. ..., the complaint
            continue  # alleges Character Technologies ... broke Kentucky law": the suit's defendant, named after it
        earlier = [h for h in halves if h[0] and not h[1] and h[2] < s0 and h[5]]
        if earlier and not text[earlier[-1][3]:s0].strip():  # (the sentence just before: not "a similar lawsuit
            h = earlier[-1]  # involving OpenAI" two sentences up)
            found.append((list(h[0]), list(df), h[2], h[3]))


def accusations(doc: Doc, ms) -> list[tuple[list[Mention], list[Mention], int, int]]:
    """'Getty had accused Stability AI of infringing its copyright': the accuser and the accused of a legal
    wrong (only used in texts about litigation, and only for roles and a caption nothing else gave)."""
    out = []
    for sent in layout.sents(doc):
        for tok in sent:
            if tok.lemma_.lower() != "accuse" or tok.pos_ != "VERB":
                continue
            of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
            if not of or not LEGAL_WRONG.search(" ".join(t.text for t in of[0].subtree)):
                continue
            pl = _subjects(doc, tok, ms)
            df = [m for o in _objects(doc, tok) for m in _np_parties(doc, o, ms)]
            if pl and df:
                out.append((pl, df, sent.start_char, sent.end_char))
    return out


def unproven(doc: Doc, ms) -> list[tuple[list[Mention], list[Mention], int, int]]:
    """'Kirk Johnston had not even come close to proving that Nickelback infringed his earlier song': who must
    prove the other's legal wrong is the plaintiff, the other the defendant (only used in texts about litigation,
    and only for roles and a caption nothing else gave, as accusations)."""
    out = []
    for sent in layout.sents(doc):
        for tok in sent:
            if tok.lemma_.lower() != "prove" or tok.pos_ != "VERB":
                continue
            df = [m for c in tok.children if c.dep_ == "ccomp" and LEGAL_WRONG.fullmatch(c.text)
                  for s in c.children if s.dep_ == "nsubj" for m in _np_parties(doc, s, ms)]
            t = tok
            for _ in range(4):  # up through "come close to proving", "failed to prove" to who did not
                if t.dep_ in ("pcomp", "pobj", "prep", "xcomp", "advmod") and t.head is not t:
                    t = t.head
                else:
                    break
            pl = [m for m in _subjects(doc, t, ms) if m.name not in {d.name for d in df}] if t is not tok or \
                tok.dep_ in ("ROOT", "ccomp", "conj") else []
            if pl and df:
                out.append((pl, df, sent.start_char, sent.end_char))
    return out


_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "la", "le", "bin", "ter", "ten"}


def short(m: Mention, doc: Optional[Doc] = None) -> str:
    if m.kind == "person":
        words = m.name.split()
        if len(words[-1]) <= 3:
            return m.name
        n = len(words) - 1
        while n > 1 and words[n - 1].lower() in _PARTICLES:  # "Jean-Claude Van Damme" -> "Van Damme"
            n -= 1
        return " ".join(words[n:])
    if doc is not None and not m.resolved and m.text and m.text != m.name and _TRADING_AS.match(text_of(doc), m.end):
        return m.text  # "a class action ... against Uncharted Labs, Inc. (d/b/a Udio)": the legal person the text
        # names is the side a caption names (Woulard v. Uncharted Labs), not the trade name it does business as
    entry = gazetteer.by_name(m.name)
    return entry.caption if entry else m.name


# right after a company's legal name: the trade name it does business as ("Uncharted Labs, Inc. (d/b/a Udio)")
_TRADING_AS = re.compile(r",?\s*(?:(?:Inc|Corp|Co|Ltd|LLC|L\.L\.C|PBC|plc|GmbH)\.?,?\s*)?[(,]?\s*"
                         r"(?:d/b/a|D/B/A|doing business as)\s")


def _employer(doc: Doc, m: Mention, ms) -> Optional[Mention]:
    """'OpenAI CEO Sam Altman' -> OpenAI."""
    if m.kind != "person" or m.tok_start <= 0:
        return None
    for t in doc[max(0, m.tok_start - 4):m.tok_start]:
        other = covering(ms, doc, t.i)
        if other and other.kind == "company" and t.head.i in range(m.tok_start, m.tok_end) or (
                other and other.kind == "company" and t.i == m.tok_start - 2 and doc[t.i + 1].lower_ in (
                "ceo", "president", "chief", "founder", "co-founder", "chairman")):
            return other
    return None


def _party_name(name: str) -> str:
    """A model or product named as a party -> the company that makes it; an outlet that is no legal person -> its
    publisher (a caption names parties)."""
    entry = gazetteer.lookup(name)
    return entry.owner if entry is not None and (entry.kind == "model" or entry.role == "outlet") and entry.owner \
        else name


def _resolve_side(side: str, ms) -> Optional[Mention]:
    low = side.lower()
    entry = gazetteer.lookup(side) or gazetteer.lookup(captions.TRAILING.sub("", side))
    for m in ms:
        if entry and m.eid == entry.id:
            return m
    for m in ms:
        if m.kind in PARTY_KINDS and not m.resolved and (
                m.name.lower() == low or m.text.lower() == low or low.startswith(m.name.lower() + " ") or
                m.name.lower().endswith(" " + low)):
            return m
    return None


def _near_side(a: str, b: str) -> bool:
    """The same side as printed twice, a typo apart: each word equal, or a long word two letters off."""
    wa, wb = captions.bare_words(a), captions.bare_words(b)
    return bool(wa) and len(wa) == len(wb) and all(
        x == y or min(len(x), len(y)) >= 6 and SequenceMatcher(None, x, y).ratio() >= 0.8 for x, y in zip(wa, wb))


def _same_side(a: str, b: str) -> bool:
    """'J. Doe 1' and 'Doe', 'Thomson Reuters Enterprise Centre Gmbh' and 'Thomson Reuters Enterprise Centre GmbH'."""
    wa, wb = set(captions.bare_words(a)), set(captions.bare_words(b))
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return start, end
    return layout.sent_of(doc, span[0].i).start_char, layout.sent_of(doc, span[-1].i).end_char


_THE_SUIT = re.compile(r"\b(?:filed|brought|launched|initiated|lodged) (?:the|this) (?:\w+ ){0,2}?(?:lawsuit|suit|complaint)\b")
_THIS_SUIT = re.compile(r"\b(?:brings?|brought|files?|filed|commences?|commenced|initiates?|initiated)\s+this\s+"
                        r"(?:[\w-]+\s+){0,3}?(?:action|lawsuit|suit|complaint|litigation|case)\b", re.I)
# ("... brings this securities class action": the case of the paper itself)
# ("OpenAI filed the lawsuit": the suit the text is about; not "The new complaint comes after a case filed by Disney")
# a suit against a person it describes without a name ("a lawsuit against one of its former sales employees")
_UNNAMED_DEFENDANT = re.compile(r"(?i)\bagainst\b(?:(?!\bv\.)[^.;])*?\b(?:an?|one of (?:its|their|his|her)|its|their|"
                                r"his|her) (?:(?:former|ex-?|own|\w+)\s+){0,3}(?:employees?|engineers?|executives?|"
                                r"salesperson|workers?|managers?|officers?|staffers?|researchers?)\b")


def cases(doc: Doc, ms) -> tuple[list[CaseX], dict[str, str]]:
    """Captions (printed, then described) and the roles they give: party name -> plaintiff/defendant."""
    text = text_of(doc)
    docket_hits = captions.dockets(text)
    out: list[CaseX] = []
    full_captions: dict[int, str] = {}  # id(case) -> its full caption as printed
    roles = Roles()
    pairs: dict[tuple, int] = {}  # (plaintiff key, defendant key) -> start offset of its first caption

    origins: dict[int, str] = {}  # id(case) -> the rule that made it (a feature of the learned caption decision)

    def add_case(caption, plaintiffs, defendants, start, end, inferred=False, key=None, origin="described"):
        sides = captions.split(caption)
        if len(sides) == 2:
            named = [captions.party_side(s) or (  # (a person's surname that is a legal word: "Tony Justice")
                s if inferred and any(len(n.split()) > 1 and n.split()[-1] == s for n in names) else None)
                for s, names in zip(sides, (plaintiffs, defendants))]
            if None in named:
                return False  # a side that is no party: a court, a heading, a law firm, a fragment
            if named != sides:  # "Disney v. MiniMax-M1": the model's maker is the party
                caption, sides = f"{named[0]} v. {named[1]}", named
                plaintiffs = [_party_name(n) for n in plaintiffs]
                defendants = [_party_name(n) for n in defendants]
        if len(sides) == 2 and _same_side(sides[0], sides[1]):
            return False  # "OpenAI v. OpenAI": one party on both sides is no case
        s0, s1 = _bounds(doc, start, end)
        plaintiffs, defendants = list(dict.fromkeys(plaintiffs)), list(dict.fromkeys(defendants))
        out.append(CaseX(caption=caption, inferred=inferred, plaintiffs=plaintiffs, defendants=defendants,
                         evidence=[Evidence(start, end, s0, s1)]))
        origins[id(out[-1])] = origin
        if key:
            pairs[key] = start
        return True

    block_list = captions.blocks(text)
    for plaintiffs, defendants, start, end in block_list:
        for n in plaintiffs:
            roles.propose(n, "plaintiff", "caption_block")
        for n in defendants:
            roles.propose(n, "defendant", "caption_block")
    printed = captions.explicit(text, doc._.ct_title or "")
    for plaintiffs, defendants, start, end in block_list:  # "J. DOE 1 ..., Plaintiffs, v. GITHUB, INC., ..."
        if not any(_same_side(plaintiffs[0], left) or right and _same_side(defendants[0], right)
                   for left, right, _, _ in printed):
            printed.append((plaintiffs[0], defendants[0], start, end))
    from_blocks = {(b[0][0], b[1][0], b[2], b[3]): b for b in block_list}
    for n, (left, right, start, end) in enumerate(printed):
        lp, rp = _resolve_side(left, ms), _resolve_side(right, ms) if right else None
        key = ((lp.name if lp else left.lower()), (rp.name if rp else right.lower()))
        if key in pairs or (key[1], key[0]) in pairs:
            continue
        if right and any(o_right and _near_side(left, o_left) and _same_side(right, o_right)
                         for o_left, o_right, _, _ in printed[:n]):
            continue  # "Byteweavr, LLC v. Databricks, Inc." after "Btyeweavr LLC v. Databricks Inc.": a typo
        block = from_blocks.get((left, right, start, end))
        if not add_case(f"{left} v. {right}" if right else left, [lp.name if lp else left],
                        [rp.name if rp else right] if right else [], start, end, key=key,
                        origin="block" if block else "printed" if right else "in_re"):
            continue
        full = captions.block_caption(block[0], block[1]) if block else \
            captions.full_caption(text, left, start, end) if right else None
        if full:
            full_captions[id(out[-1])] = full
        if right:
            roles.propose(lp.name if lp else left, "plaintiff", "caption")
            roles.propose(rp.name if rp else right, "defendant", "caption")
    for name, role, start, end in captions.role_lists(text):
        m = _resolve_side(name, ms)
        roles.propose(m.name if m else name, role, "role_list")
    printed_defendants = {k[1]: s for k, s in pairs.items()}
    halves: list = []
    background: list = []
    apart: list[list[int]] = []
    again: list[int] = []
    disputes: list = []
    found = described(doc, ms, halves, background, apart, again, disputes)
    halves += [(pl, df, s0, s1, True, True) for pl, df, s0, s1 in role_named(doc, ms)]
    halves += [([], df, s0, s1, False, True) for df, s0, s1 in enjoined(doc, ms)]  # the party an order bars
    halves.sort(key=lambda h: h[2])
    _pair_halves(found, halves, text, again)
    litigation = bool(found or pairs or re.search(r"\b(?:lawsuit|sued|court|judge|trial)\b", text, re.I))
    described_sents = {s0 for _, _, s0, _ in found}
    extra = [a for a in accusations(doc, ms) + unproven(doc, ms) if a[2] not in described_sents] if litigation else []
    made: dict[int, CaseX] = {}  # place in found -> the case it made
    for n, (pl, df, s0, s1) in enumerate(found + extra):
        from_accusation = n >= len(found)
        employers = [e for e in (_employer(doc, m, ms) for m in df) if e and e not in df]
        df = employers + df
        for m in pl:
            if not from_accusation or m.name not in roles:
                roles.propose(m.name, "plaintiff", "accusation" if from_accusation else "described")
        for m in df:
            if not from_accusation or m.name not in roles:
                roles.propose(m.name, "defendant", "accusation" if from_accusation else "described")
        p, d = pl[0], df[0]
        key = (p.name, d.name)
        if not from_accusation and _lead_unknown(text, s0, s1, p) and (pairs or any(
                set(c.defendants) & {m.name for m in df} for c in out)):
            continue  # "X and Y are among 17 authors suing OpenAI": roles, but the lead plaintiff is unknown (where
            # the text has the suit's caption; else the caption leads with the first it names, as people compose it)
        told = next((c for c in out if from_accusation and c.inferred and p.name in c.plaintiffs and
                     d.name in c.defendants), None)
        if told is not None:  # "Microsoft and OpenAI have been sued by the publisher of Mother Jones ... In a lawsuit
            s0b, s1b = _bounds(doc, s0, s1)  # filed Thursday ..., CIR accused OpenAI and ... Microsoft": the suit
            if not any(e.sent_start == s0b for e in told.evidence):  # told again, where its filing is dated
                told.evidence.append(Evidence(s0, s1, s0b, s1b))
            continue
        if n in again and (key in pairs or d.name in printed_defendants) and not any(
                c.evidence and s0 <= c.evidence[0].start < s1 for c in out):  # "SAS sued Sheeran in 2018. ... SAS
            key = (*key, s0)  # has filed another lawsuit against Sheeran": a second suit of the same sides
        if key in pairs or (d.name, p.name) in pairs:
            continue
        if d.name in printed_defendants and printed_defendants[d.name] < s0 and n not in again:
            continue  # the suit a caption printed earlier already names
        in_re = [c for c in out if origins.get(id(c)) == "in_re"]
        if not from_accusation and in_re and _THIS_SUIT.search(text[s0:s1]):  # "In re Apple Inc. Securities
            c = in_re[0]  # Litigation ... Lead plaintiff ... brings this securities class action litigation against
            c.plaintiffs += [m.name for m in pl if m.name not in c.plaintiffs]  # defendants Apple Inc.": the
            c.defendants += [m.name for m in df if m.name not in c.defendants]  # printed case, told in words
            continue
        if not from_accusation and _THE_SUIT.search(text[s0:s1]) and any(
                _same_side(k[0], p.name) and k[1] not in {m.name for m in pl} for k in pairs):
            continue  # "OpenAI, Inc. v. Open Artificial Intelligence, Inc. et al. ... OpenAI filed the lawsuit in 2023
            # accusing Ravine of ...": the suit the text prints, told again (its sides keep their roles)
        if from_accusation and any(k[1] == d.name or k[0] == p.name for k in pairs):
            continue
        unnamed = next((c for c in out if c.inferred and c.plaintiffs and _same_side(c.plaintiffs[0], p.name) and d.kind == "person" and
                        c.evidence and c.evidence[0].start < s0 and _UNNAMED_DEFENDANT.search(
                            text[c.evidence[0].sent_start:c.evidence[0].sent_end])), None)
        if unnamed is not None:  # "Scale AI has filed a lawsuit against one of its former sales employees and its
            unnamed.defendants += [m.name for m in df if m.name not in unnamed.defendants]  # rival, Mercor. ...
            continue  # Scale is suing Mercor ... and is suing Ling": the employee the suit did not name yet
        if add_case(f"{short(p, doc)} v. {short(d, doc)}", [m.name for m in pl], [m.name for m in df], s0, s1,
                    inferred=True, key=key, origin="accusation" if from_accusation else "described"):
            made[n] = out[-1]
    for group in apart:  # suits one plural names one by one are companions, each of each
        siblings = [made[i] for i in group if i in made]
        for c in siblings:
            c.relations += [RelationX("companion_of", o.caption, c.evidence[:1]) for o in siblings
                            if o is not c and o.caption != c.caption]
    if found or pairs or litigation:
        for pl, df, s0, s1 in dismissals(doc, ms):
            for m in df:
                roles.propose(m.name, "defendant", "dismissal")
            for m in pl:
                roles.propose(m.name, "plaintiff", "dismissal")
            if pl and not any(k[1] == df[0].name or k[0] == pl[0].name for k in pairs):
                add_case(f"{short(pl[0], doc)} v. {short(df[0], doc)}", [m.name for m in pl], [m.name for m in df],
                         s0, s1, inferred=True, key=(pl[0].name, df[0].name), origin="dismissal")
    against = [h for h in halves if h[1] and not h[0] and h[5]]  # "a group of outlets filed a suit against X"
    if found or against:
        for names, start in joined(doc, ms):
            if any(s0 <= start for _, _, s0, _ in found):
                for m in names:
                    roles.propose(m.name, "plaintiff", "joined")
                for c in out:
                    if c.inferred and c.evidence and c.evidence[0].start <= start:
                        c.plaintiffs += [m.name for m in names if m.name not in c.plaintiffs]
            elif any(h[2] <= start for h in against):  # "... The publishers include X, Y and Z": the suit's
                h = [h for h in against if h[2] <= start][-1]  # plaintiffs, the first named leading it
                for m in names:
                    roles.propose(m.name, "plaintiff", "joined")
                for m in h[1]:
                    roles.propose(m.name, "defendant", "joined")
                key = (names[0].name, h[1][0].name)
                if key not in pairs and not any(k[1] == key[1] for k in pairs):
                    add_case(f"{short(names[0], doc)} v. {short(h[1][0], doc)}", [m.name for m in names],
                             [m.name for m in h[1]], h[2], h[3], inferred=True, key=key, origin="joined")
    for pl, df, s0, s1 in background:  # several suits in one plural: their sides, no caption
        for m in pl:
            roles.propose(m.name, "plaintiff", "background")
        for m in df:
            roles.propose(m.name, "defendant", "background")
    for m in joined_defendants(doc, ms):
        roles.propose(m.name, "defendant", "joined")
    _from_title(doc, ms, out, roles, add_case)
    for df, _, _ in ordered_to_pay(doc, ms):
        for m in df:
            roles.propose(m.name, "defendant", "ordered")
    _in_re_named(doc._.ct_title or "", out)
    _half_roles(halves, roles, "half")
    if not out:  # "Three authors, A, B and C, filed the lawsuit last year" in a story about one defendant
        _compose(doc, halves, roles, add_case, text)
    for c in [c for c in out if origins.get(id(c)) == "printed" and _cited(doc, c, ms, out)]:
        out.remove(c)  # "the Supreme Court's ruling in TransUnion LLC v. Ramirez": a precedent, not this case
        for n in (*c.plaintiffs, *c.defendants):
            if set(roles.sources.get(n, {})) <= {"caption"}:
                roles.pop(n, None)
    for c in [c for c in out if c.inferred and _retells_printed(c, out)]:
        out.remove(c)  # "GOOGLE, INC., YOUTUBE LLC, ... Song fi, Inc." read as a second suit of a printed caption
    parties.decide(doc, ms, roles)  # the learned party / party_role decisions over these proposals
    if not out:
        _compose_from_roles(ms, roles, add_case)
    for pl, df, s0, s1 in ruled_between(doc, ms) if not out else []:  # "ruled against X, agreeing with the
        for m in pl:  # Justice Department": the agency's enforcement suit, where the text has no other
            roles.propose(m.name, "plaintiff", "described")
        for m in df:
            roles.propose(m.name, "defendant", "described")
        add_case(f"{short(pl[0], doc)} v. {short(df[0], doc)}", [m.name for m in pl], [m.name for m in df],
                 s0, s1, inferred=True, key=(pl[0].name, df[0].name), origin="described")
        break
    for pl, df, s0, s1 in disputes[:1] if not out else []:  # "X and Y have been locked in a battle over ...": the
        add_case(f"{short(pl[0], doc)} v. {short(df[0], doc)}", [m.name for m in pl], [m.name for m in df],  # one
                 s0, s1, inferred=True, key=(pl[0].name, df[0].name), origin="dispute")  # dispute of a text with no suit
    def add_prosecution(prosecutor: str, df: list[Mention], s0: int, s1: int) -> None:
        for m in df:
            roles.propose(m.name, "defendant", "described")
        add_case(f"{prosecutor} v. {short(df[0], doc)}", [], [m.name for m in df], s0, s1, inferred=True,
                 key=(prosecutor, df[0].name), origin="described")

    if FEDERAL_PROSECUTION.search(text):  # a federal criminal case: the United States prosecutes
        for df, s0, s1 in prosecuted(doc, ms):
            if not any(set(c.defendants) & {m.name for m in df} for c in out):
                add_prosecution("United States", df, s0, s1)
    elif CROWN_PROSECUTION.search(text) and not out:  # an English criminal case: the Crown (R) prosecutes
        for df, s0, s1 in prosecuted(doc, ms)[:1]:
            add_prosecution("R", df, s0, s1)
    for party, regulator, leads, s0, s1 in reviews.challenges(doc, ms):  # "B.C.'s Supreme Court has upheld a privacy
        if any(_same_side(n, x) for c in out for n in (party.name, regulator)  # commissioner's ruling that ...
               for x in (*c.plaintiffs, *c.defendants)):  # Clearview AI must ...": a suit over the decision, where
            continue  # no suit the text tells already has either side
        sides = [(short(party, doc), party.name), (regulator, regulator)]
        (pl_side, pl), (df_side, df) = sides[::-1] if leads else sides
        add_case(f"{pl_side} v. {df_side}", [pl], [df], s0, s1, inferred=True, key=(pl, df), origin="review")
    case_fields.fill(text, out, ms, [(s.start_char, s.end_char) for s in layout.sents(doc)], docket_hits,
                     {i: full_captions[id(c)] for i, c in enumerate(out) if id(c) in full_captions})
    _title_docket(doc._.ct_title or "", out, docket_hits)
    return out, roles


def _title_docket(title: str, out: list[CaseX], body_dockets) -> None:
    """'Doe et al. v. GitHub, Inc. et al., No. 24-7700 — appellate oral argument transcript': the number a title
    prints right after its caption is that case's, where the text's only case is that caption and the body
    prints no number of it (an appeal's own number names the appellate record, not the trial case)."""
    if len(out) != 1 or out[0].docket_numbers or not out[0].evidence:
        return
    mine = captions.split(out[0].caption)
    printed = {courts.docket_core(n) for n, _, _ in body_dockets}  # (the body's own form wins: "-VC")
    for left, right, _, end in captions.explicit(title):
        if len(mine) != 2 or not right or not (_same_side(left, mine[0]) and _same_side(right, mine[1])):
            continue
        after = [n for n, start, _ in captions.dockets(title) if 0 <= start - end <= 16
                 and courts.docket_core(n) not in printed]
        if after:
            out[0].docket_numbers = after[:1]
            out[0].fields.append(CaseFieldX(field="docket_number", value=after[0], confidence=0.8,
                                            evidence=out[0].evidence[:1]))
        return


def _retells_printed(case: CaseX, out: list[CaseX]) -> bool:
    """A suit read from words that puts both sides of a caption the text prints on one of its own sides (an
    order's block "GOOGLE, INC., YOUTUBE LLC, ... Song fi, Inc." read as Google and Song fi v. YouTube) is a
    misreading of that printed case, not a second case."""
    for other in out:
        sides = captions.split(other.caption)
        if other is case or other.inferred or len(sides) != 2:
            continue
        for names in (case.plaintiffs, case.defendants):
            if all(any(_same_side(side, n) for n in names) for side in sides):
                return True
        if case.plaintiffs and case.defendants and _same_side(sides[1], case.defendants[0]) and \
                captions.of_group(sides[0], case.plaintiffs[0]):
            return True  # "several businesses of Warner Bros. Discovery (WBD) filed a copyright lawsuit against
    return False  # Midjourney" retells the "Warner Bros. Entertainment Co. v. Midjourney" the text goes on to print


def _compose_from_roles(ms, roles, add_case) -> None:
    """A text that says who sued whom but prints no caption and gave no described suit its two halves: the
    caption composed from the kept roles, the first plaintiff v. the first defendant (README: "A caption the
    text never prints is composed from the named plaintiffs and defendants")."""
    sources = getattr(roles, "sources", {})
    # a plaintiff only a plural of several suits names ("facing lawsuits from A, B and C") leads no one caption
    pl = [n for n, r in roles.items() if r == "plaintiff" and set(sources.get(n, {})) - {"background"}]
    df = [n for n, r in roles.items() if r == "defendant"]
    lead_pl = [n for n in pl if set(sources.get(n, {})) - {"model"}] if sources else pl
    lead_df = [n for n in df if set(sources.get(n, {})) - {"model"}] if sources else df
    if not lead_pl or not lead_df:
        return  # (the sides it leads with are named by words, not by the model alone)
    pl = lead_pl[:1] + [n for n in pl if n != lead_pl[0]]
    df = lead_df[:1] + [n for n in df if n != lead_df[0]]
    first = {}
    for m in ms:
        if m.name in (pl[0], df[0]) and not m.resolved:
            first.setdefault(m.name, m)
    if pl[0] not in first:
        return
    p, d = first[pl[0]], first.get(df[0])
    add_case(f"{short(p)} v. {short(d) if d else short_name(df[0])}", pl, df, p.start, p.end,
             inferred=True, key=(pl[0], df[0]), origin="composed_roles")


def headline_suits(tdoc: Doc, tms, halves: Optional[list] = None) -> list[tuple[list[Mention], list[Mention], int, int]]:
    """A headline's suit read from its surface where the parse fails (headlines are not sentences): the
    names before a headline_suit cue ("Sue", "Files Lawsuit Against", "Suit Against") are the plaintiffs, the
    names after it, up to a headline_stop word ("over", "for", ":"), the defendants."""
    out = []
    stops = rules.lexicon("parties_headline", "headline_stop", key="text")
    named = {i for m in tms for i in range(m.tok_start, m.tok_end)}

    def open_between(a: int, b: int) -> bool:
        return not any(t.lower_ in stops and t.i not in named for t in tdoc[a:b])

    for _, start, end in rules.matcher(tdoc.vocab, "parties_headline", "headline_suit")(tdoc):
        pl, df = [], []
        for m in tms:
            if _party(m) is None:
                continue
            if m.tok_end <= start and open_between(m.tok_end, start):
                pl.append(m)
            elif m.tok_start >= end and open_between(end, m.tok_start):
                df.append(m)
        pl = [m for m in pl if m.name not in {d.name for d in df}]
        # "Elon Musk's xAI Sues ...": the owner of the plaintiff named after it is not a plaintiff, and
        # "Rolling Stone Publisher Penske Media Sues ...": a name right before another describes it
        pl, df = _describing_dropped(tdoc, pl), _describing_dropped(tdoc, df)
        if pl and df:
            out.append((pl, df, 0, len(tdoc.text)))
            break
        if pl and halves is not None:  # "Disney, Universal Sue 'Bottomless Pit of Plagiarism'"
            halves.append((pl, [], 0, len(tdoc.text), False, True))
        elif df and halves is not None:  # "Lawsuit against Dua Lipa dismissed in US": the defendant's half
            halves.append(([], df, 0, len(tdoc.text), False, True))
    return out


def _describing_dropped(tdoc: Doc, names: list[Mention]) -> list[Mention]:
    """A headline's side without the names that only describe the next one: its owner ("Elon Musk's xAI") or
    a title run into it ("Rolling Stone Publisher Penske Media", "ChatGPT Maker OpenAI")."""
    return [m for m in names if not any(
        o.tok_start == m.tok_end or _possessor(tdoc, m) and o.tok_start == m.tok_end + 1 for o in names if o is not m)]


class Roles(dict):
    """name -> role, the first proposal winning (as dict.setdefault), with every source that proposed the name
    and the role each gave ("caption_block", "described", "title_suit", ...): the features of the learned
    party and party_role decisions (parties.py)."""

    def __init__(self):
        super().__init__()
        self.sources: dict[str, dict[str, str]] = {}

    def propose(self, name: str, role: str, source: str) -> str:
        self.sources.setdefault(name, {}).setdefault(source, role)
        return self.setdefault(name, role)


# "Estate of Gene B. Lokken v. UnitedHealth Group, Inc., pending in the US District Court for the District of
# Minnesota": a caption told as a live suit (pending, filed, brought in a court) is a case, not a precedent cited
_LIVE_SUIT = re.compile(r"^\s*,?\s*(?:(?:which|that) (?:is|was) )?(?:now |still |currently )?(?:pending|filed|brought|"
                        r"proceeding) (?:in|before)\b")
_CITATION = re.compile(r"^\s*,?\s*(?:\(?\d{4}\)?|\d+\s+(?:F\.|U\.S\.|S\.\s?Ct\.|F\.\s?Supp|F\.\s?App|WL|Cal\.|N\.E\.|"
                       r"P\.\d)|No\.\s|\d{4}\s+WL)")


def _cited(doc: Doc, case: CaseX, ms, out: list[CaseX]) -> bool:
    """A printed caption that cites another case: neither side is named anywhere else in the text, and a
    precedent cue precedes it ("in", "see", "citing", "the ruling in": patterns/captions_cues.jsonl), a
    citation follows it ("(2021)", "594 U.S. 413"), or the document has another case, unless that other
    case shares a side with it ("two separate cases against Tito's Vodka. The cases are: Hofmann v. Fifth
    Generation, Cabrera v. Fifth Generation": one party's suits, the story's subject)."""
    n_cases = len(out)
    mine = captions.split(case.caption)
    if len(mine) == 2 and any(
            other is not case and len(theirs := captions.split(other.caption)) == 2
            and any(_same_side(a, b) for a, b in zip(mine, theirs)) for other in out):
        n_cases = 1
    ev = case.evidence[0] if case.evidence else None
    if ev is None or ev.end <= ev.start:
        return False
    sides = {*case.plaintiffs[:1], *case.defendants[:1]}
    if any(m.name in sides and not m.resolved and not ev.start <= m.start < ev.end for m in ms):
        return False
    text = text_of(doc)
    title = doc._.ct_title or ""
    if len(mine) == 2 and (captions.in_title(title, mine) or captions.own_case(text, title, mine, ev.start, ev.end)):
        return False  # the title's case, or the case the body opens with and names again ("In Jones, ...")
    before = {w.strip(",.;:()’'").lower() for w in text[max(0, ev.start - 40):ev.start].split()[-3:]}
    if _LIVE_SUIT.match(text[ev.end:ev.end + 60]):
        return False
    cues = before & rules.lexicon("captions_cues", "precedent_cue", key="text")
    citation = bool(_CITATION.match(text[ev.end:ev.end + 40]))
    if n_cases == 1 and before & {"in"} == cues and captions.lead(text, ev.start, title) and not citation:
        return False  # the one case, told in the text's lead: "On Sept. 12, 2025, the California Court of Appeal issued
        # ... In Noland v. Land of the Free, L.P., the court affirmed summary judgment" (what the text is about)
    return bool(cues) or citation or n_cases > 1


def _compose(doc: Doc, halves: list, roles, add_case, text: str) -> None:
    """A caption the text never prints, composed from the named plaintiffs of a suit it says was filed and
    the one defendant the text names (README: "A and B v. C" when the text says who sued whom)."""
    defendants = list(dict.fromkeys(n for n, r in roles.items() if r == "defendant"))
    keys = {frozenset(captions.bare_words(n)) for n in defendants}
    if len(keys) != 1:
        return
    for pl, df, s0, s1, definite, strong in halves:
        if pl and not df and strong and not _lead_unknown(text, s0, s1, pl[0]) and \
                frozenset(captions.bare_words(pl[0].name)) not in keys:  # (not the defendant misread as suing)
            add_case(f"{short(pl[0])} v. {short_name(defendants[0])}", [m.name for m in pl], defendants[:1], s0, s1,
                     inferred=True, key=(pl[0].name, defendants[0]), origin="composed")
            return


def short_name(name: str) -> str:
    """The short form of a name that has no mention here (a person's surname, a company's gazetteer name)."""
    entry = gazetteer.lookup(name)
    if entry:
        return entry.caption if entry.kind != "person" else entry.name.split()[-1]
    return re.sub(r",?\s+(?:LLP|L\.L\.P\.?)$", "", name)  # "the defendant Sambhawaami Studios LLP": a party the
    # text names a side, whose partnership's form a caption drops (and a law firm's would not pass for a side)


def _half_roles(halves: list, roles: "Roles", source: str) -> None:
    """One side only ("companies suing Midjourney", "Y was sued"): the role it states, for names written as
    names (a plural reference such as "the publishers' claims" resolved to a group is too loose)."""
    for pl, df, s0, s1, definite, strong in halves:
        if not strong:
            continue
        for m in pl:
            if not m.resolved:
                roles.propose(m.name, "plaintiff", source)
        for m in df:
            if not m.resolved:
                roles.propose(m.name, "defendant", source)


def _lead_unknown(text: str, s0: int, s1: int, p: Mention) -> bool:
    """'X and Y are among 17 authors suing OpenAI', '... including X': roles, but the lead plaintiff (and
    so the caption) is unknown."""
    return bool(AMONG.search(text[s0:s1]) or re.search(r"\b(?:including|such as|among them)\s+(?:the\s+)?$",
                                                         text[max(s0, p.start - 30):p.start]))


def _body_evidence(doc: Doc, ms, names: list[str]) -> tuple[int, int]:
    """Where the body names one of these parties first (the evidence of a fact read from the headline)."""
    for m in ms:
        if m.name in names and not m.resolved:
            return m.start, m.end
    return 0, 0


_ALIAS_GAP = re.compile(r"\s*[(\[]\s*$")  # "In re Mosaic LLM Litigation (O'Nan v. Databricks)"


def _in_re_named(title: str, out: list[CaseX]) -> None:
    """A headline that names an "In re" litigation with its lead case's caption in parentheses ("In re Mosaic LLM
    Litigation (O'Nan v. Databricks): copyright and AI training", or the other way round) over a text that tells
    only the lead case: the lead case is a member of that litigation (a known case of that caption). (A text that
    prints the "In re" caption itself, an MDL's order for one member, has both cases: families.py links them.)"""
    source = captions.caps_titled(title)
    found = captions.explicit(source) if source else []
    for name, _, s0, e0 in [f for f in found if not f[1]]:
        key = " ".join(captions.bare_words(name))
        if any(c.caption.lower().startswith("in re") and " ".join(captions.bare_words(c.caption)) == key for c in out):
            continue
        for left, right, s1, e1 in [f for f in found if f[1]]:
            if not (_ALIAS_GAP.fullmatch(source[e0:s1]) and source[e1:e1 + 3].lstrip().startswith((")", "]"))
                    or _ALIAS_GAP.fullmatch(source[e1:s0]) and source[e0:e0 + 3].lstrip().startswith((")", "]"))):
                continue
            member = next((c for c in out if not c.caption.lower().startswith("in re") and (
                captions.split(c.caption) == [left, right] or c.plaintiffs and c.defendants and
                _same_side(left, c.plaintiffs[0]) and _same_side(right, c.defendants[0]))), None)
            if member is not None and not any(r.kind == "member_of" for r in member.relations):
                member.relations.append(RelationX("member_of", name, member.evidence[:1]))
                break


def _from_title(doc: Doc, ms, out: list[CaseX], roles: dict, add_case) -> None:
    """The headline as evidence ("Britannica and Merriam-Webster Sue Perplexity", "TYR Sport sues Speedo maker
    Warnaco, USA Swimming and coach Mark Schubert", "Kadrey v. Meta Platforms, Inc. — Order ..."): its printed
    captions and suits in words give roles (after the body's, which win) and a caption where the body has no
    case of those sides; a body case with one side in common takes the headline's other names."""
    tdoc = doc._.ct_title_doc if doc.has_extension("ct_title_doc") else None
    if tdoc is None:
        return
    tms = tdoc._.ct_mentions or []
    title = doc._.ct_title or tdoc.text

    def known(side: str) -> bool:
        return any(_same_side(side, n) or _near_side(side, n)  # (a typo apart: "Btyeweavr" and "Byteweavr")
                   for c in out for n in (*c.plaintiffs, *c.defendants, *captions.split(c.caption)))

    for left, right, _, _ in captions.explicit(captions.caps_titled(title)):
        if not right or captions.party_side(left) is None or captions.party_side(right) is None:
            continue  # "Independent Musicians vs. Udio & Suno": a side that names no party
        lp, rp = _resolve_side(left, ms) or _resolve_side(left, tms), _resolve_side(right, ms) or _resolve_side(right, tms)
        ln, rn = (lp.name if lp else left), (rp.name if rp else right)
        ln = next((n for n in roles if _same_side(ln, n)), ln)  # "Doe" is the caption block's "J. Doe 1"
        rn = next((n for n in roles if _same_side(rn, n)), rn)
        roles.propose(ln, "plaintiff", "title_caption")
        roles.propose(rn, "defendant", "title_caption")
        if (known(left) and known(right)) or (known(ln) and known(rn)):
            # a case the body described with both these sides, under another lead name ("Greenspan v. Musk" of
            # a complaint against Musk, Tesla, Qazi and Smick), takes the caption the headline prints
            both = [c for c in out if c.inferred and any(_same_side(ln, p) or _same_side(left, p) for p in c.plaintiffs)
                    and any(_same_side(rn, d) or _same_side(right, d) for d in c.defendants)]
            if both and not any(_same_side(right, s) for c in out for s in captions.split(c.caption)[1:]):
                both[0].caption, both[0].inferred = f"{left} v. {right}", False
            continue
        # a case the body described in words with one of these sides is this one, as the headline prints it
        # ("Kentucky Bourbon Distillers Ltd. v. Shaan Inc." over the body's "Willett Distillery v. Shaan")
        same = [c for c in out if c.inferred and (any(_same_side(rn, d) or _same_side(right, d) for d in c.defendants)
                                                 or any(_same_side(ln, p) or _same_side(left, p) for p in c.plaintiffs))]
        if same:
            c = same[0]
            c.caption, c.inferred = f"{left} v. {right}", False
            c.plaintiffs = list(dict.fromkeys([ln, *c.plaintiffs]))
            c.defendants = list(dict.fromkeys([rn, *c.defendants]))
            continue
        s0, s1 = _body_evidence(doc, ms, [ln, rn])
        add_case(f"{left} v. {right}", [ln], [rn], s0, s1, origin="title_caption")
    halves: list = []
    background: list = []
    found = described(tdoc, tms, halves, background)
    if not found:
        found = headline_suits(tdoc, tms, halves)
    for pl, df, _, _ in found + background:
        for m in pl:
            roles.propose(m.name, "plaintiff", "title_suit")
        for m in df:
            roles.propose(m.name, "defendant", "title_suit")
    _half_roles(halves, roles, "title_half")
    for pl, df, s0, s1 in found:
        if _lead_unknown(tdoc.text, s0, s1, pl[0]):
            continue
        names_pl, names_df = [m.name for m in pl], [m.name for m in df]
        same = [c for c in out if any(_same_side(n, x) for n in names_pl for x in c.plaintiffs)]
        # the body's suit of these plaintiffs against others, told as another suit, is not this one ("Chicago
        # Tribune And MediaNews Group Sue Perplexity" over the body's "... that have sued OpenAI and Microsoft")
        same = [c for c in same if not c.defendants or not names_df or not _OTHER_SUIT.search(_sentence_of(doc, c))
                or any(_same_side(n, x) for n in names_df for x in c.defendants)]
        if same:
            c = same[0]
            c.plaintiffs += [n for n in names_pl if not any(_same_side(n, x) for x in c.plaintiffs + c.defendants)]
            c.defendants += [n for n in names_df if not any(_same_side(n, x) for x in c.plaintiffs + c.defendants)]
            continue
        s0, s1 = _body_evidence(doc, ms, names_pl + names_df)
        add_case(f"{short(pl[0])} v. {short(df[0])}", names_pl, names_df, s0, s1, inferred=True, origin="title_suit")


_OTHER_SUIT = re.compile(r"(?i)\b(?:separate(?:ly)?|related (?:action|case|suit|lawsuit)|another|earlier|previous(?:ly)?|"
                         r"last year|(?:that|which|who) (?:have|has|had) (?:sued|filed)|"
                         r"the other (?:being|one|is|was)|(?:its|their|his|her) (?:other|second) "
                         r"(?:action|case|suit|lawsuit))\b")  # ("two key lawsuits GEMA filed - the other being its case
# against Suno": a suit set beside the one a headline tells)


def _sentence_of(doc: Doc, case: CaseX) -> str:
    e = case.evidence[0] if case.evidence else None
    return text_of(doc)[e.sent_start:e.sent_end] if e is not None else ""


AMONG = re.compile(r"\bamong (?:the )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a dozen|dozens|hundreds)\b",
                   re.I)
