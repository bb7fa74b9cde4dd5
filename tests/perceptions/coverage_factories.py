"""A survey whose sample is short of young adults in two wards (who we have not heard)."""

from __future__ import annotations

from collections.abc import Sequence

from communitysafety.wards.models import WardPopulation
from perceptions.results.generation import refresh_results
from surveys.models import Survey
from tests.perceptions.factories import (
    ReleaseFactory,
    SurveyFactory,
    WaveFactory,
    generated_rows,
    store_responses,
)

YOUNG = ("16-24", "25-34")


def short_of_young(ward_codes: Sequence[str], quiet: Sequence[str], *, seed: int) -> list[dict]:
    """About one respondent per 400 residents in every ward × age cell (a proportional
    sample), except the quiet wards' young adults: one respondent each."""
    residents = {
        (code, band): people
        for code, band, people in WardPopulation.objects.values_list(
            "ward__code", "age_group", "residents"
        )
    }
    rows = generated_rows(ward_codes, per_cell=14, seed=seed)
    kept: dict[tuple[str, str], int] = {}
    result = []
    for row in rows:
        key = (row["ward_code"], row["age_band"])
        wanted = 1 if row["ward_code"] in quiet and row["age_band"] in YOUNG else None
        if wanted is None:
            wanted = max(2, round(residents.get(key, 0) / 400))
        kept[key] = kept.get(key, 0) + 1
        if kept[key] <= wanted:
            result.append(row)
    return result


def coverage_survey(ward_codes: Sequence[str], quiet: Sequence[str]) -> Survey:
    """Waves 2023 (released) and 2024 (not released), both short of the quiet wards' young."""
    survey = SurveyFactory(slug="annual-survey", title="Annual survey")
    for year in (2023, 2024):
        wave = WaveFactory(survey=survey, year=year)
        store_responses(wave, short_of_young(ward_codes, quiet, seed=year), prefix=f"{year}-")
    ReleaseFactory(wave=survey.waves.get(year=2023))
    refresh_results(survey.id)
    return survey
