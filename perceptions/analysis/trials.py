"""Difference-in-differences for a staggered roll-out of a communications action.

A trial splits the action's wards at random into an *early* group (the action starts
there first) and a *late* group (it starts there later, so until then it is the
comparison). Residents in both groups answer the same question *before* and *after* the
early start. The effect is the change in the early group minus the change in the late
group; random assignment is what lets that difference be read as the action's effect
rather than a borough-wide trend.

Design (the survey data contract's, applied to each period): each period's weightable
respondents in the trial wards are an independent sample, raked on their own to the trial
wards' Census ward and age-band totals. The standard error is Taylor-linearised with the
calibration taken into account and the periods as strata, exactly as R ``survey``
computes it for

    des <- svydesign(ids=~1, strata=~period, weights=~1, data=d)
    cal <- calibrate(des, <per-period intercept, ward and age dummies>, population,
                     calfun="raking", epsilon=1e-10)
    svyglm(y ~ group * period, design=subset(cal, in_base))

whose ``group:period`` coefficient is the estimate (``perceptions/r/make_trial_fixtures.R``
and the committed fixture check it). In formulas, with c the four group × period cells,
p_c their weighted shares and s_c = +1 for early-after and late-before, −1 otherwise:

    z_i = sum_c s_c d_ci w_i (y_i - p_c) / sum(d_c w)
    e   = residual of z / w regressed by OLS on the calibration model matrix
    x_i = w_i e_i
    var = sum over periods h of m_h/(m_h - 1) sum_{i in h} (x_i - mean_h(x))^2

The standard error covers sampling only: a shock that hits one ward in one period is not
in it, which is one more reason the docs ask for several wards per group.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from perceptions.analysis.intervals import Z_95
from perceptions.analysis.measures import AnswerClass, Measure
from perceptions.analysis.population import PopulationTotals
from perceptions.analysis.raking import RakingError, rake_cells

GROUPS = ("early", "late")
PERIODS = ("before", "after")
SUPPRESS_BELOW = 10  # the contract's disclosure threshold, per cell


@dataclass(frozen=True, slots=True)
class TrialCell:
    """One group × period cell: respondents in the base and their weighted share."""

    group: str
    period: str
    n: int
    share: float | None


@dataclass(frozen=True, slots=True)
class TrialEstimate:
    """The effect in proportion points (0.05 = 5 points); None with a reason if not estimable."""

    estimate: float | None
    se: float | None
    ci_low: float | None
    ci_high: float | None
    cells: tuple[TrialCell, ...]
    reason: str = ""


def _cells(frame: pd.DataFrame, in_base: np.ndarray, y: np.ndarray, w: np.ndarray | None):
    cells = []
    for group in GROUPS:
        for period in PERIODS:
            d = in_base & (frame["group"].to_numpy() == group)
            d &= frame["period"].to_numpy() == period
            share = None
            if w is not None and d.any():
                share = float((w[d] * y[d]).sum() / w[d].sum())
            cells.append(TrialCell(group, period, int(d.sum()), share))
    return tuple(cells)


def _model_matrix(period: np.ndarray, ward: np.ndarray, age: np.ndarray, n_wards, n_ages):
    """Per-period blocks of [intercept, every ward dummy, every age dummy] (rank deficient
    on purpose: OLS residuals do not depend on the coding)."""
    width = 1 + n_wards + n_ages
    x = np.zeros((len(period), 2 * width))
    rows = np.arange(len(period))
    offset = period * width
    x[rows, offset] = 1.0
    x[rows, offset + 1 + ward] = 1.0
    x[rows, offset + 1 + n_wards + age] = 1.0
    return x


def difference_in_differences(
    frame: pd.DataFrame, population: PopulationTotals, measure: Measure
) -> TrialEstimate:
    """The action's effect on ``measure`` from one row per respondent.

    ``frame`` columns: ``period`` (``before``/``after``), ``group`` (``early``/``late``),
    ``ward_code``, ``age_band`` and ``answer`` (an answer code of ``measure`` or empty).
    ``population`` holds the trial wards' totals only. Respondents without a ward or age
    band in the population are not weightable and are left out, as the contract says.
    """
    ward_index = {code: i for i, code in enumerate(population.wards)}
    age_index = {band: i for i, band in enumerate(population.age_bands)}
    ward = frame["ward_code"].map(ward_index)
    age = frame["age_band"].map(age_index)
    weightable = ward.notna().to_numpy() & age.notna().to_numpy()
    weightable &= frame["period"].isin(PERIODS).to_numpy() & frame["group"].isin(GROUPS).to_numpy()
    data = frame.loc[weightable].reset_index(drop=True)
    ward_i = ward[weightable].to_numpy(dtype=np.intp)
    age_i = age[weightable].to_numpy(dtype=np.intp)
    period_i = (data["period"].to_numpy() == "after").astype(np.intp)
    classes = np.array([measure.classify(a) for a in data["answer"]], dtype=np.intp)
    in_base = (classes == AnswerClass.POSITIVE) | (classes == AnswerClass.NEGATIVE)
    y = (classes == AnswerClass.POSITIVE).astype(np.float64)
    n_wards, n_ages = len(population.wards), len(population.age_bands)

    w = np.zeros(len(data))
    for h, name in enumerate(PERIODS):
        rows = period_i == h
        counts = np.zeros((n_wards, n_ages), dtype=np.int64)
        np.add.at(counts, (ward_i[rows], age_i[rows]), 1)
        try:
            cells = rake_cells(counts, population)
        except RakingError as error:
            reason = f"the {name} period cannot be weighted: " + "; ".join(error.reasons)
            return TrialEstimate(None, None, None, None, _cells(data, in_base, y, None), reason)
        w[rows] = cells.weights[ward_i[rows], age_i[rows]]

    cells = _cells(data, in_base, y, w)
    small = [c for c in cells if c.n < SUPPRESS_BELOW]
    if small:
        cells = tuple(TrialCell(c.group, c.period, c.n, None) for c in cells)
        names = ", ".join(f"{c.group} {c.period}" for c in small)
        reason = f"fewer than {SUPPRESS_BELOW} answers in: {names}"
        return TrialEstimate(None, None, None, None, cells, reason)

    share = {(c.group, c.period): c.share for c in cells}
    sign = {("early", "after"): 1, ("late", "before"): 1, ("early", "before"): -1}
    sign[("late", "after")] = -1
    estimate = 0.0
    z = np.zeros(len(data))
    groups = data["group"].to_numpy()
    for (group, period), s in sign.items():
        p = share[(group, period)]
        d = in_base & (groups == group) & (period_i == PERIODS.index(period))
        estimate += s * p
        z += np.where(d, s * w * (y - p) / w[d].sum(), 0.0)
    model = _model_matrix(period_i, ward_i, age_i, n_wards, n_ages)
    u = z / w
    beta, *_ = np.linalg.lstsq(model, u, rcond=None)
    x = w * (u - model @ beta)
    variance = 0.0
    for h in range(len(PERIODS)):
        xh = x[period_i == h]
        m = len(xh)
        variance += m / (m - 1) * float(((xh - xh.mean()) ** 2).sum())
    se = float(np.sqrt(variance))
    return TrialEstimate(estimate, se, estimate - Z_95 * se, estimate + Z_95 * se, cells)


def assign_groups(ward_codes: Sequence[str], seed: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split wards at random into (early, late) halves, reproducibly from ``seed``.

    The codes are sorted first, so the split depends only on the set of wards and the
    seed (not on the order an editor picked them in); with an odd number the early group
    gets the smaller half. ``random.Random`` with an integer seed gives the same sequence
    on every Python version since 3.2.
    """
    codes = sorted(set(ward_codes))
    if len(codes) < 2:
        raise ValueError("a trial needs at least two wards")
    shuffled = codes[:]
    random.Random(seed).shuffle(shuffled)  # noqa: S311 - reproducible by design, not secret
    half = len(codes) // 2
    return tuple(sorted(shuffled[:half])), tuple(sorted(shuffled[half:]))
