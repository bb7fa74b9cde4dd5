"""Who we have not heard: a wave's achieved sample against the Census population.

Weighting repairs an unbalanced sample only so far: a ward × age cell with two
respondents standing for 1,500 residents gives every estimate that touches it a large
weight, and the effective sample shrinks. This module shows where that happens, so the
partnership can go and ask the people it is missing rather than lean on the weights.

For each wave it compares, for every margin the Census file holds (ward, age band, and the
ward × age cells), the respondents' counts and shares with the population's, as a ratio
(1 = represented in proportion; 0.5 = half the respondents a proportional sample would
have). It summarises the final raking weights (min, max, coefficient of variation) and
Kish's effective sample size, n_eff = (Σw)² / Σw², for the borough and each ward, and
ranks the cells by shortfall: the respondents a proportional sample of the same size would
have had there, less those it has.

Pure NumPy; the Django side (:mod:`perceptions.results.representativeness`) reads the
counts and the population cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from perceptions.analysis.population import PopulationTotals
from perceptions.analysis.raking import RakingError, Trim, rake_cells

MIN_CELL_COUNT = 10
"""A cell with fewer respondents than this is flagged (the results' suppression threshold)."""
LOW_RATIO = 0.5
"""A group with under half the respondents a proportional sample would have is flagged."""


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """One category of one margin: achieved sample against the population.

    ``margin`` is ``"ward"``, ``"age_band"`` or ``"ward_age"`` (then ``ward`` and
    ``age_band`` are both set). ``ratio`` is sample share / population share; ``expected``
    the respondents a proportional sample of the wave's size would have had, and
    ``shortfall`` how many fewer it has (negative when over-represented).
    """

    margin: str
    ward: str | None
    age_band: str | None
    sample: int
    population: float
    sample_share: float
    population_share: float
    ratio: float | None
    expected: float
    shortfall: float
    flagged: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "margin": self.margin,
            "ward": self.ward,
            "age_band": self.age_band,
            "sample": self.sample,
            "population": self.population,
            "sample_share": self.sample_share,
            "population_share": self.population_share,
            "ratio": self.ratio,
            "expected": self.expected,
            "shortfall": self.shortfall,
            "flagged": self.flagged,
        }


@dataclass(frozen=True, slots=True)
class WeightSpread:
    """The final weights of a group's respondents and what they cost in precision.

    ``cv`` is the standard deviation over the mean (population form, dividing by n), so
    ``effective_n = n / (1 + cv²)``, which is Kish's (Σw)² / Σw².
    """

    group: str
    n: int
    min_weight: float | None
    max_weight: float | None
    mean_weight: float | None
    cv: float | None
    effective_n: float | None

    def to_dict(self) -> dict[str, object]:
        return {
            "group": self.group,
            "n": self.n,
            "min_weight": self.min_weight,
            "max_weight": self.max_weight,
            "mean_weight": self.mean_weight,
            "cv": self.cv,
            "effective_n": self.effective_n,
        }


@dataclass(frozen=True, slots=True)
class WaveCoverage:
    """One wave: coverage rows, the weights' spread, and why it could not be weighted.

    ``missing`` counts respondents who left out their ward or age band (they are not in
    the cells). ``weights`` is empty and ``weighting_error`` says why when raking fails.
    """

    wave: object
    respondents: int
    missing: int
    rows: tuple[CoverageRow, ...]
    weights: tuple[WeightSpread, ...]
    weighting_error: str | None

    def margin(self, name: str) -> tuple[CoverageRow, ...]:
        return tuple(row for row in self.rows if row.margin == name)

    def shortfalls(self, limit: int | None = None) -> tuple[CoverageRow, ...]:
        """Ward × age cells ranked by shortfall, biggest first (only cells short of people)."""
        short = sorted(
            (row for row in self.margin("ward_age") if row.shortfall > 0),
            key=lambda row: (-row.shortfall, row.ward or "", row.age_band or ""),
        )
        return tuple(short[:limit] if limit is not None else short)


def kish_effective_n(
    weights: NDArray[np.floating], counts: NDArray[np.integer] | None = None
) -> float:
    """Kish's effective sample size (Σw)² / Σw² of respondents with ``weights``.

    With ``counts``, ``weights[i]`` is the weight of each of ``counts[i]`` respondents
    (a cell table), so the sums are Σ n_i w_i and Σ n_i w_i².
    """
    w = np.asarray(weights, dtype=np.float64)
    n = np.ones_like(w) if counts is None else np.asarray(counts, dtype=np.float64)
    keep = n > 0
    w, n = w[keep], n[keep]
    squares = float(np.sum(n * w * w))
    if squares == 0:
        return 0.0
    return float(np.sum(n * w)) ** 2 / squares


