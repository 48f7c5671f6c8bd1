"""SQLite FTS5: the search_fts table over SearchDocument (migration 0002)."""

from django.db import connection

from klusteri.search.text import Alternatives

# bm25 weights of the columns, in the order of the FTS5 table.
WEIGHTS_BY_FIELD = {"title": 10.0, "keywords": 4.0, "body": 1.0}


def quoted(term: str) -> str:
    # Terms are letters and digits only; quoting still makes sure that nothing a
    # user typed (OR, NEAR, *, :) is read as FTS5 syntax.
    return '"' + term.replace('"', '""') + '"'


def match_expression(alternatives: list[Alternatives], fields: tuple[str, ...]) -> str:
    """E.g. {title keywords} : (("vety"* OR "vedy") AND ("talous"*))"""
    groups = [
        " OR ".join(
            [f"{quoted(prefix)}*" for prefix in word.prefixes]
            + [quoted(term) for term in word.exact]
        )
        for word in alternatives
    ]
    expression = " AND ".join(f"({group})" for group in groups)
    if set(fields) == set(WEIGHTS_BY_FIELD):
        return expression  # a filter on every column only costs time
    columns = " ".join(fields)
    return f"{{{columns}}} : ({expression})"


def ranked(
    kind: str,
    alternatives: list[Alternatives],
    fields: tuple[str, ...],
    *,
    limit: int,
    candidates: int,
) -> list[int]:
    """Documents with every word in `fields`: at most `candidates` of them ranked."""
    # Without ORDER BY, FTS5 hands over matches in rowid order and the inner
    # query stops after `candidates` of them, so bm25 runs at most that many
    # times; the outer query sorts only those. CROSS JOIN keeps the full-text
    # table as the outer loop, so SQLite does not walk every document of the
    # kind and ask FTS5 about each one.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT object_id FROM (
                SELECT document.object_id, bm25(search_fts, %s, %s, %s) AS score
                FROM search_fts
                CROSS JOIN search_searchdocument AS document ON document.id = search_fts.rowid
                WHERE search_fts MATCH %s AND document.kind = %s
                LIMIT %s
            )
            ORDER BY score, object_id
            LIMIT %s
            """,
            [
                *WEIGHTS_BY_FIELD.values(),
                match_expression(alternatives, fields),
                kind,
                candidates,
                limit,
            ],
        )
        return [pk for (pk,) in cursor.fetchall()]


def insert_terms(kind: str, rows: list[tuple[str, str]]) -> None:
    """Add (key, term) rows to the typo vocabulary, skipping those it has."""
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO search_searchterm (kind, key, term) VALUES (%s, %s, %s) "
            "ON CONFLICT DO NOTHING",
            [(kind, key, term) for key, term in rows],
        )
