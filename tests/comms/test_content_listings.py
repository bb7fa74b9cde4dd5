"""Residents narrow advice and events to what fits them; empty results say what to do."""

import datetime

import pytest
from django.utils import timezone

from communitysafety.vocabularies.models import StrategicPriority, Topic
from tests.comms.content_factories import AdvicePageFactory, EventPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return [page.title for page in response.context["results"]]


def test_advice_filters_by_topic(client, advice_index):
    AdvicePageFactory(
        parent=advice_index, title="Scams", topics=[Topic.objects.get(slug="fraud-and-scams")]
    )
    AdvicePageFactory(
        parent=advice_index, title="Burglary", topics=[Topic.objects.get(slug="burglary")]
    )
    assert _titles(client.get("/advice/?topic=burglary")) == ["Burglary"]
    assert _titles(client.get("/advice/")) == ["Burglary", "Scams"]


def test_advice_filters_by_strategic_priority(client, advice_index):
    vawg = StrategicPriority.objects.get(number=2)
    AdvicePageFactory(parent=advice_index, title="Walk and Talk", priorities=[vawg])
    AdvicePageFactory(parent=advice_index, title="Bike marking")
    assert _titles(client.get(f"/advice/?priority={vawg.slug}")) == ["Walk and Talk"]


def test_advice_for_a_ward_includes_borough_wide_advice(client, advice_index, wards):
    gooshays, cranham = (w for w in wards if w.name in ("Gooshays", "Cranham"))
    AdvicePageFactory(parent=advice_index, title="Harold Hill motorbikes", wards=[gooshays])
    AdvicePageFactory(parent=advice_index, title="Cranham rural crime", wards=[cranham])
    AdvicePageFactory(parent=advice_index, title="Borough-wide scams")
    assert _titles(client.get(f"/advice/?ward={gooshays.code}")) == [
        "Borough-wide scams",
        "Harold Hill motorbikes",
    ]


def test_unknown_filter_values_show_everything_rather_than_an_error(client, advice_index):
    AdvicePageFactory(parent=advice_index, title="Anything")
    response = client.get("/advice/?topic=no-such-topic&ward=nope")
    assert response.status_code == 200
    assert _titles(response) == ["Anything"]


def test_advice_with_no_match_shows_an_empty_state(client, advice_index):
    AdvicePageFactory(parent=advice_index, topics=[Topic.objects.get(slug="burglary")])
    html = client.get("/advice/?topic=hate-crime").content.decode()
    assert "There is no advice that matches all of these choices." in html
    assert 'href="/search/"' in html


def test_draft_advice_is_not_listed(client, advice_index):
    AdvicePageFactory(parent=advice_index, title="Draft", live=False)
    assert _titles(client.get("/advice/")) == []


def _event_at(parent, title, days, **kwargs):
    start = timezone.now() + datetime.timedelta(days=days)
    return EventPageFactory(
        parent=parent, title=title, start=start, end=start + datetime.timedelta(hours=2), **kwargs
    )


def test_events_list_upcoming_soonest_first_and_past_most_recent_first(client, event_index):
    _event_at(event_index, "Next month", 30)
    _event_at(event_index, "Next week", 7)
    _event_at(event_index, "Last week", -7)
    _event_at(event_index, "Last year", -300)
    assert _titles(client.get("/events/")) == ["Next week", "Next month"]
    assert _titles(client.get("/events/?when=past")) == ["Last week", "Last year"]


def test_events_filter_by_ward(client, event_index, wards):
    upminster, rainham = (w for w in wards if w.name in ("Upminster", "Rainham & Wennington"))
    _event_at(event_index, "Upminster bike marking", 5, ward=upminster)
    _event_at(event_index, "Rainham roadshow", 6, ward=rainham)
    assert _titles(client.get(f"/events/?ward={upminster.code}")) == ["Upminster bike marking"]


def test_events_filter_by_month_shows_past_and_upcoming_in_it(client, event_index):
    first = timezone.localdate().replace(day=1)
    in_month = timezone.make_aware(datetime.datetime.combine(first, datetime.time(10)))
    EventPageFactory(
        parent=event_index,
        title="Early this month",
        start=in_month,
        end=in_month + datetime.timedelta(hours=1),
    )
    _event_at(event_index, "Far future", 70)
    month = first.strftime("%Y-%m")
    assert _titles(client.get(f"/events/?month={month}")) == ["Early this month"]


def test_events_are_paginated_and_keep_filters_on_page_links(client, event_index, wards):
    ward = wards[0]
    for n in range(12):
        _event_at(event_index, f"Event {n:02d}", n + 1, ward=ward)
    first = client.get(f"/events/?ward={ward.code}")
    assert len(first.context["results"]) == 10
    assert f"ward={ward.code}&amp;page=2" in first.content.decode()
    second = client.get(f"/events/?ward={ward.code}&page=2")
    assert _titles(second) == ["Event 10", "Event 11"]
    assert _titles(client.get("/events/?page=99")) == ["Event 10", "Event 11"]


def test_no_upcoming_events_shows_an_empty_state_with_a_way_on(client, event_index):
    html = client.get("/events/").content.decode()
    assert "There are no upcoming events that match your choices." in html
    assert 'href="?when=past"' in html
    assert 'href="/events/feed.ics"' in html


def test_event_list_items_carry_map_points_and_the_map_reads_our_boundaries(
    client, event_index, wards
):
    ward = next(w for w in wards if w.name == "Elm Park")
    _event_at(event_index, "Walk and Talk", 3, ward=ward)
    html = client.get("/events/").content.decode()
    assert 'data-boundaries-url="/events/wards.geojson"' in html
    assert 'data-lat="51.' in html and 'data-lng="0.' in html
    geojson = client.get("/events/wards.geojson").json()
    assert len(geojson["features"]) == 20
    assert {"code", "name"} <= set(geojson["features"][0]["properties"])


def test_news_is_newest_first_and_paginated(client, news_index):
    today = timezone.localdate()
    for n in range(11):
        NewsPageFactory(
            parent=news_index, title=f"Item {n:02d}", date=today - datetime.timedelta(n)
        )
    response = client.get("/news/")
    assert _titles(response)[0] == "Item 00"
    assert _titles(client.get("/news/?page=2")) == ["Item 10"]


def test_empty_news_index_says_so(client, news_index):
    assert "There is no news yet." in client.get("/news/").content.decode()
