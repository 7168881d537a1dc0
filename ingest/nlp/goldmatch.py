"""Matching a candidate against a gold annotation line, for the labelers of learned decisions.

The rules follow the eval README's scorer in spirit (our own code: the scorer lives outside the repository):
names match after lower-casing, dropping punctuation, possessives and company suffixes, when equal, when one's
words contain the other's (a lone short word never matches everything), or when close by difflib's ratio;
a quote matches a gold quote when the gold quote's first five words occur in it.
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Iterable, Optional

SUFFIXES = frozenset({"inc", "llc", "ltd", "corp", "corporation", "co", "company", "plc", "the", "lp", "llp", "pbc",
                      "gmbh", "sa", "ag"})


@lru_cache(maxsize=65536)
def norm(name: Optional[str]) -> str:
    if not name:
        return ""
    s = str(name).lower().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^a-z0-9 ]+", " ", s)
    return " ".join(w for w in s.split() if w not in SUFFIXES)


@lru_cache(maxsize=65536)
def name_match(a: Optional[str], b: Optional[str]) -> bool:
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    wa, wb = set(na.split()), set(nb.split())
    if wa <= wb or wb <= wa:
        small = wa if len(wa) <= len(wb) else wb
        if any(len(w) > 2 for w in small):
            return True
    return difflib.SequenceMatcher(None, na, nb).ratio() >= 0.88


def any_name(name: Optional[str], names: Iterable[Optional[str]]) -> bool:
    return any(name_match(name, n) for n in names if n)


def words(text: Optional[str]) -> list[str]:
    return re.sub(r"[^a-z0-9 ]+", " ", str(text or "").lower().replace("’", "'")).split()


def quote_match(gold_start: str, text: str) -> bool:
    g, p = words(gold_start), words(text)
    if not g or not p:
        return False
    probe = g[:5]
    n = len(probe)
    return any(p[i:i + n] == probe for i in range(len(p) - n + 1))


def gold_quotes(gold: dict, text: str) -> list[dict]:
    """The gold quotes a found quote's text matches."""
    return [q for q in gold.get("quotes", []) if quote_match(q.get("text_start", ""), text)]


def gold_party(gold: dict, name: str) -> Optional[dict]:
    for p in gold.get("parties", []):
        if name_match(name, p.get("name")):
            return p
    return None
