"""The perceptions_report command: the contract report of what is in the database."""

import csv
import io
import json

import pandas as pd
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from communitysafety.wards.loading import DEFAULT_CENSUS
from perceptions import queries
from perceptions.analysis.measures import MEASURES
from perceptions.analysis.population import read_census_totals
from perceptions.analysis.report import CHANGE_KEYS, ESTIMATE_KEYS, build_report
from tests.perceptions.factories import SurveyFactory, WaveFactory, generated_rows, store_responses

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey_data(wards):
    survey = SurveyFactory(slug="annual-survey")
    codes = [w.code for w in wards]
    stored = []
    for year, seed in ((2023, 1), (2024, 2)):
        wave = WaveFactory(survey=survey, year=year, target_sample=1200)
        stored += store_responses(wave, generated_rows(codes, seed=seed), prefix=f"{year}-")
    return survey, stored


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("perceptions_report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_json_report_equals_build_report_on_the_same_rows(survey_data):
    survey, stored = survey_data
    frame = pd.DataFrame(stored)
    expected = build_report(
        frame, read_census_totals(str(DEFAULT_CENSUS)), survey="annual-survey"
    ).to_dict()

    document = json.loads(run("--survey", "annual-survey", "--format", "json"))

    assert document["survey"] == "annual-survey"
    assert document["weighting"] == expected["weighting"]
    assert len(document["estimates"]) == len(expected["estimates"]) > 0
    for got, want in zip(document["estimates"], expected["estimates"], strict=True):
        assert set(ESTIMATE_KEYS) <= set(got)
        for key, value in want.items():
            if isinstance(value, float):
                assert got[key] == pytest.approx(value, rel=1e-9, abs=1e-12), key
            else:
                assert got[key] == value, key
    assert [tuple(c[k] for k in CHANGE_KEYS[:5]) for c in document["changes"]] == [
        tuple(c[k] for k in CHANGE_KEYS[:5]) for c in expected["changes"]
    ]
    assert document["unweighted_waves"] == []


def test_report_has_rows_for_every_ward_age_band_and_the_borough(survey_data, wards):
    document = json.loads(run("--survey", "annual-survey"))
    groups = {(r["group"], r["group_value"]) for r in document["estimates"]}
    assert ("borough", "all") in groups
    assert {("ward", w.code) for w in wards} <= groups
    assert len(document["estimates"]) == 2 * len(MEASURES) * (1 + len(wards) + 5)


def test_minimum_detectable_change_uses_the_planned_sample(survey_data):
    document = json.loads(run("--survey", "annual-survey"))
    rows = document["minimum_detectable_change"]
    assert {r["measure"] for r in rows} == {m.code for m in MEASURES}
    assert all(r["planned_sample"] == 1200 and r["from_wave"] == 2024 for r in rows)
    # A sample of ~1,000 per wave detects changes of a few points, never less than 3.
    assert all(0.03 < r["minimum_detectable_change"] < 0.2 for r in rows)


def test_csv_estimates_have_the_contract_columns(survey_data, tmp_path):
    target = tmp_path / "report.csv"
    run("--survey", "annual-survey", "--format", "csv", "--output", str(target))
    reader = csv.DictReader(target.open(encoding="utf-8"))
    assert tuple(reader.fieldnames[: len(ESTIMATE_KEYS)]) == ESTIMATE_KEYS
    rows = list(reader)
    assert {r["wave"] for r in rows} == {"2023", "2024"}


def test_csv_changes_table(survey_data):
    text = run("--survey", "annual-survey", "--format", "csv", "--changes")
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames) == CHANGE_KEYS
    assert all(r["from_wave"] == "2023" and r["to_wave"] == "2024" for r in reader)


def test_unknown_survey_is_a_usage_error(db):
    with pytest.raises(CommandError) as error:
        run("--survey", "nope")
    assert error.value.returncode == 2


def test_wave_without_weightable_respondents_is_listed_not_estimated(survey_data, wards):
    survey, _ = survey_data
    wave = WaveFactory(survey=survey, year=2025)
    store_responses(wave, [{"ward_code": wards[0].code, "age_band": "", "good_job": "good"}])
    document = json.loads(run("--survey", "annual-survey"))
    assert {"wave": 2025, "reason": "no weightable respondents"} in document["unweighted_waves"]
    assert not [r for r in document["estimates"] if r["wave"] == 2025]


def test_ward_with_no_census_population_makes_its_wave_unweighted(survey_data, wards):
    from communitysafety.wards.models import WardPopulation

    survey, _ = survey_data
    WardPopulation.objects.filter(ward=wards[0]).exclude(age_group="0-15").delete()
    assert queries.wards_without_population() == [wards[0].code]
    document = json.loads(run("--survey", "annual-survey"))
    reasons = {u["wave"]: u["reason"] for u in document["unweighted_waves"]}
    assert f"ward {wards[0].code} is not in the population totals" in reasons[2024]
    assert document["estimates"] == []


def test_responses_frame_is_categorical(survey_data):
    survey, stored = survey_data
    frame = queries.responses_frame(survey)
    assert len(frame) == len(stored)
    assert all(isinstance(frame[c].dtype, pd.CategoricalDtype) for c in frame.columns)
