"""Text analysis shared by both engines: tokens, stems, gradation and typo keys.

Neither SQLite nor PostgreSQL can do what we need on their own (SQLite has no
Finnish stemmer, neither splits compounds), so we analyse text here, in Python,
and hand the engines plain space-separated terms. Documents and queries go
through the same functions, which is what makes them meet.
"""

import re
import threading
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer

# Word tokens are runs of letters and digits. The underscore is left out because
# SQLite's unicode61 tokenizer treats it as a separator: both sides must agree.
WORD = re.compile(r"[^\W_]+")

# Longer "words" are URLs, hashes or garbage. Cutting them keeps every term
# within the vocabulary's column width and a 500-character query cheap.
MAX_TERM_LENGTH = 50

# Typos are tolerated in query terms of 5 letters or more: in shorter words one
# letter is too much of the word (talo, palo, tali…). A vocabulary term can then
# be one letter shorter than the query term.
MIN_TYPO_LENGTH = 5
MIN_VOCABULARY_LENGTH = MIN_TYPO_LENGTH - 1

FINNISH = snowballstemmer.stemmer("finnish")
SWEDISH = snowballstemmer.stemmer("swedish")
ENGLISH = snowballstemmer.stemmer("english")
STEMMING = threading.Lock()

VOWELS = "aeiouyäöå"
# The consonants that open the last syllable of a stem ending in a vowel: where
# gradation happens. A stem ending in a consonant (pank, ran) has lost that syllable.
LAST_CONSONANTS = re.compile(rf"([^{VOWELS}]+)([{VOWELS}]+)$")
TRIPLE = re.compile(r"(.)\1\1")

# Finnish consonant gradation, strong grade → weak grade: vety/vedyn, tapa/tavan,
# akku/akun, ranta/rannan. Snowball undoes some of it and not the rest: the stem
# of "vedyn" is "vedy", which never meets "vety". Typo tolerance cannot bridge
# that (a four-letter stem is below its threshold, and forgiving one letter in
# every short stem would let "talo" find "palo"), so a query word also gets its
# Finnish stem in the other grade, as an exact term: a wrong guess only looks up
# a term no document has. The gradation k → ∅ (jalka/jalan) is left out:
# putting a k back could go anywhere.
GRADATION = [
    ("kk", "k"),
    ("pp", "p"),
    ("tt", "t"),
    ("nk", "ng"),
    ("mp", "mm"),
    ("nt", "nn"),
    ("lt", "ll"),
    ("rt", "rr"),
    ("ht", "hd"),
    ("t", "d"),
    ("p", "v"),
]


class Alternatives(NamedTuple):
    """What one query word may match: terms that start with a prefix, or exact terms."""

    prefixes: list[str]
    exact: list[str]


def tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    return [token[:MAX_TERM_LENGTH] for token in WORD.findall(text)]


@lru_cache(maxsize=50_000)
def forms(token: str) -> tuple[str, ...]:
    """The token and its Finnish, Swedish and English stems, without repeats.

    Stemming one word in pure Python takes tens of microseconds per language, and
    word frequencies are skewed: the cache makes bulk indexing fast.
    """
    return tuple(dict.fromkeys([token, *stems(token)]))


def stems(token: str) -> tuple[str, str, str]:
    # The stemmers keep state while they work, hence the lock for threaded servers.
    with STEMMING:
        return FINNISH.stemWord(token), SWEDISH.stemWord(token), ENGLISH.stemWord(token)


def index_text(text: str) -> str:
    """What the engines store for a field: every token followed by its stems."""
    return " ".join(form for token in tokens(text) for form in forms(token))


def gradation_variants(token: str) -> set[str]:
    """The Finnish stem of the token with the other grade of its last consonants.

    "vedyn" stems to "vedy", which becomes "vety"; "vety" becomes "vedy", the stem
    of "vedyn" and "vedystä" in a document. Only the longest matching rule is used in
    each direction, so "nt" gives "nn", not also "nd".
    """
    finnish_stem = stems(token)[0]
    match = LAST_CONSONANTS.search(finnish_stem)
    if match is None:
        return set()
    head = match.string[: match.start()]
    consonants, tail = match.groups()
    variants = set()
    for source, target in (0, 1), (1, 0):
        for rule in sorted(GRADATION, key=lambda rule: -len(rule[source])):
            if consonants.endswith(rule[source]):
                grade = consonants[: -len(rule[source])] + rule[target]
                if not TRIPLE.search(grade):  # "tt" read as a weak "t" would give "ttt"
                    variants.add(head + grade + tail)
                break
    return variants


def deletion_keys(term: str) -> set[str]:
    """The term and each way of deleting one letter from it (SymSpell).

    Two words are at most one edit apart (substitution, insertion, deletion or the
    transposition of neighbours) only if their key sets meet; sets can also meet
    for a few words two edits apart, so matches are checked with `is_one_edit`.
    """
    return {term} | {term[:i] + term[i + 1 :] for i in range(len(term))}


def is_one_edit(a: str, b: str) -> bool:
    """Are a and b equal or one substitution, insertion, deletion or swap apart?"""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) < len(b):
        return a[start:] == b[start + 1 :]
    swapped = a[start : start + 2] == b[start : start + 2][::-1]
    return a[start + 1 :] == b[start + 1 :] or (swapped and a[start + 2 :] == b[start + 2 :])
