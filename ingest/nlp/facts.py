"""One parsed document → an Extraction: parties with roles, quotes, allegations, cases, claims, events.

Who counts as a party (the eval README's conventions): anyone the cases give a role (captions, caption
blocks, "X sued Y"), the accuser, the accused and the distilled company of a distillation allegation, and
people or organisations acting in the dispute (testifying, denying, arguing, appealing) in a text about a
legal dispute. Judges, courts, lawyers and outlets are found but are not litigants; a model is never a
party (its owner may be).
"""
from __future__ import annotations

import bisect
import math
import re
from datetime import date
from functools import lru_cache
from typing import Optional

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from ingest.nlp import captions, case_fields, caselinks, claims, counsel, dates, gazetteer, layout, learn, rules, stages
from ingest.nlp.dates import text_of
from ingest.nlp.types import Evidence, Extraction, PartyX

DISPUTE = {"sue", "lawsuit", "suit", "complaint", "trial", "testify", "testimony", "infringe", "infringement",
           "plaintiff", "defendant", "litigation", "settle", "settlement", "verdict", "deposition", "counterclaim",
           "countersue", "appeal", "petition", "injunction", "subpoena", "deny", "oppose", "dismiss", "motion"}
# litigation cue kinds (patterns/litigation.jsonl) that say a dispute is before a court; lit_claim (legal
# theories), lit_enforcement (an agency's charges) and lit_legislation (law-making) are features only
LITIGATION_KINDS = ("lit_suit", "lit_court", "lit_procedure", "lit_testimony", "lit_party", "lit_settlement")
AI_KINDS = ("ai_core", "ai_tech", "ai_training", "ai_distill", "ai_face")
OTHER_KINDS = ("lit_claim", "lit_enforcement", "lit_legislation", "lit_sanction", "lit_deal", "other_domain",
               "ai_scraping", "biometric", "ai_algorithm", "ai_trap")
CUE_FILES = ("litigation", "ai_terms")
COURT_PAPERS = ("opinion", "order", "filing", "docket", "ruling", "complaint", "transcript", "brief", "motion")


def _phrases(pattern: list[dict]) -> Optional[tuple[str, list[str]]]:
    """A token pattern of plain LOWER/ORTH values (a string, or {"IN": [...]}; "OP": "?" optional) as the
    attribute and every phrase it matches; None for a pattern that needs the Matcher."""
    attrs = {k for t in pattern for k in t if k != "OP"}
    if len(attrs) != 1 or not attrs <= {"LOWER", "ORTH"} or any(t.get("OP", "?") != "?" for t in pattern):
        return None
    (attr,) = attrs
    out = [[]]
    for t in pattern:
        value = t[attr]
        if isinstance(value, dict):
            if set(value) != {"IN"}:
                return None
            values = list(value["IN"])
        else:
            values = [value]
        out = [p + [v] for p in out for v in values] + (out if t.get("OP") == "?" else [])
    return attr, [" ".join(p) for p in out if p]


@lru_cache(maxsize=None)
def _cue_matchers(vocab, name: str) -> tuple:
    """The cue patterns of one file as PhraseMatchers (one per attribute: a hash lookup per token, where the
    Matcher's {"IN": [...]} calls Python on every token), and a Matcher for any pattern that is more than
    phrases. Match ids are the roles."""
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc as _Doc

    phrase = {attr: PhraseMatcher(vocab, attr=attr) for attr in ("LOWER", "ORTH")}
    rest = []
    for e in rules.token_patterns(name):
        expanded = _phrases(e["pattern"])
        if expanded is None:
            rest.append(e)
            continue
        attr, texts = expanded
        # the phrase's tokens as the pattern has them (a pattern token is one token, whatever it holds)
        phrase[attr].add(e["role"], [_Doc(vocab, words=t.split(" ")) for t in texts])
    matcher = None
    if rest:
        from spacy.matcher import Matcher
        matcher = Matcher(vocab, validate=True)
        for e in rest:
            matcher.add(e["role"], [e["pattern"]])
    return tuple(m for m in phrase.values() if len(m)), matcher


class Cues(dict):
    """Cue counts by role ({role: n}) with where they are: `matches` [(role, start, end)] in token order,
    and `trapped`, the tokens of word traps (an AI term or a gazetteer name there does not count)."""

    def __init__(self):
        super().__init__()
        self.matches: list[tuple[str, int, int]] = []
        self.trapped: set[int] = set()


