"""Residents search the whole site (Wagtail search: the database backend here)."""

import pytest

from tests.comms.content_factories import AdvicePageFactory, EventPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def test_search_finds_advice_events_and_news_by_their_words(
    client, advice_index, event_index, news_index
):
    AdvicePageFactory(parent=advice_index, title="Catalytic converter theft", summary="Mark it.")
    EventPageFactory(parent=event_index, title="Catalytic converter marking day")
    NewsPageFactory(parent=news_index, title="Bike marking at Upminster")
    response = client.get("/search/?q=catalytic")
    assert response.status_code == 200
    assert "comms/search.html" in [t.name for t in response.templates]
    titles = {page.title for page in response.context["results"]}
    assert titles == {"Catalytic converter theft", "Catalytic converter marking day"}


def test_search_does_not_return_drafts(client, advice_index):
    AdvicePageFactory(parent=advice_index, title="Secret draft about scams", live=False)
    response = client.get("/search/?q=scams")
    assert list(response.context["results"]) == []


def test_search_with_no_results_helps_the_resident(client, site):
    html = client.get("/search/?q=zzzyyyxxx").content.decode()
    assert "There are no matching results." in html
    assert "checking your spelling" in html


def test_search_page_without_a_query_shows_just_the_form(client, site):
    response = client.get("/search/")
    assert response.status_code == 200
    assert response.context["results"] is None
    assert 'name="q"' in response.content.decode()


def test_search_results_are_paginated(client, advice_index):
    for n in range(13):
        AdvicePageFactory(parent=advice_index, title=f"Doorstep scam advice {n}")
    first = client.get("/search/?q=doorstep")
    assert first.context["result_count"] == 13
    assert len(first.context["results"]) == 10
    assert "q=doorstep&amp;page=2" in first.content.decode()
    assert len(client.get("/search/?q=doorstep&page=2").context["results"]) == 3


def test_search_query_is_escaped_in_the_page(client, site):
    html = client.get("/search/?q=<script>x</script>").content.decode()
    assert "<script>x</script>" not in html
