"""PostgreSQL full-text search over SearchDocument (migration 0002)."""

from django.db import connection

from klusteri.search.text import Alternatives

# The vector to match each tier's fields against, each with its own GIN index
# (migration 0002): the index alone decides which documents match, and the scan
# stops at the candidate limit. Lexemes restricted to weights ('vety':*A) on the
# one weighted vector would make PostgreSQL read the vector of every document
# that has the word anywhere, just to check the weight.
VECTORS = {("title",): "title_vector", ("title", "keywords", "body"): "vector"}
# Weights of the D, C, B and A lexemes: A is the title, B the keywords, C the body.
# ts_rank_cd adds up every occurrence by its weight, so a description about the
# word can outrank another document's single tag; ts_rank gives repeats so little
# (the second counts a quarter, the third a ninth) that any tag beats any body.
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"


def quoted(term: str) -> str:
    # Terms are letters and digits only; quoting still makes sure that nothing a
    # user typed (&, |, !, :, <->) is read as tsquery syntax.
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(alternatives: list[Alternatives]) -> str:
    """E.g. ('vety':* | 'vedy') & ('talous':*), for to_tsquery('simple', …)."""
    groups = [
        " | ".join(
            [f"{quoted(prefix)}:*" for prefix in word.prefixes]
            + [quoted(term) for term in word.exact]
        )
        for word in alternatives
    ]
    return " & ".join(f"({group})" for group in groups)


def ranked(
    kind: str,
    alternatives: list[Alternatives],
    fields: tuple[str, ...],
    *,
    limit: int,
    candidates: int,
) -> list[int]:
    """Documents with every word in `fields`: at most `candidates` of them ranked."""
    # The inner query stops after `candidates` matches (a subquery with LIMIT is
    # never merged into the outer query), so ts_rank_cd reads at most that many
    # vectors; it ranks by the whole weighted vector.
    query = tsquery(alternatives)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT object_id FROM (
                SELECT object_id, vector FROM search_searchdocument
                WHERE kind = %s AND {VECTORS[fields]} @@ to_tsquery('simple', %s)
                LIMIT %s
            ) AS candidate
            ORDER BY ts_rank_cd(%s::real[], vector, to_tsquery('simple', %s), 1) DESC, object_id
            LIMIT %s
            """,  # noqa: S608 (VECTORS is ours, the rest are parameters)
            [kind, query, candidates, WEIGHTS, query, limit],
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
