"""One parsed document → an Extraction: parties with roles, quotes, allegations, cases, claims, events."""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from spacy.tokens import Doc

from ingest.nlp import allegations, captions, dates, mentions as mention_mod, quotes
from ingest.nlp.types import ClaimX, Evidence, Extraction, PartyX

DISPUTE = {"sue", "lawsuit", "suit", "complaint", "court", "trial", "testify", "testimony", "allege", "accuse",
           "accusation", "infringe", "infringement", "plaintiff", "defendant", "litigation", "settle", "settlement",
           "verdict", "jury", "ruling", "dismiss", "motion", "deposition", "counterclaim", "distill", "distillation",
           "case", "claim", "judge", "appeal", "petition", "countersue", "injunction", "subpoena", "copyright"}
LITIGATION = re.compile(r"\b(?:lawsuits?|sued|sues|suing|court(?:room)?s?|judge|jury|trial|testif\w*|testimony|"
                        r"plaintiffs?|defendants?|complaint|litigation|settlement|verdict|ruling|ruled|motion to|"
                        r"deposition|class action|docket|counterclaim|injunction|appeals?)\b", re.I)
AI_WORDS = re.compile(r"\b(?:AI|A\.I\.|artificial intelligence|generative|chatbots?|large language models?|LLMs?|"
                      r"machine learning|neural|training data|trained on|train(?:ing)? (?:its|their) models?|"
                      r"ChatGPT|GPT-\d\w*|Claude|Gemini|Llama|Grok|Stable Diffusion|Midjourney|Copilot|"
                      r"OpenAI|Anthropic|DeepSeek|Stability AI|xAI|Perplexity|distill\w*|AI models?)\b")
AI_CASES = re.compile(r"\b(?:Kadrey|Tremblay|Silverman|Bartz|Andersen|Concord|Thomson Reuters|Getty Images|"
                      r"Authors Guild|New York Times|Raw Story|Intercept|Doe)\b[^.\n]{0,30}\bv\.?\s+"
                      r"(?:Meta|OpenAI|Anthropic|Stability|Ross|ROSS|Microsoft|GitHub|Midjourney|Perplexity)", re.I)
CLAIMS = [
    ("breach of contract", re.compile(r"\bbreach(?:ed|es|ing)? (?:of )?(?:its |the |their )?(?:contract|agreement)s?\b", re.I)),
    ("copyright infringement", re.compile(r"\bcopyright infringement\b|\binfring\w* (?:on )?(?:its |their |the )?copyrights?\b", re.I)),
    ("trade secret misappropriation", re.compile(r"\btrade[- ]secrets?\b", re.I)),
    ("unfair competition", re.compile(r"\bunfair competition\b|\banti-?competitive\b|\bantitrust\b", re.I)),
    ("terms-of-service violation", re.compile(r"\b(?:violat\w*|breach\w*) (?:of )?(?:its |the |their |OpenAI’s |OpenAI's )?terms of (?:service|use)\b|\bterms of service\b", re.I)),
    ("fraud", re.compile(r"\bfraud\b", re.I)),
    ("unjust enrichment", re.compile(r"\bunjust enrichment\b", re.I)),
    ("DMCA violation", re.compile(r"\bDMCA\b|Digital Millennium Copyright Act", re.I)),
    ("trademark infringement", re.compile(r"\btrademark\b", re.I)),
    ("breach of fiduciary duty", re.compile(r"\bfiduciary\b|\bcharitable trust\b|\bnonprofit mission\b", re.I)),
]


def is_ai_litigation(text: str, n_captions: int) -> bool:
    lit = len(LITIGATION.findall(text))
    ai = len(AI_WORDS.findall(text))
    if AI_CASES.search(text):
        return True
    return (lit >= 3 or n_captions and lit >= 1) and ai >= 2


def _dispute_role(doc: Doc, m) -> bool:
    tok = doc[m.tok]
    for _ in range(4):
        if tok.lemma_.lower() in DISPUTE or tok.lower_ in DISPUTE:
            return True
        for child in tok.children:
            if child.dep_ in ("prep", "dobj", "attr") and (child.lemma_.lower() in DISPUTE):
                return True
        if tok.head is tok:
            break
        tok = tok.head
    return False


def build(doc: Doc, *, published: Optional[date] = None, title: str = "") -> Extraction:
    from ingest.nlp.pipeline import EXTRACTOR_VERSION

    ms = mention_mod.find(doc)
    found_quotes = quotes.find(doc, ms)
    found_allegations = allegations.find(doc, ms)
    found_cases, roles = captions.cases(doc, ms)
    litigation = is_ai_litigation(doc.text, len(found_cases))
    actors = set(roles)
    for a in found_allegations:
        actors.update(x for x in (a.accuser, a.accused) if x)
        if a.teacher:
            owner = next((m.owner for m in ms if m.name == a.teacher and m.owner), None)
            actors.add(owner or a.teacher)
    for m in ms:
        if not m.resolved and m.kind in ("company", "person", "agency") and m.litigant_ok and _dispute_role(doc, m):
            actors.add(m.name)
    parties: dict[str, PartyX] = {}
    for m in ms:
        if m.kind in ("court", "outlet"):
            continue
        p = parties.get(m.name)
        if p is None:
            kind = {"judge": "person", "outlet": "company"}.get(m.kind, m.kind)
            p = parties[m.name] = PartyX(name=m.name, kind=kind, role=roles.get(m.name, "other"), gazetteer_id=m.eid,
                                         owner=m.owner, is_litigant=False)
        if m.text and m.text not in p.surface_forms:
            p.surface_forms.append(m.text)
        p.evidence.append(Evidence(m.start, m.end, m.sent_start, m.sent_end))
    for name, p in parties.items():
        p.is_litigant = name in actors and p.kind in ("company", "person", "agency") and \
            not any(m.kind == "judge" for m in ms if m.name == name) and (litigation or name in {
                x for a in found_allegations for x in (a.accuser, a.accused)} or name in roles)
    for name in {x for a in found_allegations for x in (a.accuser, a.accused, a.teacher, a.student) if x}:
        if name not in parties:
            parties[name] = PartyX(name=name, kind="company", is_litigant=name in actors)
    numbers = [d for d, _, _ in captions.dockets(doc.text)]
    claims = _claims(doc, found_cases)
    events = dates.events(doc, published, litigation)
    return Extraction(parties=list(parties.values()), quotes=found_quotes, allegations=found_allegations,
                      cases=found_cases, claims=claims, events=events, docket_numbers=numbers,
                      court=captions.court(doc.text), is_ai_litigation=litigation,
                      extractor_version=EXTRACTOR_VERSION)


def _claims(doc: Doc, cases) -> list[ClaimX]:
    out, seen = [], set()
    subject = cases[0].plaintiffs[0] if cases and cases[0].plaintiffs else None
    obj = cases[0].defendants[0] if cases and cases[0].defendants else None
    for sent in doc.sents:
        for label, pattern in CLAIMS:
            hit = pattern.search(sent.text)
            if hit and label not in seen:
                seen.add(label)
                start = sent.start_char + hit.start()
                out.append(ClaimX(kind="cause_of_action", label=label, subject=subject, object=obj,
                                  evidence=[Evidence(start, sent.start_char + hit.end(), sent.start_char,
                                                     sent.end_char)]))
    return out