def cue_counts(doc: Optional[Doc]) -> Cues:
    """Matches by role of the cue files (litigation.jsonl, ai_terms.jsonl), in one pass of a PhraseMatcher;
    an AI term on a word trap's tokens ("distilled spirits", "business model") is not counted, and a role
    counts a token once."""
    counts = Cues()
    if doc is None or not len(doc):
        return counts
    strings = doc.vocab.strings
    found = []
    for name in CUE_FILES:
        phrase_matchers, matcher = _cue_matchers(doc.vocab, name)
        for m in (*phrase_matchers, *([matcher] if matcher is not None else [])):
            for match_id, start, end in m(doc):
                role = strings[match_id]
                if role == "ai_trap":
                    counts.trapped.update(range(start, end))
                found.append((role, start, end))
    seen: set[tuple[str, int]] = set()
    for role, start, end in sorted(found, key=lambda x: (x[1], x[0])):
        if role.startswith("ai_") and role != "ai_trap" and counts.trapped.intersection(range(start, end)):
            continue
        if (role, start) in seen:
            continue
        seen.add((role, start))
        counts[role] = counts.get(role, 0) + 1
        counts.matches.append((role, start, end))
    return counts


@lru_cache(maxsize=1)
def _ai_names() -> dict[str, str]:
    """Lower-cased names and aliases of AI developers and models in the gazetteer -> 'ai_company' / 'ai_model'."""
    out = {}
    for e in gazetteer.load().values():
        if e.kind == "model" or e.ai:
            for n in (e.name, *e.aliases):
                out.setdefault(n.lower(), "ai_model" if e.kind == "model" else "ai_company")
    return out


@lru_cache(maxsize=1)
def _model_owners() -> frozenset:
    """Companies that make a model in the gazetteer (Meta for Llama, Google for Gemini): AI makers among others."""
    return frozenset(e.owner for e in gazetteer.load().values() if e.kind == "model" and e.owner)


def _names_in(tokens: list[str]) -> dict[str, int]:
    """AI company / model names among a short text's tokens (1- to 3-word n-grams)."""
    names, out = _ai_names(), {}
    for n in (1, 2, 3):
        for i in range(len(tokens) - n + 1):
            kind = names.get(" ".join(tokens[i:i + n]))
            if kind:
                out[kind] = out.get(kind, 0) + 1
    return out


def _entry(name: str):
    return gazetteer.by_name(name) or gazetteer.lookup(name) or gazetteer.lookup(captions.TRAILING.sub("", name))


@lru_cache(maxsize=1)
def _ai_cases() -> tuple[tuple[frozenset, frozenset], ...]:
    out = []
    for e in rules.entries("litigation_ai_cases", "ai_case"):
        out.append((frozenset(captions.bare_words(e["plaintiff"])), frozenset(captions.bare_words(e.get("defendant", "")))))
    return tuple(out)


def known_ai_case(captions_found: list[str]) -> bool:
    """A caption ("A v. B") that names a well-known suit over AI (patterns/litigation_ai_cases.jsonl): each
    side's words hold the entry's words for that side ("In re OpenAI ..." entries have one side)."""
    for caption in captions_found:
        parts = re.split(r"\s+v(?:s)?\.?\s+", caption, maxsplit=1)
        left = set(captions.bare_words(parts[0]))
        right = set(captions.bare_words(parts[1])) if len(parts) == 2 else set()
        for plaintiff, defendant in _ai_cases():
            if defendant and right and plaintiff <= left and defendant <= right:
                return True
            if not defendant and plaintiff <= left and re.match(r"\s*in re\b", caption, re.I):
                return True
    return False


LEAD_SENTENCES = 3


def _spread(doc: Doc, counts) -> tuple[float, bool, bool]:
    """Where the cues are: the share of sentences with a litigation cue (a suit the text is about, not one it
    mentions in passing), and whether the lead (the first sentences) has a litigation cue / an AI term."""
    matches = getattr(counts, "matches", None)
    if not matches:
        return 0.0, False, False
    sents = layout.sents(doc) if doc.has_annotation("SENT_START") else [doc[:]]
    starts = [s.start for s in sents]
    lead_end = sents[min(LEAD_SENTENCES, len(sents)) - 1].end
    lit_sents = {bisect.bisect_right(starts, start) - 1 for role, start, _ in matches if role in LITIGATION_KINDS}
    lead_lit = any(start < lead_end for role, start, _ in matches if role in LITIGATION_KINDS)
    lead_ai = any(start < lead_end for role, start, _ in matches if role in AI_KINDS)
    return round(len(lit_sents) / max(1, len(sents)), 3), lead_lit, lead_ai


