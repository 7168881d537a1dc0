"""From what a user typed to a tsquery: web-search syntax, fuzzy party names, weight-restricted variants.

The syntax is websearch_to_tsquery's ("quoted phrase", OR, -exclusion) with Google's precedence (OR binds
its two neighbours: ``a b OR c`` is a AND (b OR c)). Every piece of user text reaches PostgreSQL as a
parameter of plainto_tsquery / phraseto_tsquery, never as tsquery syntax, so no input can break the query.
Words that name a party ("Open AI", "Antropic") match the party's name too: (typed words OR "OpenAI").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from django.db import connection

from casetracker.search.names import NameMatch, resolve
from casetracker.search.vectors import CONFIG

MAX_QUERY = 500  # characters of a query we look at
MAX_TOKENS = 24
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_LEXEME = re.compile(r"'(?:[^']|'')*'")
_PHRASE_OP = re.compile(r"<(?:-|\d+)>")


def clean_query(q: Optional[str]) -> str:
    q = (q or "").replace("\x00", " ")[:MAX_QUERY]
    return " ".join(q.split())


@dataclass
class Token:
    kind: str  # "word", "phrase", "or"
    text: str
    neg: bool = False


def tokenize(q: str) -> list[Token]:
    tokens: list[Token] = []
    for m in _TOKEN.finditer(q):
        neg, phrase, word = m.group(1), m.group(2), m.group(3)
        if phrase is not None:
            if phrase.strip():
                tokens.append(Token("phrase", phrase.strip(), bool(neg)))
        elif word == "OR":
            tokens.append(Token("or", word))
        elif word.startswith("-") and len(word) > 1:
            tokens.append(Token("word", word[1:], True))
        else:
            tokens.append(Token("word", word))
    return tokens[:MAX_TOKENS]


@dataclass
class ParsedQuery:
    text: str  # the cleaned query
    tsquery: str = ""  # PostgreSQL's text form of the final tsquery ('' when nothing is searchable)
    names: list[NameMatch] = field(default_factory=list)
    whole: bool = False  # the query is nothing but one name
    only_exclusions: bool = False

    @property
    def empty(self) -> bool:
        return not self.tsquery

    def weighted(self, weights: str) -> str:
        """The same tsquery with every lexeme restricted to weights (e.g. "A", "AB")."""
        return _LEXEME.sub(lambda m: f"{m.group(0)}:{weights}", self.tsquery)

    @property
    def has_phrase(self) -> bool:
        return bool(_PHRASE_OP.search(_LEXEME.sub("", self.tsquery)))

    def without_phrases(self) -> str:
        """The tsquery with its phrase operators made AND (every phrase match matches it; no exclusion inside)."""
        parts, last = [], 0
        for m in _LEXEME.finditer(self.tsquery):
            parts.append(_PHRASE_OP.sub("&", self.tsquery[last:m.start()]))
            parts.append(m.group(0))
            last = m.end()
        parts.append(_PHRASE_OP.sub("&", self.tsquery[last:]))
        return "".join(parts)

    @property
    def whole_name(self) -> Optional[NameMatch]:
        """The name match when the query is nothing but one name ("Antropic", "the ChatGPT maker")."""
        return self.names[0] if self.whole else None

    @property
    def corrections(self) -> list[NameMatch]:
        return [m for m in self.names if m.corrected and m.parties]


def _plain(text: str) -> tuple[str, list]:
    return f"plainto_tsquery('{CONFIG}', %s)", [text]


def _alternatives(match: NameMatch) -> tuple[str, list]:
    typed = match.owner_of or match.text
    parts, params = [f"plainto_tsquery('{CONFIG}', %s)"], [typed]
    for name in match.names[:3]:
        if " ".join(name.lower().split()) == " ".join(typed.lower().split()):
            continue  # the name as typed: its phrase adds no match to the typed words (and costs a phrase check)
        parts.append(f"phraseto_tsquery('{CONFIG}', %s)")
        params.append(name)
    return "(" + " || ".join(parts) + ")", params


def parse(q: str) -> ParsedQuery:
    """Clean, tokenize, resolve names and let PostgreSQL build the tsquery."""
    parsed = ParsedQuery(text=clean_query(q))
    tokens = tokenize(parsed.text)
    # plain words (not negated, not next to OR) are where names are looked for
    plain = [i for i, t in enumerate(tokens) if t.kind == "word" and not t.neg
             and not (i > 0 and tokens[i - 1].kind == "or") and not (i + 1 < len(tokens) and tokens[i + 1].kind == "or")]
    runs: list[list[int]] = []
    for i in plain:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    span_of: dict[int, NameMatch] = {}
    for run in runs:
        words = [re.sub(r"^\W+|\W+$", "", tokens[i].text) for i in run]
        for match in resolve(words):
            if match.parties:
                match.start, match.end = run[match.start], run[match.end - 1] + 1
                parsed.names.append(match)
                span_of[match.start] = match
    searchable = [t for t in tokens if t.kind != "or" and re.search(r"\w", t.text)]
    parsed.whole = (len(parsed.names) == 1 and
                     all(parsed.names[0].start <= i < parsed.names[0].end or tokens[i].text.lower() in {"the", "a"}
                         for i, t in enumerate(tokens) if t in searchable))
    if searchable and all(t.neg for t in searchable):
        parsed.only_exclusions = True  # "-grok" alone would match nearly everything
        return parsed
    # build: items joined by AND; an OR token joins its neighbours
    items: list[tuple[str, list]] = []
    pending_or = False
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.kind == "or":
            pending_or = bool(items)
            i += 1
            continue
        if i in span_of:
            sql, params = _alternatives(span_of[i])
            i = span_of[i].end
        else:
            if t.kind == "phrase":
                sql, params = f"phraseto_tsquery('{CONFIG}', %s)", [t.text]
            else:
                sql, params = _plain(t.text)
            if t.neg:
                sql = f"(!! {sql})"
            i += 1
        if pending_or:
            prev_sql, prev_params = items.pop()
            items.append((f"({prev_sql} || {sql})", prev_params + params))
            pending_or = False
        else:
            items.append((sql, params))
    if not items:
        return parsed
    sql = " && ".join(s for s, _ in items)
    params = [p for _, ps in items for p in ps]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({sql})::text", params)
        parsed.tsquery = cursor.fetchone()[0] or ""
    return parsed
