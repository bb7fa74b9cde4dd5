"""What every API endpoint shares: bounded, validated pagination and JSON 404s (issue 17)."""

import re

import pytest

from tests.surveys.unsafe_factories import UnsafePlaceReportFactory, moderator

pytestmark = pytest.mark.django_db


def test_no_client_can_ask_for_every_row_at_once(client, wards):
    UnsafePlaceReportFactory.create_batch(101)
    client.force_login(moderator())
    body = client.get("/api/v1/unsafe-places/reports/", {"limit": 100000}).json()
    assert body["count"] == 101
    assert len(body["results"]) == 100
    assert "limit=100" in body["next"] and "limit=100000" not in body["next"]


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/events/?offset=null", "offset"),
        ("/api/v1/events/?offset=-1", "offset"),
        ("/api/v1/advice/?limit=abc", "limit"),
        ("/api/v1/advice/?limit=0", "limit"),
        ("/api/v1/events/?limit=1.5", "limit"),
        ("/api/v1/events/?offset=99999999999999999999999", "offset"),
    ],
)
def test_a_malformed_page_parameter_is_a_400_naming_it(client, site, url, parameter):
    response = client.get(url)
    assert response.status_code == 400
    body = response.json()
    assert body[parameter] and parameter in body["detail"]


@pytest.mark.parametrize("url", ["/api/v1/nope/", "/api/v1/events/.exe/", "/api/other"])
def test_an_unknown_api_url_is_a_json_404(client, site, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_the_schema_gives_the_page_bounds(client, db):
    schema = client.get("/api/schema/?format=json").json()
    parameters = {
        p["name"]: p["schema"] for p in schema["paths"]["/api/v1/events/"]["get"]["parameters"]
    }
    assert parameters["limit"]["minimum"] == 1
    assert parameters["offset"]["minimum"] == 0
    assert parameters["when"]["enum"] == ["past", "upcoming"]


# Every text parameter of the public API: (path, parameter, a valid value).
TEXT_PARAMETERS = [
    ("/api/v1/events/", "ward", "E05013983"),
    ("/api/v1/advice/", "ward", "E05013983"),
    ("/api/v1/advice/", "topic", "burglary"),
    ("/api/v1/advice/", "priority", "violence-against-women"),
    ("/api/v1/results/estimates/", "survey", "annual-survey"),
    ("/api/v1/results/estimates/", "measure", "feel_safe_day"),
    ("/api/v1/results/estimates/", "group_value", "65+"),
    ("/api/v1/results/changes/", "group_value", "E05013983"),
    ("/api/v1/results/benchmarks/", "measure", "feel_safe_day"),
    ("/api/v1/results/fear-gap/", "ward", "E05013983"),
    ("/api/v1/crime/borough-table/", "end", "2025-12"),
    ("/api/v1/crime/ward-table/", "category", "BURGLARY"),
]


@pytest.mark.parametrize(("path", "parameter", "valid"), TEXT_PARAMETERS)
def test_a_too_long_text_parameter_is_a_400_naming_it(client, site, path, parameter, valid):
    response = client.get(path, {parameter: valid[0] * 1_000_000})
    assert response.status_code == 400
    body = response.json()
    assert body[parameter] and parameter in body["detail"]


@pytest.mark.parametrize(("path", "parameter", "valid"), TEXT_PARAMETERS)
def test_the_schema_bounds_every_text_parameter(client, db, path, parameter, valid):
    schema = client.get("/api/schema/?format=json").json()
    parameters = {p["name"]: p["schema"] for p in schema["paths"][path]["get"]["parameters"]}
    bounds = parameters[parameter]
    assert bounds["type"] == "string"
    assert len(valid) <= bounds["maxLength"] <= 200
    if "pattern" in bounds:
        assert re.fullmatch(bounds["pattern"].strip("^$"), valid)


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/events/?ward=E0501398", "ward"),
        ("/api/v1/advice/?ward=e05013983", "ward"),
        ("/api/v1/advice/?ward=' OR 1=1 --", "ward"),
        ("/api/v1/advice/?topic=<script>", "topic"),
        ("/api/v1/advice/?priority=a b", "priority"),
        ("/api/v1/results/fear-gap/?ward=E05%00", "ward"),
        ("/api/v1/results/estimates/?measure=DROP TABLE", "measure"),
        ("/api/v1/results/estimates/?survey=../../etc", "survey"),
    ],
)
def test_a_malformed_code_or_slug_is_a_400_naming_it(client, site, url, parameter):
    response = client.get(url)
    assert response.status_code == 400
    body = response.json()
    assert body[parameter] and parameter in body["detail"]


def test_a_well_formed_but_unknown_ward_or_topic_is_an_empty_list(client, site):
    for url in ["/api/v1/events/?ward=E05999999", "/api/v1/advice/?topic=no-such-topic"]:
        response = client.get(url)
        assert response.status_code == 200
        assert response.json()["count"] == 0