def _log(n: float) -> float:
    return round(math.log1p(n), 3)


def ai_litigation_features(doc: Doc, cases, roles: dict, allegations, ms, counts: dict[str, int],
                           dockets: list, kind: Optional[str] = None) -> tuple[dict, bool]:
    """The features of the is_ai_litigation decision and the rules' own verdict (its default, and a feature):
    litigation cues by kind, AI terms by kind, AI companies and models among the mentions and the parties with
    a role, captions and dockets, the kind of document, the headline's cues."""
    lit = sum(counts.get(k, 0) for k in LITIGATION_KINDS)
    ai_words = sum(counts.get(k, 0) for k in AI_KINDS)
    trapped = getattr(counts, "trapped", set())
    named = [m for m in ms if m.eid and not m.resolved and m.tok not in trapped]
    ai_company = sum(1 for m in named if (gazetteer.load().get(m.eid) or _NOBODY).ai)
    ai_model = sum(1 for m in named if m.kind == "model")
    ai = ai_words + ai_company + ai_model
    role_entries = [(name, role, _entry(name)) for name, role in roles.items()]
    ai_party = any(e is not None and e.ai for _, _, e in role_entries)
    maker_party = any(e is not None and e.name in _model_owners() for _, _, e in role_entries)
    sued_ai = any(e is not None and e.ai and role == "defendant" for _, role, e in role_entries)
    explicit = [c.caption for c in cases if not c.inferred]
    known = known_ai_case([c.caption for c in cases] + ([doc._.ct_title] if doc._.ct_title else []))
    # the rules (as before, now over the cue files): a suit with an AI developer as a party, or plenty of both
    if (cases or roles) and (ai_party or known) and lit >= 1:
        rule = True
    elif lit >= 3 and ai >= 2:
        rule = True
    else:
        rule = bool(cases or roles) and lit >= 1 and ai >= 3
    title_doc = doc._.ct_title_doc if Doc.has_extension("ct_title_doc") else None
    tcounts = cue_counts(title_doc)
    tnames = _names_in([t.lower_ for t in title_doc]) if title_doc is not None else {}
    f: dict = {f"n_{k}": _log(counts.get(k, 0)) for k in (*LITIGATION_KINDS, *AI_KINDS, *OTHER_KINDS)}
    lead_share, lead_lit, lead_ai = _spread(doc, counts)
    f.update({
        "rule": rule,
        "n_lit": _log(lit), "n_ai_words": _log(ai_words), "n_ai_company": _log(ai_company),
        "n_ai_model": _log(ai_model), "lit_x_ai": min(_log(lit), _log(ai)),
        "ai_party_role": ai_party, "ai_maker_party_role": maker_party, "ai_defendant": sued_ai,
        "n_roles": _log(len(roles)), "caption": bool(explicit), "inferred_case": any(c.inferred for c in cases),
        "known_ai_case": known,
        "docket": bool(dockets), "allegations": _log(len(allegations)),
        "court_paper": kind in COURT_PAPERS,
        "title_lit": sum(tcounts.get(k, 0) for k in LITIGATION_KINDS) > 0,
        "title_ai": sum(tcounts.get(k, 0) for k in AI_KINDS) > 0 or bool(tnames),
        "title_ai_company": bool(tnames.get("ai_company")),
        "title_distill": tcounts.get("ai_distill", 0) > 0,
        "title_enforcement": tcounts.get("lit_enforcement", 0) > 0,
        "no_title": title_doc is None,
        "lit_sentence_share": lead_share, "lead_lit": lead_lit, "lead_ai": lead_ai,
        "title_deal": tcounts.get("lit_deal", 0) > 0, "title_sanction": tcounts.get("lit_sanction", 0) > 0,
    })
    return f, rule


