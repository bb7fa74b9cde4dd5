"""Whatever a resident types into site search, they get results or none: never an error
page, and never an operations alarm ("Database unavailable") for an odd query."""

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comms.content.search import MAX_TERMS, displayed_query, search_terms
from tests.comms.content_factories import AdvicePageFactory
from tests.security.hostile import HOSTILE_STRINGS

# Text shaped like FTS5 and SQL syntax: the query language Wagtail's SQLite backend feeds.
FTS_SHAPED = [
    '" OR 1=1 --',
    'catalytic" OR "1"="1',
    "@@version",
    "') OR ('a'='a",
    "((catalytic",
    "catalytic))",
    '"',
    '"""',
    'unbalanced "quote',
    "*",
    "cat*",
    "NEAR",
    "NEAR(catalytic theft, 2)",
    "AND",
    "OR",
    "NOT",
    "catalytic AND",
    "OR theft",
    "title:catalytic",
    "{title body}: theft",
    "^catalytic",
    "+catalytic -theft",
    "catalytic \\ theft",
    "%s %(x)s %%",
    "\x00",
    "\x01\x02\x1f\x7f",
    "🙂🙂🙂",
    "\u202ecatalytic",
    "مرحبا",
    "x" * 5000,
    "word " * 2000,
]
FTS_SYNTAX = set('"*^:()+-{}')


@pytest.mark.django_db
@pytest.mark.parametrize("query", FTS_SHAPED + HOSTILE_STRINGS)
def test_hostile_search_query_gives_a_results_page_not_an_outage(
    client, advice_index, caplog, query
):
    AdvicePageFactory(parent=advice_index, title="Catalytic converter theft")
    with caplog.at_level(logging.ERROR):
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "comms/search.html" in [t.name for t in response.templates]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.django_db
@given(query=st.text(max_size=300))
def test_any_text_is_a_valid_search_query(client, site, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


@pytest.mark.django_db
def test_search_words_are_still_found_among_hostile_punctuation(client, advice_index):
    AdvicePageFactory(parent=advice_index, title="Catalytic converter theft")
    queries = ['catalytic" --', '"catalytic converter', "(catalytic)", "catalytic((", "catalytic*"]
    for query in queries:
        titles = [page.title for page in client.get("/search/", {"q": query}).context["results"]]
        assert titles == ["Catalytic converter theft"], query


@pytest.mark.django_db
def test_query_with_no_words_shows_no_results_rather_than_everything(client, advice_index):
    AdvicePageFactory(parent=advice_index, title="Catalytic converter theft")
    response = client.get("/search/", {"q": '"*" () 🙂'})
    assert response.context["result_count"] == 0
    assert "There are no matching results." in response.content.decode()


@given(st.text())
def test_search_terms_never_carry_fts_syntax_or_control_characters(query):
    terms = search_terms(query)
    assert len(terms) <= MAX_TERMS
    for term in terms:
        assert term and not FTS_SYNTAX & set(term)
        assert not any(char.isspace() or ord(char) < 32 for char in term)


def test_search_terms_keep_the_residents_words_whole():
    assert search_terms("Catalytic-converter theft, Romford!") == [
        "Catalytic",
        "converter",
        "theft",
        "Romford",
    ]
    assert search_terms("café مرحبا हिन्दी E05013983") == ["café", "مرحبا", "हिन्दी", "E05013983"]


def test_displayed_query_drops_control_characters_and_is_bounded():
    assert displayed_query("nul\x00byte \u202etext\t\n end") == "nulbyte text end"
    assert len(displayed_query("x" * 5000)) == 200
