"""The per-cell fast path against the respondent-level formula of the contract and R."""

import numpy as np
import pandas as pd
import pytest

from perceptions.analysis.measures import MEASURES_BY_CODE, AnswerClass
from perceptions.analysis.population import PopulationTotals
from perceptions.analysis.raking import rake_cells
from perceptions.analysis.variance import (
    additive_cell_model,
    calibration_residual_variance,
    domain_mean_general,
    domain_means_from_cells,
)

R_TOLERANCE = 1e-6  # contract fixtures: agreement with R survey


def _treatment_model(ward: np.ndarray, age: np.ndarray, n_wards: int, n_ages: int) -> np.ndarray:
    """R's model.matrix(~ward_code + age_band): intercept and treatment dummies."""
    x = np.zeros((len(ward), n_wards + n_ages - 1))
    x[:, 0] = 1.0
    for k in range(1, n_wards):
        x[:, k] = ward == k
    for a in range(1, n_ages):
        x[:, n_wards - 1 + a] = age == a
    return x


def _both_paths(ward, age, y, domains, population):
    n_wards, n_ages = len(population.wards), len(population.age_bands)
    counts = np.zeros((n_wards, n_ages), dtype=int)
    np.add.at(counts, (ward, age), 1)
    cells = rake_cells(counts, population)
    weights = cells.weights[ward, age]
    general = domain_mean_general(y, domains, weights, _treatment_model(ward, age, n_wards, n_ages))
    cell = ward * n_ages + age
    n_cells = n_wards * n_ages

    def per_cell(values):
        return np.stack(
            [np.bincount(cell, values * d, minlength=n_cells) for d in domains.T], axis=1
        )

    fast = domain_means_from_cells(
        counts.ravel(),
        np.nan_to_num(cells.weights).ravel(),
        additive_cell_model(n_wards, n_ages),
        per_cell(np.ones_like(y)),
        per_cell(y),
        per_cell(y * y),
    )
    return general, fast


def test_fast_path_equals_general_path_with_empty_cells_and_continuous_y():
    rng = np.random.default_rng(3)
    population = PopulationTotals(
        ("a", "b", "c", "d"), (400.0, 300.0, 200.0, 100.0), ("x", "y", "z"), (500.0, 300.0, 200.0)
    )
    ward = rng.integers(0, 4, 300)
    age = rng.integers(0, 3, 300)
    age[(ward == 3) & (age == 0)] = 1  # an empty cell
    y = rng.normal(2.0, 1.5, 300)
    domains = np.column_stack([np.ones(300, bool), ward == 0, age == 2, rng.random(300) < 0.1])
    general, fast = _both_paths(ward, age, y, domains, population)
    assert np.allclose(general.estimate, fast.estimate, rtol=1e-12)
    assert np.allclose(general.variance, fast.variance, rtol=1e-9)
    assert np.allclose(general.weight_sum, fast.weight_sum, rtol=1e-12)


def test_general_and_fast_paths_match_r(responses, population, reference):
    r = pd.DataFrame(reference["domains"]).dropna(subset=["se"])
    measure = MEASURES_BY_CODE["feel_safe_night"]
    for wave in (2022, 2023):
        frame = responses[responses["wave"] == wave].dropna(subset=["ward_code", "age_band"])
        ward = frame["ward_code"].map(population.wards.index).to_numpy()
        age = frame["age_band"].map(population.age_bands.index).to_numpy()
        classes = frame[measure.code].map(measure.classify).to_numpy()
        base = (classes == AnswerClass.POSITIVE) | (classes == AnswerClass.NEGATIVE)
        y = (classes == AnswerClass.POSITIVE).astype(float)
        domains = np.column_stack([base, base & (ward == 1), base & (age == 0)])
        general, fast = _both_paths(ward, age, y, domains, population)
        expected = r[(r.wave == wave) & (r.measure == measure.code)].set_index("group_value")
        r_se = expected.loc[["all", population.wards[1], population.age_bands[0]], "se"]
        assert np.max(np.abs(np.sqrt(general.variance) - r_se.to_numpy())) < R_TOLERANCE
        assert np.allclose(general.variance, fast.variance, rtol=1e-10)


def test_single_stratum_is_simple_random_sampling():
    """One margin category each: weights are equal and var = p(1-p)/(n-1)."""
    y = np.array([1.0] * 30 + [0.0] * 70)
    w = np.full(100, 12.5)
    result = domain_mean_general(y, np.ones(100, bool), w, np.ones((100, 1)))
    assert result.estimate[0] == pytest.approx(0.3)
    assert result.variance[0] == pytest.approx(0.3 * 0.7 / 99, rel=1e-12)


def test_residual_variance_is_coding_invariant():
    rng = np.random.default_rng(5)
    group = rng.integers(0, 3, 50)
    z = rng.normal(size=(50, 2))
    w = rng.uniform(1, 3, 50)
    full = np.column_stack([np.ones(50), *(group == g for g in range(3))]).astype(float)
    treatment = full[:, [0, 2, 3]]
    assert np.allclose(
        calibration_residual_variance(z, w, full), calibration_residual_variance(z, w, treatment)
    )
