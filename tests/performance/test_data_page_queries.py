"""The public data pages (results, crime, unsafe places) with the page cache off.

Their tables are rendered once per data generation and kept in the shared cache
(issue 19.5): a warm process serves them with (almost) no query. The cached panels
must still change as soon as what they show changes, so each kind of change is
driven through the real feature and read back from the page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from perceptions.models import Release
from perceptions.results.generation import refresh_results
from surveys.unsafe_places.enums import ReportStatus
from surveys.unsafe_places.moderation import set_public_note, transition
from tests.perceptions.crime_site.crime_files import (
    import_file,
    write_borough_file,
    write_ward_file,
)
from tests.perceptions.factories import (
    ReleaseFactory,
    SurveyFactory,
    WaveFactory,
    generated_rows,
    store_responses,
)
from tests.surveys.unsafe_factories import UnsafePlaceReportFactory, moderator

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


def queries_for(client, path: str) -> int:
    """Queries of a warm process serving `path` (the first view fills the caches)."""
    assert client.get(path).status_code == 200, path
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured.captured_queries)


@pytest.fixture
def survey(wards):
    """Two waves of responses with stored results; only the first is released."""
    survey = SurveyFactory(slug="annual-survey", title="Annual survey")
    codes = [w.code for w in wards]
    waves = {}
    for year in (2023, 2024):
        waves[year] = WaveFactory(survey=survey, year=year)
        store_responses(
            waves[year], generated_rows(codes, per_cell=2, seed=year), prefix=f"{year}-"
        )
    ReleaseFactory(wave=waves[2023])
    refresh_results(survey.id)
    return waves


@pytest.fixture
def data_site(site, wards, survey, tmp_path: Path):
    import_file(write_borough_file(tmp_path / "boroughs.csv"))
    import_file(write_ward_file(tmp_path / "wards.csv"))
    UnsafePlaceReportFactory.create_batch(6, ward=wards[0])


PAGES = {  # path: queries with the page cache off, warm process
    "/results/": 1,  # the stored results' generation, without the report
    "/results/?measure=feel_safe_night&ward={ward}": 1,  # a ward's trend too
    "/crime/": 0,
    "/crime/wards/": 0,
    "/unsafe-places/": 0,
    "/unsafe-places/?reason=badly_lit": 0,
}


@pytest.mark.parametrize(("path", "expected"), PAGES.items())
def test_each_data_page_runs_a_fixed_number_of_queries(client, data_site, wards, path, expected):
    assert queries_for(client, path.format(ward=wards[0].code)) == expected


def test_a_new_release_shows_on_the_results_page(client, data_site, survey):
    assert "Annual survey, 2023 to 2023" in client.get("/results/").text

    ReleaseFactory(wave=survey[2024])

    assert "Annual survey, 2023 to 2024" in client.get("/results/").text


def test_a_withdrawn_release_leaves_the_results_page(client, data_site, survey):
    ReleaseFactory(wave=survey[2024])
    assert "Annual survey, 2023 to 2024" in client.get("/results/").text

    Release.objects.get(wave=survey[2024]).delete()

    assert "Annual survey, 2023 to 2023" in client.get("/results/").text


def test_a_renamed_ward_shows_on_the_results_page(client, data_site, wards):
    ward = wards[0]
    assert ward.name in client.get("/results/").text

    ward.name = "Renamed Ward Of Tests"
    ward.save()

    assert "Renamed Ward Of Tests" in client.get("/results/").text


def test_a_moderators_outcome_note_appears_on_the_unsafe_places_page(client, data_site):
    assert "Reports shown: 6" in client.get("/unsafe-places/").text
    report = UnsafePlaceReportFactory._meta.model.objects.order_by("pk").first()
    user = moderator()

    transition(report, ReportStatus.UNDER_REVIEW, user)
    set_public_note(report, "The council has repaired the lights.", user)

    assert "The council has repaired the lights." in client.get("/unsafe-places/").text


def test_a_rejected_report_leaves_the_unsafe_places_counts(client, data_site):
    assert "Reports shown: 6" in client.get("/unsafe-places/").text
    report = UnsafePlaceReportFactory._meta.model.objects.order_by("pk").first()

    transition(report, ReportStatus.REJECTED, moderator(), reason="Not a place")

    assert "Reports shown: 5" in client.get("/unsafe-places/").text


def test_a_new_report_counts_on_the_filtered_unsafe_places_page(client, data_site, wards):
    path = "/unsafe-places/?reason=poor_layout"
    assert "Reports shown: 0" in client.get(path).text

    UnsafePlaceReportFactory.create_batch(5, ward=wards[1], reasons=["poor_layout"])

    assert "Reports shown: 5" in client.get(path).text
