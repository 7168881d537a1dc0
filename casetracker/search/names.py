"""Fuzzy names: which parties a query's words name, through pg_trgm, aliases and acronyms.

"Antropic" (a typo), "Open AI" and "Deep Seek" (spacing), "NYT" (initials of The New York Times) and
"the ChatGPT maker" (a product's maker: its owner) all resolve to a party. Spans of one to three
consecutive words are compared at once, in one query, against party names and aliases: trigram
similarity of the upper-cased name and of its squashed form (letters and digits only), and exact
initials. The best non-overlapping spans win.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import connection
from rapidfuzz.distance import OSA

MIN_SIMILARITY = 0.55
MAX_SPAN = 3
MAX_WORDS = 12
# words that, after a product's name, mean the company behind it: "the ChatGPT maker"
DESCRIPTORS = {"maker", "makers", "developer", "developers", "creator", "creators", "owner", "owners", "parent",
               "company", "firm", "startup", "lab", "behind", "vendor", "operator", "builder"}
SKIP = {"the", "a", "an", "of", "and", "or", "v", "vs", "in", "on", "by", "for", "to"}


@dataclass
class NameMatch:
    start: int  # word index of the span (inclusive)
    end: int  # word index after the span
    text: str  # the span as typed
    similarity: float
    parties: list = field(default_factory=list)  # Party rows, best first
    owner_of: str = ""  # "ChatGPT" when the span was "ChatGPT maker"

    @property
    def names(self) -> list[str]:
        out: list[str] = []
        for p in self.parties:
            if p.name not in out:
                out.append(p.name)
        return out

    @property
    def corrected(self) -> bool:
        typed = re.sub(r"[^0-9a-z]", "", self.text.lower())
        return all(re.sub(r"[^0-9a-z]", "", n.lower()) != typed for n in self.names[:1])


# the spans' matches among party names and aliases: migration 0006's casetracker_name_matches (trigram similarity
# of the upper-cased and the squashed name through the trigram indexes, initials through the acronym indexes)
SPANS_SQL = "SELECT i, j, party_id, sim, name FROM casetracker_name_matches(%s::int[], %s::int[], %s::text[], %s::text[])"


def _squash(text: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", text.upper())


def _edit_similarity(a: str, b: str) -> float:
    """Typing errors trigrams undervalue: a swapped pair of letters ("Antrhopic") is one edit."""
    if len(a) < 5 or not b:
        return 0.0
    return OSA.normalized_similarity(a, b) - 0.1


def _acceptable(span: str, sim: float) -> bool:
    squashed = _squash(span)
    if len(squashed) < 3:
        return False
    if len(squashed) < 5:  # short words: near-exact only ("xAI", "NYT", "Grok"), never "Groq" for "Grok"
        return sim >= 0.85
    return sim >= MIN_SIMILARITY


def resolve(words: list[str]) -> list[NameMatch]:
    """Non-overlapping spans of ``words`` that name parties, left to right."""
    words = words[:MAX_WORDS]
    spans = []
    for i in range(len(words)):
        for j in range(i + 1, min(i + MAX_SPAN, len(words)) + 1):
            text = " ".join(words[i:j])
            if words[i].lower() in SKIP or words[j - 1].lower() in SKIP or words[j - 1].lower() in DESCRIPTORS:
                continue
            if len(_squash(text)) >= 3:
                spans.append((i, j, text.upper(), _squash(text)))
    if not spans:
        return []
    with connection.cursor() as cursor:
        cursor.execute(SPANS_SQL, [[s[0] for s in spans], [s[1] for s in spans], [s[2] for s in spans],
                                   [s[3] for s in spans]])
        rows = cursor.fetchall()
    by_span: dict[tuple, list] = {}
    for i, j, party_id, sim, name in rows:
        text = " ".join(words[i:j])
        sim = max(float(sim), _edit_similarity(_squash(text), _squash(name)) if name else 0.0)
        if _acceptable(text, sim):
            by_span.setdefault((i, j), []).append((float(sim), party_id))
    # best spans first: higher similarity, then longer
    ranked = sorted(by_span.items(), key=lambda kv: (-max(s for s, _ in kv[1]), -(kv[0][1] - kv[0][0]), kv[0][0]))
    taken: set[int] = set()
    matches = []
    for (i, j), found in ranked:
        if taken & set(range(i, j)):
            continue
        taken |= set(range(i, j))
        best = max(s for s, _ in found)
        ids = [pid for s, pid in sorted(found, key=lambda x: -x[0]) if s >= best - 0.05][:3]
        matches.append(NameMatch(i, j, " ".join(words[i:j]), best, parties=ids))
    _load_parties(matches, words)
    return sorted(matches, key=lambda m: m.start)


def _load_parties(matches: list[NameMatch], words: list[str]) -> None:
    from casetracker.models import Party

    ids = {pid for m in matches for pid in m.parties}
    parties = Party.objects.select_related("owner", "merged_into").in_bulk(ids)
    for m in matches:
        resolved = []
        for pid in m.parties:
            if pid in parties:
                p = parties[pid].resolved()
                if p not in resolved:
                    resolved.append(p)
        m.parties = resolved
        # "the ChatGPT maker": the word after a product names its owner
        if m.end < len(words) and words[m.end].lower() in DESCRIPTORS:
            owners = [p.owner.resolved() for p in resolved if p.owner_id]
            m.owner_of = m.text
            m.text = f"{m.text} {words[m.end]}"
            m.end += 1
            m.parties = owners + [p for p in resolved if p not in owners]
