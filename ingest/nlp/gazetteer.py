"""The AI-industry gazetteer (gazetteer.jsonl), one canonical entity a line:

    id            stable identifier ("openai"), the EntityRuler pattern id and Party.gazetteer_id
    name          canonical name ("OpenAI")
    kind          person | company | model | court | agency
    role          optional: judge | lawyer | outlet | journalist (found, but never a litigant)
    aliases       matched case-sensitively ("Musk", "Mr. Musk"); capitalised variants are added
    lower_aliases matched case-insensitively ("the ChatGPT maker")
    owner         for models and products: the company that makes them ("Grok" -> "xAI"); for an outlet that is
                  no legal person, its publisher, the party of its suits ("The Wall Street Journal" -> "Dow Jones")
    litigant      false for entities that are never parties (judges, courts, outlets)
    ai            true for AI developers (OpenAI, Stability AI): a suit they are party to is AI litigation
    country       a company's home country (ISO code), for descriptions such as "the Chinese startup"
    caption_name  the name a court's caption gives it, where that is another ("Department of Justice" sues as
                  "United States": United States v. Google)
    sources       where the facts come from (a public URL, "seed article 000")
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

PATH = Path(__file__).with_name("gazetteer.jsonl")
KINDS = ("person", "company", "model", "court", "agency")
ROLES = ("judge", "lawyer", "outlet", "journalist")
LABELS = {"company": "ORG", "person": "PERSON", "model": "PRODUCT", "court": "COURT", "agency": "ORG"}


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    kind: str
    aliases: tuple = ()
    lower_aliases: tuple = ()
    owner: Optional[str] = None
    litigant: bool = True
    role: Optional[str] = None
    ai: bool = False  # an AI developer (its lawsuits are AI litigation)
    country: Optional[str] = None  # ISO code of a company's home country ("the US company", "the Chinese lab")
    caption_name: Optional[str] = None  # the name captions give it ("Department of Justice" -> "United States")
    sources: tuple = field(default=(), compare=False)

    @property
    def caption(self) -> str:
        """The name a caption gives it."""
        return self.caption_name or self.name


def parse(raw: dict, where: str = "") -> Entry:
    if raw.get("kind") not in KINDS:
        raise ValueError(f"{where}: kind must be one of {KINDS}, not {raw.get('kind')!r}")
    role = raw.get("role")
    if role is not None and role not in ROLES:
        raise ValueError(f"{where}: role must be one of {ROLES}")
    return Entry(id=raw["id"], name=raw["name"], kind=raw["kind"], aliases=tuple(raw.get("aliases", ())),
                 lower_aliases=tuple(raw.get("lower_aliases", ())), owner=raw.get("owner"),
                 litigant=raw.get("litigant", role is None and raw["kind"] not in ("court",)), role=role,
                 ai=bool(raw.get("ai", False)), country=raw.get("country"), caption_name=raw.get("caption_name"),
                 sources=tuple(raw.get("sources", ())))


@lru_cache(maxsize=4)
def load(path: str = str(PATH)) -> dict[str, Entry]:
    entries = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            entry = parse(json.loads(line), f"{path}:{n}")
            if entry.id in entries:
                raise ValueError(f"{path}:{n}: duplicate id {entry.id}")
            entries[entry.id] = entry
    return entries


def _variants(name: str) -> set[str]:
    out = {name}
    if any(c.islower() for c in name) and len(name) > 3:
        out.add(name.upper())
    if "’" in name:
        out.add(name.replace("’", "'"))
    if "'" in name:
        out.add(name.replace("'", "’"))
    return out


def patterns(entries: dict[str, Entry], tokenize) -> list[dict]:
    """EntityRuler patterns: exact token sequences for names and aliases (and their capitalised forms, as in
    court captions), lower-cased ones for descriptions."""
    out = []
    for e in entries.values():
        label = LABELS.get(e.kind, "ORG")
        for name in {v for n in (e.name, *e.aliases) for v in _variants(n)}:
            out.append({"label": label, "pattern": name, "id": e.id})  # a phrase pattern (PhraseMatcher, ORTH)
        for phrase in e.lower_aliases:
            out.append({"label": label, "pattern": [{"LOWER": t.text.lower()} for t in tokenize(phrase)], "id": e.id})
    return out


@lru_cache(maxsize=1)
def by_lower_name() -> dict[str, Entry]:
    out = {}
    for e in load().values():
        for name in (e.name, *e.aliases, *e.lower_aliases):
            out.setdefault(name.lower().replace("’", "'"), e)
    return out


def lookup(name: str) -> Optional[Entry]:
    return by_lower_name().get((name or "").strip().lower().replace("’", "'"))


def by_name(name: str) -> Optional[Entry]:
    """The entry whose canonical name this is."""
    for e in load().values():
        if e.name == name:
            return e
    return None
