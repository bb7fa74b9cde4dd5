"""Stored results: computed by the task, generation key, last good results kept, releases."""

import datetime

import pytest
from django.utils import timezone

from communitysafety.wards.models import WardPopulation
from perceptions.models import Release, SurveyResults
from perceptions.models.results import released_years
from perceptions.results.generation import refresh_results, results_last_computed
from perceptions.results.tasks import compute_results
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
    wave = WaveFactory(survey=survey, year=2024)
    store_responses(wave, generated_rows([w.code for w in wards], seed=3))
    return survey


def test_task_stores_the_report_and_bumps_the_generation(survey):
    compute_results.enqueue(survey.id)
    results = SurveyResults.objects.get(survey=survey)
    assert results.generation == 1
    assert results.report["survey"] == "annual-survey"
    assert {row["wave"] for row in results.report["estimates"]} == {2024}
    first_key = results.cache_key
    refresh_results(survey.id)
    results.refresh_from_db()
    assert results.generation == 2 and results.cache_key != first_key
    assert results_last_computed()["annual-survey"] == results.computed_at


def test_failed_computation_keeps_the_last_good_results(survey):
    good = refresh_results(survey.id)
    WardPopulation.objects.all().delete()  # nothing to weight to: the computation fails
    failed = refresh_results(survey.id)
    assert failed.generation == good.generation
    assert failed.report == good.report
    assert "no census population" in failed.last_error
    assert failed.failed_at is not None


def test_saving_a_wave_schedules_a_recomputation(survey, django_capture_on_commit_callbacks):
    wave = survey.waves.get()
    with django_capture_on_commit_callbacks(execute=True):
        wave.closes_on = timezone.localdate()
        wave.save()
    assert SurveyResults.objects.get(survey=survey).generation == 1


def test_only_waves_released_by_today_are_public(survey):
    today = timezone.localdate()
    later = WaveFactory(survey=survey, year=2025)
    ReleaseFactory(wave=survey.waves.get(year=2024), release_date=today)
    ReleaseFactory(wave=later, release_date=today + datetime.timedelta(days=7))
    assert released_years(survey.id) == {2024}
    assert released_years(survey.id, today + datetime.timedelta(days=7)) == {2024, 2025}
    assert Release.objects.released().count() == 1


def test_fear_gap_without_crime_data_has_no_crime_axis(survey):
    results = refresh_results(survey.id)
    gap = results.fear_gap
    assert gap["has_crime"] is False
    wave = gap["waves"]["2024"]
    assert wave["crime_threshold"] is None
    assert all(w["quadrant"] is None for w in wave["wards"])
    shares = [w["unsafe_share"] for w in wave["wards"] if w["unsafe_share"] is not None]
    assert shares and all(0 <= s <= 1 for s in shares)


def test_compute_command_reports_failure_and_keeps_results(survey):
    import io

    from django.core.management import call_command

    out, err = io.StringIO(), io.StringIO()
    call_command("perceptions_compute", "--survey", "annual-survey", stdout=out, stderr=err)
    assert "annual-survey: generation 1" in out.getvalue()
    WardPopulation.objects.all().delete()
    call_command("perceptions_compute", stdout=out, stderr=err)
    assert "failed, kept the last good results" in err.getvalue()
    assert SurveyResults.objects.get(survey=survey).generation == 1


def test_stale_results_are_found_and_recomputed(survey, wards):
    import io

    from django.core.management import call_command

    from perceptions.results.generation import is_stale

    assert is_stale(survey)
    refresh_results(survey.id)
    assert not is_stale(survey)
    store_responses(
        survey.waves.get(), [{"ward_code": wards[0].code, "age_band": "16-24"}], prefix="new-"
    )
    assert is_stale(survey)
    call_command("perceptions_compute", "--stale", stdout=io.StringIO())
    assert SurveyResults.objects.get(survey=survey).generation == 2
    assert not is_stale(survey)
