import numpy as np
import pytest
from scipy import stats

from perceptions.analysis.intervals import (
    bh_qvalues,
    logit_ci,
    minimum_detectable_change,
    two_sided_p,
)


def test_bh_against_hand_computation():
    p = np.array([0.01, 0.04, 0.03, 0.005, np.nan, 0.5])
    # m = 5 tests, sorted: 0.005, 0.01, 0.03, 0.04, 0.5
    # raw p*m/rank: 0.025, 0.025, 0.05, 0.05, 0.5; cumulative minimum from the top.
    expected = np.array([0.025, 0.05, 0.05, 0.025, np.nan, 0.5])
    assert np.allclose(bh_qvalues(p), expected, equal_nan=True)
    assert np.isnan(bh_qvalues(np.array([np.nan]))).all()


def test_logit_ci_formula_and_nulls():
    low, high = logit_ci([0.3, 0.0, 1.0, 0.4], [0.05, 0.0, 0.0, np.nan], [40, 40, 40, 40])
    t = stats.t.ppf(0.975, 39)
    logit = np.log(0.3 / 0.7)
    half = t * 0.05 / (0.3 * 0.7)
    assert low[0] == pytest.approx(1 / (1 + np.exp(-(logit - half))), rel=1e-14)
    assert high[0] == pytest.approx(1 / (1 + np.exp(-(logit + half))), rel=1e-14)
    assert np.isnan(low[1:]).all()
    assert np.isnan(high[1:]).all()


def test_two_sided_p():
    assert two_sided_p(1.959963984540054) == pytest.approx(0.05, rel=1e-12)
    assert two_sided_p(-1.0) == pytest.approx(2 * stats.norm.cdf(-1.0))


def test_minimum_detectable_change():
    # (1.959964 + 0.841621) * sqrt(0.25 * 2 / 1000) = 0.0626...
    assert minimum_detectable_change(1000) == pytest.approx(0.062645, abs=1e-6)
    assert minimum_detectable_change(1000, design_effect=2.0) == pytest.approx(
        0.062645 * np.sqrt(2), abs=1e-6
    )
    assert minimum_detectable_change(500, p=0.2, n_other=2000) < minimum_detectable_change(
        500, p=0.5, n_other=2000
    )
    with pytest.raises(ValueError):
        minimum_detectable_change(0)
