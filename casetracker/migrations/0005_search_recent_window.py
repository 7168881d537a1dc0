"""Search support, SQL only: the newest n matching documents read from a window of the newest rows first.

``casetracker_recent_docs`` / ``casetracker_recent_own_docs`` (migration 0004) took, for a word matching less than
a fifth of the documents, every match from the GIN index, fetched each row for its date and sorted: thousands
of heap rows for a word in 5-20% of the documents. Now they first combine (BitmapAnd) the GIN index with the date
index over the newest rows expected to hold about twice n matches (from the planner's share estimate); when that
window holds at least n matches, those are the newest n overall (every row outside is older), else the whole index
is read as before. Same results, fewer rows read.
"""
from django.db import migrations

SQL = r"""
CREATE OR REPLACE FUNCTION casetracker_docs_by_gin_since(q tsquery, n int, since timestamptz) RETURNS SETOF bigint
LANGUAGE sql STABLE SET enable_indexscan = off SET enable_seqscan = off AS $$
    SELECT id FROM casetracker_searchdoc WHERE vector @@ q AND shown_at >= since
     ORDER BY shown_at DESC, id DESC LIMIT n $$;

CREATE OR REPLACE FUNCTION casetracker_own_docs_by_gin_since(q tsquery, n int, since timestamptz)
RETURNS SETOF bigint
LANGUAGE sql STABLE SET enable_indexscan = off SET enable_seqscan = off AS $$
    SELECT id FROM casetracker_searchdoc WHERE own_vector @@ q AND shown_at >= since
     ORDER BY shown_at DESC, id DESC LIMIT n $$;

-- the date of the k-th newest document (NULL when there are fewer)
CREATE OR REPLACE FUNCTION casetracker_searchdoc_window(k int) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
    SELECT shown_at FROM casetracker_searchdoc ORDER BY shown_at DESC, id DESC OFFSET k LIMIT 1 $$;

CREATE OR REPLACE FUNCTION casetracker_recent_docs(q tsquery, n int) RETURNS SETOF bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    share float8 := casetracker_searchdoc_share('vector', q);
    since timestamptz;
    got bigint[];
BEGIN
    IF share >= 0.2 THEN
        RETURN QUERY SELECT id FROM casetracker_searchdoc WHERE vector @@ q ORDER BY shown_at DESC, id DESC LIMIT n;
        RETURN;
    END IF;
    IF share >= 0.01 THEN
        since := casetracker_searchdoc_window(ceil(2.0 * n / share)::int);
        IF since IS NOT NULL THEN
            got := ARRAY(SELECT casetracker_docs_by_gin_since(q, n, since));
            IF cardinality(got) >= n THEN
                RETURN QUERY SELECT unnest(got);
                RETURN;
            END IF;
        END IF;
    END IF;
    RETURN QUERY SELECT casetracker_docs_by_gin(q, n);
END $$;

CREATE OR REPLACE FUNCTION casetracker_recent_own_docs(q tsquery, n int) RETURNS SETOF bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    share float8 := casetracker_searchdoc_share('own_vector', q);
    since timestamptz;
    got bigint[];
BEGIN
    IF share >= 0.2 THEN
        RETURN QUERY SELECT id FROM casetracker_searchdoc WHERE own_vector @@ q
                     ORDER BY shown_at DESC, id DESC LIMIT n;
        RETURN;
    END IF;
    IF share >= 0.01 THEN
        since := casetracker_searchdoc_window(ceil(2.0 * n / share)::int);
        IF since IS NOT NULL THEN
            got := ARRAY(SELECT casetracker_own_docs_by_gin_since(q, n, since));
            IF cardinality(got) >= n THEN
                RETURN QUERY SELECT unnest(got);
                RETURN;
            END IF;
        END IF;
    END IF;
    RETURN QUERY SELECT casetracker_own_docs_by_gin(q, n);
END $$;
"""

# back to migration 0004's functions
REVERSE = r"""
CREATE OR REPLACE FUNCTION casetracker_recent_docs(q tsquery, n int) RETURNS SETOF bigint
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF casetracker_searchdoc_share('vector', q) >= 0.2 THEN
        RETURN QUERY SELECT id FROM casetracker_searchdoc WHERE vector @@ q ORDER BY shown_at DESC, id DESC LIMIT n;
    ELSE
        RETURN QUERY SELECT casetracker_docs_by_gin(q, n);
    END IF;
END $$;

CREATE OR REPLACE FUNCTION casetracker_recent_own_docs(q tsquery, n int) RETURNS SETOF bigint
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF casetracker_searchdoc_share('own_vector', q) >= 0.2 THEN
        RETURN QUERY SELECT id FROM casetracker_searchdoc WHERE own_vector @@ q
                     ORDER BY shown_at DESC, id DESC LIMIT n;
    ELSE
        RETURN QUERY SELECT casetracker_own_docs_by_gin(q, n);
    END IF;
END $$;
DROP FUNCTION IF EXISTS casetracker_docs_by_gin_since(tsquery, int, timestamptz),
    casetracker_own_docs_by_gin_since(tsquery, int, timestamptz), casetracker_searchdoc_window(int);
"""


class Migration(migrations.Migration):
    dependencies = [("casetracker", "0004_search_document_index_table")]
    operations = [migrations.RunSQL(SQL, REVERSE)]