def is_ai_litigation(doc: Doc, cases, roles: dict, allegations, ms, counts: Optional[dict] = None,
                     dockets: Optional[list] = None, kind: Optional[str] = None) -> bool:
    """A lawsuit, ruling or testimony between AI companies or over AI; not distillation talk alone, not AI
    product or policy news, not a suit that has nothing to do with AI: a learned decision over the cues."""
    counts = cue_counts(doc) if counts is None else counts
    features, rule = ai_litigation_features(doc, cases, roles, allegations, ms, counts, dockets or [], kind)
    return learn.accept("is_ai_litigation", features, default=rule)


@learn.labeler("is_ai_litigation")
def _label_ai_litigation(meta: dict, gold: dict):
    return gold.get("is_ai_litigation")


def _dispute_role(doc: Doc, m) -> bool:
    """The mention acts in a dispute: a dispute word governs it within a few steps of the parse."""
    tok = doc[m.tok]
    for _ in range(3):
        if tok.lemma_.lower() in DISPUTE or tok.lower_ in DISPUTE:
            return True
        for child in tok.children:
            if child.dep_ in ("prep", "dobj", "attr", "xcomp") and child.lemma_.lower() in DISPUTE:
                return True
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return False


def _kind_of(name: str) -> str:
    if re.search(r"\b(?:Inc|LLC|L\.L\.C|Ltd|Co|Corp|Corporation|Company|PBC|L\.P|LP|GmbH|Holdings|Group|Media|"
                 r"Music|Records|Publishing|Digital|Magazine|University|Labs?)\b", name, re.I):
        return "company"
    return "person" if len(name.split()) in (2, 3) and not name.isupper() else "company"


def build(doc: Doc, *, published: Optional[date] = None, title: str = "", kind: Optional[str] = None,
          version: str = "") -> Extraction:
    ms = doc._.ct_mentions or []
    found_quotes = doc._.ct_quotes or []
    found_allegations = doc._.ct_allegations or []
    found_cases, roles = doc._.ct_cases or [], dict(doc._.ct_roles or {})
    text = text_of(doc)
    counts = cue_counts(doc)
    found_dockets = captions.dockets(text)
    litigation = is_ai_litigation(doc, found_cases, roles, found_allegations, ms, counts, found_dockets, kind)
    dispute = bool(found_cases or roles) or sum(counts.get(k, 0) for k in LITIGATION_KINDS) >= 2

    firms, lawyers = counsel.not_parties(doc, found_cases, ms)  # law firms are never parties (issue 14)
    parties: dict[str, PartyX] = {}
    for m in ms:
        if m.kind in ("court",) or m.in_quote and m.name not in roles or m.name in firms:
            continue
        p = parties.get(m.name)
        if p is None:
            pkind = {"judge": "person", "outlet": "company", "lawyer": "person"}.get(m.kind, m.kind)
            p = parties[m.name] = PartyX(name=m.name, kind=pkind, gazetteer_id=m.eid, owner=m.owner,
                                         is_litigant=False)
        if _alias_ok(m) and m.text.strip() not in p.surface_forms:
            p.surface_forms.append(m.text.strip())
        p.evidence.append(Evidence(m.start, m.end, m.sent_start, m.sent_end))
    not_actors = {m.name for m in ms if m.kind in ("judge", "outlet", "lawyer", "court", "model") or not m.litigant_ok}
    not_actors |= firms | lawyers

    actors: set[str] = set()
    claimed: set[str] = set()
    for name, role in roles.items():
        if name in firms:
            continue
        target = name
        if name not in parties:
            entry = gazetteer.lookup(name) or gazetteer.lookup(captions.TRAILING.sub("", name))
            if entry and entry.name in parties and entry.name not in claimed and entry.name not in roles:
                target = entry.name
            else:
                corporate = captions.TRAILING.sub("", name) != name and re.search(captions._SUFFIX + r"\s*$", name)
                parties[name] = PartyX(name=name, kind=entry.kind if entry and not corporate else _kind_of(name),
                                       is_litigant=False, surface_forms=[name])
        claimed.add(target)
        if target in not_actors and parties[target].kind != "company":
            continue
        parties[target].role = role
        actors.add(target)
    accused_side = set()
    for a in found_allegations:
        for x in (a.accuser, a.accused):
            if x:
                actors.add(x)
                accused_side.add(x)
        if a.teacher:
            owner = next((m.owner for m in ms if m.name == a.teacher and m.owner), None)
            actors.add(owner or a.teacher)
    if dispute:
        for m in ms:
            if not m.resolved and not m.in_quote and m.kind in ("company", "person", "agency") and m.litigant_ok \
                    and _dispute_role(doc, m):
                actors.add(m.name)
    actors -= firms
    for name in actors:
        if name not in parties:
            entry = gazetteer.by_name(name)
            parties[name] = PartyX(name=name, kind=entry.kind if entry else "company",
                                   gazetteer_id=entry.id if entry else None, owner=entry.owner if entry else None,
                                   is_litigant=False)
    for name, p in parties.items():
        p.is_litigant = name in actors and p.kind in ("company", "person", "agency") and name not in not_actors
        if name in roles and p.kind == "company" and name in actors:
            p.is_litigant = True
    parties = _merge_variants(parties, found_cases, found_allegations, found_quotes, text)
    for p in parties.values():
        if p.is_litigant and not p.evidence:
            p.evidence = _find_evidence(doc, text, [p.name, *p.surface_forms])
    numbers = [d for d, _, _ in found_dockets]
    # the headline's numbers too ("No. 24-1963 (9th Cir.)" printed only in the title); a piece of a long text
    # carries the title as well, and merge_pieces unites the numbers
    seen = {n.lower() for n in numbers}
    numbers += [d for d, _, _ in captions.dockets(title or "") if d.lower() not in seen]
    events = dates.events(doc, published, litigation or dispute, kind=kind)
    found_claims = claims.find(doc, found_cases)
    if litigation or dispute:  # the procedural step and status of each event, its case, each case's fields
        stages.annotate(doc, events, published)
        # (a text that names no case of its own still tells the steps of the case its parties link it to: "Perplexity's
        # motion said it asked the publishers during discovery ..." in a report on Dow Jones v. Perplexity)
        events += stages.more_events(doc, events, published, found_cases)
    caselinks.link(doc, found_cases, events, found_claims)
    events += caselinks.share_filings(doc, found_cases, events)
    events += caselinks.share_paper_step(doc, found_cases, events)
    if litigation or dispute:
        stages.other_suits(doc, found_cases, events, {p.name for p in parties.values() if p.is_litigant})
        stages.partial_settlements(doc, found_cases, events)
    caselinks.fields(doc, found_cases, found_claims, litigation)
    if kind in COURT_PAPERS:
        case_fields.title_court(title, found_cases)
    else:
        case_fields.trial_court_first(found_cases)
    case_fields.bench_first(text, found_cases)
    return Extraction(parties=list(parties.values()), quotes=found_quotes, allegations=found_allegations,
                      cases=found_cases, claims=found_claims, events=events,
                      docket_numbers=numbers, court=captions.court(text), is_ai_litigation=litigation,
                      judges=[] if found_cases else case_fields.document_judge(text, ms, layout_sents(doc)),
                      extractor_version=version)


