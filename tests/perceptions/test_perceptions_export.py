"""Analysts' export: responses with final weights that reproduce the report, and a codebook."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from perceptions.analysis.measures import MEASURES
from tests.perceptions.factories import SurveyFactory, WaveFactory, generated_rows, store_responses

pytestmark = pytest.mark.django_db


@pytest.fixture
def wave(wards):
    wave = WaveFactory(survey=SurveyFactory(slug="annual-survey"), year=2024)
    rows = generated_rows([w.code for w in wards], seed=5)
    rows.append({"ward_code": wards[0].code, "age_band": "", "good_job": "good"})
    store_responses(wave, rows)
    return wave


def test_weights_sum_to_the_adult_population_and_reproduce_the_estimate(wave, tmp_path):
    target = tmp_path / "wave.csv"
    call_command(
        "perceptions_export", "--survey", "annual-survey", "--wave", "2024",
        "--output", str(target), stderr=io.StringIO(),
    )  # fmt: skip
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    weights = [float(r["weight"]) for r in rows if r["weight"]]
    assert len(weights) == len(rows) - 1  # the respondent without an age band
    from perceptions.queries import population_totals

    assert sum(weights) == pytest.approx(population_totals().total, rel=1e-9)
    base = [
        r
        for r in rows
        if r["weight"] and r["good_job"] in {"excellent", "good", "fair", "poor", "very_poor"}
    ]
    positive = sum(float(r["weight"]) for r in base if r["good_job"] in {"excellent", "good"})
    share = positive / sum(float(r["weight"]) for r in base)
    out = io.StringIO()
    call_command("perceptions_report", "--survey", "annual-survey", stdout=out)
    borough = next(
        e for e in json.loads(out.getvalue())["estimates"]
        if e["measure"] == "good_job" and e["group"] == "borough"
    )  # fmt: skip
    assert share == pytest.approx(borough["estimate"], rel=1e-9)
    codebook = list(csv.DictReader((tmp_path / "wave.codebook.csv").open(encoding="utf-8")))
    assert {m.code for m in MEASURES} <= {r["variable"] for r in codebook}


def test_xlsx_holds_responses_and_codebook(wave, tmp_path):
    target = tmp_path / "wave.xlsx"
    call_command(
        "perceptions_export", "--survey", "annual-survey", "--wave", "2024",
        "--format", "xlsx", "--output", str(target), stderr=io.StringIO(),
    )  # fmt: skip
    book = load_workbook(target, read_only=True)
    assert book.sheetnames == ["responses", "codebook"]
    header = next(book["responses"].iter_rows(values_only=True))
    assert header[:7] == ("wave", "respondent_id", "ward_code", "age_band", "sex", "mode", "weight")


def test_unweightable_wave_is_rejected_with_the_reason(db, wards, tmp_path):
    wave = WaveFactory(survey=SurveyFactory(slug="annual-survey"), year=2024)
    store_responses(wave, [{"ward_code": wards[0].code, "age_band": "16-24"}])
    with pytest.raises(CommandError) as error:
        call_command(
            "perceptions_export", "--survey", "annual-survey", "--wave", "2024",
            "--output", str(tmp_path / "x.csv"), stderr=io.StringIO(),
        )  # fmt: skip
    assert error.value.returncode == 1
    assert "no respondents in ward" in str(error.value)
