"""The contract report (section 4): estimates, changes between waves, unweighted waves.

:func:`build_report` turns a respondent DataFrame of several waves and the census margins
into frozen dataclasses; ``Report.to_dict()`` is the JSON document with exactly the
contract's keys (plus ``design_effect``, ``effective_n`` and ``unweighted_waves``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from perceptions.analysis.domains import (
    CountTables,
    WaveEstimates,
    count_responses,
    estimate_wave,
)
from perceptions.analysis.intervals import bh_qvalues, minimum_detectable_change, two_sided_p
from perceptions.analysis.measures import MEASURES, Measure
from perceptions.analysis.population import PopulationTotals
from perceptions.analysis.raking import RakingError, Trim

SUPPRESS_BELOW = 10
LOW_BASE_BELOW = 50
SIGNIFICANCE = 0.05

ESTIMATE_KEYS: tuple[str, ...] = (
    "wave", "measure", "group", "group_value", "n", "unweightable", "estimate", "se",
    "ci_low", "ci_high", "dont_know", "suppressed", "low_base",
)  # fmt: skip
CHANGE_KEYS: tuple[str, ...] = (
    "measure", "group", "group_value", "from_wave", "to_wave", "difference", "se",
    "p_value", "q_value", "significant",
)  # fmt: skip

__all__ = [
    "CHANGE_KEYS",
    "ESTIMATE_KEYS",
    "ChangeRow",
    "EstimateRow",
    "Report",
    "UnweightedWave",
    "Weighting",
    "build_report",
    "report_from_tables",
    "minimum_detectable_change",
]


def _num(value: float) -> float | None:
    """A JSON number, or None for NaN/inf (the report's null)."""
    value = float(value)
    return value if math.isfinite(value) else None


def _plain(value: Any) -> Any:
    """NumPy scalars (e.g. a wave read as int64) as plain Python values."""
    return value.item() if isinstance(value, np.generic) else value


@dataclass(frozen=True, slots=True)
class EstimateRow:
    """One wave × measure × group row; suppressed rows carry None in the statistics."""

    wave: Any
    measure: str
    group: str
    group_value: str
    n: int
    unweightable: int
    estimate: float | None
    se: float | None
    ci_low: float | None
    ci_high: float | None
    dont_know: float | None
    suppressed: bool
    low_base: bool
    design_effect: float | None
    effective_n: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "wave": _plain(self.wave),
            "measure": self.measure,
            "group": self.group,
            "group_value": self.group_value,
            "n": self.n,
            "unweightable": self.unweightable,
            "estimate": self.estimate,
            "se": self.se,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "dont_know": self.dont_know,
            "suppressed": self.suppressed,
            "low_base": self.low_base,
            "design_effect": self.design_effect,
            "effective_n": self.effective_n,
        }


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """Change of one measure × group between a wave and the previous wave present."""

    measure: str
    group: str
    group_value: str
    from_wave: Any
    to_wave: Any
    difference: float
    se: float
    p_value: float | None
    q_value: float | None
    significant: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "group": self.group,
            "group_value": self.group_value,
            "from_wave": _plain(self.from_wave),
            "to_wave": _plain(self.to_wave),
            "difference": self.difference,
            "se": self.se,
            "p_value": self.p_value,
            "q_value": self.q_value,
            "significant": self.significant,
        }


