"""Evaluating a communications trial from the annual survey and the pulse survey.

The Django side of perceptions.analysis.trials: it reads every completed annual survey
response and every pulse answer in the trial's wards and periods into one frame, builds
the trial wards' Census totals and returns the pure evaluation. comms/plan calls
:func:`evaluate_trial` with plain values and stores what comes back with the action.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from communitysafety.wards.enums import UNDER_16
from communitysafety.wards.models import WardPopulation
from perceptions.analysis.measures import MEASURES_BY_CODE
from perceptions.analysis.population import PopulationTotals
from perceptions.analysis.trials import TrialEstimate, difference_in_differences
from surveys import answer_store
from surveys.contract import AGE_BANDS, PULSE_QUESTIONS
from surveys.models import PulseResponse, SurveyResponse


def trial_population(ward_codes: Sequence[str]) -> PopulationTotals:
    """Census 2021 ward and age-band totals (aged 16 and over) of the trial's wards only."""
    rows = WardPopulation.objects.exclude(age_group=UNDER_16).filter(ward__code__in=ward_codes)
    wards: dict[str, float] = {}
    ages: dict[str, float] = dict.fromkeys(AGE_BANDS, 0.0)
    for code, band, residents in rows.values_list("ward__code", "age_group", "residents"):
        wards[code] = wards.get(code, 0.0) + residents
        ages[band] += residents
    missing = sorted(set(ward_codes) - set(wards))
    if missing:
        raise ValueError(f"no census population for ward {', '.join(missing)}")
    return PopulationTotals.from_margins(
        {code: wards[code] for code in sorted(wards)},
        {band: total for band, total in ages.items() if total > 0},
    )


def _period(day: date, before_from: date, starts_on: date, late_starts_on: date) -> str | None:
    if before_from <= day < starts_on:
        return "before"
    if starts_on <= day < late_starts_on:
        return "after"
    return None


def trial_frame(
    measure: str,
    early: Sequence[str],
    late: Sequence[str],
    before_from: date,
    starts_on: date,
    late_starts_on: date,
) -> pd.DataFrame:
    """One row per respondent in the trial's wards and periods: annual survey, then pulse.

    Columns: ``source``, ``period``, ``group``, ``ward_code``, ``age_band``, ``answer``.
    """
    group_of = {**dict.fromkeys(early, "early"), **dict.fromkeys(late, "late")}
    rows: list[tuple] = []
    responses = SurveyResponse.objects.complete().filter(
        ward__code__in=list(group_of),
        completed_on__gte=before_from,
        completed_on__lt=late_starts_on,
    )
    answers = answer_store.answer_to(responses, measure)
    for pk, day, ward, band in responses.values_list(
        "pk", "completed_on", "ward__code", "age_band"
    ).order_by("pk"):
        period = _period(day, before_from, starts_on, late_starts_on)
        rows.append(("annual", period, group_of[ward], ward, band or None, answers.get(pk)))
    if measure in PULSE_QUESTIONS:
        pulse = PulseResponse.objects.between(before_from, late_starts_on).filter(
            ward__code__in=list(group_of)
        )
        for day, ward, band, answer in pulse.values_list(
            "completed_on", "ward__code", "age_band", measure
        ).order_by("pk"):
            period = _period(day, before_from, starts_on, late_starts_on)
            rows.append(("pulse", period, group_of[ward], ward, band or None, answer or None))
    columns = ["source", "period", "group", "ward_code", "age_band", "answer"]
    return pd.DataFrame(rows, columns=columns)


def evaluate_trial(
    measure: str,
    early: Sequence[str],
    late: Sequence[str],
    before_from: date,
    starts_on: date,
    late_starts_on: date,
) -> TrialEstimate:
    """The difference in differences of ``measure`` between the early and late wards."""
    frame = trial_frame(measure, early, late, before_from, starts_on, late_starts_on)
    population = trial_population([*early, *late])
    return difference_in_differences(frame, population, MEASURES_BY_CODE[measure])
