"""The text analysis behind both engines: no database needed."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klusteri.search import text


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance, the slow and obvious way."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(
                d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


words = st.text(alphabet="aeiklstvyä", max_size=8)


@given(words, words)
def test_one_edit_agrees_with_the_edit_distance(a, b):
    assert text.is_one_edit(a, b) == (edit_distance(a, b) <= 1)


@given(words, words)
def test_words_one_edit_apart_share_a_deletion_key(a, b):
    if text.is_one_edit(a, b):
        assert text.deletion_keys(a) & text.deletion_keys(b)


def test_tokens_are_lower_case_nfkc_words():
    assert text.tokens("Vety-talous, ＣＯ２ ja ﬁlosoﬁa_2026!") == [
        "vety",
        "talous",
        "co2",
        "ja",
        "filosofia",
        "2026",
    ]


def test_long_tokens_are_cut():
    assert text.tokens("a" * 500) == ["a" * text.MAX_TERM_LENGTH]


def test_index_text_adds_the_stems_of_five_languages():
    # Finnish, Swedish and English "batteri", Norwegian and Danish "batteriern".
    assert text.index_text("batterierna") == "batterierna batterier batteri batteriern"


@pytest.mark.parametrize(
    ("word", "nominative"),
    [
        ("vedyn", "vety"),  # d → t
        ("tavan", "tapa"),  # v → p
        ("akun", "akku"),  # k → kk
        ("katon", "katto"),  # t → tt
        ("kunnan", "kunta"),  # nn → nt
        ("kengän", "kenkä"),  # ng → nk
        ("vahdin", "vahti"),  # hd → ht
        ("ruoan", "ruoka"),  # ∅ → k
        ("reiän", "reikä"),
        ("kiertotalouden", "kiertotalous"),  # -us nouns
        ("kiertotaloutta", "kiertotalous"),
        ("jalostuksen", "jalostus"),
        ("yrityksen", "yritys"),
    ],
)
def test_an_inflected_finnish_word_gets_its_nominative(word, nominative):
    assert nominative in text.forms(word)


@pytest.mark.parametrize("word", ["vety", "tapa", "data", "ruoka"])
def test_a_word_in_its_basic_form_gets_no_guess(word):
    assert text.finnish_nominatives(word, text.stems_of(word)[0]) == []


@pytest.mark.parametrize(
    "stem",
    [
        "pank",  # ends in a consonant: the syllable that grades is gone
        "puu",  # the consonant starts the word: nothing to grade
        "maa",  # a long vowel is one syllable, it never lost a k
        "akku",  # read as weak, "kk" would become "kkk"
        "talo",  # l alone is no weak grade
    ],
)
def test_stems_without_a_weak_grade_get_no_strong_one(stem):
    assert text.strong_grade(stem) == []


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("järvenpää", "jarvenpaa"),
        ("järnvägsklustret", "jarnvagsklustret"),
        ("mjøsa", "mjosa"),
        ("suðurnes", "sudurnes"),
        ("tórshavn", "torshavn"),
        ("grådyb", "gradyb"),
    ],
)
def test_a_word_with_diacritics_gets_a_form_without_them(word, folded):
    assert folded in text.forms(word)


@pytest.mark.parametrize(
    ("word", "stem"),
    [("klyngene", "klyng"), ("havvindparkene", "havvindpark"), ("vindmøllerne", "vindmøl")],
)
def test_norwegian_and_danish_words_get_their_stems(word, stem):
    assert stem in text.forms(word)
