"""Search support: the recency windows of migration 0005 made real; fuzzy names through their indexes.

1. The windows (``shown_at >= since``) were applied after reading every GIN match from the heap: the window
   functions were SQL functions with SET clauses, planned once for unknown values, and even planned per call
   the planner joins a GIN bitmap with the date index only when it expects many matches, which for several
   words it underestimates ("Xuechen Li": 3 expected, 2,716 found). The GIN indexes of casetracker_searchdoc
   now hold the date as a second column (btree_gin): a window is one index scan over the words and the dates,
   and the heap is read for matches inside the window only ("NYT" in titles: 12,871 rows read, 22 ms, before;
   184 rows, 1 ms, now). One PL/pgSQL function, ``casetracker_docs_in_window(col, q, n, since)``, runs
   EXECUTE ... USING (planned per call) and replaces migration 0005's two SQL functions (title, whole vector).
2. ``casetracker_recent(col, q, n)`` no longer sizes its window from the planner's share estimate alone (it
   multiplies the shares of the words of a phrase as if independent: "New York Times" in titles estimated at
   0.5 %, found in 13 %): it looks among the newest 16 n documents; when fewer than n match there, the share
   found there sizes the next window (1.5 n expected), or, when the whole index should hold few matches, they
   are all read from the GIN index. Words the planner expects in a fifth of the documents or more still walk
   the date index; a single word it expects in fewer than n / 8 documents is read from the GIN index at once
   (its estimate of one word is good).
3. ``casetracker_name_matches`` runs the fuzzy-name query of casetracker.search.names with sequential scans off:
   the planner scanned the small party and alias tables once per span of the query, computing trigram
   similarity and the squashed name for every row (7 ms for a five-word query); through the trigram indexes
   2.6 ms.
"""
from importlib import import_module

from django.db import migrations

