from django.contrib.postgres.operations import CreateExtension, TrigramExtension, UnaccentExtension
from django.db import migrations

CREATE_CONFIG = """
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'casetracker') THEN
    CREATE TEXT SEARCH CONFIGURATION casetracker (COPY = english);
    ALTER TEXT SEARCH CONFIGURATION casetracker
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
  END IF;
END $$;
"""


class Migration(migrations.Migration):
    """pg_trgm (fuzzy names), unaccent, and the `casetracker` text search configuration:
    English stemming of unaccented words."""

    initial = True
    dependencies = []
    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunSQL(CREATE_CONFIG, "DROP TEXT SEARCH CONFIGURATION IF EXISTS casetracker;"),
    ]
