"""The read-only crime API answers with the same figures as the pages, and is documented."""

from __future__ import annotations

import pytest

from tests.perceptions.crime_site.crime_files import HACTON

pytestmark = pytest.mark.django_db


def test_borough_table_endpoint_matches_the_hand_computed_table(client, crime_data) -> None:
    data = client.get("/api/v1/crime/borough-table/?end=2025-12&periods=2").json()
    assert [w["label"] for w in data["windows"]] == ["Jan-25 to Dec-25", "Jan-24 to Dec-24"]
    assert (data["area"], data["ranked_areas"], data["residents"]) == ("Havering", 32, 262057)
    burglary = next(r for r in data["rows"] if r["label"] == "Burglary")
    assert burglary["volumes"] == [120, 12]
    assert burglary["change_vs_previous"] == pytest.approx(900.0)
    assert burglary["rank"] == {
        "position": 1,
        "tied": False,
        "label": "1st",
        "out_of": 32,
        "quarter": 1,
        "quarter_label": "highest quarter",
    }
    fraud = next(r for r in data["rows"] if r["kind"] == "fraud")
    assert fraud["share_of_tno"] is None


def test_ward_endpoints(client, crime_data) -> None:
    table = client.get("/api/v1/crime/ward-table/?category=BURGLARY").json()
    assert table["rows"][0]["code"] == HACTON
    assert table["rows"][-1]["rank"] is None  # a ward with no burglary is not ranked
    rates = {r["code"]: r["rate"] for r in client.get("/api/v1/crime/ward-rates/").json()}
    assert rates[HACTON] == pytest.approx(60 / 7775 * 1000)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/crime/borough-table/?periods=7", 400),
        ("/api/v1/crime/borough-table/?end=1999-01", 404),
        ("/api/v1/crime/borough-table/?end=not-a-month", 404),
        ("/api/v1/crime/ward-table/?category=NOPE", 404),
    ],
)
def test_bad_parameters_are_clear_errors(client, crime_data, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["detail"]


def test_endpoints_are_read_only_and_in_the_schema(client, crime_data) -> None:
    assert client.post("/api/v1/crime/borough-table/", {}).status_code == 405
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for path in ("borough-table", "ward-table", "ward-rates"):
        assert f"/api/v1/crime/{path}/" in schema["paths"]


@pytest.mark.parametrize("path", ["borough-table", "ward-table", "ward-rates"])
def test_an_empty_end_is_the_latest_months_not_a_server_error(client, crime_data, path) -> None:
    blank = client.get(f"/api/v1/crime/{path}/?end=")
    assert blank.status_code == 200
    assert blank.json() == client.get(f"/api/v1/crime/{path}/").json()


def test_a_month_that_is_no_date_is_a_clear_error(client, crime_data) -> None:
    response = client.get("/api/v1/crime/borough-table/?end=AAA")
    assert response.status_code == 404 and response.json()["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/crime/borough-table/?end=",
        "/api/v1/crime/ward-table/?end=&category=",
        "/api/v1/crime/ward-rates/?end=",
    ],
)
def test_a_blank_end_month_is_the_latest(client, crime_data, url: str) -> None:
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/crime/borough-table/?periods=null",
        "/api/v1/crime/ward-table/?periods=1.5",
        "/api/v1/crime/ward-rates/?end=" + "9" * 300,
    ],
)
def test_a_malformed_parameter_is_a_400_naming_it(client, crime_data, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    name = url.split("?")[1].split("=")[0]
    assert response.json()[name] and name in response.json()["detail"]


def test_the_schema_documents_each_table_as_one_object(client, db) -> None:
    paths = client.get("/api/schema/?format=json").json()["paths"]
    for path, name in [
        ("/api/v1/crime/borough-table/", "CrimeTable"),
        ("/api/v1/crime/ward-table/", "WardTable"),
    ]:
        ok = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok == {"$ref": f"#/components/schemas/{name}"}
