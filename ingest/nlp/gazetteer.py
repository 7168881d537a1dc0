"""The AI-industry gazetteer (gazetteer.jsonl): one canonical entity a line with an `id`, its `kind`,
`aliases` matched case-sensitively, `lower_aliases` matched case-insensitively ("the ChatGPT maker"),
the `owner` of a model or product, whether it can be a litigant, and the `sources` of the facts."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

PATH = Path(__file__).with_name("gazetteer.jsonl")
LABELS = {"company": "ORG", "person": "PERSON", "judge": "PERSON", "model": "PRODUCT", "court": "COURT",
          "agency": "ORG", "outlet": "ORG"}


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    kind: str
    aliases: tuple = ()
    lower_aliases: tuple = ()
    owner: Optional[str] = None
    litigant: bool = True
    sources: tuple = field(default=(), compare=False)


@lru_cache(maxsize=4)
def load(path: str = str(PATH)) -> dict[str, Entry]:
    entries = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            raw = json.loads(line)
            if raw["id"] in entries:
                raise ValueError(f"{path}:{n}: duplicate id {raw['id']}")
            entries[raw["id"]] = Entry(id=raw["id"], name=raw["name"], kind=raw["kind"],
                                       aliases=tuple(raw.get("aliases", ())),
                                       lower_aliases=tuple(raw.get("lower_aliases", ())), owner=raw.get("owner"),
                                       litigant=raw.get("litigant", True), sources=tuple(raw.get("sources", ())))
    return entries


def patterns(entries: dict[str, Entry], tokenize) -> list[dict]:
    """EntityRuler patterns: exact token sequences for names and aliases, lower-cased ones for descriptions."""
    out = []
    for e in entries.values():
        label = LABELS.get(e.kind, "ORG")
        for name in {e.name, *e.aliases}:
            out.append({"label": label, "pattern": [{"ORTH": t.text} for t in tokenize(name)], "id": e.id})
            if name.isupper() is False and len(name) > 3 and " " in name:
                out.append({"label": label, "pattern": [{"ORTH": t.text.upper()} for t in tokenize(name)], "id": e.id})
        for phrase in e.lower_aliases:
            out.append({"label": label, "pattern": [{"LOWER": t.text.lower()} for t in tokenize(phrase)], "id": e.id})
    return out


@lru_cache(maxsize=1)
def by_lower_name() -> dict[str, Entry]:
    out = {}
    for e in load().values():
        for name in (e.name, *e.aliases):
            out.setdefault(name.lower(), e)
    return out


def lookup(name: str) -> Optional[Entry]:
    return by_lower_name().get((name or "").strip().lower())
