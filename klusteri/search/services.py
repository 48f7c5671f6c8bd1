"""The search interface: index, delete, search and clear documents of one kind.

A kind is what other apps index ("cluster", "event", …); a document is an object's
primary key with its text in three weights: "title", "keywords" and "body".

Matching happens in two steps. Python analyses the words (`text.py`): each
indexed word is stored with its Finnish, Swedish and English stems; each query
word becomes a set of alternatives (its stems as prefixes, gradation variants
and one-letter typos found in the vocabulary). The engine of the database then
finds the documents that have an alternative of every query word, and ranks them.
"""

from collections import defaultdict
from collections.abc import Iterable
from itertools import batched

from django.db import connection, transaction

from klusteri.search import text
from klusteri.search.engines import postgresql, sqlite
from klusteri.search.models import SearchDocument, SearchTerm
from klusteri.search.text import Alternatives

FIELDS = ("title", "keywords", "body")

# Title matches come first, then keyword matches, then the rest: each tier asks
# the engine for documents whose every query word is in the tier's fields. Within
# a tier the engine's ranking (bm25, ts_rank) orders them, again by weight.
TIERS = [("title",), ("title", "keywords"), FIELDS]

# The bound on the cost of a query. Ranking costs time for every document it
# scores, so each tier ranks at most this many of its matches, the first ones in
# index order: a word in most of 10,000 documents costs no more to rank than a
# word in a thousand. The price is that a tier with more matches than this is
# ranked from a sample; title matches are few and have a tier of their own, so
# the cut falls on the weaker keyword and body matches.
CANDIDATES = 1000

BATCH_SIZE = 1000  # documents analysed and written per transaction
MAX_QUERY_WORDS = 10  # a pasted paragraph must not become a hundred-word AND
MAX_TYPO_VARIANTS = 20  # per query word
MIN_PREFIX_LENGTH = 3  # "bio" finds "biotalous"; "ai" only finds "ai"
LOOKUP_BATCH = 2000  # values per IN (…): well inside SQLite's and PostgreSQL's limits

ENGINES = {"sqlite": sqlite, "postgresql": postgresql}


def index_documents(kind: str, documents: Iterable[tuple[int, dict[str, str]]]) -> None:
    """Add or replace documents: (primary key, {"title": …, "keywords": …, "body": …})."""
    added: set[str] = set()  # terms this call has put in the vocabulary already
    for batch in batched(documents, BATCH_SIZE):
        rows = {
            pk: SearchDocument(kind=kind, object_id=pk, **analyse(fields)) for pk, fields in batch
        }
        terms = {
            term
            for row in rows.values()
            for field in FIELDS
            for term in getattr(row, field).split()
            if len(term) >= text.MIN_VOCABULARY_LENGTH
        }
        with transaction.atomic():
            # Replacing beats updating: one DELETE and one INSERT per batch, and
            # the database's full-text index follows both.
            SearchDocument.objects.filter(kind=kind, object_id__in=rows).delete()
            SearchDocument.objects.bulk_create(rows.values())
            add_to_vocabulary(kind, terms - added)
        added |= terms


def add_to_vocabulary(kind: str, terms: set[str]) -> None:
    """Store each term under itself and its one-letter deletions (see SearchTerm)."""
    # Ten or so rows per term. The engine inserts them in one statement and skips
    # the rows it has: cheaper than asking which terms are new, and much cheaper
    # than bulk_create, whose SQL takes longer to build than to run.
    if terms:
        current_engine().insert_terms(
            kind, [(key, term) for term in terms for key in text.deletion_keys(term)]
        )


def delete_documents(kind: str, pks: Iterable[int]) -> None:
    for batch in batched(pks, LOOKUP_BATCH):
        SearchDocument.objects.filter(kind=kind, object_id__in=batch).delete()


def clear(kind: str) -> None:
    with transaction.atomic():
        SearchDocument.objects.filter(kind=kind).delete()
        SearchTerm.objects.filter(kind=kind).delete()


def search(kind: str, query: str, *, limit: int = 500) -> list[int]:
    """Primary keys of the documents that match every word of the query, best first."""
    words = list(dict.fromkeys(text.tokens(query)))[:MAX_QUERY_WORDS]
    if not words or limit < 1:
        return []
    engine = current_engine()
    alternatives = expand(kind, words)
    found: dict[int, None] = {}  # an ordered set: a document keeps its best tier
    for fields in TIERS:
        candidates = max(limit, CANDIDATES)
        for pk in engine.ranked(kind, alternatives, fields, limit=limit, candidates=candidates):
            found.setdefault(pk)
        if len(found) >= limit:
            break
    return list(found)[:limit]


def current_engine():
    if connection.vendor not in ENGINES:
        raise NotImplementedError(f"Search needs SQLite or PostgreSQL, not {connection.vendor}")
    return ENGINES[connection.vendor]


def analyse(fields: dict[str, str]) -> dict[str, str]:
    unknown = fields.keys() - set(FIELDS)
    if unknown:
        raise ValueError(f"Unknown search fields {sorted(unknown)}; use {FIELDS}")
    return {field: text.index_text(str(fields.get(field) or "")) for field in FIELDS}


def expand(kind: str, words: list[str]) -> list[Alternatives]:
    """What each query word may match in the index, in one query to the vocabulary."""
    forms = {word: text.forms(word) for word in words}
    typo_keys = {
        form: text.deletion_keys(form)
        for word in words
        for form in forms[word]
        if len(form) >= text.MIN_TYPO_LENGTH
    }
    near = defaultdict(set)  # key → vocabulary terms stored under it
    all_keys = set().union(*typo_keys.values())
    for batch in batched(sorted(all_keys), LOOKUP_BATCH):
        for key, term in SearchTerm.objects.filter(kind=kind, key__in=batch).values_list(
            "key", "term"
        ):
            near[key].add(term)

    expanded = []
    for word in words:
        # The shortest prefix covers the longer ones: "energ" makes "energia" redundant.
        prefixes: list[str] = []
        for form in sorted(form for form in forms[word] if len(form) >= MIN_PREFIX_LENGTH):
            if not form.startswith(tuple(prefixes)):
                prefixes.append(form)
        # Nor is an exact term needed that a prefix covers: it would only cost time.
        covered = tuple(prefixes)
        typos = sorted(
            {
                term
                for form in forms[word]
                for key in typo_keys.get(form, ())
                for term in near[key]
                if text.is_one_edit(form, term) and not term.startswith(covered)
            }
        )
        exact = {form for form in forms[word] if len(form) < MIN_PREFIX_LENGTH}
        exact |= {term for term in text.gradation_variants(word) if not term.startswith(covered)}
        exact |= set(typos[:MAX_TYPO_VARIANTS])
        expanded.append(Alternatives(prefixes=prefixes, exact=sorted(exact)))
    return expanded