def weight_spread(
    group: str, weights: NDArray[np.floating], counts: NDArray[np.integer]
) -> WeightSpread:
    """Min, max, CV and Kish effective n of respondents grouped in cells (empty cells skipped)."""
    w = np.asarray(weights, dtype=np.float64).ravel()
    n = np.asarray(counts, dtype=np.int64).ravel()
    keep = n > 0
    w, n = w[keep], n[keep]
    total = int(n.sum())
    if total == 0:
        return WeightSpread(group, 0, None, None, None, None, None)
    mean = float(np.sum(n * w) / total)
    variance = float(np.sum(n * (w - mean) ** 2) / total)
    return WeightSpread(
        group=group,
        n=total,
        min_weight=float(w.min()),
        max_weight=float(w.max()),
        mean_weight=mean,
        cv=float(np.sqrt(variance) / mean) if mean > 0 else None,
        effective_n=kish_effective_n(w, n),
    )


def _rows(
    margin: str,
    labels: Sequence[tuple[str | None, str | None]],
    sample: NDArray[np.int64],
    population: NDArray[np.float64],
    min_count: int,
    low_ratio: float,
) -> list[CoverageRow]:
    n_total = int(sample.sum())
    pop_total = float(population.sum())
    rows = []
    for (ward, band), count, people in zip(labels, sample, population, strict=True):
        sample_share = count / n_total if n_total else 0.0
        population_share = people / pop_total if pop_total else 0.0
        ratio = sample_share / population_share if population_share > 0 and n_total else None
        expected = population_share * n_total
        rows.append(
            CoverageRow(
                margin=margin,
                ward=ward,
                age_band=band,
                sample=int(count),
                population=float(people),
                sample_share=float(sample_share),
                population_share=float(population_share),
                ratio=None if ratio is None else float(ratio),
                expected=float(expected),
                shortfall=float(expected - count),
                flagged=bool(count < min_count or (ratio is not None and ratio < low_ratio)),
            )
        )
    return rows


def wave_coverage(
    wave: object,
    counts: NDArray[np.integer],
    population_cells: NDArray[np.floating],
    wards: Sequence[str],
    age_bands: Sequence[str],
    *,
    missing: int = 0,
    min_count: int = MIN_CELL_COUNT,
    low_ratio: float = LOW_RATIO,
    trim: Trim | None = None,
) -> WaveCoverage:
    """Coverage of one wave from its ward × age counts and the census ward × age cells.

    ``counts[k, a]`` are the wave's respondents with both ward k and age band a;
    ``population_cells[k, a]`` the Census residents aged 16+ there. A ward × age cell is
    flagged below ``min_count`` respondents; any group whose ratio is under ``low_ratio``
    is flagged too. Weights are the survey's own raking (ward and age margins).
    """
    table = np.asarray(counts, dtype=np.int64)
    people = np.asarray(population_cells, dtype=np.float64)
    if table.shape != people.shape or table.shape != (len(wards), len(age_bands)):
        raise ValueError("counts and population cells need one row per ward, one column per band")
    rows = _rows(
        "ward",
        [(w, None) for w in wards],
        table.sum(axis=1),
        people.sum(axis=1),
        min_count,
        low_ratio,
    )
    rows += _rows(
        "age_band",
        [(None, a) for a in age_bands],
        table.sum(axis=0),
        people.sum(axis=0),
        min_count,
        low_ratio,
    )
    rows += _rows(
        "ward_age",
        [(w, a) for w in wards for a in age_bands],
        table.ravel(),
        people.ravel(),
        min_count,
        low_ratio,
    )
    population = PopulationTotals(
        wards=tuple(wards),
        ward_totals=tuple(float(v) for v in people.sum(axis=1)),
        age_bands=tuple(age_bands),
        age_totals=tuple(float(v) for v in people.sum(axis=0)),
    )
    spreads: tuple[WeightSpread, ...] = ()
    error = None
    try:
        cell_weights = rake_cells(table, population, trim=trim)
    except RakingError as failure:
        error = str(failure)
    else:
        w = np.nan_to_num(cell_weights.weights)
        spreads = (
            weight_spread("borough", w, table),
            *(weight_spread(ward, w[k], table[k]) for k, ward in enumerate(wards)),
        )
    return WaveCoverage(
        wave=wave,
        respondents=int(table.sum()) + missing,
        missing=missing,
        rows=tuple(rows),
        weights=spreads,
        weighting_error=error,
    )
