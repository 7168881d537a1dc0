"""Causes of action named in a text ("breach of contract", "copyright infringement", "trade secrets",
"unfair competition", "fraud", ...), each with who claims it and against whom: the parties of the case
the text is about, or the plaintiff and defendant a nearer suit in words names."""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from ingest.nlp import layout
from ingest.nlp.dates import text_of
from ingest.nlp.types import ClaimX, Evidence

CLAIMS = [
    ("breach of contract", re.compile(r"\bbreach(?:ed|es|ing)? (?:of )?(?:its |the |their |an? )?(?:\w+ )?(?:contract|agreement)s?\b", re.I)),
    ("copyright infringement", re.compile(r"\bcopyright infringement\b|\binfring\w* (?:on )?(?:its |their |the |\w+['’]s? )?copyrights?\b", re.I)),
    ("contributory copyright infringement", re.compile(r"\bcontributory (?:copyright )?infringement\b", re.I)),
    ("trade secret misappropriation", re.compile(r"\btrade[- ]secrets?\b", re.I)),
    ("unfair competition", re.compile(r"\bunfair competition\b|\banti-?competitive\b", re.I)),
    ("antitrust", re.compile(r"\bantitrust\b|\bmonopol\w+\b", re.I)),
    ("terms-of-service violation", re.compile(r"\b(?:violat\w*|breach\w*) (?:of )?(?:its |the |their |\w+['’]s )?"
                                              r"(?:terms of (?:service|use)|user (?:policy|agreement))\b|\bterms of service\b", re.I)),
    ("fraud", re.compile(r"\bfraud\b|\bfraudulent(?:ly)? (?:induc|misrepresent)\w*", re.I)),
    ("unjust enrichment", re.compile(r"\bunjust(?:ly)? enrich\w*\b", re.I)),
    ("DMCA violation", re.compile(r"\bDMCA\b|Digital Millennium Copyright Act|copyright management information", re.I)),
    ("trademark infringement", re.compile(r"\btrademark (?:infringement|dilution|claims?)\b", re.I)),
    ("breach of fiduciary duty", re.compile(r"\bfiduciary dut\w+\b|\bcharitable trust\b", re.I)),
    ("defamation", re.compile(r"\bdefamat\w+\b|\blibel\b", re.I)),
    ("negligence", re.compile(r"\bnegligen\w+\b", re.I)),
    ("privacy violation", re.compile(r"\b(?:invasion of )?privacy (?:violations?|claims?)\b|\bwiretap\w*\b", re.I)),
]
# words one of which every match of a claim's pattern contains (lower case): a substring test of the lower-cased
# text (C speed) spares the case-insensitive scan of the whole text for the causes of action it never names
NEEDS = {
    "breach of contract": ("contract", "agreement"), "copyright infringement": ("copyright",),
    "contributory copyright infringement": ("contributory",), "trade secret misappropriation": ("secret",),
    "unfair competition": ("unfair competition", "competitive"), "antitrust": ("antitrust", "monopol"),
    "terms-of-service violation": ("terms of", "user policy", "user agreement"), "fraud": ("fraud",),
    "unjust enrichment": ("unjust",), "DMCA violation": ("dmca", "millennium", "copyright management"),
    "trademark infringement": ("trademark",), "breach of fiduciary duty": ("fiduciary", "charitable trust"),
    "defamation": ("defamat", "libel"), "negligence": ("negligen",), "privacy violation": ("privacy", "wiretap"),
}


def find(doc: Doc, cases) -> list[ClaimX]:
    """Each cause of action once, at its first mention: one search of the text per claim, the sentence found by
    its offset."""
    text = text_of(doc)
    lower = text.lower()
    hits = []
    for label, pattern in CLAIMS:
        if not any(word in lower for word in NEEDS[label]):
            continue
        hit = pattern.search(text)
        if hit:
            hits.append((hit.start(), hit.end(), label))
    if not hits:
        return []
    sents = layout.sents(doc)
    starts = [s.start_char for s in sents]
    out = []
    for start, end, label in sorted(hits):
        sent = sents[max(0, bisect.bisect_right(starts, start) - 1)]
        case = _nearest_case(cases, sent.start_char)
        subject = case.plaintiffs[0] if case and case.plaintiffs else None
        obj = case.defendants[0] if case and case.defendants else None
        out.append(ClaimX(kind="cause_of_action", label=label, subject=subject, object=obj,
                          evidence=[Evidence(start, end, sent.start_char, sent.end_char)]))
    return out


def _nearest_case(cases, offset: int):
    before = [c for c in cases if c.evidence and c.evidence[0].start <= offset]
    if before:
        return max(before, key=lambda c: c.evidence[0].start)
    return cases[0] if cases else None
