"""Small, pure helpers for names and keys shared by the write and read sides."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_SUFFIXES = {"inc", "llc", "ltd", "corp", "corporation", "co", "company", "plc", "lp", "llp", "pbc", "gmbh", "sa", "ag"}


def normalize_name(name: str | None) -> str:
    """Lower-case, no accents, no punctuation, no company suffixes: "OpenAI, Inc." -> "openai"."""
    if not name:
        return ""
    return _normalized(str(name))


@lru_cache(maxsize=1 << 16)
def _normalized(name: str) -> str:  # (pure and called for the same few thousand names over and over)
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    s = s.replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^a-z0-9 ]+", " ", s)
    words = [w for w in s.split() if w not in _SUFFIXES]
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def fingerprint(*parts: object) -> str:
    key = "\x1f".join(normalize_name(p) if isinstance(p, str) else str(p or "") for p in parts)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def short_name(name: str, kind: str) -> str:
    """The name a caption uses: a person's surname, a company's name (an agency's as courts caption it: the
    Department of Justice sues as the United States)."""
    if kind == "person":
        return surname(name)
    from ingest.nlp import gazetteer

    entry = gazetteer.by_name(name)
    return entry.caption if entry is not None else name


_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "la", "le", "st.", "mac", "al", "el",
              "bin", "ter", "ten"}


def surname(name: str) -> str:
    """A person's surname with its particles: "Jean-Claude Van Damme" -> "Van Damme", "Ursula von der Leyen"
    -> "von der Leyen", "Sam Altman" -> "Altman" (a suffix such as "Jr." is not the surname)."""
    parts = [p for p in name.split() if p.strip(".,").lower() not in ("jr", "sr", "ii", "iii", "iv")] or name.split()
    if not parts:
        return name
    n = len(parts) - 1
    while n > 1 and parts[n - 1].lower() in _PARTICLES:
        n -= 1
    return " ".join(parts[n:])


def caption_key(caption: str | None) -> str:
    """A caption's sides normalised, so "The New York Times v. Microsoft" and "New York Times Company v.
    Microsoft Corporation" are one key; "In re ..." captions keep their words."""
    parts = re.split(r"\s+v(?:s)?\.?\s+", caption or "", maxsplit=1, flags=re.I)
    if len(parts) == 2:
        left, right = (normalize_name(p).replace(" et al", "") for p in parts)
        return f"{left} v {right}"[:500] if left and right else ""
    return normalize_name(caption)[:500]
