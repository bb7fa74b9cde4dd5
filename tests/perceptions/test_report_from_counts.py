"""The report read from the maintained per-cell counts equals the frame-based report.

``queries.count_tables`` reads ``ResponseCount``/``AnswerCount``; they must equal the
counts grouped from the answer rows (``grouped_count_tables``) and those of the
respondent frame, and the report built from them the frame report to 1e-9, on data with
empty cells, single-respondent wards, heavy don't-know rates and missing ward or age,
also after an import and deletions have changed the counts.
"""

import numpy as np
import pytest

from perceptions import queries
from perceptions.analysis.domains import count_responses
from perceptions.analysis.report import build_report, report_from_tables
from surveys.annual.importing import import_responses
from surveys.models import SurveyResponse
from tests.perceptions.factories import SurveyFactory, WaveFactory, generated_rows, store_responses
from tests.surveys.answer_files import awkward_file

pytestmark = pytest.mark.django_db


def _awkward_wave(ward_codes: list[str], seed: int) -> list[dict]:
    """Empty cells, single-respondent wards, heavy don't-know, missing ward or age."""
    rows = generated_rows(ward_codes[:6], per_cell=2, seed=seed)
    rows = [
        row for row in rows if not (row["ward_code"] == ward_codes[1] and row["age_band"] == "65+")
    ]
    rows.append({"ward_code": ward_codes[7], "age_band": "16-24", "trust_mps": "tend_to_agree"})
    rows.append({"ward_code": ward_codes[8], "age_band": "", "good_job": "good"})
    rows.append({"ward_code": None, "age_band": "25-34", "good_job": "poor"})
    for row in rows[::2]:
        row["informed_local"] = "dont_know"
    return rows


@pytest.fixture
def survey(wards):
    codes = [ward.code for ward in wards]
    survey = SurveyFactory(slug="annual-survey")
    store_responses(WaveFactory(survey=survey, year=2022), generated_rows(codes, seed=4))
    store_responses(WaveFactory(survey=survey, year=2023), _awkward_wave(codes, seed=5))
    store_responses(WaveFactory(survey=survey, year=2024), generated_rows(codes, seed=6))
    WaveFactory(survey=survey, year=2025)  # no responses yet: listed as unweighted
    return survey


def assert_same_tables(survey) -> None:
    population = queries.population_totals()
    from_frame = count_responses(
        queries.responses_frame(survey), population, waves=queries.wave_years(survey)
    )
    for from_sql in (
        queries.count_tables(survey, population),
        queries.grouped_count_tables(survey, population),
    ):
        assert from_sql.waves == from_frame.waves
        assert np.array_equal(from_sql.respondents, from_frame.respondents)
        assert np.array_equal(from_sql.answers, from_frame.answers)
        assert from_sql.problems == from_frame.problems


def test_maintained_and_grouped_counts_equal_the_counts_of_the_respondent_frame(survey):
    assert_same_tables(survey)
    assert queries.wave_years(survey) == [2022, 2023, 2024, 2025]


def test_counts_stay_equal_after_an_import_and_deletions(survey, wards, tmp_path):
    codes = [ward.code for ward in wards]
    path = awkward_file(tmp_path, codes, seed=7)
    import_responses(path, survey.slug, 2025)
    assert_same_tables(survey)
    assert_reports_equal(survey)
    SurveyResponse.objects.filter(wave__year=2025, ward__code=codes[0]).delete()
    SurveyResponse.objects.filter(wave__year=2022).first().delete()
    assert_same_tables(survey)
    assert_reports_equal(survey)


def test_report_from_counts_equals_the_frame_report(survey):
    count_report = assert_reports_equal(survey)
    assert [w["wave"] for w in count_report["unweighted_waves"]] == [2023, 2025]


def assert_reports_equal(survey) -> dict:
    population = queries.population_totals()
    frame_report = build_report(
        queries.responses_frame(survey),
        population,
        survey="s",
        waves=queries.wave_years(survey),
    ).to_dict()
    count_report = report_from_tables(
        queries.count_tables(survey, population), population, survey="s"
    ).to_dict()
    assert count_report["unweighted_waves"] == frame_report["unweighted_waves"]
    assert len(count_report["estimates"]) == len(frame_report["estimates"]) > 0
    for ours, theirs in zip(count_report["estimates"], frame_report["estimates"], strict=True):
        assert ours.keys() == theirs.keys()
        for key, value in ours.items():
            if isinstance(value, float):
                assert value == pytest.approx(theirs[key], rel=1e-9, abs=1e-12), key
            else:
                assert value == theirs[key], key
    assert len(count_report["changes"]) == len(frame_report["changes"]) > 0
    for ours, theirs in zip(count_report["changes"], frame_report["changes"], strict=True):
        for key, value in ours.items():
            if isinstance(value, float):
                assert value == pytest.approx(theirs[key], rel=1e-9, abs=1e-12), key
            else:
                assert value == theirs[key], key
    return count_report


def test_reading_the_counts_takes_two_queries_whatever_the_number_of_respondents(
    survey, django_assert_max_num_queries
):
    population = queries.population_totals()
    with django_assert_max_num_queries(3):
        queries.count_tables(survey, population)
