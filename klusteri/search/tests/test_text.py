"""The text analysis behind both engines: no database needed."""

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


def test_index_text_adds_the_stems_of_three_languages():
    assert text.index_text("batterierna") == "batterierna batterier batteri"


def test_gradation_gives_the_other_grade_of_the_finnish_stem():
    assert "vety" in text.gradation_variants("vedyn")
    assert "vedy" in text.gradation_variants("vety")
    assert "tapa" in text.gradation_variants("tavan")
    assert "akku" in text.gradation_variants("akun")


def test_gradation_leaves_stems_ending_in_a_consonant_alone():
    assert text.gradation_variants("pankin") == set()
