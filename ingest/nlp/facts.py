"""One parsed document → an Extraction: parties with roles, quotes, allegations, cases, claims, events.

Who counts as a party (the eval README's conventions): anyone the cases give a role (captions, caption
blocks, "X sued Y"), the accuser, the accused and the distilled company of a distillation allegation, and
people or organisations acting in the dispute (testifying, denying, arguing, appealing) in a text about a
legal dispute. Judges, courts, lawyers and outlets are found but are not litigants; a model is never a
party (its owner may be).
"""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from spacy.tokens import Doc

from ingest.nlp import captions, claims, dates, gazetteer
from ingest.nlp.types import Evidence, Extraction, PartyX

DISPUTE = {"sue", "lawsuit", "suit", "complaint", "trial", "testify", "testimony", "infringe", "infringement",
           "plaintiff", "defendant", "litigation", "settle", "settlement", "verdict", "deposition", "counterclaim",
           "countersue", "appeal", "petition", "injunction", "subpoena", "deny", "oppose", "dismiss", "motion"}
LITIGATION = re.compile(r"\b(?:lawsuits?|sued|sues|suing|court(?:room)?s?|judge|jury|trial|testif\w*|testimony|"
                        r"plaintiffs?|defendants?|claimants?|complaint|litigation|settlement|verdict|ruling|ruled|"
                        r"motion to|deposition|class action|docket|counterclaim|injunction|appeals?|"
                        r"cross-examination|under oath|summary judgment|legal action)\b", re.I)
AI_WORDS = re.compile(r"\b(?:AI|A\.I\.|artificial intelligence|artificial-intelligence|generative|chatbots?|"
                      r"large language models?|LLMs?|machine learning|neural|training data|trained on|"
                      r"train(?:ing)? (?:its|their) (?:AI )?models?|ChatGPT|GPT-\d\w*|Claude|Gemini|Llama|Grok|"
                      r"Stable Diffusion|Midjourney|Copilot|OpenAI|Anthropic|DeepSeek|Stability AI|xAI|Perplexity|"
                      r"distill\w*|AI models?)\b")


def is_ai_litigation(text: str, cases, roles: dict, allegations, ms) -> bool:
    """A lawsuit, ruling or testimony between AI companies or over AI; not distillation talk alone."""
    lit = len(LITIGATION.findall(text))
    ai = len(AI_WORDS.findall(text))
    ai_party = False
    for name, role in roles.items():
        entry = gazetteer.by_name(name) or gazetteer.lookup(name) or gazetteer.lookup(captions.TRAILING.sub("", name))
        if entry and entry.ai:
            ai_party = True
    if (cases or roles) and ai_party and lit >= 1:
        return True
    if lit >= 3 and ai >= 2:
        return True
    return bool(cases or roles) and lit >= 1 and ai >= 3


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
    text = doc.text  # built from the tokens on every access
    litigation = is_ai_litigation(text, found_cases, roles, found_allegations, ms)
    dispute = bool(found_cases or roles) or len(LITIGATION.findall(text)) >= 2

    parties: dict[str, PartyX] = {}
    for m in ms:
        if m.kind in ("court",) or m.in_quote and m.name not in roles:
            continue
        p = parties.get(m.name)
        if p is None:
            pkind = {"judge": "person", "outlet": "company", "lawyer": "person"}.get(m.kind, m.kind)
            p = parties[m.name] = PartyX(name=m.name, kind=pkind, gazetteer_id=m.eid, owner=m.owner,
                                         is_litigant=False)
        if m.text and m.text not in p.surface_forms:
            p.surface_forms.append(m.text)
        p.evidence.append(Evidence(m.start, m.end, m.sent_start, m.sent_end))
    not_actors = {m.name for m in ms if m.kind in ("judge", "outlet", "lawyer", "court", "model") or not m.litigant_ok}

    actors: set[str] = set()
    claimed: set[str] = set()
    for name, role in roles.items():
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
    parties = _merge_variants(parties, found_cases, found_allegations, found_quotes)
    numbers = [d for d, _, _ in captions.dockets(text)]
    events = dates.events(doc, published, litigation or dispute, kind=kind)
    return Extraction(parties=list(parties.values()), quotes=found_quotes, allegations=found_allegations,
                      cases=found_cases, claims=claims.find(doc, found_cases), events=events,
                      docket_numbers=numbers, court=captions.court(text), is_ai_litigation=litigation,
                      extractor_version=version)


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


def _suffix(name: str) -> str:
    """The legal form a name ends with ('inc', 'ltd', 'lp'...), '' for a bare name."""
    raw = re.sub(r"[^a-z0-9 ]+", "", name.lower().replace(",", " ")).split()
    tail = [w for w in raw[1:] if w in captions.SUFFIX_WORDS and w != "the"]
    return " ".join(tail)


def _merge_variants(parties: dict, cases, allegations, quotes) -> dict:
    """One party per entity: a caption's 'Openai, Inc.' or 'Tiara N. Johnson' and the text's 'OpenAI' or
    'N. Johnson' become one, keeping the role and the canonical (gazetteer) or fullest name."""
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
    rename: dict[str, str] = {}
    for key, names in groups.items():
        if len(names) < 2:
            continue
        entry = gazetteer.load().get(key[2:]) if key.startswith("g:") else None
        keep = next((n for n in names if entry and n == entry.name), None) or max(
            names, key=lambda n: (parties[n].is_litigant, parties[n].role != "other", len(n)))
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