def layout_sents(doc: Doc) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in layout.sents(doc)]


def _find_evidence(doc: Doc, text: str, names: list[str]) -> list[Evidence]:
    """Where the text writes a party that no mention covers (a name from a caption block, 'OPENAI GP,
    L.L.C.' across lines): its first occurrence, any case, any spacing; none when only the headline names it."""
    for name in dict.fromkeys(n for n in names if n and n.strip()):
        words = re.findall(r"\w+", name)
        if not words:
            continue
        pattern = r"\b" + r"\W{0,3}".join(re.escape(w) for w in words) + r"\b"
        m = re.search(pattern, text, re.I)
        if m is None:
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or not len(span):
            return [Evidence(m.start(), m.end(), m.start(), m.end())]
        sent = layout.sent_of(doc, span.start) if doc.has_annotation("SENT_START") else span
        return [Evidence(m.start(), m.end(), sent.start_char, sent.end_char)]
    return []


def _variant_key(p: PartyX) -> str:
    """Names of one entity in one document: 'Anthropic' / 'Anthropic, PBC', 'Meta Platforms' / 'META
    PLATFORMS, INC.' (the gazetteer's entity, else the name without case, punctuation and company suffix).
    A company named after a person ('Andrea Bartz, Inc.') stays apart from the person."""
    raw, words = captions.name_words(p.name), captions.bare_words(p.name)
    if len(words) < len(raw) and p.kind != "person" and (
            (gazetteer.lookup(" ".join(words)) or gazetteer.lookup(p.name) or _NOBODY).kind == "person"
            or len(words) in (2, 3) and _kind_of(" ".join(w.title() for w in words)) == "person"
            and not gazetteer.lookup(" ".join(words))):
        return "n:" + " ".join(words) + " (company)"
    entry = gazetteer.lookup(p.name) or gazetteer.lookup(" ".join(words))
    if entry and entry.kind in ("company", "person", "agency"):
        return "g:" + entry.id
    return "n:" + " ".join(words)


