"""PostgreSQL full-text search over SearchDocument (migration 0002)."""

from django.db import connection

from klusteri.search.text import Alternatives

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
    kind: str, alternatives: list[Alternatives], *, limit: int, candidates: int
) -> list[int]:
    """Documents with every word: those with them in the title first, then the rest,
    each by ts_rank_cd over all fields. At most `candidates` of each are ranked."""
    # Each candidate query stops after `candidates` matches (a CTE with LIMIT is
    # never merged into the outer query), so ts_rank_cd reads at most twice that many
    # vectors. The title matches come from `title_vector`'s own GIN index: lexemes
    # restricted to a weight ('vety':*A) on the weighted vector would make
    # PostgreSQL read the vector of every document with the word anywhere.
    query = tsquery(alternatives)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH named AS (
                SELECT id FROM search_searchdocument
                WHERE kind = %s AND title_vector @@ to_tsquery('simple', %s)
                LIMIT %s
            ), anywhere AS (
                SELECT id FROM search_searchdocument
                WHERE kind = %s AND vector @@ to_tsquery('simple', %s)
                LIMIT %s
            )
            SELECT object_id FROM search_searchdocument
            WHERE id IN (SELECT id FROM named UNION SELECT id FROM anywhere)
            ORDER BY id IN (SELECT id FROM named) DESC,
                ts_rank_cd(%s::real[], vector, to_tsquery('simple', %s), 1) DESC, object_id
            LIMIT %s
            """,
            [kind, query, candidates, kind, query, candidates, WEIGHTS, query, limit],
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
