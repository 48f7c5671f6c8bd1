"""The search interface: index, delete, search and clear documents of one kind.

A kind is what other apps index ("cluster", "event", …); a document is an object's
primary key with its text in three weights: "title", "keywords" and "body".

Matching happens in two steps. Python analyses the words (`text.py`): each
indexed word is stored with its other forms (stems in five languages, Finnish
nominatives, the word without diacritics); each query word becomes a set of
alternatives, its forms as prefixes. The engine of the database then finds the
documents that have an alternative of every query word, and ranks them: names
first, then all fields in one ranking. Only when the words as typed find nothing are they read
as typos, one letter off a word of the index's vocabulary.
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

# Name matches come first: a person who types a cluster's name wants it at the
# top. All other matches are in one ranking across all fields, by the engine's
# ranking (bm25, ts_rank_cd) with the fields' weights, so a description about the
# words is not buried under other documents' tags. Each tier asks the engine for
# documents whose every query word is in the tier's fields.
TIERS = [("title",), FIELDS]

# The bound on the cost of a query. Ranking costs time for every document it
# scores, so each tier ranks at most this many of its matches, the first ones in
# index order: a word in most of 10,000 documents costs no more to rank than a
# word in a thousand. The price is that a tier with more matches than this is
# ranked from a sample; name matches are few and have a tier of their own, so
# the cut falls on the weaker matches.
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
    """Primary keys of the documents that match every word of the query, best first.

    Typos are corrected only when the words as typed match nothing: a correction
    then neither outranks a document with the words themselves nor brings in
    another word's documents beside them ("vedyn" is in the index, so it never
    becomes "veden", water).
    """
    words = list(dict.fromkeys(text.tokens(query)))[:MAX_QUERY_WORDS]
    if not words or limit < 1:
        return []
    typed = [alternatives(word) for word in words]
    found = ranked(kind, typed, limit=limit)
    if found:
        return found
    corrected = with_typos(kind, words, typed)
    return ranked(kind, corrected, limit=limit) if corrected != typed else []


def ranked(kind: str, words: list[Alternatives], *, limit: int) -> list[int]:
    engine = current_engine()
    found: dict[int, None] = {}  # an ordered set: a document keeps its best tier
    for fields in TIERS:
        candidates = max(limit, CANDIDATES)
        for pk in engine.ranked(kind, words, fields, limit=limit, candidates=candidates):
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


def alternatives(word: str) -> Alternatives:
    """What a query word matches as typed: terms that start with one of its forms."""
    forms = text.forms(word)
    # The shortest prefix covers the longer ones: "energ" makes "energia" redundant.
    prefixes: list[str] = []
    for form in sorted(form for form in forms if len(form) >= MIN_PREFIX_LENGTH):
        if not form.startswith(tuple(prefixes)):
            prefixes.append(form)
    exact = sorted(form for form in forms if len(form) < MIN_PREFIX_LENGTH)
    return Alternatives(prefixes=prefixes, exact=exact)


def with_typos(kind: str, words: list[str], typed: list[Alternatives]) -> list[Alternatives]:
    """The alternatives with the vocabulary's terms one letter off each form, in one query."""
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

    corrected = []
    for word, alternative in zip(words, typed, strict=True):
        # A term that a prefix covers is matched already: it would only cost time.
        covered = tuple(alternative.prefixes)
        typos = sorted(
            {
                term
                for form in forms[word]
                for key in typo_keys.get(form, ())
                for term in near[key]
                if text.is_one_edit(form, term) and not term.startswith(covered)
            }
        )
        exact = sorted({*alternative.exact, *typos[:MAX_TYPO_VARIANTS]})
        corrected.append(Alternatives(prefixes=alternative.prefixes, exact=exact))
    return corrected
