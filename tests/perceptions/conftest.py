"""Fixtures for the perceptions tests."""

import pytest

from perceptions.results.generation import refresh_results
from tests.perceptions.factories import (
    ReleaseFactory,
    SurveyFactory,
    WaveFactory,
    generated_rows,
    store_responses,
)


@pytest.fixture
def released(wards, site):
    """Three waves: 2022 and 2023 released, 2024 computed but not released."""
    survey = SurveyFactory(slug="annual-survey", title="Annual survey")
    codes = [w.code for w in wards]
    shares = {2022: 0.3, 2023: 0.6, 2024: 0.6}
    for year, share in shares.items():
        wave = WaveFactory(survey=survey, year=year)
        rows = generated_rows(
            codes, per_cell=4, seed=year, positive_share={"informed_local": share}
        )
        store_responses(wave, rows, prefix=f"{year}-")
    ReleaseFactory(wave=survey.waves.get(year=2022))
    ReleaseFactory(wave=survey.waves.get(year=2023))
    refresh_results(survey.id)
    return survey
