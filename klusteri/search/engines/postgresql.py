"""PostgreSQL full-text search: the generated `vector` column of SearchDocument (migration 0002)."""

from django.db import connection

from klusteri.search.text import Alternatives

# The weight letter each field was given in the tsvector.
WEIGHTS = {"title": "A", "keywords": "B", "body": "C"}


def quoted(term: str) -> str:
    # Terms are letters and digits only; quoting still makes sure that nothing a
    # user typed (&, |, !, :, <->) is read as tsquery syntax.
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def match_expression(alternatives: list[Alternatives], fields: tuple[str, ...]) -> str:
    """E.g. ('vety':*AB | 'vedy':AB) & ('talous':*AB), for to_tsquery('simple', …)."""
    weights = "".join(WEIGHTS[field] for field in fields)
    groups = [
        " | ".join([f"{quoted(prefix)}:*{weights}" for prefix in word.prefixes] + [
            f"{quoted(term)}:{weights}" if weights else quoted(term) for term in word.exact
        ])
        for word in alternatives
    ]
    return " & ".join(f"({group})" for group in groups)


def ranked(kind: str, expression: str, *, limit: int, candidates: int) -> list[int]:
    # The inner query stops after `candidates` matches, found through the GIN
    # index without ranking (a subquery with LIMIT is never merged into the outer
    # query); ts_rank then reads only those vectors. Weights: D, C, B, A.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT object_id FROM (
                SELECT object_id, vector FROM search_searchdocument
                WHERE kind = %s AND vector @@ to_tsquery('simple', %s)
                LIMIT %s
            ) AS candidate
            ORDER BY ts_rank('{0.1, 0.2, 0.4, 1.0}', vector, to_tsquery('simple', %s), 1) DESC,
                object_id
            LIMIT %s
            """,
            [kind, expression, candidates, expression, limit],
        )
        return [pk for (pk,) in cursor.fetchall()]


def insert_terms(kind: str, rows: list[tuple[str, str]]) -> None:
    """Add (key, term) rows to the typo vocabulary, skipping those it has."""
    # Two arrays make one statement, however many rows there are.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO search_searchterm (kind, key, term)
            SELECT %s, key, term FROM unnest(%s::text[], %s::text[]) AS row (key, term)
            ON CONFLICT DO NOTHING
            """,
            [kind, [key for key, _ in rows], [term for _, term in rows]],
        )
