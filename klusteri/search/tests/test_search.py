"""The search interface, with real Finnish, Swedish and English words.

Nothing here is parametrised by engine: the test database decides, and CI runs
this module on SQLite (FTS5) and on PostgreSQL.
"""

import pytest

from klusteri.search import clear, delete_documents, index_documents, search, services
from klusteri.search.models import SearchDocument

pytestmark = pytest.mark.django_db

KIND = "test"


def index(*bodies: str) -> None:
    """Index each text as the body of a document; the first gets primary key 1."""
    index_documents(KIND, [(pk, {"body": body}) for pk, body in enumerate(bodies, start=1)])


def found(query: str, **options) -> list[int]:
    return search(KIND, query, **options)


@pytest.mark.parametrize("query", ["vety", "vedyn", "vetyä", "vedystä"])
def test_finnish_inflections_of_vety_find_it(query):
    index("Vety on tulevaisuuden polttoaine.", "Sähkö ja lämpö.")

    assert found(query) == [1]


def test_a_document_in_the_weak_grade_is_found_by_the_strong_grade():
    index("Vedyn tuotanto kasvaa.", "Sähkö ja lämpö.")

    assert found("vety") == [1]


@pytest.mark.parametrize(
    ("document", "query"),
    [
        ("energia", "energian"),
        ("energia", "energiaa"),
        ("metsä", "metsien"),
        ("metsä", "metsää"),
        ("teknologia", "teknologioiden"),
    ],
)
def test_finnish_inflections_find_the_base_form(document, query):
    index(f"Uusi {document} tänään.", "Sähkö ja lämpö.")

    assert found(query) == [1]


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("vedyn", "Vetylaakso"),
        ("ruoan", "Ruokaklusteri"),
        ("kiertotalouden", "Kiertotalousklusteri"),
        ("jalostuksen", "Jalostusklusteri"),
        ("akun", "Akkuverkosto"),
    ],
)
def test_an_inflected_word_finds_compounds_of_its_nominative(query, name):
    index_documents(KIND, [(1, {"title": name}), (2, {"title": "Vesiklusteri"})])

    assert found(query) == [1]


def test_a_basic_form_finds_a_text_with_another_grade():
    index("Ruoan tuotanto kasvaa.", "Sähkö ja lämpö.")

    assert found("ruoka") == [1]


@pytest.mark.parametrize(
    ("document", "query"),
    [
        ("Järnvägsklustret", "jarnvagsklustret"),
        ("Järvenpää", "jarvenpaa"),
        ("ympäristöteknologia", "ymparistoteknologia"),
        ("Mjøsa", "mjosa"),
    ],
)
def test_a_word_typed_without_diacritics_finds_it(document, query):
    index(f"{document} 2026.", "Sähkö ja lämpö.")

    assert found(query) == [1]


@pytest.mark.parametrize(
    ("document", "query"),
    [
        ("klynge", "klyngene"),  # Norwegian
        ("havvindpark", "havvindparkene"),
        ("vindmølle", "vindmøllerne"),  # Danish
        ("underleverandører", "underleverandørerne"),
    ],
)
def test_norwegian_and_danish_inflections_find_the_base_form(document, query):
    index(f"En {document} i Norden.", "El og varme.")

    assert found(query) == [1]


@pytest.mark.parametrize(
    ("document", "query"),
    [("vätgas", "vätgasen"), ("skog", "skogarna"), ("batteri", "batterierna")],
)
def test_swedish_inflections_find_the_base_form(document, query):
    index(f"Om {document} i Norden.", "El och värme.")

    assert found(query) == [1]


@pytest.mark.parametrize(
    ("document", "query"),
    [("battery", "batteries"), ("manufacture", "manufacturing")],
)
def test_english_inflections_find_the_base_form(document, query):
    index(f"We {document} here.", "Heat and power.")

    assert found(query) == [1]


@pytest.mark.parametrize(
    ("document", "query"),
    [("vetytalous", "vety"), ("akkuteknologia", "akku"), ("biotalous", "bio")],
)
def test_the_first_part_of_a_compound_finds_it(document, query):
    index(f"Suomen {document} kasvaa.", "Sähkö ja lämpö.")

    assert found(query) == [1]


@pytest.mark.parametrize(
    ("document", "query"),
    [
        ("vetytalous", "vetytalos"),  # deletion
        ("energia", "energai"),  # transposition
        ("hydrogen", "hydrogn"),  # deletion
        ("metsäteollisuus", "metsäteollisuuus"),  # insertion
        ("kiertotalous", "kiertotalaus"),  # substitution
    ],
)
def test_a_one_letter_typo_finds_the_word(document, query):
    index(f"Puhe {document} asiasta.", "Sähkö ja lämpö.")

    assert found(query) == [1]


def test_a_word_in_the_index_is_not_read_as_a_typo():
    index("Vedyn tuotanto kasvaa.", "Veden puhdistus paranee.")

    assert found("vedyn") == [1]  # not "veden", one letter off


