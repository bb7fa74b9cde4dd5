"""The public data pages (results, crime, unsafe places) with the page cache off.

Their tables are rendered once per data generation and kept in the shared cache
(issue 19.5): a warm process serves them with (almost) no query. The cached panels
must still change as soon as what they show changes, so each kind of change is
driven through the real feature and read back from the page.
"""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from perceptions.models import Release, SurveyResults
from perceptions.results.generation import refresh_results
from surveys.annual.counts import rebuild_counts
from surveys.unsafe_places.enums import ReportStatus
from surveys.unsafe_places.moderation import set_public_note, transition
from tests.communitysafety.factories import UserFactory
from tests.perceptions.crime_site.crime_files import (
    import_file,
    write_borough_file,
    write_ward_file,
)
from tests.perceptions.factories import (
    ReleaseFactory,
    SurveyFactory,
    WaveFactory,
    change_answers,
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
    "/results/": 0,
    "/results/methodology/": 0,
    "/results/?measure=feel_safe_night&ward={ward}": 0,  # a ward's trend too
    "/results/?survey=annual-survey&measure=informed_local": 0,
    "/results/?survey=no-such-survey": 0,
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


def trend_rows(html: str) -> dict[str, str]:
    """Year -> share in the page's first trend table (the borough's)."""
    table = html.split('id="trend-heading"', 1)[1].split("</table>", 1)[0]
    return dict(re.findall(r'<th scope="row"[^>]*>(\d{4})</th>\s*<td[^>]*>([^<]*)</td>', table))


def test_a_recomputation_shows_on_the_results_page_and_no_unreleased_wave(
    client, data_site, survey, wards
):
    path = "/results/?measure=informed_local"
    before = trend_rows(client.get(path).text)
    assert list(before) == ["2023"] and before["2023"] != "100%"
    # A repair by hand and the documented recount, and a new wave nobody signed off.
    change_answers("informed_local", "very_well")
    rebuild_counts()
    later = WaveFactory(survey=survey[2023].survey, year=2025)
    store_responses(later, generated_rows([w.code for w in wards], seed=2025), prefix="2025-")

    call_command("perceptions_compute", stdout=io.StringIO())

    assert trend_rows(client.get(path).text) == {"2023": "100%"}


def test_a_release_signed_off_in_the_admin_shows_on_the_next_view(
    client, data_site, survey, django_capture_on_commit_callbacks
):
    assert "Annual survey, 2023 to 2023" in client.get("/results/").text
    analyst = Client()
    analyst.force_login(UserFactory(groups=["Analysts"]))
    day = timezone.localdate().isoformat()

    with django_capture_on_commit_callbacks(execute=True):  # the recomputation it schedules
        response = analyst.post(
            reverse("perceptions_release:add"),
            {"wave": survey[2024].pk, "release_date": day, "revision_note": ""},
        )

    assert response.status_code == 302
    assert "Annual survey, 2023 to 2024" in client.get("/results/").text


def test_a_release_dated_tomorrow_stays_off_the_results_page(client, data_site, survey):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    ReleaseFactory(wave=survey[2024], release_date=tomorrow)
    refresh_results(survey[2024].survey_id)

    html = client.get("/results/?measure=informed_local").text

    assert "Annual survey, 2023 to 2023" in html
    assert list(trend_rows(html)) == ["2023"]


def test_a_renamed_survey_shows_on_the_results_page(client, data_site, survey):
    assert "Annual survey, 2023 to 2023" in client.get("/results/").text
    renamed = survey[2023].survey
    renamed.title = "Havering safety survey"
    renamed.save()

    assert "Havering safety survey, 2023 to 2023" in client.get("/results/").text


def test_deleted_results_leave_the_results_page(client, data_site, survey):
    assert "Annual survey, 2023 to 2023" in client.get("/results/").text

    SurveyResults.objects.all().delete()

    assert "No survey results have been published yet." in client.get("/results/").text


def test_the_kept_results_content_carries_only_the_query_it_reads(client, data_site):
    html = client.get("/results/?survey=annual-survey&measure=informed_local&utm_source=x").text

    chart_url = "/results/data.json?survey=annual-survey&amp;measure=informed_local"
    assert f'data-chart-url="{chart_url}"' in html
    assert "utm_source" not in html
    assert client.get(chart_url.replace("&amp;", "&")).json()["trend"]["estimate"]


def test_a_revision_signed_off_in_the_admin_shows_on_the_methodology_page(
    client, data_site, survey
):
    assert "No published figures have been revised." in client.get("/results/methodology/").text
    release = Release.objects.get(wave=survey[2023])
    analyst = Client()
    analyst.force_login(UserFactory(groups=["Analysts"]))

    response = analyst.post(
        reverse("perceptions_release:edit", args=[release.pk]),
        {
            "wave": release.wave_id,
            "release_date": release.release_date.isoformat(),
            "revision_note": "Weights corrected for the 65+ band.",
        },
    )

    assert response.status_code == 302
    assert "2023: Weights corrected for the 65+ band." in client.get("/results/methodology/").text


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
