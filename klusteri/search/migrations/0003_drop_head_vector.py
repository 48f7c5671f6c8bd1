"""PostgreSQL: drop `head_vector` (title and keywords) and its GIN index.

A search ranks all fields together now (`engines/postgresql.ranked`): only the
title and the whole vector are matched on their own. SQLite has no such column.
"""

from django.db import migrations

POSTGRESQL_FORWARDS = [
    "DROP INDEX search_searchdocument_head",
    "ALTER TABLE search_searchdocument DROP COLUMN head_vector",
]
POSTGRESQL_BACKWARDS = [
    """
    ALTER TABLE search_searchdocument
    ADD COLUMN head_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, title || ' ' || keywords)
    ) STORED
    """,
    "CREATE INDEX search_searchdocument_head ON search_searchdocument USING gin (head_vector)",
]


def run(statements):
    def run_statements(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run_statements


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text_index")]

    operations = [migrations.RunPython(run(POSTGRESQL_FORWARDS), run(POSTGRESQL_BACKWARDS))]
