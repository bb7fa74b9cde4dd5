"""Taylor-linearised variance of a domain mean under calibration (contract section 3).

This reproduces R ``survey``: ``svymean`` on a ``subset()`` of a design calibrated with
``calibrate(svydesign(ids=~1, weights=~1, ...), ~ward_code+age_band, calfun="raking")``.
For a domain indicator d, values y, final weights w and estimate p:

    z_i = d_i w_i (y_i - p) / sum(d w)
    e   = residual of z / w regressed by OLS (unweighted) on the calibration model matrix
          over every weightable respondent of the wave
    x_i = w_i e_i
    var = m / (m - 1) * sum((x_i - mean(x))^2),   m = weightable respondents in the wave

Two paths compute it. :func:`domain_mean_general` works on any weights vector and model
matrix (a new margin needs no rewrite). :func:`domain_means_from_cells` is the fast path
when weights and the model matrix depend only on a cell (ward × age band): OLS with
cell-constant regressors equals a least-squares fit of cell means weighted by cell counts,
and the sums of x and x^2 follow from per-cell counts, sums of d·y and sums of d·y^2. The
calibration model is additive (ward + age), so the projection is onto that model, not onto
the cell dummies.

Rank. The additive model with an intercept and every ward and age dummy is rank deficient
by design (the intercept is the sum of the ward dummies and of the age dummies), and empty
cells can remove more directions. The fast path does not let floating point decide the
rank: a singular value that is zero in exact arithmetic comes out of an SVD as a few
multiples of machine epsilon times the largest one, and whether it falls under a relative
cut-off (numpy's ``pinv`` default, 1e-15 × the largest) depends on the LAPACK build. Kept,
it adds a spurious direction to the fit and moves standard errors by up to 1%. Instead
:func:`independent_columns` picks a basis of the model's column space by exact rational
elimination on the distinct rows of the unscaled model matrix of the non-empty cells
(scaling rows by the positive sqrt(n_c) does not change which columns are dependent), and
the fit projects onto those columns, which have full column rank, with a QR factorisation:
no cut-off is involved.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class DomainMeans:
    """Weighted domain means and their calibrated variances, one entry per domain."""

    estimate: FloatArray
    variance: FloatArray
    weight_sum: FloatArray


def calibration_residual_variance(
    z: FloatArray, weights: FloatArray, model_matrix: FloatArray
) -> FloatArray:
    """Variance of totals of the influence values ``z`` (columns) after calibration.

    ``z`` has shape (m,) or (m, D) (the result has D entries, 1 for a vector);
    ``model_matrix`` is (m, q) and may be rank deficient (e.g. every ward dummy plus an
    intercept): residuals do not depend on the coding.
    """
    z2 = np.asarray(z, dtype=np.float64).reshape(len(weights), -1)
    w = np.asarray(weights, dtype=np.float64)
    u = z2 / w[:, None]
    beta, *_ = np.linalg.lstsq(np.asarray(model_matrix, dtype=np.float64), u, rcond=None)
    x = w[:, None] * (u - model_matrix @ beta)
    m = x.shape[0]
    centred = x - x.mean(axis=0)
    var = m / (m - 1) * np.einsum("ij,ij->j", centred, centred)
    return var


def domain_mean_general(
    y: FloatArray, domain: NDArray[np.bool_], weights: FloatArray, model_matrix: FloatArray
) -> DomainMeans:
    """Domain mean of ``y`` and its calibrated variance, respondent by respondent.

    ``y`` (m,), ``domain`` (m,) or (m, D) booleans; rows outside the domain still count in
    m and in the regression, as in R's ``subset()`` of a calibrated design. The values of
    ``y`` outside the domain are ignored (they may be NaN).
    """
    d = np.asarray(domain, dtype=np.float64).reshape(len(weights), -1)
    w = np.asarray(weights, dtype=np.float64)
    yy = np.where(d > 0, np.asarray(y, dtype=np.float64)[:, None], 0.0)
    weight_sum = (d * w[:, None]).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        estimate = (d * w[:, None] * yy).sum(axis=0) / weight_sum
        z = d * w[:, None] * (yy - estimate) / weight_sum
    variance = calibration_residual_variance(np.nan_to_num(z), w, model_matrix)
    variance = np.where(weight_sum > 0, variance, np.nan)
    return DomainMeans(estimate=estimate, variance=variance, weight_sum=weight_sum)


def additive_cell_model(n_rows: int, n_cols: int) -> FloatArray:
    """Model matrix of ``~row + col`` for the cells of an n_rows × n_cols table (row-major).

    Full dummy coding plus intercept (rank deficient on purpose: the fast path keeps an
    exactly chosen basis of its columns, see :func:`independent_columns`, and the
    residuals are the same as with R's treatment coding).
    """
    rows = np.repeat(np.arange(n_rows), n_cols)
    cols = np.tile(np.arange(n_cols), n_rows)
    x = np.zeros((n_rows * n_cols, 1 + n_rows + n_cols))
    x[:, 0] = 1.0
    x[np.arange(n_rows * n_cols), 1 + rows] = 1.0
    x[np.arange(n_rows * n_cols), 1 + n_rows + cols] = 1.0
    return x


def independent_columns(matrix: FloatArray) -> tuple[int, ...]:
    """Indices of a maximal set of linearly independent columns, decided exactly.

    Gaussian elimination over the rationals (every float is an exact rational, so there is
    no rounding and no cut-off) on the distinct rows of ``matrix``; the leftmost pivot
    columns are returned, so with ``[intercept, wards, ages]`` the intercept is kept and
    the last dependent dummy of each margin is dropped. Meant for model matrices with few
    distinct rows (dummies of cells): the cost grows with distinct rows × columns².
    """
    array = np.asarray(matrix, dtype=np.float64)
    if array.ndim != 2:
        raise ValueError("a model matrix has two dimensions")
    rows = [
        {j: Fraction(float(v)) for j, v in enumerate(row) if v != 0}
        for row in np.unique(array, axis=0)
    ]
    rows = [row for row in rows if row]
    pivots: list[int] = []
    for column in range(array.shape[1]):
        pivot = next((row for row in rows if column in row), None)
        if pivot is None:
            continue
        rows.remove(pivot)
        pivots.append(column)
        lead = pivot[column]
        for row in rows:
            factor = row.get(column)
            if factor is None:
                continue
            ratio = factor / lead
            for j, v in pivot.items():
                value = row.get(j, 0) - ratio * v
                if value:
                    row[j] = value
                else:
                    row.pop(j, None)
        rows = [row for row in rows if row]
    return tuple(pivots)


def projection_fit(design: FloatArray, values: FloatArray) -> FloatArray:
    """Least-squares fitted values of ``values`` (columns) on ``design`` of full column rank.

    A reduced QR factorisation gives the orthogonal projector Q Qᵀ onto the column space;
    with full column rank there is no rank decision to make, so no cut-off.
    """
    q, _ = np.linalg.qr(design, mode="reduced")
    return q @ (q.T @ values)


def domain_means_from_cells(
    cell_counts: NDArray[np.integer],
    cell_weights: FloatArray,
    cell_model: FloatArray,
    domain_n: FloatArray,
    domain_sum_y: FloatArray,
    domain_sum_y2: FloatArray,
) -> DomainMeans:
    """Fast path: the same quantities as :func:`domain_mean_general` from per-cell sums.

    ``cell_counts`` (C,) all weightable respondents per cell; ``cell_weights`` (C,) the
    weight of each of them; ``cell_model`` (C, q) the model matrix row of the cell;
    ``domain_n``, ``domain_sum_y``, ``domain_sum_y2`` (C, D) per cell and domain the
    count of domain members, the sum of their y and of their y^2. Empty cells are ignored.
    """
    counts = np.asarray(cell_counts, dtype=np.float64)
    keep = counts > 0
    n_c = counts[keep]
    w_c = np.asarray(cell_weights, dtype=np.float64)[keep]
    x_c = np.asarray(cell_model, dtype=np.float64)[keep]
    dn = np.asarray(domain_n, dtype=np.float64)[keep]
    sy = np.asarray(domain_sum_y, dtype=np.float64)[keep]
    syy = np.asarray(domain_sum_y2, dtype=np.float64)[keep]
    m = n_c.sum()

    weight_sum = w_c @ dn
    with np.errstate(invalid="ignore", divide="ignore"):
        estimate = (w_c @ sy) / weight_sum
        scale = np.where(weight_sum > 0, 1.0 / weight_sum, 0.0)
    p = np.nan_to_num(estimate)
    # u = z / w = d (y - p) / sum(d w): per cell, its sum s1 and sum of squares s2.
    s1 = (sy - p * dn) * scale
    s2 = (syy - 2 * p * sy + p * p * dn) * scale * scale
    # OLS of u on cell-constant regressors = fit of cell means weighted by cell counts,
    # on a basis of the model's columns chosen exactly (see the module docstring).
    root = np.sqrt(n_c)[:, None]
    basis = list(independent_columns(x_c))
    fitted = projection_fit(x_c[:, basis] * root, s1 / root) / root
    # Sum over a cell of x = w (u - f) and of x^2, with the within-cell part kept apart.
    mean_u = s1 / n_c[:, None]
    within = np.maximum(s2 - s1 * mean_u, 0.0)
    sum_x = w_c[:, None] * (s1 - n_c[:, None] * fitted)
    sum_x2 = (w_c * w_c)[:, None] * (within + n_c[:, None] * (mean_u - fitted) ** 2)
    total_x = sum_x.sum(axis=0)
    variance = m / (m - 1) * np.maximum(sum_x2.sum(axis=0) - total_x * total_x / m, 0.0)
    variance = np.where(weight_sum > 0, variance, np.nan)
    return DomainMeans(estimate=estimate, variance=variance, weight_sum=weight_sum)
