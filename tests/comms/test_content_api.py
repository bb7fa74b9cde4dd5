"""The read-only events and advice API, and its place in the OpenAPI schema."""

import datetime

import pytest
from django.utils import timezone

from communitysafety.vocabularies.models import Topic
from tests.comms.content_factories import AdvicePageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


def test_events_api_lists_published_events_with_ward_and_ics(client, event_index, wards):
    ward = wards[0]
    event = EventPageFactory(parent=event_index, title="Roadshow", ward=ward)
    EventPageFactory(parent=event_index, title="Draft", live=False)
    body = client.get("/api/v1/events/").json()
    assert body["count"] == 1
    [item] = body["results"]
    assert item["title"] == "Roadshow"
    assert item["ward"] == {"code": ward.code, "name": ward.name}
    assert item["ics_url"].endswith(f"/events/{event.slug}.ics")
    assert client.get(f"/api/v1/events/{event.slug}/").json()["slug"] == event.slug


def test_events_api_filters_upcoming_and_past(client, event_index):
    now = timezone.now()
    EventPageFactory(
        parent=event_index,
        title="Past",
        start=now - datetime.timedelta(days=9),
        end=now - datetime.timedelta(days=9, hours=-1),
        outcome="Good turnout.",
    )
    EventPageFactory(parent=event_index, title="Future")
    assert [e["title"] for e in client.get("/api/v1/events/?when=past").json()["results"]] == [
        "Past"
    ]
    past = client.get("/api/v1/events/?when=past").json()["results"][0]
    assert past["outcome"] == "Good turnout."
    upcoming = client.get("/api/v1/events/?when=upcoming").json()["results"]
    assert [e["title"] for e in upcoming] == ["Future"]


def test_advice_api_filters_by_topic(client, advice_index):
    AdvicePageFactory(
        parent=advice_index, title="Burglary", topics=[Topic.objects.get(slug="burglary")]
    )
    AdvicePageFactory(parent=advice_index, title="Other")
    results = client.get("/api/v1/advice/?topic=burglary").json()["results"]
    assert [r["title"] for r in results] == ["Burglary"]
    assert results[0]["topics"] == [{"slug": "burglary", "name": "Burglary"}]


def test_content_api_is_read_only(client, advice_index):
    assert client.post("/api/v1/advice/", {}).status_code in (403, 405)


def test_content_endpoints_are_in_the_openapi_schema(client, site):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/v1/events/", "/api/v1/events/{slug}/", "/api/v1/advice/"):
        assert path in paths


def test_schema_generates_without_warnings(tmp_path):
    from django.core.management import call_command

    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert "/api/v1/advice/{slug}/" in out.read_text()


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("when=AAA", "when"), ("when=null", "when"), ("ward=" + "x" * 300, "ward")],
)
def test_events_api_refuses_a_bad_filter_naming_it(client, event_index, query, parameter):
    response = client.get(f"/api/v1/events/?{query}")
    assert response.status_code == 400
    assert response.json()[parameter]


def test_advice_api_refuses_an_overlong_filter_naming_it(client, advice_index):
    response = client.get("/api/v1/advice/", {"topic": "t" * 300})
    assert response.status_code == 400
    assert response.json()["topic"]


def test_a_blank_events_filter_means_all(client, event_index):
    EventPageFactory(parent=event_index, title="Roadshow")
    assert client.get("/api/v1/events/?when=&ward=").json()["count"] == 1
