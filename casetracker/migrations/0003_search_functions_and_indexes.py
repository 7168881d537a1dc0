"""Search support, SQL only (no model change): name-matching functions and the indexes search needs.

- ``casetracker_squash(text)``: upper case, letters and digits only ("Open AI" -> "OPENAI"), with a
  trigram index on party and alias names, so "Deep Seek" finds DeepSeek.
- ``casetracker_acronym(text)``: initials of a name of two words or more, without a leading "The" and
  company suffixes ("The New York Times Company" -> "NYT"), btree-indexed on party and alias names.
- a GIN index on the title's own vector (documents whose title matches are ranking candidates even when
  they are old) and a btree on the display date (newest matches first without sorting them all).
"""
from django.db import migrations

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION casetracker_squash(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
$$ SELECT regexp_replace(upper(t), '[^[:alnum:]]+', '', 'g') $$;

CREATE OR REPLACE FUNCTION casetracker_acronym(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
$$ SELECT CASE WHEN count(*) >= 2 THEN upper(string_agg(left(w, 1), '' ORDER BY n)) END
   FROM regexp_split_to_table(regexp_replace(lower(t), '^the\s+', ''), '[^[:alnum:]]+') WITH ORDINALITY AS x(w, n)
   WHERE w <> '' AND w NOT IN ('inc', 'llc', 'ltd', 'corp', 'corporation', 'co', 'company', 'plc', 'lp',
                               'llp', 'pbc', 'gmbh', 'sa', 'ag', 'of', 'and', 'the') $$;
"""

INDEXES = r"""
CREATE INDEX IF NOT EXISTS party_name_squash_trgm ON casetracker_party USING gin (casetracker_squash(name) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS alias_name_squash_trgm ON casetracker_alias USING gin (casetracker_squash(name) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS party_name_acronym ON casetracker_party (casetracker_acronym(name));
CREATE INDEX IF NOT EXISTS alias_name_acronym ON casetracker_alias (casetracker_acronym(name));
CREATE INDEX IF NOT EXISTS document_title_tsv ON casetracker_document
    USING gin (to_tsvector('casetracker'::regconfig, title));
CREATE INDEX IF NOT EXISTS document_display_date ON casetracker_document
    ((COALESCE(published_at, created_at)) DESC, id DESC);
"""

DROP = """
DROP INDEX IF EXISTS party_name_squash_trgm, alias_name_squash_trgm, party_name_acronym, alias_name_acronym,
    document_title_tsv, document_display_date;
DROP FUNCTION IF EXISTS casetracker_squash(text), casetracker_acronym(text);
"""


class Migration(migrations.Migration):
    dependencies = [("casetracker", "0002_initial")]
    operations = [migrations.RunSQL(FUNCTIONS + INDEXES, DROP)]
