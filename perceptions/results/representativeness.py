"""Who we have not heard: coverage of each wave, shaped for pages, downloads and the planner.

Reads the wave's ward × age counts and the Census cells (two small grouped queries) and
hands them to :mod:`perceptions.analysis.representativeness`; the result is cached under
the survey's results generation, which an import bumps. Public pages see released waves
and the ward and age margins only; analysts see every wave, every cell and the weights.
:func:`where_to_go_next` is the typed call the roadshow planner (``comms``) makes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from django.core.cache import cache
from django.utils.translation import gettext as _

from communitysafety.wards.enums import AgeBand
from perceptions import queries
from perceptions.analysis.representativeness import (
    LOW_RATIO,
    MIN_CELL_COUNT,
    CoverageRow,
    WaveCoverage,
    wave_coverage,
)
from perceptions.models import SurveyResults
from perceptions.models.results import released_years
from perceptions.results.findings import percent
from surveys.models import Survey

COVERAGE_COLUMNS = (
    "wave",
    "margin",
    "ward_code",
    "ward_name",
    "age_band",
    "sample",
    "population",
    "sample_share",
    "population_share",
    "ratio",
    "expected",
    "shortfall",
    "flagged",
)
WEIGHT_COLUMNS = (
    "wave",
    "group",
    "group_name",
    "n",
    "min_weight",
    "max_weight",
    "mean_weight",
    "cv",
    "effective_n",
)
CACHE_SECONDS = 60 * 60
PLANNING_MIN_RESPONDENTS = 1000
"""A wave still in fieldwork has a few respondents per cell: too few to rank 100 cells."""


@dataclass(frozen=True, slots=True)
class Shortfall:
    """A ward and age group the survey heard too little from, for the roadshow planner."""

    wave: int
    ward_code: str
    ward_name: str
    age_band: str
    age_label: str
    sample: int
    expected: float
    shortfall: float
    ratio: float | None


def age_label(band: str | None) -> str:
    return str(AgeBand(band).label) if band in AgeBand.values else (band or "")


def survey_coverage(survey: Survey) -> list[WaveCoverage]:
    """Every wave's coverage, oldest first (cached under the results generation)."""
    results = SurveyResults.objects.filter(survey=survey).first()
    key = (
        f"{results.cache_key}:coverage"
        if results is not None
        else f"perceptions:coverage:{survey.pk}:uncomputed"
    )
    cached = cache.get(key)
    if cached is not None:
        return cached
    try:
        wards, bands, cells = queries.population_cells()
    except ValueError:
        return []
    population = np.array(cells, dtype=np.float64)
    coverage = [
        wave_coverage(year, np.array(table), population, wards, bands, missing=missing)
        for year, (table, missing) in sorted(queries.wave_cell_counts(survey, wards, bands).items())
    ]
    cache.set(key, coverage, CACHE_SECONDS)
    return coverage


def visible_coverage(survey: Survey, *, staff: bool) -> list[WaveCoverage]:
    """Waves a viewer may see: released ones in public, every wave with respondents for staff."""
    waves = [c for c in survey_coverage(survey) if c.respondents > 0]
    if staff:
        return waves
    released = released_years(survey.pk)
    return [c for c in waves if c.wave in released]


def planning_wave(waves: list[WaveCoverage]) -> WaveCoverage | None:
    """The latest wave big enough to rank (``PLANNING_MIN_RESPONDENTS``), else the latest."""
    big = [c for c in waves if c.respondents >= PLANNING_MIN_RESPONDENTS]
    return big[-1] if big else (waves[-1] if waves else None)


def _ratio_text(ratio: float | None) -> str:
    return "–" if ratio is None else f"{ratio:.2f}"


def _row(row: CoverageRow, names: dict[str, str]) -> dict[str, Any]:
    return {
        **row.to_dict(),
        "ward_name": names.get(row.ward or "", row.ward or ""),
        "age_label": age_label(row.age_band),
        "sample_percent": percent(row.sample_share, 1),
        "population_percent": percent(row.population_share, 1),
        "ratio_text": _ratio_text(row.ratio),
        "population_text": f"{round(row.population):,}",
        "expected_text": f"{row.expected:.0f}",
        "shortfall_text": f"{row.shortfall:.0f}",
    }


