"""Calls in the search index: what a call's document says, and reindexing.

Titles and identifiers weigh most, then the keywords, the programme and the
ecosystems, then the summaries. Every language goes in. The index holds
unpublished calls too: whoever shows results filters them (``visible_to``).
"""

from collections.abc import Iterable
from itertools import batched

from django.conf import settings
from django.db import transaction
from django.db.models import F, Func, IntegerField, QuerySet

from klusteri.funding.models import Call
from klusteri.search import clear, delete_documents, index_documents, search

KIND = "call"
BATCH_SIZE = 1000
LANGUAGES = settings.MODELTRANSLATION_LANGUAGES


def call_document(call: Call) -> dict[str, str]:
    """Related objects are read with .all() and the programme as loaded: prefetch them."""
    return {
        "title": joined([call.identifier, *(getattr(call, f"title_{lang}") for lang in LANGUAGES)]),
        "keywords": joined(
            [
                *call.keywords,
                *(getattr(call.programme, f"name_{lang}") for lang in LANGUAGES),
                call.programme.funder,
                *(getattr(e, f"name_{lang}") for e in call.ecosystems.all() for lang in LANGUAGES),
            ]
        ),
        "body": joined(getattr(call, f"summary_{lang}") for lang in LANGUAGES),
    }


def reindex_calls(calls: QuerySet[Call] | Iterable[int]) -> None:
    """Index the given calls (a QuerySet or primary keys) as they are now; primary
    keys of calls that no longer exist leave the index."""
    if isinstance(calls, QuerySet):
        calls = calls.values_list("pk", flat=True)
    for batch in batched(calls, BATCH_SIZE):
        found = (
            Call.objects.filter(pk__in=batch)
            .select_related("programme")
            .prefetch_related("ecosystems")
        )
        documents = [(call.pk, call_document(call)) for call in found]
        index_documents(KIND, documents)
        delete_documents(KIND, set(batch) - {pk for pk, _ in documents})


def search_calls(query: str) -> list[int]:
    """The calls that match the words, the best first."""
    return search(KIND, query)


class Rank(Func):
    """A row's place in ``position`` (primary key → rank), as a simple CASE on the
    primary key. Built in one step: as many ``When(pk=…)`` as results (up to 500)
    cost tens of milliseconds to resolve, far more than the query takes to run."""

    output_field = IntegerField()

    def __init__(self, position: dict[int, int]) -> None:
        super().__init__(F("pk"))
        self.position = position

    def as_sql(self, compiler, connection, **extra_context):
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        whens = " WHEN %s THEN %s" * len(self.position)
        params = [value for pair in self.position.items() for value in pair]
        return f"CASE {pk_sql}{whens} END", (*pk_params, *params)


def in_order(calls: QuerySet[Call], position: dict[int, int]) -> QuerySet[Call]:
    """``calls`` in the order of ``position`` (primary key → rank)."""
    if not position:
        return calls
    return calls.order_by(Rank(position), "identifier")


def joined(texts: Iterable[str | None]) -> str:
    return "\n".join(dict.fromkeys(text for text in texts if text))


def reindex_all() -> int:
    """Index every call anew, its words for typos too (``klusteri reindex``), in one
    transaction, so that a search meanwhile finds the old index; how many."""
    pks = list(Call.objects.values_list("pk", flat=True))
    with transaction.atomic():
        clear(KIND)
        reindex_calls(pks)
    return len(pks)