def test_a_typo_correction_never_outranks_an_exact_match():
    # "kluster" is one letter off "alust", the Swedish stem of "alusta" (platform).
    index_documents(KIND, [(1, {"title": "Terveysdata-alusta"}), (2, {"body": "Ett kluster."})])

    assert found("kluster") == [2]


def test_short_words_get_no_typo_tolerance():
    index("Talo on punainen.", "Tila on suuri.")

    assert found("tali") == []


def test_two_letter_typos_are_not_tolerated():
    index("Kiertotalous kasvaa.")

    assert found("kiertotlaos") == []


def test_every_query_word_must_match():
    index("Vety ja metsä.", "Vety ja energia.", "Metsä ja energia.")

    assert found("vety metsä") == [1]
    assert found("energiaa metsien") == [3]


def test_title_matches_come_first_then_one_ranking_across_keywords_and_body():
    # Tiers of keywords before the body would bury the document that is all about
    # hydrogen under the one that has it as a tag.
    index_documents(
        KIND,
        [
            (1, {"keywords": "Vety\nEnergia\nTeollisuus", "body": "Sähkö ja lämpö kaupungille."}),
            (2, {"keywords": "Energia", "body": "Vety, vety ja vety: vedyn tuotanto ja vety."}),
            (3, {"title": "Vetyklusteri", "body": "Sähkö ja lämpö."}),
        ],
    )

    assert found("vety") == [3, 2, 1]


def test_title_beats_keywords_beats_body():
    index_documents(
        KIND,
        [
            (1, {"title": "Sähkö", "body": "Akkuteknologia ja sähkö."}),
            (2, {"title": "Lämpö", "keywords": "akkuteknologia"}),
            (3, {"title": "Akkuteknologia", "body": "Lämpö ja sähkö."}),
        ],
    )

    assert found("akku") == [3, 2, 1]


def test_a_title_match_outside_the_ranked_candidates_still_comes_first(monkeypatch):
    monkeypatch.setattr(services, "CANDIDATES", 10)
    index(*["Energia ja sähkö."] * 30)
    index_documents(KIND, [(31, {"title": "Energia"})])

    results = found("energia", limit=5)

    assert results[0] == 31
    assert len(results) == 5


def test_limit_caps_the_results():
    index(*["Metsä kasvaa."] * 20)

    assert len(found("metsä", limit=7)) == 7
    assert len(found("metsä")) == 20


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "!!! ??? ...",
        '"',
        '"vety',
        "vety*",
        "*",
        "NEAR(vety metsä)",
        "vety OR metsä",
        "vety AND NOT metsä",
        "title: vety",
        "{title}: vety",
        "vety & metsä | !energia",
        "vety:*A",
        "'vety' <-> 'metsä'",
        "vety\\",
        "%_%",
        "x" * 500,
        "å" * 500,
        "v e t y " * 100,
        "\x00vety\x00",
        "東京 vety",
        "🙂 ½ ² ǅ",
        "Robert'); DROP TABLE search_searchdocument;--",
    ],
)
def test_junk_queries_never_raise(query):
    index("Vety ja metsä.")

    assert isinstance(found(query), list)
    assert SearchDocument.objects.count() == 1


def test_search_syntax_is_read_as_words():
    index("Vety ja metsä.", "Vety ja energia.")

    assert found('"vety" metsä*') == [1]
    assert found("vety OR energia") == []  # "or" is a word that no document has


def test_empty_query_finds_nothing():
    index("Vety ja metsä.")

    assert found("") == []
    assert found("…") == []


def test_indexing_again_replaces_the_document():
    index("Vety ja metsä.")

    index_documents(KIND, [(1, {"body": "Energia."})])

    assert found("vety") == []
    assert found("energia") == [1]
    assert SearchDocument.objects.filter(kind=KIND).count() == 1


def test_deleted_documents_are_not_found():
    index("Vety ja metsä.", "Vety ja energia.")

    delete_documents(KIND, [1])

    assert found("vety") == [2]


def test_kinds_are_searched_apart():
    index("Vety ja metsä.")
    index_documents("other", [(1, {"title": "Metsä"}), (2, {"body": "Vety"})])

    assert found("vety") == [1]
    assert search("other", "vety") == [2]


def test_clear_empties_one_kind():
    index("Vety ja metsä.")
    index_documents("other", [(1, {"title": "Vety"})])

    clear(KIND)

    assert found("vety") == []
    assert search("other", "vety") == [1]
    assert found("vetytalos") == []  # the vocabulary went too


def test_an_unknown_field_is_refused():
    with pytest.raises(ValueError, match="titel"):
        index_documents(KIND, [(1, {"titel": "Vety"})])


def test_indexing_in_bulk_takes_few_queries(django_assert_max_num_queries):
    documents = [(pk, {"title": f"Klusteri {pk}", "body": "Vety ja metsä."}) for pk in range(1000)]

    with django_assert_max_num_queries(10):
        index_documents(KIND, documents)

    assert len(found("klusteri")) == 500
