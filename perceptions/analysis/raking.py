"""Raking (iterative proportional fitting) of a wave to its population margins.

Contract section 3: each wave is raked on its own, until every weighted margin total is
within 1e-10 (relative) of its population total. The rule is on margin totals, not on
weight changes: a weight-change tolerance near machine precision may never be met.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from perceptions.analysis.population import PopulationTotals

TOLERANCE = 1e-10
MAX_ITERATIONS = 1000


class RakingError(ValueError):
    """A wave that cannot be raked; ``reasons`` are sentences for the report."""

    def __init__(self, reasons: Sequence[str]) -> None:
        self.reasons: tuple[str, ...] = tuple(reasons)
        super().__init__("; ".join(self.reasons))


@dataclass(frozen=True, slots=True)
class Trim:
    """Bounds on a weight relative to the mean weight (e.g. ``Trim(0.2, 5.0)``).

    Trimming is off by default; when on, the report records the bounds. It is applied as
    bounded raking (the margins are still met to 1e-10), as R's ``calibrate(...,
    bounds=)`` does; bounds that cannot meet the margins make the wave unweighted.
    """

    lower: float
    upper: float

    def __post_init__(self) -> None:
        if not 0 <= self.lower < 1 < self.upper:
            raise ValueError("trim bounds need 0 <= lower < 1 < upper")

    def to_dict(self) -> dict[str, float]:
        return {"lower": self.lower, "upper": self.upper}


@dataclass(frozen=True, slots=True)
class RakingResult:
    """Final weights (one per unit given to :func:`rake`) and how they were reached."""

    weights: NDArray[np.float64]
    iterations: int
    max_relative_error: float
    trimmed: bool


@dataclass(frozen=True, slots=True)
class CellWeights:
    """Raking of a ward × age-band table: the weight of one respondent in each cell.

    ``counts[k, a]`` is the number of weightable respondents in ward k and age band a;
    ``weights[k, a]`` is each one's final weight (NaN where the cell is empty).
    """

    counts: NDArray[np.int64]
    weights: NDArray[np.float64]
    iterations: int
    max_relative_error: float
    trimmed: bool


def _margin_errors(
    weights: NDArray[np.float64],
    codes: Sequence[NDArray[np.intp]],
    totals: Sequence[NDArray[np.float64]],
) -> float:
    worst = 0.0
    for code, total in zip(codes, totals, strict=True):
        sums = np.bincount(code, weights=weights, minlength=len(total))
        worst = max(worst, float(np.max(np.abs(sums - total) / total)))
    return worst


def _ipf(
    weights: NDArray[np.float64],
    codes: Sequence[NDArray[np.intp]],
    totals: Sequence[NDArray[np.float64]],
    tolerance: float,
    max_iterations: int,
) -> tuple[NDArray[np.float64], int, float]:
    w = weights.copy()
    error = _margin_errors(w, codes, totals)
    iterations = 0
    while error > tolerance:
        if iterations >= max_iterations:
            raise RakingError(
                [
                    f"raking did not converge in {max_iterations} iterations "
                    f"(largest margin error {error:.3g})"
                ]
            )
        for code, total in zip(codes, totals, strict=True):
            sums = np.bincount(code, weights=w, minlength=len(total))
            w *= (total / sums)[code]
        iterations += 1
        error = _margin_errors(w, codes, totals)
    return w, iterations, error


def _bounded_ipf(
    base: NDArray[np.float64],
    codes: Sequence[NDArray[np.intp]],
    totals: Sequence[NDArray[np.float64]],
    bounds: tuple[float, float],
    tolerance: float,
    max_iterations: int,
) -> tuple[NDArray[np.float64], int, float]:
    """IPF with the adjustment factor g = w / base kept within ``bounds``.

    Each margin step finds, per category, the factor f with
    sum(base * clip(u * f, low, high)) = total (monotone in f, solved by bisection on
    log f), so every step meets its margin exactly with bounded weights. This is raking
    with a truncated distance; when the bounds do not bind it gives plain raking.
    """
    low, high = bounds
    u = np.ones_like(base)
    for code, total in zip(codes, totals, strict=True):
        floor = np.bincount(code, weights=base * low, minlength=len(total))
        ceiling = np.bincount(code, weights=base * high, minlength=len(total))
        if np.any(total < floor * (1 - tolerance)) or np.any(total > ceiling * (1 + tolerance)):
            raise RakingError(
                [f"no weights within trim bounds {low:.4g}-{high:.4g} meet the margins"]
            )

    def weights() -> NDArray[np.float64]:
        return base * np.clip(u, low, high)

    error = _margin_errors(weights(), codes, totals)
    iterations = 0
    while error > tolerance:
        if iterations >= max_iterations:
            raise RakingError([f"trimmed raking did not converge in {max_iterations} iterations"])
        for code, total in zip(codes, totals, strict=True):
            lo = np.full(len(total), -60.0)
            hi = np.full(len(total), 60.0)
            for _ in range(100):
                mid = (lo + hi) / 2
                sums = np.bincount(
                    code,
                    weights=base * np.clip(u * np.exp(mid)[code], low, high),
                    minlength=len(total),
                )
                below = sums < total
                lo = np.where(below, mid, lo)
                hi = np.where(below, hi, mid)
            u *= np.exp((lo + hi) / 2)[code]
        iterations += 1
        error = _margin_errors(weights(), codes, totals)
    return weights(), iterations, error


def rake(
    codes: Sequence[NDArray[np.integer]],
    totals: Sequence[Sequence[float] | NDArray[np.floating]],
    base_weights: NDArray[np.floating] | None = None,
    *,
    tolerance: float = TOLERANCE,
    max_iterations: int = MAX_ITERATIONS,
    trim: Trim | None = None,
) -> RakingResult:
    """Rake ``base_weights`` so that each margin's weighted totals meet its population totals.

    General form: ``codes[j][i]`` is unit i's category (0-based) on margin j and
    ``totals[j]`` that margin's population totals. A unit may be a respondent (base weight
    1) or a group of identical respondents (base weight = their count): raking only
    multiplies weights by category factors, so both give the same per-respondent weights.

    Raises :class:`RakingError` listing every margin category without units, when margins
    disagree on the population, or when raking (or trimming) does not converge.
    """
    code_arrays = [np.asarray(c, dtype=np.intp) for c in codes]
    total_arrays = [np.asarray(t, dtype=np.float64) for t in totals]
    n_units = len(code_arrays[0]) if code_arrays else 0
    w0 = (
        np.ones(n_units, dtype=np.float64)
        if base_weights is None
        else np.asarray(base_weights, dtype=np.float64).copy()
    )
    reasons: list[str] = []
    if n_units == 0 or not np.any(w0 > 0):
        raise RakingError(["no weightable respondents"])
    for j, (code, total) in enumerate(zip(code_arrays, total_arrays, strict=True)):
        if len(code) != n_units or code.min() < 0 or code.max() >= len(total):
            raise ValueError(f"margin {j}: codes must be in 0..{len(total) - 1}")
        present = np.bincount(code, weights=w0, minlength=len(total)) > 0
        reasons.extend(
            f"no respondents in margin {j} category {c}" for c in np.flatnonzero(~present)
        )
    grand = [float(t.sum()) for t in total_arrays]
    if max(grand) - min(grand) > TOLERANCE * max(grand):
        reasons.append(f"margin totals disagree on the population ({min(grand)} vs {max(grand)})")
    if reasons:
        raise RakingError(reasons)

    w, iterations, error = _ipf(w0, code_arrays, total_arrays, tolerance, max_iterations)
    trimmed = False
    if trim is not None:
        mean_g = grand[0] / w0.sum()
        low, high = trim.lower * mean_g, trim.upper * mean_g
        g = w / np.where(w0 > 0, w0, 1.0)
        if np.any((g < low) | (g > high)):
            trimmed = True
            w, more, error = _bounded_ipf(
                w0, code_arrays, total_arrays, (low, high), tolerance, max_iterations
            )
            iterations += more
    return RakingResult(weights=w, iterations=iterations, max_relative_error=error, trimmed=trimmed)


def rake_cells(
    counts: NDArray[np.integer],
    population: PopulationTotals,
    *,
    tolerance: float = TOLERANCE,
    max_iterations: int = MAX_ITERATIONS,
    trim: Trim | None = None,
) -> CellWeights:
    """Rake a ward × age-band table of weightable respondent counts (the fast path).

    With equal starting weights, every respondent of a cell gets the same weight, so
    raking the table of counts is exact and independent of the number of respondents.
    Failure reasons name the empty categories, e.g. "no respondents in ward E05013970".
    """
    table = np.asarray(counts, dtype=np.int64)
    expected = (len(population.wards), len(population.age_bands))
    if table.shape != expected:
        raise ValueError(f"counts must have shape {expected}, not {table.shape}")
    reasons: list[str] = []
    if table.sum() == 0:
        raise RakingError(["no weightable respondents"])
    for ward, n in zip(population.wards, table.sum(axis=1), strict=True):
        if n == 0:
            reasons.append(f"no respondents in ward {ward}")
    for band, n in zip(population.age_bands, table.sum(axis=0), strict=True):
        if n == 0:
            reasons.append(f"no respondents in age band {band}")
    if reasons:
        raise RakingError(reasons)
    k_idx, a_idx = np.nonzero(table)
    result = rake(
        [k_idx, a_idx],
        [population.ward_totals, population.age_totals],
        base_weights=table[k_idx, a_idx].astype(np.float64),
        tolerance=tolerance,
        max_iterations=max_iterations,
        trim=trim,
    )
    weights = np.full(table.shape, np.nan)
    weights[k_idx, a_idx] = result.weights / table[k_idx, a_idx]
    return CellWeights(
        counts=table,
        weights=weights,
        iterations=result.iterations,
        max_relative_error=result.max_relative_error,
        trimmed=result.trimmed,
    )