_NOBODY = gazetteer.Entry(id="", name="", kind="company")


def _legal_form(name: str) -> str:
    """A name that carries a legal form ('Newsweek Digital LLC') as 'newsweek digital|llc'; '' for a bare name."""
    suffix = _suffix(name)
    if not suffix:
        return ""
    return "".join(captions.bare_words(name)) + "|" + suffix  # "Open AI Inc." is "OpenAI Inc."


_SAME_FORM = {"co": "company", "corp": "corporation", "ltd": "limited", "l": "", "p": "", "c": ""}


def _suffix(name: str) -> str:
    """The legal form a name ends with ('inc', 'ltd', 'lp'...), '' for a bare name; 'Co' and 'Company',
    'Corp' and 'Corporation', 'Ltd' and 'Limited' are one form."""
    raw = re.sub(r"[^a-z0-9 ]+", "", name.lower().replace(",", " ")).split()
    tail = [_SAME_FORM.get(w, w) for w in raw[1:] if w in captions.SUFFIX_WORDS and w != "the"]
    return " ".join(w for w in tail if w)


_DETERMINERS = {"the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "a", "an"}


def generic(text: str) -> bool:
    """A pronoun or a description ('its', 'It', 'the company', 'The publishers', 'the AI startup'), not a name:
    no capitalised word but stop words, or a determiner followed by a lower-case word."""
    words = re.findall(r"[\w'’.&+-]+", text or "")
    if not words:
        return True
    if not any(w[:1].isupper() and w.lower() not in STOP_WORDS for w in words):
        return True
    return words[0].lower() in _DETERMINERS and any(w[:1].islower() and w.lower() not in STOP_WORDS
                                                      for w in words[1:])


def _alias_ok(m) -> bool:
    """A surface form (an alias on the write side) only from a name as the text writes it: never a pronoun or
    a description resolved to the entity ('its', 'the social media firm')."""
    return bool(m.text) and not m.resolved and not generic(m.text)


def trade_names(text: str, parties: dict) -> list[tuple[str, str]]:
    """(legal name, other name) pairs of one organisation the text writes as "X d/b/a Y", "X (d/b/a Y)",
    "X, formerly known as Y" or "X (Y)", where both X and Y are parties the document names: "Kentucky Bourbon
    Distillers Ltd. d/b/a Willett Distillery", "Advance Magazine Publishers Inc. (Condé Nast)"."""
    forms: dict[str, str] = {}
    for name, p in parties.items():
        if p.kind == "person":
            continue
        for f in (name, *p.surface_forms):
            f = f.strip()
            if len(f) > 2 and f[:1].isupper():
                forms.setdefault(f, name)
    if len(set(forms.values())) < 2:
        return []
    by_key = {" ".join(f.split()): name for f, name in forms.items()}
    alt = "|".join(re.escape(f).replace("\\ ", r"\s+") for f in sorted(by_key, key=len, reverse=True))
    trade = captions.TRADE_NAME
    rx = re.compile(rf"(?<![\w&])({alt})\.?(?:,?\s+\(?\s*{trade}\s+({alt})|\s*\(\s*(?:{trade}\s+)?({alt})\s*\))")
    out = []
    for m in rx.finditer(text):
        a = by_key.get(" ".join(m.group(1).split()))
        b = by_key.get(" ".join((m.group(2) or m.group(3)).split()))
        if a is None or b is None:
            continue
        if a != b and (a, b) not in out:
            out.append((a, b))
    return out


def _merge_variants(parties: dict, cases, allegations, quotes, text: str = "") -> dict:
    """One party per entity: a caption's 'Openai, Inc.' or 'Tiara N. Johnson' and the text's 'OpenAI' or
    'N. Johnson' become one, keeping the role and the canonical (gazetteer) or fullest name; so do an
    organisation's legal and trade names the text pairs ("X d/b/a Y", "X (Y)"), keeping the name the gazetteer
    knows ("Condé Nast" for "Advance Magazine Publishers Inc. (Condé Nast)"), else the legal name."""
    groups: dict[str, list[str]] = {}
    for name, p in parties.items():
        groups.setdefault(_variant_key(p), []).append(name)
    for key in list(groups):  # "Stability AI, Ltd." and "Stability AI, Inc." are two companies, and so are
        names = groups[key]  # "Newsweek Digital LLC" and "Newsweek Magazine LLC"; a bare "Stability AI" in the
        forms = [_legal_form(n) for n in names]  # text is taken as the first of them
        distinct = list(dict.fromkeys(f for f in forms if f))
        if len(distinct) > 1:
            del groups[key]
            for n, f in zip(names, forms):
                groups.setdefault(f"{key}|{f or distinct[0]}", []).append(n)
    people = [n for n, p in parties.items() if p.kind == "person"]
    short = [n for n, p in parties.items() if p.kind == "person" or len(n.split()) == 1 and not p.gazetteer_id]
    for n in short:  # "N. Johnson" or a caption's "Johnson" inside exactly one fuller name of a person
        words = n.split()
        fuller = [o for o in people if o != n and len(o.split()) > len(words) and o.split()[-len(words):] == words]
        if len(fuller) == 1 and (len(words) >= 2 or not parties[n].gazetteer_id):
            key_n, key_f = _variant_key(parties[n]), _variant_key(parties[fuller[0]])
            if key_n != key_f and key_n in groups and key_f in groups:
                groups[key_f] += groups.pop(key_n)
    companies = [n for n, p in parties.items() if p.kind != "person"]
    fullest: set[str] = set()
    lone = [n for n, p in parties.items() if p.kind == "person" and len(n.split()) == 1 and not p.gazetteer_id]
    for n in companies + lone:  # "Cox" / "Condé" / "Olivet" (a lone word the tagger took for a person) opening
        words = captions.bare_words(n)  # exactly one fuller company name of the document
        if not words or parties[n].gazetteer_id and len(words) > 1:
            continue
        fuller = [o for o in companies if o != n and len(captions.bare_words(o)) > len(words)
                  and captions.bare_words(o)[:len(words)] == words
                  and (not parties[n].gazetteer_id or parties[o].gazetteer_id in (None, parties[n].gazetteer_id))]
        if len(fuller) == 1:
            key_n, key_f = _variant_key(parties[n]), _variant_key(parties[fuller[0]])
            if key_n != key_f and key_n in groups and key_f in groups and len(groups[key_n]) == 1:
                groups[key_f] += groups.pop(key_n)
                fullest.add(fuller[0])
    legal: set[str] = set()
    for a, b in trade_names(text, parties) if text else ():
        ka = next((k for k, names in groups.items() if a in names), None)
        kb = next((k for k, names in groups.items() if b in names), None)
        if ka is not None and kb is not None and ka != kb:
            groups[ka] += groups.pop(kb)
            legal.add(a)
    rename: dict[str, str] = {}
    for key, names in groups.items():
        if len(names) < 2:
            continue
        entry = gazetteer.load().get(key[2:]) if key.startswith("g:") else None
        keep = next((n for n in names if entry and n == entry.name), None) or next(
            (n for n in names if legal & set(names) and parties[n].gazetteer_id), None) or next(
            (n for n in names if n in legal), None) or max(
            names, key=lambda n: (parties[n].is_litigant, n in fullest, parties[n].role != "other", len(n)))
        target = parties[keep]
        for n in names:
            if n == keep:
                continue
            other = parties.pop(n)
            rename[n] = keep
            if target.role == "other":
                target.role = other.role
            target.is_litigant = target.is_litigant or other.is_litigant
            target.surface_forms += [f for f in other.surface_forms if f not in target.surface_forms]
            target.evidence += other.evidence
    if rename:
        for c in cases:
            c.plaintiffs = list(dict.fromkeys(rename.get(n, n) for n in c.plaintiffs))
            c.defendants = list(dict.fromkeys(rename.get(n, n) for n in c.defendants))
        for a in allegations:
            a.accuser, a.accused = rename.get(a.accuser, a.accuser), rename.get(a.accused, a.accused)
        for q in quotes:
            q.speaker = rename.get(q.speaker, q.speaker)
    return parties
