"""Public results API: released waves only, suppression applied, documented in OpenAPI."""

import pytest

from perceptions.results.generation import refresh_results
from tests.perceptions.factories import (
    ReleaseFactory,
    SurveyFactory,
    WaveFactory,
    generated_rows,
    store_responses,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(wards):
    survey = SurveyFactory(slug="annual-survey")
    codes = [w.code for w in wards]
    for year in (2023, 2024):
        store_responses(
            WaveFactory(survey=survey, year=year),
            generated_rows(codes, seed=year),
            prefix=f"{year}-",
        )
    ReleaseFactory(wave=survey.waves.get(year=2023))
    refresh_results(survey.id)
    return survey


def test_estimates_are_released_waves_only_and_suppressed(client, survey):
    data = client.get("/api/v1/results/estimates/", {"limit": 1000}).json()
    rows = data["results"]
    assert data["count"] == len(rows) > 0
    assert {r["wave"] for r in rows} == {2023}
    assert all(r["estimate"] is None for r in rows if r["suppressed"])


def test_filters(client, survey):
    rows = client.get(
        "/api/v1/results/estimates/", {"measure": "trust_mps", "group": "borough"}
    ).json()["results"]
    assert [(r["measure"], r["group"], r["wave"]) for r in rows] == [("trust_mps", "borough", 2023)]


def test_no_changes_until_two_waves_are_released(client, survey):
    assert client.get("/api/v1/results/changes/").json()["count"] == 0
    ReleaseFactory(wave=survey.waves.get(year=2024))
    rows = client.get("/api/v1/results/changes/").json()["results"]
    assert rows and all(r["to_wave"] == 2024 for r in rows)


def test_fear_gap_and_benchmarks(client, survey):
    gap = client.get("/api/v1/results/fear-gap/", {"limit": 100}).json()["results"]
    assert gap and {r["wave"] for r in gap} == {2023}
    bench = client.get("/api/v1/results/benchmarks/").json()
    assert bench["count"] >= 0


def test_api_is_read_only(client, survey):
    assert client.post("/api/v1/results/estimates/", {}).status_code in (403, 405)


def test_schema_documents_the_endpoints(client, survey):
    schema = client.get("/api/schema/").content.decode()
    for path in ("estimates", "changes", "benchmarks", "fear-gap"):
        assert f"/api/v1/results/{path}/" in schema


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/results/estimates/?wave=null", "wave"),
        ("/api/v1/results/estimates/?wave=2023.5", "wave"),
        ("/api/v1/results/estimates/?wave=99999", "wave"),
        ("/api/v1/results/changes/?group=nope", "group"),
        ("/api/v1/results/fear-gap/?wave=abc", "wave"),
    ],
)
def test_a_bad_results_parameter_is_a_400_naming_it(client, db, url, parameter):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()[parameter]


def test_a_valid_wave_filter_still_filters(client, survey):
    rows = client.get("/api/v1/results/estimates/", {"wave": 2023, "limit": 5}).json()["results"]
    assert rows and {r["wave"] for r in rows} == {2023}
    assert client.get("/api/v1/results/estimates/", {"wave": 2022}).json()["count"] == 0
