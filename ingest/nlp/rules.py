"""Rules kept as data: lexicons, verb frames and cue patterns in ingest/nlp/patterns/*.jsonl.

Each line of a pattern file is one JSON object. Every line names the `role` it plays (what a match means to
the component that reads it: "accusation_verb", "distillation_cue", "speech_verb", "counsel_cue", ...), so
one word list never plays two roles by accident. Three shapes, by the keys present:

    {"role": "speech_verb", "lemma": "say"}                                   a lexicon entry (lemma or text)
    {"role": "distillation_cue", "label": "DISTILL", "pattern": [{"LOWER": "distilled"}]}   SpanRuler/Matcher
    {"role": "accusation", "label": "ACCUSE", "dep": [{"RIGHT_ID": ..., ...}, ...]}          DependencyMatcher

Files are loaded by the registered function "casetracker.patterns.v1" (spaCy's registry), so a config or a
component can name them; `lexicon(file, role)` gives a frozenset of lemmas/texts, `span_ruler(nlp, file)`
adds a SpanRuler whose matches land in doc.spans[<file>] (with the role as the span's id), and
`dep_matcher(vocab, file)` builds a DependencyMatcher. A new phrasing is one line in a file and one unit test
on a hand-built Doc. Optional keys: "id" (a stable name), "note" (why), "example" (a sentence it matches).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher
from spacy.util import registry

PATTERNS_DIR = Path(__file__).resolve().parent / "patterns"


@lru_cache(maxsize=None)
def load(name: str) -> tuple[dict, ...]:
    """Every line of patterns/<name>.jsonl (blank lines and lines starting with // are skipped)."""
    path = PATTERNS_DIR / f"{name}.jsonl"
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"{path.name}:{n}: {e}") from e
        if "role" not in entry:
            raise ValueError(f"{path.name}:{n}: every pattern names its role")
        out.append(entry)
    return tuple(out)


@registry.misc("casetracker.patterns.v1")
def patterns(name: str) -> list[dict]:
    return list(load(name))


def entries(name: str, role: Optional[str] = None) -> list[dict]:
    return [e for e in load(name) if role is None or e["role"] == role]


@lru_cache(maxsize=None)
def lexicon(name: str, role: Optional[str] = None, key: str = "lemma") -> frozenset:
    """The words of one role in a pattern file (lower-cased), from the lines that have `key`; a verb's lemma in
    both spellings ("emphasize" and "emphasise", "criticized" and "criticised")."""
    words = {str(e[key]).lower() for e in entries(name, role) if key in e}
    if key == "lemma":
        words |= {other for other in map(_other_spelling, words) if other}
    return frozenset(words)


_IZE = re.compile(r"(?<=[a-z]{3})i([sz])(e|ed|es|ing|ation)$")


def _other_spelling(word: str) -> Optional[str]:
    """The British or American spelling of an -ize/-ise verb ("recognize" -> "recognise"), else None."""
    m = _IZE.search(word)
    if not m or " " in word:
        return None
    return word[:m.start()] + "i" + ("s" if m.group(1) == "z" else "z") + m.group(2)


@lru_cache(maxsize=None)
def mapping(name: str, role: Optional[str] = None, key: str = "lemma", value: str = "value") -> dict:
    """{entry[key]: entry[value]} for one role (e.g. a verb lemma → the status it gives)."""
    return {str(e[key]).lower(): e[value] for e in entries(name, role) if key in e and value in e}


def token_patterns(name: str, role: Optional[str] = None) -> list[dict]:
    return [e for e in entries(name, role) if "pattern" in e]


def span_ruler(nlp: Language, name: str, component: Optional[str] = None, **where):
    """A SpanRuler holding the token patterns of patterns/<name>.jsonl; matches go to doc.spans[name]."""
    component = component or f"casetracker_{name}"
    if component in nlp.pipe_names:
        return nlp.get_pipe(component)
    ruler = nlp.add_pipe("span_ruler", name=component, config={"spans_key": name, "validate": True}, **where)
    ruler.add_patterns([{"label": e.get("label", e["role"]), "pattern": e["pattern"],
                         "id": e.get("id", e["role"])} for e in token_patterns(name)])
    return ruler


@lru_cache(maxsize=None)
def _matcher(vocab, name: str, role: Optional[str]) -> Matcher:
    matcher = Matcher(vocab, validate=True)
    for n, e in enumerate(token_patterns(name, role)):
        matcher.add(e.get("id") or f"{e['role']}#{n}", [e["pattern"]])
    return matcher


def matcher(vocab, name: str, role: Optional[str] = None) -> Matcher:
    """A token Matcher over one file's patterns (of one role); match ids are the entries' "id" or role#n."""
    return _matcher(vocab, name, role)


@lru_cache(maxsize=None)
def _dep_matcher(vocab, name: str, role: Optional[str]) -> DependencyMatcher:
    dm = DependencyMatcher(vocab, validate=True)
    for n, e in enumerate(x for x in entries(name, role) if "dep" in x):
        dm.add(e.get("id") or f"{e['role']}#{n}", [e["dep"]])
    return dm


def dep_matcher(vocab, name: str, role: Optional[str] = None) -> DependencyMatcher:
    """A DependencyMatcher over one file's dependency patterns (of one role)."""
    return _dep_matcher(vocab, name, role)


def role_of(name: str, match_id: str) -> Optional[str]:
    """The role of the entry a match came from (by its id, or by role#n)."""
    for e in load(name):
        if e.get("id") == match_id:
            return e["role"]
    return match_id.split("#", 1)[0] if "#" in match_id else None