@dataclass(frozen=True, slots=True)
class UnweightedWave:
    """A wave that could not be raked: it has no rows; ``reason`` says why."""

    wave: Any
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"wave": _plain(self.wave), "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Weighting:
    """How the waves were weighted, as the report records it."""

    method: str = "raking"
    margins: tuple[str, ...] = ("ward_code", "age_band")
    trim: Trim | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "margins": list(self.margins),
            "trim": None if self.trim is None else self.trim.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Report:
    """The whole report of one survey; ``to_dict()`` is the contract's JSON document."""

    survey: str
    weighting: Weighting
    estimates: tuple[EstimateRow, ...]
    changes: tuple[ChangeRow, ...]
    unweighted_waves: tuple[UnweightedWave, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready document: the contract keys, numbers unrounded, nulls as None."""
        return {
            "survey": self.survey,
            "weighting": self.weighting.to_dict(),
            "estimates": [row.to_dict() for row in self.estimates],
            "changes": [row.to_dict() for row in self.changes],
            "unweighted_waves": [row.to_dict() for row in self.unweighted_waves],
        }


def estimate_rows(result: WaveEstimates) -> list[EstimateRow]:
    """Rows of one wave with disclosure control applied (n < 10 suppressed)."""
    rows = []
    for j, measure in enumerate(result.measures):
        for g, (group, value) in enumerate(result.groups):
            n = int(result.n[j, g])
            suppressed = n < SUPPRESS_BELOW

            def stat(array: np.ndarray, j: int = j, g: int = g, hide: bool = suppressed):
                return None if hide else _num(array[j, g])

            rows.append(
                EstimateRow(
                    wave=result.wave,
                    measure=measure,
                    group=group,
                    group_value=value,
                    n=n,
                    unweightable=int(result.unweightable[j, g]),
                    estimate=stat(result.estimate),
                    se=stat(result.se),
                    ci_low=stat(result.ci_low),
                    ci_high=stat(result.ci_high),
                    dont_know=stat(result.dont_know),
                    suppressed=suppressed,
                    low_base=n < LOW_BASE_BELOW,
                    design_effect=stat(result.design_effect),
                    effective_n=stat(result.effective_n),
                )
            )
    return rows


def change_rows(results: Sequence[WaveEstimates]) -> list[ChangeRow]:
    """Changes between consecutive weighted waves, BH-adjusted over all rows together.

    Only measure × group pairs not suppressed in either wave have a row. A change whose se
    is 0 gets null p and q values, is not significant and stays out of the adjustment.
    """
    pending: list[tuple[WaveEstimates, WaveEstimates, int, int, float, float]] = []
    for before, after in zip(results, results[1:], strict=False):
        shown = (before.n >= SUPPRESS_BELOW) & (after.n >= SUPPRESS_BELOW)
        diff = after.estimate - before.estimate
        se = np.sqrt(before.se**2 + after.se**2)
        for j, g in zip(*np.nonzero(shown), strict=True):
            pending.append((before, after, int(j), int(g), float(diff[j, g]), float(se[j, g])))
    se_all = np.array([p[5] for p in pending], dtype=np.float64)
    diff_all = np.array([p[4] for p in pending], dtype=np.float64)
    testable = se_all > 0
    p_values = np.full(len(pending), np.nan)
    p_values[testable] = two_sided_p(diff_all[testable] / se_all[testable])
    q_values = bh_qvalues(p_values)
    rows = []
    for (before, after, j, g, diff, se), p, q in zip(pending, p_values, q_values, strict=True):
        group, value = after.groups[g]
        rows.append(
            ChangeRow(
                measure=after.measures[j],
                group=group,
                group_value=value,
                from_wave=before.wave,
                to_wave=after.wave,
                difference=diff,
                se=se,
                p_value=_num(p),
                q_value=_num(q),
                significant=bool(q < SIGNIFICANCE),
            )
        )
    return rows


def estimate_waves(
    responses: pd.DataFrame,
    population: PopulationTotals,
    *,
    measures: Sequence[Measure] = MEASURES,
    waves: Iterable[Any] | None = None,
    trim: Trim | None = None,
) -> tuple[list[WaveEstimates], list[UnweightedWave]]:
    """Unsuppressed per-wave arrays (for tests and benchmarks) and the unweighted waves."""
    tables = count_responses(responses, population, measures, waves)
    return estimate_tables(tables, population, trim=trim)


def estimate_tables(
    tables: CountTables, population: PopulationTotals, *, trim: Trim | None = None
) -> tuple[list[WaveEstimates], list[UnweightedWave]]:
    """Rake and estimate every wave of ``tables``; waves that cannot be raked say why."""
    results: list[WaveEstimates] = []
    unweighted: list[UnweightedWave] = []
    for i, wave in enumerate(tables.waves):
        try:
            results.append(estimate_wave(tables, i, population, trim=trim))
        except RakingError as error:
            unweighted.append(UnweightedWave(wave=wave, reason=str(error)))
    return results, unweighted


def build_report(
    responses: pd.DataFrame,
    population: PopulationTotals,
    *,
    survey: str,
    measures: Sequence[Measure] = MEASURES,
    waves: Iterable[Any] | None = None,
    trim: Trim | None = None,
) -> Report:
    """The contract report for every wave in ``responses`` (and in ``waves``).

    ``responses`` columns: ``wave``, ``respondent_id`` (not used), ``ward_code``,
    ``age_band`` and one column per measure code holding answer codes or None.
    Categorical columns are the fastest input. Waves that cannot be raked get no rows and
    are listed under ``unweighted_waves``; changes compare each weighted wave with the
    previous weighted wave.
    """
    tables = count_responses(responses, population, measures, waves)
    return report_from_tables(tables, population, survey=survey, trim=trim)


def report_from_tables(
    tables: CountTables,
    population: PopulationTotals,
    *,
    survey: str,
    trim: Trim | None = None,
) -> Report:
    """The contract report from count tables (from a frame or from grouped SQL)."""
    results, unweighted = estimate_tables(tables, population, trim=trim)
    estimates = [row for result in results for row in estimate_rows(result)]
    return Report(
        survey=survey,
        weighting=Weighting(trim=trim),
        estimates=tuple(estimates),
        changes=tuple(change_rows(results)),
        unweighted_waves=tuple(unweighted),
    )
