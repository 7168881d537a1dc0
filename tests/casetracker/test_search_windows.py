"""The shortcuts search takes at scale give exactly what reading every match would.

Documents: ``casetracker_recent`` (migration 0006) looks for the newest n matches in windows of the newest
documents before reading the whole GIN index; quotes and allegations (engine._sql_facts) look among the newest
ids first. Each is compared here with the plain answer (every match sorted) over rows made so that every path is
taken: words in most documents (the date index walk), in a tenth (the first window), in a few percent (a second
window), in too few (the whole index), phrases whose words are common apart and rare together (the planner's
estimate far too low), ties of date, and no match at all.
"""
from __future__ import annotations

import pytest
from django.db import connection

from casetracker.search import engine, parse, Filters
from casetracker.search.vectors import CONFIG

ROWS = 3000

# word -> which rows have it (i is the row number)
WORDS = {
    "alpha": lambda i: i % 2 == 0,  # half: the date index walk
    "beta": lambda i: i % 10 == 3,  # a tenth: found in the first window
    "gamma": lambda i: i % 37 == 5,  # under 3 %: a second window
    "delta": lambda i: i % 3 == 0,  # "delta epsilon" together in 1 row of 60, each apart in a third
    "epsilon": lambda i: i % 3 == 1 or i % 60 == 0,
    "zeta": lambda i: i % 500 == 7,  # six rows: the whole index at once
}


def _text(i: int) -> str:
    words = [w for w, has in WORDS.items() if has(i) and w != "epsilon"]
    if i % 60 == 0:
        words.append("delta epsilon")  # the phrase
    elif WORDS["epsilon"](i):
        words.insert(0, "epsilon")  # the word, never right after delta
    return " ".join(words + [f"filler{i % 7}"])


@pytest.fixture
def searchdocs(db):
    """ROWS rows of casetracker_searchdoc (three per date: ties), with statistics, as the planner sees them."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM casetracker_searchdoc")
        cursor.execute(f"""
            INSERT INTO casetracker_searchdoc (id, shown_at, published_at, publisher, own_vector, vector)
            SELECT 900000 + i, timestamptz '2020-01-01' + (i / 3) * interval '1 hour', NULL, '',
                   to_tsvector('{CONFIG}', t), to_tsvector('{CONFIG}', t || ' body')
              FROM unnest(%s::int[], %s::text[]) AS r(i, t)""",
                       [list(range(ROWS)), [_text(i) for i in range(ROWS)]])
        cursor.execute("ANALYZE casetracker_searchdoc")
    yield
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM casetracker_searchdoc WHERE id >= 900000")


def _plain_answer(col: str, q: str, n: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM casetracker_searchdoc WHERE {col} @@ %s::tsquery"
                       " ORDER BY shown_at DESC, id DESC LIMIT %s", [q, n])
        return [r[0] for r in cursor.fetchall()]


QUERIES = ["alpha", "beta", "gamma", "zeta", "delta <-> epsilon", "delta & epsilon", "beta & gamma", "gamma | zeta",
           "alpha & !beta", "nomatch", "delta <-> nomatch"]


@pytest.mark.parametrize("col", ["vector", "own_vector"])
@pytest.mark.parametrize("n", [5, 20])
def test_recent_documents_equal_reading_every_match(searchdocs, col, n):
    with connection.cursor() as cursor:
        for q in QUERIES:
            cursor.execute("SELECT to_tsquery(%s, %s)::text", [CONFIG, q])
            tsq = cursor.fetchone()[0]
            cursor.execute("SELECT casetracker_recent(%s, %s::tsquery, %s)", [col, tsq, n])
            got = sorted((r[0] for r in cursor.fetchall()), reverse=True)
            want = _plain_answer(col, tsq, n)
            assert got == sorted(want, reverse=True), (q, col, n)  # ids ascend with dates here


def test_a_window_holds_the_newest_matches(searchdocs):
    """The newest 16 n rows hold the n newest rows having a word found in a tenth of them."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT casetracker_docs_in_window('vector', to_tsquery(%s, 'beta'), 5, "
                       "casetracker_searchdoc_window(80))", [CONFIG])
        assert [r[0] for r in cursor.fetchall()] == _plain_answer("vector", "'beta'", 5)
        cursor.execute("SELECT count(*) FROM casetracker_searchdoc WHERE vector @@ to_tsquery(%s, 'delta <-> epsilon')",
                       [CONFIG])
        assert cursor.fetchone()[0] == ROWS // 60


@pytest.fixture
def facts(db):
    """Quotes in one document, ids ascending with their order of writing, words spread as above."""
    from casetracker.models import Evidence, Quote
    from casetracker.search import vectors
    from tests.casetracker.factories import DocumentFactory

    doc = DocumentFactory(text="A quote.")
    ev = Evidence.objects.create(document=doc, start=0, end=7, sent_start=0, sent_end=8, sentence="A quote.")
    quotes = Quote.objects.bulk_create(
        Quote(document=doc, evidence=ev, text=_text(i), fingerprint=f"fp{i}", rejected=(i % 11 == 0))
        for i in range(1500))
    vectors.refresh_quotes([q.pk for q in quotes])
    return quotes


@pytest.mark.parametrize("q", ["alpha", "beta", "gamma", "zeta", '"delta epsilon"', "beta gamma", "nomatch"])
def test_recent_quotes_equal_reading_every_match(facts, monkeypatch, q):
    from casetracker.models import Quote

    monkeypatch.setattr(engine, "CAP", 6)
    parsed = parse(q)
    found, _ = engine.candidates("quote", parsed, Filters())
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM casetracker_quote WHERE search_vector @@ %s::tsquery AND NOT rejected"
                       " ORDER BY id DESC LIMIT 6", [parsed.tsquery])
        want = [r[0] for r in cursor.fetchall()]
    assert sorted(c.id for c in found) == sorted(want), q
    assert Quote.objects.count() == 1500


def test_connections_run_no_parallel_plans_and_no_jit(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
