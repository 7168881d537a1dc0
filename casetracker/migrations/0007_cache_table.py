"""The database cache's table (casetracker_cache): where the API throttles and the login lockout keep their
counters when no Redis is configured, shared by every worker process (settings: CACHES)."""
from django.core.management import call_command
from django.db import migrations


def create(apps, schema_editor):
    call_command("createcachetable", "casetracker_cache", database=schema_editor.connection.alias, verbosity=0)


def drop(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS casetracker_cache")


class Migration(migrations.Migration):
    dependencies = [("casetracker", "0006_search_windows_planned_per_call")]

    operations = [migrations.RunPython(create, drop)]
