"""What the search index stores. Written only through `klusteri.search.services`.

Both engines index `SearchDocument`: on SQLite an FTS5 table kept in step by
triggers, on PostgreSQL a generated tsvector column with a GIN index (migration
0002). The ORM writes rows; the database keeps its full-text index up to date.
"""

from django.db import models


class SearchDocument(models.Model):
    """One object of one kind, as analysed terms (see `text.index_text`) per weight."""

    kind = models.CharField(max_length=50)
    object_id = models.BigIntegerField()
    title = models.TextField(blank=True)
    keywords = models.TextField(blank=True)
    body = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="search_searchdocument_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


class SearchTerm(models.Model):
    """The vocabulary of one kind for typo tolerance, SymSpell style.

    Each indexed term of 4 letters or more is stored under itself and under every
    one-letter deletion of it ("vety" under vety, ety, vty, vey, vet). A query term
    finds its near misses by looking up its own deletion keys. Terms are never
    removed when documents go: a stale term only expands a query to a word that
    no document has; `clear(kind)` starts afresh.
    """

    kind = models.CharField(max_length=50)
    key = models.CharField(max_length=50)
    term = models.CharField(max_length=50)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key", "term"], name="search_searchterm_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} → {self.term}"
