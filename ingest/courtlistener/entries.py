"""What a docket entry shows: its event kind, the procedural stage it reaches and the status it leaves the case in
("ORDER granting motion to dismiss with prejudice": a ruling, stage motion to dismiss, dismissed with prejudice).

Docket entries are written in the clerks' formulaic words, so rules read them: entries.jsonl holds one pattern a
line, tried in order, the first that matches the description decides (a new phrasing is one line there and one
test). No Django, no model."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ingest.nlp.types import EVENT_KINDS, STAGES, STATUSES

PATTERNS = Path(__file__).with_name("entries.jsonl")


@dataclass(frozen=True)
class EntryStep:
    kind: str = "other"
    stage: str = ""
    status: str = ""
    rule: str = ""


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, re.Pattern, EntryStep], ...]:
    rules = []
    for n, line in enumerate(PATTERNS.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        step = EntryStep(kind=row.get("kind", "other"), stage=row.get("stage", ""), status=row.get("status", ""),
                         rule=row.get("id", f"line {n}"))
        if step.kind not in EVENT_KINDS or step.stage and step.stage not in STAGES or \
                step.status and step.status not in STATUSES:
            raise ValueError(f"{PATTERNS.name} line {n}: unknown kind, stage or status in {row}")
        rules.append((step.rule, re.compile(row["pattern"], re.I), step))
    return tuple(rules)


def classify(description: Optional[str]) -> EntryStep:
    text = " ".join((description or "").split())
    for _, pattern, step in _rules():
        if pattern.search(text):
            return step
    return EntryStep()