SQL = r"""
CREATE EXTENSION IF NOT EXISTS btree_gin;
DROP INDEX IF EXISTS searchdoc_vector;
DROP INDEX IF EXISTS searchdoc_own;
CREATE INDEX searchdoc_vector ON casetracker_searchdoc USING gin (vector, shown_at);
CREATE INDEX searchdoc_own ON casetracker_searchdoc USING gin (own_vector, shown_at);

CREATE OR REPLACE FUNCTION casetracker_docs_in_window(col text, q tsquery, n int, since timestamptz)
RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SET enable_indexscan = off SET enable_seqscan = off AS $$
BEGIN
    RETURN QUERY EXECUTE format('SELECT id FROM casetracker_searchdoc WHERE %I @@ $1 AND shown_at >= $3'
                                ' ORDER BY shown_at DESC, id DESC LIMIT $2', col) USING q, n, since;
END $$;

-- replaced by casetracker_docs_in_window
DROP FUNCTION IF EXISTS casetracker_docs_by_gin_since(tsquery, int, timestamptz),
    casetracker_own_docs_by_gin_since(tsquery, int, timestamptz);

-- the newest n documents whose column col ('vector' or 'own_vector') matches q
CREATE OR REPLACE FUNCTION casetracker_recent(col text, q tsquery, n int) RETURNS SETOF bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    share float8 := casetracker_searchdoc_share(col, q);
    total float8;
    k float8 := 16 * n;
    since timestamptz;
    got bigint[];
    found int;
BEGIN
    IF share >= 0.2 THEN
        RETURN QUERY EXECUTE format('SELECT id FROM casetracker_searchdoc WHERE %I @@ $1'
                                    ' ORDER BY shown_at DESC, id DESC LIMIT $2', col) USING q, n;
        RETURN;
    END IF;
    SELECT greatest(reltuples, 1) INTO total FROM pg_class WHERE oid = 'casetracker_searchdoc'::regclass;
    IF share * total >= n / 8.0 OR numnode(q) > 1 THEN  -- an estimate of several words can be far too low
        FOR attempt IN 1..2 LOOP
            EXIT WHEN k >= total;
            since := casetracker_searchdoc_window(k::int);
            EXIT WHEN since IS NULL;  -- fewer documents than the window: the whole index is no more work
            got := ARRAY(SELECT casetracker_docs_in_window(col, q, n, since));
            found := cardinality(got);
            IF found >= n THEN
                RETURN QUERY SELECT unnest(got);
                RETURN;
            END IF;
            -- at the share seen in this window: few matches in all are read at once, else a window for 1.5 n
            EXIT WHEN found * total / k < 8 * n;
            k := ceil(1.5 * n * k / found);
        END LOOP;
    END IF;
    IF col = 'vector' THEN
        RETURN QUERY SELECT casetracker_docs_by_gin(q, n);
    ELSE
        RETURN QUERY SELECT casetracker_own_docs_by_gin(q, n);
    END IF;
END $$;

CREATE OR REPLACE FUNCTION casetracker_recent_docs(q tsquery, n int) RETURNS SETOF bigint
LANGUAGE sql VOLATILE AS $$ SELECT casetracker_recent('vector', q, n) $$;

CREATE OR REPLACE FUNCTION casetracker_recent_own_docs(q tsquery, n int) RETURNS SETOF bigint
LANGUAGE sql VOLATILE AS $$ SELECT casetracker_recent('own_vector', q, n) $$;

-- spans of a query (word indexes i..j, upper-cased text, squashed text) -> parties whose name or alias is like it
CREATE OR REPLACE FUNCTION casetracker_name_matches(si int[], sj int[], sup text[], ssq text[])
RETURNS TABLE (i int, j int, party_id bigint, sim float8, name text)
LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $$
BEGIN
    RETURN QUERY
    WITH s(i, j, up, sq) AS (SELECT * FROM unnest(si, sj, sup, ssq))
    SELECT s.i, s.j, m.party_id, m.sim::float8, m.name::text FROM s CROSS JOIN LATERAL (
        SELECT p.id AS party_id, greatest(similarity(upper(p.name), s.up),
                                          similarity(casetracker_squash(p.name), s.sq)) AS sim, p.name
          FROM casetracker_party p WHERE upper(p.name) % s.up OR casetracker_squash(p.name) % s.sq
        UNION ALL
        SELECT a.party_id, greatest(similarity(upper(a.name), s.up), similarity(casetracker_squash(a.name), s.sq)),
               a.name
          FROM casetracker_alias a WHERE upper(a.name) % s.up OR casetracker_squash(a.name) % s.sq
        UNION ALL
        SELECT p.id, 0.9, '' FROM casetracker_party p
         WHERE length(s.sq) >= 3 AND casetracker_acronym(p.name) = s.sq
        UNION ALL
        SELECT a.party_id, 0.88, '' FROM casetracker_alias a
         WHERE length(s.sq) >= 3 AND casetracker_acronym(a.name) = s.sq
    ) m;
END $$;
"""

# back to migration 0005's indexes and functions (its SQL is all CREATE OR REPLACE), then without 0006's own
REVERSE = r"""
DROP INDEX IF EXISTS searchdoc_vector;
DROP INDEX IF EXISTS searchdoc_own;
CREATE INDEX searchdoc_vector ON casetracker_searchdoc USING gin (vector);
CREATE INDEX searchdoc_own ON casetracker_searchdoc USING gin (own_vector);
""" + import_module("casetracker.migrations.0005_search_recent_window").SQL + """
DROP FUNCTION IF EXISTS casetracker_recent(text, tsquery, int), casetracker_docs_in_window(text, tsquery, int, timestamptz),
    casetracker_name_matches(int[], int[], text[], text[]);
"""


class Migration(migrations.Migration):
    dependencies = [("casetracker", "0005_search_recent_window")]
    operations = [migrations.RunSQL(SQL, REVERSE)]
