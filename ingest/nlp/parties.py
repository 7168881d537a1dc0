"""Who is a party, and on which side: learned decisions over the rules' proposals.

The rules (captions.py, lawsuits.py) propose names with roles and say where each came from (lawsuits.Roles:
a caption block, a printed caption, a suit in words, the headline, a one-sided mention ...). Every proposal,
and every name the body uses for a person or an organisation that no rule proposed, is a candidate:

    learn.accept("party", features, default=<proposed by a rule>)            is it a party?
    learn.choose("party_role", features, default=<the rule's role or other>)  plaintiff / defendant / other

Features are where the proposals came from and how the text uses the name (dependency labels, a verb lemma
from the dispute lexicon, cue words nearby from patterns/parties_cues.jsonl, the gazetteer's kind, the
reject role of mentions.reject_role, position, counts), never the name itself. With no model file the rules'
answers stand, so this module changes nothing until `make train` has written models/party.json.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc

from ingest.nlp import gazetteer, learn, rules
from ingest.nlp.dates import text_of
from ingest.nlp.goldmatch import name_match
from ingest.nlp.mentions import reject_role, title_mentions

ROLES = ("plaintiff", "defendant", "other")
# a rule's proposal is dropped only when the party model is fairly sure it is no party; a name no rule proposed
# is added when the model thinks it more likely a party than not (cross-validated on the corpus: see train.py)
DROP_BELOW, ADD_FROM = 0.25, 0.7
PARTY_KINDS = ("company", "person", "agency")
_CUES = "parties_cues"
_DISTIL = re.compile(r"(?<![\w])distil", re.I)  # a word starting "distil" (distillation, distilled, distils)
_SUFFIX = re.compile(r"\b(?:Inc|LLC|L\.L\.C|Ltd|Co|Corp|Corporation|PBC|L\.P|LP|GmbH|plc|LLP|Limited|Company)\b\.?")


def _bucket(n: int, edges=(0, 1, 2, 3, 6, 11)) -> str:
    for lo, hi in zip(edges, edges[1:]):
        if n < hi:
            return str(lo) if hi - lo == 1 else f"{lo}-{hi - 1}"
    return f"{edges[-1]}+"


def _governing_verb(tok):
    for anc in [tok, *list(tok.ancestors)[:4]]:
        if anc.pos_ in ("VERB", "AUX") and anc.i != tok.i:
            return anc
    return None


def doc_features(doc: Doc, roles) -> dict:
    """What the whole document says about suits: how many names the rules gave a side, how often it names a
    suit ("sue", "lawsuit"), whether its headline does."""
    from ingest.nlp.lawsuits import STRONG_SUE_NOUNS, SUE_VERBS

    strings = doc.vocab.strings
    lowers, lemmas = doc.count_by(LOWER), doc.count_by(LEMMA)  # one pass each, in C
    suits = sum(lemmas.get(strings[w], 0) + lemmas.get(strings[w.title()], 0) for w in SUE_VERBS) + \
        sum(lowers.get(strings[w], 0) for w in STRONG_SUE_NOUNS)
    sides = [r for r in roles.values() if r in ("plaintiff", "defendant")]
    tdoc = doc._.ct_title_doc if doc.has_extension("ct_title_doc") else None
    distill = len(_DISTIL.findall(text_of(doc)))
    return {"doc_sides": _bucket(len(sides), (0, 1, 3, 6)), "doc_suit_words": _bucket(suits, (0, 1, 2, 4, 8)),
            "doc_distill_words": _bucket(distill, (0, 1, 3, 6)),
            "title_suit": bool(tdoc is not None and any(t.lemma_.lower() in SUE_VERBS or t.lower_ in STRONG_SUE_NOUNS
                                                         for t in tdoc))}


def features(doc: Doc, name: str, sources: dict, mentions: list, in_title: bool, n_candidates: int) -> dict:
    """What the rules and the parse say about one candidate (no words of the name itself)."""
    text_len = max(1, len(text_of(doc)))
    dispute = rules.lexicon(_CUES, "dispute_verb")
    counsel = rules.lexicon(_CUES, "counsel_word", key="text")
    role_words = rules.lexicon(_CUES, "role_word", key="text")
    report = rules.lexicon(_CUES, "report_word", key="text")
    entry = gazetteer.lookup(name) or (gazetteer.load().get(mentions[0].eid) if mentions and mentions[0].eid else None)
    f: dict = {
        "proposed": bool(sources), "src": sorted(sources), "n_src": len(sources),
        "rule_role": next(iter(sources.values())) if sources else "none",
        "src_role": sorted(f"{s}:{r}" for s, r in sources.items()),
        "kind": mentions[0].kind if mentions else (entry.kind if entry else "unseen"),
        "gazetteer": entry is not None, "gaz_ai": bool(entry and entry.ai),
        "gaz_role": entry.role if entry and entry.role else None,
        "reject": reject_role(name), "suffix": bool(_SUFFIX.search(name)), "caps": name.isupper(),
        "words": _bucket(len(name.split()), (1, 2, 3, 4, 5)),
        "n_body": _bucket(len(mentions)), "in_title": in_title, "bias_cands": _bucket(n_candidates, (0, 3, 6, 11, 21)),
        "doc_kind": (doc._.ct_kind if doc.has_extension("ct_kind") else None) or "none",
    }
    if mentions:
        first = mentions[0]
        f["first_pos"] = _bucket(int(10 * first.start / text_len), (0, 1, 2, 4, 7, 10))
        f["all_quoted"] = all(m.in_quote for m in mentions)
        deps, verbs, near = set(), set(), set()
        for m in mentions[:12]:
            tok = doc[m.tok]
            deps.add(tok.dep_)
            verb = _governing_verb(tok)
            if verb is not None:
                lemma = verb.lemma_.lower()
                verbs.add(lemma if lemma in dispute else "other")
                if tok.dep_ in ("nsubj", "nsubjpass"):
                    verbs.add(("subj_of:" + lemma) if lemma in dispute else "subj_of:other")
            for t in doc[max(0, m.tok_start - 4):min(len(doc), m.tok_end + 4)]:
                low = t.lower_
                if low in counsel:
                    near.add("counsel")
                elif low in role_words:
                    near.add("role_word")
                elif low in report:
                    near.add("report")
        f["dep"], f["verb"], f["near"] = sorted(deps), sorted(verbs), sorted(near)
        sents = {(m.sent_start, m.sent_end) for m in mentions[:12]}
        text = text_of(doc)
        f["distill_sent"] = any("distil" in text[a:b].lower() for a, b in sents)  # an accusation's actor
        f["suit_sent"] = any(re.search(r"\b(?:sue[sd]?|suing|lawsuits?|suits?|complaint)\b", text[a:b], re.I)
                             for a, b in sents)
    return f


def _keys(name: str, eid: Optional[str] = None) -> set:
    """What makes two names one party: the gazetteer entity, the bare words ('Anthropic PBC' is 'Anthropic')."""
    from ingest.nlp.captions import bare_words

    entry = gazetteer.lookup(name)
    words = " ".join(bare_words(name))
    return {k for k in (eid and "g:" + eid, entry and "g:" + entry.id, words and "n:" + words) if k}


def decide(doc: Doc, ms, roles) -> dict:
    """The roles the learned decisions keep: proposals accepted as parties (with their role), and names of
    the body no rule proposed that the party model accepts (with the role it chooses). Mutates and returns
    `roles` (a lawsuits.Roles or a plain dict)."""
    sources = getattr(roles, "sources", {})
    persons = {m.name for m in ms if m.kind == "person"}  # ("Jeffery Battle": a person, whose surname heads papers)
    for name in [n for n in roles if reject_role(n) in ("junk_name", "counsel_cue", "address_word", "heading_word")
                 and not (n in persons and reject_role(n) == "heading_word")]:
        del roles[name]  # "Company", "Susman Godfrey LLP", "X Corp.'s Opposition to ... Motion": no name at all
    by_name: dict[str, list] = {}
    for m in ms:
        if not m.resolved:
            by_name.setdefault(m.name, []).append(m)
    titled = {m.name for m in title_mentions(doc)}
    proposed_keys = {k for n in roles for k in _keys(n)}
    extra = [n for n, found in by_name.items() if n not in roles and any(
        m.kind in PARTY_KINDS and m.litigant_ok for m in found) and not (_keys(n, found[0].eid) & proposed_keys)]
    candidates = list(roles) + extra
    whole = doc_features(doc, roles)
    for name in candidates:
        proposed = name in roles
        src = sources.get(name, {}) if proposed else {}
        if proposed and not src:
            src = {"rules": roles[name]}
        feats = {**features(doc, name, src, by_name.get(name, []), name in titled, len(candidates)), **whole}
        meta = {"name": name}
        p = learn.decide("party", feats, default=1.0 if proposed else 0.0, meta=meta)
        is_party = p >= (DROP_BELOW if proposed else ADD_FROM)
        role = learn.choose("party_role", feats, default=roles.get(name, "other"), labels=ROLES, meta=meta)
        if not is_party:
            roles.pop(name, None)
            continue
        if roles.get(name) not in ("plaintiff", "defendant"):  # a side a rule read from the words stands;
            roles[name] = role  # the model gives one to names the rules left without (cross-validated better)
        if not proposed and hasattr(roles, "sources"):
            roles.sources.setdefault(name, {})["model"] = role
    return roles


# --------------------------------------------------------------------------- labels from the gold annotation
def _gold_party(meta: dict, gold: dict) -> Optional[dict]:
    name = meta.get("name")
    return next((p for p in gold.get("parties") or [] if name_match(p.get("name"), name)), None)


@learn.labeler("party")
def _label_party(meta: dict, gold: dict):
    return _gold_party(meta, gold) is not None


@learn.labeler("party_role")
def _label_role(meta: dict, gold: dict):
    p = _gold_party(meta, gold)
    if p is None:
        return None
    role = p.get("role") or "other"
    return role if role in ROLES else "other"
