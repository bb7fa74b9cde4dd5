"""Confidence intervals, p-values and Benjamini-Hochberg q-values (contract sections 3-4).

Vectorised over NumPy arrays; NaN stands for the report's null.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

# scipy.special holds the distribution functions scipy.stats wraps; importing it alone
# saves about a second on every process start (web workers, commands, tests).
from scipy import special

FloatArray = NDArray[np.float64]

#: The normal quantile of a two-sided 95% interval (1.959963984540054).
Z_95 = float(special.ndtri(0.975))


def logit_ci(
    p: ArrayLike, se: ArrayLike, n: ArrayLike, level: float = 0.95
) -> tuple[FloatArray, FloatArray]:
    """Logit-scale interval ``expit(logit(p) ± t(1-α/2, n-1) · se / (p(1-p)))``.

    This is R's ``svyciprop(method="xlogit")`` whose default degrees of freedom for a
    domain of n respondents are n - 1. NaN where p is exactly 0 or 1, where n < 2 or
    where p or se is NaN: the contract has null there.
    """
    p_arr = np.asarray(p, dtype=np.float64)
    se_arr = np.asarray(se, dtype=np.float64)
    n_arr = np.asarray(n, dtype=np.float64)
    ok = (p_arr > 0) & (p_arr < 1) & (n_arr >= 2) & np.isfinite(se_arr)
    safe_p = np.where(ok, p_arr, 0.5)
    df = np.where(ok, n_arr - 1, 1.0)
    t = special.stdtrit(df, 0.5 + level / 2)
    half = t * np.where(ok, se_arr, 0.0) / (safe_p * (1 - safe_p))
    centre = special.logit(safe_p)
    low = np.where(ok, special.expit(centre - half), np.nan)
    high = np.where(ok, special.expit(centre + half), np.nan)
    return low, high


def two_sided_p(z: ArrayLike) -> FloatArray:
    """Two-sided normal p-value ``2Φ(-|z|)`` (NaN stays NaN)."""
    return 2.0 * special.ndtr(-np.abs(np.asarray(z, dtype=np.float64)))


def bh_qvalues(p_values: ArrayLike) -> FloatArray:
    """Benjamini-Hochberg adjusted p-values (R's ``p.adjust(p, "BH")``).

    NaN entries are left out of the adjustment (they do not count in the number of
    tests) and stay NaN, as the contract requires for changes whose se is 0.
    """
    p = np.asarray(p_values, dtype=np.float64)
    q = np.full(p.shape, np.nan)
    valid = np.flatnonzero(~np.isnan(p))
    m = len(valid)
    if m == 0:
        return q
    order = valid[np.argsort(p[valid], kind="stable")]
    ranked = p[order] * m / np.arange(1, m + 1)
    q[order] = np.minimum(1.0, np.minimum.accumulate(ranked[::-1])[::-1])
    return q


def minimum_detectable_change(
    n: float,
    p: float = 0.5,
    design_effect: float = 1.0,
    *,
    n_other: float | None = None,
    alpha: float = 0.05,
    power: float = 0.8,
) -> float:
    """Smallest true change between two independent waves detected with the given power.

    ``(z(1-α/2) + z(power)) · sqrt(deff · p(1-p) · (1/n + 1/n_other))``; ``n_other``
    defaults to ``n`` (two waves of the planned size). Used to plan sample sizes: with
    p = 0.5, deff = 1 and n = 1,000 per wave it is about 6.3 points.
    """
    if n <= 0 or (n_other is not None and n_other <= 0):
        raise ValueError("sample sizes must be positive")
    other = n if n_other is None else n_other
    z = special.ndtri(1 - alpha / 2) + special.ndtri(power)
    return float(z * np.sqrt(design_effect * p * (1 - p) * (1 / n + 1 / other)))
