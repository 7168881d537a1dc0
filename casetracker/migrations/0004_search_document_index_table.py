"""Search support, SQL only (no model change): a narrow copy of what document search reads, kept by triggers.

At 100,000 documents the wide document rows (text, minhash, pages inline: ~25,000 pages) made every search
read thousands of pages. ``casetracker_searchdoc`` holds per document only its dates and publisher (the filters), the part of its vector
that is its own name (weight A: title and case captions; small, stored inline) and the whole vector (stored out of
line, so that many rows fit a page). Triggers on casetracker_document keep it current (insert,
update, delete, truncate): nothing else writes it.

``casetracker_recent_docs(q, n)`` and ``casetracker_recent_own_docs(q, n)`` return the newest n documents
whose vector (own name) matches: through the date index, filtering rows, when the planner expects many matches (a
common word), through the GIN index and a top-n sort otherwise (the planner alone would often walk the date
index for thousands of rows, reading each vector).
"""
from django.db import migrations

SQL = r"""
CREATE TABLE casetracker_searchdoc (
    id bigint PRIMARY KEY,
    shown_at timestamptz NOT NULL,
    published_at timestamptz,
    publisher varchar(300) NOT NULL,
    own_vector tsvector,
    vector tsvector
);
ALTER TABLE casetracker_searchdoc ALTER COLUMN vector SET STORAGE EXTERNAL,
    ALTER COLUMN own_vector SET STORAGE MAIN;
ALTER TABLE casetracker_searchdoc SET (toast_tuple_target = 128);

INSERT INTO casetracker_searchdoc (id, shown_at, published_at, publisher, own_vector, vector)
SELECT id, COALESCE(published_at, created_at), published_at, publisher, ts_filter(search_vector, '{a}'),
       search_vector
  FROM casetracker_document;

CREATE INDEX searchdoc_vector ON casetracker_searchdoc USING gin (vector);
CREATE INDEX searchdoc_own ON casetracker_searchdoc USING gin (own_vector);
CREATE INDEX searchdoc_shown_at ON casetracker_searchdoc (shown_at DESC, id DESC);

CREATE OR REPLACE FUNCTION casetracker_searchdoc_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM casetracker_searchdoc WHERE id = OLD.id;
        RETURN NULL;
    END IF;
    INSERT INTO casetracker_searchdoc (id, shown_at, published_at, publisher, own_vector, vector)
    VALUES (NEW.id, COALESCE(NEW.published_at, NEW.created_at), NEW.published_at, NEW.publisher,
            ts_filter(NEW.search_vector, '{a}'), NEW.search_vector)
    ON CONFLICT (id) DO UPDATE SET shown_at = EXCLUDED.shown_at, published_at = EXCLUDED.published_at,
        publisher = EXCLUDED.publisher, own_vector = EXCLUDED.own_vector, vector = EXCLUDED.vector;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION casetracker_searchdoc_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE casetracker_searchdoc;
    RETURN NULL;
END $$;

CREATE TRIGGER searchdoc_write AFTER INSERT OR DELETE OR UPDATE OF published_at, created_at, publisher, search_vector
    ON casetracker_document FOR EACH ROW EXECUTE FUNCTION casetracker_searchdoc_write();
CREATE TRIGGER searchdoc_truncate AFTER TRUNCATE ON casetracker_document
    FOR EACH STATEMENT EXECUTE FUNCTION casetracker_searchdoc_truncate();

-- the newest n matches, through the GIN index (the date index and sequential scans are off in here)
CREATE OR REPLACE FUNCTION casetracker_docs_by_gin(q tsquery, n int) RETURNS SETOF bigint
LANGUAGE sql STABLE SET enable_indexscan = off SET enable_seqscan = off AS $$
    SELECT id FROM casetracker_searchdoc WHERE vector @@ q ORDER BY shown_at DESC, id DESC LIMIT n $$;

CREATE OR REPLACE FUNCTION casetracker_own_docs_by_gin(q tsquery, n int) RETURNS SETOF bigint
LANGUAGE sql STABLE SET enable_indexscan = off SET enable_seqscan = off AS $$
    SELECT id FROM casetracker_searchdoc WHERE own_vector @@ q ORDER BY shown_at DESC, id DESC LIMIT n $$;

-- the share of documents the planner expects to match (from the column statistics), in [0, 1]; volatile as
-- EXPLAIN must be (and so are its callers below)
CREATE OR REPLACE FUNCTION casetracker_searchdoc_share(col text, q tsquery) RETURNS float8
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    plan json;
    total float8;
BEGIN
    SELECT greatest(reltuples, 1) INTO total FROM pg_class WHERE oid = 'casetracker_searchdoc'::regclass;
    EXECUTE format('EXPLAIN (FORMAT JSON) SELECT 1 FROM casetracker_searchdoc WHERE %I @@ %L::tsquery', col, q)
        INTO plan;
    RETURN least(1.0, ((plan -> 0 -> 'Plan' ->> 'Plan Rows')::float8) / total);
END $$;

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
"""

DROP = """
DROP TRIGGER IF EXISTS searchdoc_write ON casetracker_document;
DROP TRIGGER IF EXISTS searchdoc_truncate ON casetracker_document;
DROP FUNCTION IF EXISTS casetracker_recent_docs(tsquery, int), casetracker_recent_own_docs(tsquery, int),
    casetracker_searchdoc_share(text, tsquery), casetracker_docs_by_gin(tsquery, int),
    casetracker_own_docs_by_gin(tsquery, int), casetracker_searchdoc_write(), casetracker_searchdoc_truncate();
DROP TABLE IF EXISTS casetracker_searchdoc;
"""


class Migration(migrations.Migration):
    dependencies = [("casetracker", "0003_search_functions_and_indexes")]
    operations = [migrations.RunSQL(SQL, DROP)]
