"""Text analysis shared by both engines: tokens, their forms, and typo keys.

Neither SQLite nor PostgreSQL can do what we need on their own (SQLite has no
Finnish stemmer, neither splits compounds), so we analyse text here, in Python,
and hand the engines plain space-separated terms. Documents and queries go
through the same function, `forms`, which is what makes them meet: a document
stores every form of its words, and a query word matches any document term that
starts with one of its forms.
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

# The languages of the clusters in the directory. Norwegian and Danish stems
# differ from Swedish ones in their endings (klyngene → klyng, vindmøllerne →
# vindmøl), so each has its own stemmer.
STEMMERS = [
    snowballstemmer.stemmer(language)
    for language in ("finnish", "swedish", "norwegian", "danish", "english")
]
STEMMING = threading.Lock()

# Letters that Unicode does not decompose into a base letter and a mark, written
# without their stroke by people who lack the key: Mjøsa → mjosa, Suðurnes → sudurnes.
UNMARKED = str.maketrans({"ø": "o", "æ": "ae", "ð": "d", "þ": "th", "ß": "ss", "đ": "d"})


class Alternatives(NamedTuple):
    """What one query word may match: terms that start with a prefix, or exact terms."""

    prefixes: list[str]
    exact: list[str]


def tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    return [token[:MAX_TERM_LENGTH] for token in WORD.findall(text)]


@lru_cache(maxsize=50_000)
def forms(token: str) -> tuple[str, ...]:
    """The token, its stems, the nominatives of a Finnish inflected form and, for a
    word with diacritics, all of these without them; no repeats.

    Stemming one word in pure Python takes tens of microseconds per language, and
    word frequencies are skewed: the cache makes bulk indexing fast.
    """
    stems = stems_of(token)
    found = [token, *stems, *finnish_nominatives(token, stems[0])]
    folded = [without_diacritics(form) for form in found]
    return tuple(dict.fromkeys(found + folded))


def stems_of(token: str) -> list[str]:
    """The token's stems in each language, Finnish first."""
    # The stemmers keep state while they work, hence the lock for threaded servers.
    with STEMMING:
        return [stemmer.stemWord(token) for stemmer in STEMMERS]


def index_text(text: str) -> str:
    """What the engines store for a field: every token followed by its other forms."""
    return " ".join(form for token in tokens(text) for form in forms(token))


def without_diacritics(token: str) -> str:
    """järvenpää → jarvenpaa, so that a query typed without ä, ö, å finds the word."""
    decomposed = unicodedata.normalize("NFKD", token.translate(UNMARKED))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# Finnish nominatives ---------------------------------------------------------------
#
# Finnish compounds start with a nominative (vetytalous, ruokaklusteri), and an
# inflected word often has a stem the nominative does not start with: "vedyn" stems
# to "vedy", "ruoan" is left as it is, "kiertotalouden" stems to "kiertotaloud".
# The rules below guess the nominative back from such a stem. Both documents and
# queries get the guesses as forms, so "vedyn" finds "Vetylaakso" (the query's
# "vety" is a prefix of it) and "vety" finds a text that only says "vedyn" (the
# document has "vety" too). A wrong guess adds a form no word has (the "kuopiko" of
# "Kuopion"), which only matches a query typed as that non-word.

# Consonant gradation, weak grade → strong grade: vedy → vety, kunna → kunta,
# aku → akku. The weak grade is found in an inflected form's stem, before its last
# vowels; the longest match is used, so "nn" gives "nt", not also "nd". Longer rules first.
GRADATION = [
    ("ng", "nk"),  # kengän → kenkä
    ("mm", "mp"),  # lammen → lampi
    ("nn", "nt"),  # kunnan → kunta
    ("ll", "lt"),  # kullan → kulta
    ("rr", "rt"),  # parran → parta
    ("hd", "ht"),  # vahdin → vahti
    ("k", "kk"),  # akun → akku
    ("p", "pp"),  # kupin → kuppi
    ("t", "tt"),  # katon → katto
    ("d", "t"),  # vedyn → vety
    ("v", "p"),  # tavan → tapa
]
VOWELS = "aeiouyäöå"
LAST_SYLLABLE = re.compile(rf"([^{VOWELS}]+)([{VOWELS}]+)$")
TRIPLE = re.compile(r"(.)\1\1")  # "akku" read as weak gives "akkku": not a word
# The gradation k → ∅ leaves two vowels side by side that do not make one syllable
# (ruoka → ruoan, reikä → reiän); a k goes back between them. Long vowels and
# diphthongs are one syllable: "puu", "talvi", "ruo" never lost a k.
ONE_SYLLABLE = {
    *(vowel * 2 for vowel in VOWELS),
    *("ai", "ei", "oi", "ui", "yi", "äi", "öi", "au", "eu", "iu", "ou", "ey", "iy", "äy", "öy"),
    *("ie", "uo", "yö"),
}
# The -us/-ys nouns change their last consonant: talous → talouden, taloutta,
# jalostus → jalostuksen, yritys → yrityksen. The stem's ending → the nominative's.
NOMINATIVE_ENDINGS = [
    ("ukse", "us"),
    ("ykse", "ys"),
    ("uks", "us"),
    ("yks", "ys"),
    ("ude", "us"),
    ("yde", "ys"),
    ("ud", "us"),
    ("yd", "ys"),
    ("ut", "us"),  # kiertotaloutta → kiertotalous
    ("yt", "ys"),
]


def finnish_nominatives(token: str, finnish_stem: str) -> list[str]:
    """Guesses at the nominative of an inflected Finnish word, from its stem.

    The stem is the stemmer's or, where the stemmer left a short word alone
    (ruoan, kunnan), the word without the genitive's -n.
    """
    stems = {finnish_stem, token[:-1] if re.search(rf"[{VOWELS}]n$", token) else token}
    stems.discard(token)  # a word in its basic form is its own nominative
    return [nominative for stem in sorted(stems) for nominative in nominatives_of(stem)]


def nominatives_of(stem: str) -> list[str]:
    for ending, nominative in NOMINATIVE_ENDINGS:
        if stem.endswith(ending):
            return [stem[: -len(ending)] + nominative]
    return strong_grade(stem)


def strong_grade(stem: str) -> list[str]:
    """The stem with its last syllable's consonants in the strong grade (see GRADATION)."""
    match = LAST_SYLLABLE.search(stem)
    if match is None:  # no vowel at the end, or only vowels
        return []
    head, (consonants, vowels) = stem[: match.start()], match.groups()
    if len(vowels) > 1 and vowels[-2:] not in ONE_SYLLABLE:
        return [head + consonants + vowels[:-1] + "k" + vowels[-1]]  # ruoa → ruoka
    if not head:  # only consonants after a vowel grade: puun, tien are of puu, tie
        return []
    for weak, strong in GRADATION:
        if consonants.endswith(weak):
            strong_stem = head + consonants[: -len(weak)] + strong + vowels
            return [] if TRIPLE.search(strong_stem) else [strong_stem]
    return []


# Typo keys --------------------------------------------------------------------------


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
