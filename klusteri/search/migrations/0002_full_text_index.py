"""The full-text index of SearchDocument, in the form the database can use.

SQLite: an FTS5 table whose content is SearchDocument itself (external content),
kept in step by triggers. PostgreSQL: generated tsvector columns with GIN
indexes: `vector` holds everything with the weights A (title), B (keywords) and
C (body) and is what ts_rank reads; `title_vector` and `head_vector` (title and
keywords) let a search for title matches use an index of its own, instead of
checking the weights of every document that has the word anywhere.

The terms were analysed in Python (klusteri/search/text.py), so both engines only
split on spaces: unicode61 without removing diacritics (ä is not a), and the
'simple' configuration, which only lower-cases.

Careful: on SQLite, a later migration that alters SearchDocument makes Django
rebuild the table, which drops these triggers; on PostgreSQL, the generated
columns stop a change to the text columns. Such a migration must drop these
first and create them again after.
"""

from django.db import migrations

SQLITE_FORWARDS = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, keywords, body,
        content='search_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', prefix='3'
    )
    """,
    """
    CREATE TRIGGER search_searchdocument_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title, keywords, body)
        VALUES (new.id, new.title, new.keywords, new.body);
    END
    """,
    """
    CREATE TRIGGER search_searchdocument_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, keywords, body)
        VALUES ('delete', old.id, old.title, old.keywords, old.body);
    END
    """,
    """
    CREATE TRIGGER search_searchdocument_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, keywords, body)
        VALUES ('delete', old.id, old.title, old.keywords, old.body);
        INSERT INTO search_fts(rowid, title, keywords, body)
        VALUES (new.id, new.title, new.keywords, new.body);
    END
    """,
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER search_searchdocument_update",
    "DROP TRIGGER search_searchdocument_delete",
    "DROP TRIGGER search_searchdocument_insert",
    "DROP TABLE search_fts",
]

POSTGRESQL_FORWARDS = [
    """
    ALTER TABLE search_searchdocument
    ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title), 'A')
        || setweight(to_tsvector('simple'::regconfig, keywords), 'B')
        || setweight(to_tsvector('simple'::regconfig, body), 'C')
    ) STORED,
    ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, title)
    ) STORED,
    ADD COLUMN head_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, title || ' ' || keywords)
    ) STORED
    """,
    "CREATE INDEX search_searchdocument_vector ON search_searchdocument USING gin (vector)",
    "CREATE INDEX search_searchdocument_title ON search_searchdocument USING gin (title_vector)",
    "CREATE INDEX search_searchdocument_head ON search_searchdocument USING gin (head_vector)",
]
POSTGRESQL_BACKWARDS = [
    "DROP INDEX search_searchdocument_head",
    "DROP INDEX search_searchdocument_title",
    "DROP INDEX search_searchdocument_vector",
    """
    ALTER TABLE search_searchdocument
    DROP COLUMN head_vector, DROP COLUMN title_vector, DROP COLUMN vector
    """,
]


def run(statements_by_vendor):
    def run_statements(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run_statements


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARDS, "postgresql": POSTGRESQL_FORWARDS}),
            run({"sqlite": SQLITE_BACKWARDS, "postgresql": POSTGRESQL_BACKWARDS}),
        ),
    ]
