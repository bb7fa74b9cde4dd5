"""The public page's words match the tests behind them (issue 18.3).

Waves compared are named, a missing wave says why, and the fear-gap table flags low
bases and leaves a ward unplaced when its interval spans the median ward.
"""

import pytest
from django.urls import reverse

from perceptions.analysis.fear_gap import fear_gap
from perceptions.models import SurveyResults
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
def gap_year(wards, site):
    """2020 and 2022 weighted; 2021 has no respondents in the first ward (not weighted)."""
    survey = SurveyFactory(slug="annual-survey", title="Annual survey")
    codes = [w.code for w in wards]
    for year in (2020, 2021, 2022):
        rows = generated_rows(codes if year != 2021 else codes[1:], per_cell=3, seed=year)
        store_responses(WaveFactory(survey=survey, year=year), rows, prefix=f"{year}-")
        ReleaseFactory(wave=survey.waves.get(year=year))
    refresh_results(survey.id)
    return survey


def test_the_change_column_names_the_waves_and_the_page_says_why_a_wave_is_missing(
    client, gap_year, wards
):
    html = client.get(reverse("perceptions:results"), {"measure": "trust_mps"}).content.decode()
    assert "Change from the year before" not in html
    assert "2022 compared with 2020" in html
    assert f"2021 not weighted: no respondents in {wards[0].name}" in html
    assert "2022 compared with 2021" not in html


def test_every_change_cell_shows_the_interval_of_the_change(client, gap_year):
    html = client.get(reverse("perceptions:results"), {"measure": "good_job"}).content.decode()
    assert "95% interval" in html and "a change of" in html


def test_fear_gap_flags_low_bases_and_does_not_place_wards_it_cannot(client, gap_year, wards):
    results = SurveyResults.objects.get(survey=gap_year)
    rows = [
        r
        for r in results.report["estimates"]
        if r["wave"] == 2022 and r["measure"] == "feel_safe_night" and r["group"] == "ward"
    ]
    # Crime rates that put every ward on one side or the other of the crime median.
    rates = {r["group_value"]: float(i) for i, r in enumerate(rows)}
    gap = fear_gap(2022, rows, rates, None, {}).to_dict()
    results.fear_gap = {"has_crime": True, "has_reports": False, "crime_period": None,
                        "waves": {"2022": gap}}  # fmt: skip
    results.save()
    html = client.get(reverse("perceptions:results")).content.decode()
    fear_table = html[html.index('id="fear-heading"') :]
    wide = [w for w in gap["wards"] if w["placement"] == "interval_too_wide"]
    assert all(w["n"] < 50 for w in gap["wards"])  # about 20 answers a ward
    assert "low base: fewer than 50 answers" in fear_table
    assert wide, "some ward's interval should span the median at this sample size"
    assert "not placed: its margin of error spans the median ward" in fear_table
    assert fear_table.count("not placed: its margin of error") == len(wide)


def test_a_pas_item_missing_from_the_shipped_file_is_not_called_missing_from_the_pas(
    client, gap_year
):
    html = client.get(reverse("perceptions:results"), {"measure": "dealing_issues"}).content
    text = html.decode().replace("\n", " ")
    assert "has no equivalent of this question" not in text
    assert (
        "The Public Attitude Survey asks this question (Q62F Dealing with things that matter), "
        "but the London Datastore file we use has no figures for it" in text
    )


def test_every_measure_names_the_pas_item_the_contract_maps_it_to():
    from pathlib import Path

    from surveys.contract import PAS_ITEMS, QUESTIONS

    contract = Path(__file__).resolve().parents[2] / "docs" / "survey-data-contract.md"
    table = {
        cells[0].strip("` "): cells[1].strip()
        for line in contract.read_text().splitlines()
        if line.startswith("| `") and len(cells := line.strip("|").split("|")) > 3
    }
    assert set(PAS_ITEMS) == set(QUESTIONS)
    assert {code: table[code] for code in PAS_ITEMS} == PAS_ITEMS
