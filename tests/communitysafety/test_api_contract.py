"""What every API endpoint shares: bounded, validated pagination and JSON 404s (issue 17)."""

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
