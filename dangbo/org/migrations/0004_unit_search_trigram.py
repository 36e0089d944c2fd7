"""A trigram index for the units' search on PostgreSQL: `search_text__contains` (LIKE
'%word%') is answered from the index instead of reading every unit. Nothing on SQLite
(no pg_trgm; its LIKE reads the table)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class PostgresOnlySQL(migrations.RunSQL):
    """RunSQL run on PostgreSQL only; no change of the models' state."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("org", "0003_unit_path_unique")]

    operations = [
        TrigramExtension(),
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS org_unit_search_trgm "
            "ON org_unit USING gin (search_text gin_trgm_ops)",
            "DROP INDEX IF EXISTS org_unit_search_trgm",
        ),
    ]