def page_context(survey: Survey, year: int | None, *, staff: bool) -> dict[str, Any]:
    """What the representativeness pages show for one wave (the latest by default)."""
    waves = visible_coverage(survey, staff=staff)
    context: dict[str, Any] = {
        "survey": survey,
        "years": [c.wave for c in waves],
        "min_count": MIN_CELL_COUNT,
        "low_ratio": LOW_RATIO,
    }
    chosen = next((c for c in waves if c.wave == year), planning_wave(waves))
    if chosen is None:
        return context
    names = queries.ward_names()
    shortfalls = [_row(row, names) for row in chosen.shortfalls(limit=10 if staff else 5)]
    context.update(
        year=chosen.wave,
        coverage=chosen,
        ward_rows=[_row(row, names) for row in chosen.margin("ward")],
        age_rows=[_row(row, names) for row in chosen.margin("age_band")],
        shortfalls=shortfalls,
        flagged_wards=[names.get(r.ward or "", r.ward) for r in chosen.margin("ward") if r.flagged],
        flagged_ages=[age_label(r.age_band) for r in chosen.margin("age_band") if r.flagged],
    )
    if staff:
        cell_rows = [_row(row, names) for row in chosen.margin("ward_age")]
        context.update(
            cell_rows=cell_rows,
            flagged_cells=sum(1 for row in cell_rows if row["flagged"]),
            weight_rows=[
                {
                    **spread.to_dict(),
                    "name": _("Whole borough")
                    if spread.group == "borough"
                    else names.get(spread.group, spread.group),
                }
                for spread in chosen.weights
            ],
        )
    return context


def coverage_table(
    waves: list[WaveCoverage], *, staff: bool
) -> tuple[tuple[str, ...], list[list[Any]]]:
    """Every visible row of every wave; public tables leave out the ward × age cells."""
    names = queries.ward_names()
    rows = []
    for coverage in waves:
        for row in coverage.rows:
            if row.margin == "ward_age" and not staff:
                continue
            rows.append(
                [
                    coverage.wave,
                    row.margin,
                    row.ward,
                    names.get(row.ward or "") if row.ward else None,
                    row.age_band,
                    row.sample,
                    row.population,
                    row.sample_share,
                    row.population_share,
                    row.ratio,
                    row.expected,
                    row.shortfall,
                    row.flagged,
                ]
            )
    return COVERAGE_COLUMNS, rows


def weights_table(waves: list[WaveCoverage]) -> tuple[tuple[str, ...], list[list[Any]]]:
    names = queries.ward_names()
    rows = [
        [
            coverage.wave,
            spread.group,
            names.get(spread.group, _("Whole borough") if spread.group == "borough" else ""),
            spread.n,
            spread.min_weight,
            spread.max_weight,
            spread.mean_weight,
            spread.cv,
            spread.effective_n,
        ]
        for coverage in waves
        for spread in coverage.weights
    ]
    return WEIGHT_COLUMNS, rows


def where_to_go_next(survey: Survey | None = None, *, limit: int = 10) -> list[Shortfall]:
    """Ward × age groups of the latest wave ranked by shortfall, biggest first.

    The planner's question is "whom should the next roadshow reach?", so the latest wave
    counts, released or not (the planner is staff), once it is big enough to rank
    (:func:`planning_wave`). The first survey with responses is used when none is given.
    """
    if survey is None:
        survey = Survey.objects.filter(waves__responses__isnull=False).order_by("title").first()
    if survey is None:
        return []
    latest = planning_wave(visible_coverage(survey, staff=True))
    if latest is None:
        return []
    names = queries.ward_names()
    return [
        Shortfall(
            wave=int(str(latest.wave)),
            ward_code=row.ward or "",
            ward_name=names.get(row.ward or "", row.ward or ""),
            age_band=row.age_band or "",
            age_label=age_label(row.age_band),
            sample=row.sample,
            expected=row.expected,
            shortfall=row.shortfall,
            ratio=row.ratio,
        )
        for row in latest.shortfalls(limit=limit)
    ]
