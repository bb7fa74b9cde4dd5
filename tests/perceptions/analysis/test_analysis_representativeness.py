"""Who we have not heard: shares, ratios, shortfalls and Kish effective n, by hand."""

import numpy as np
import pytest

from perceptions.analysis.representativeness import (
    kish_effective_n,
    wave_coverage,
    weight_spread,
)

WARDS = ("W1", "W2")
BANDS = ("young", "old")
# Residents: 100 young and 300 old in W1, 300 young and 300 old in W2 (1,000 in all).
POPULATION = np.array([[100.0, 300.0], [300.0, 300.0]])
# Respondents: 10 + 30 in W1, 5 + 55 in W2 (100 in all): W2's young are short.
COUNTS = np.array([[10, 30], [5, 55]])


def test_kish_effective_n_matches_a_hand_computation():
    # Weights 1, 1, 2, 4: (1+1+2+4)^2 / (1+1+4+16) = 64 / 22.
    assert kish_effective_n(np.array([1.0, 1.0, 2.0, 4.0])) == pytest.approx(64 / 22)
    # The same respondents as cells: weight 1 twice, then 2 and 4 once each.
    assert kish_effective_n(np.array([1.0, 2.0, 4.0]), np.array([2, 1, 1])) == pytest.approx(
        64 / 22
    )


def test_equal_weights_lose_no_precision():
    spread = weight_spread("borough", np.array([[3.0, 3.0]]), np.array([[4, 6]]))
    assert spread.effective_n == pytest.approx(10)
    assert spread.cv == pytest.approx(0)
    assert (spread.min_weight, spread.max_weight) == (3.0, 3.0)


def test_cv_and_effective_n_agree_with_kish_formula():
    weights, counts = np.array([1.0, 2.0, 4.0]), np.array([2, 1, 1])
    spread = weight_spread("w", weights, counts)
    values = np.repeat(weights, counts)
    cv = values.std() / values.mean()  # population form
    assert spread.cv == pytest.approx(cv)
    assert spread.effective_n == pytest.approx(4 / (1 + cv**2))


def test_shares_ratios_and_shortfalls_by_hand():
    coverage = wave_coverage(2024, COUNTS, POPULATION, WARDS, BANDS, missing=3)
    cells = {(r.ward, r.age_band): r for r in coverage.margin("ward_age")}
    w2_young = cells[("W2", "young")]
    assert w2_young.sample_share == pytest.approx(0.05)
    assert w2_young.population_share == pytest.approx(0.3)
    assert w2_young.ratio == pytest.approx(0.05 / 0.3)
    assert w2_young.expected == pytest.approx(30)
    assert w2_young.shortfall == pytest.approx(25)
    assert w2_young.flagged  # 5 respondents, and a ratio of 1/6
    w1_old = cells[("W1", "old")]
    assert w1_old.ratio == pytest.approx(1.0) and not w1_old.flagged

    wards = {r.ward: r for r in coverage.margin("ward")}
    assert wards["W1"].sample_share == pytest.approx(0.4)
    assert wards["W1"].population_share == pytest.approx(0.4)
    assert wards["W1"].ratio == pytest.approx(1.0)
    ages = {r.age_band: r for r in coverage.margin("age_band")}
    assert ages["young"].ratio == pytest.approx(0.15 / 0.4)
    assert coverage.respondents == 103 and coverage.missing == 3


def test_shortfalls_are_ranked_biggest_first_and_only_short_cells():
    coverage = wave_coverage(2024, COUNTS, POPULATION, WARDS, BANDS)
    ranked = coverage.shortfalls()
    assert [(r.ward, r.age_band) for r in ranked] == [("W2", "young")]
    assert ranked[0].shortfall == pytest.approx(25)


def test_weights_are_the_surveys_raking_and_meet_the_margins():
    coverage = wave_coverage(2024, COUNTS, POPULATION, WARDS, BANDS)
    borough = coverage.weights[0]
    assert borough.group == "borough" and borough.n == 100
    # Weights sum to the population: mean weight = 1,000 / 100.
    assert borough.mean_weight == pytest.approx(10)
    assert borough.effective_n < 100
    assert [s.group for s in coverage.weights] == ["borough", "W1", "W2"]
    assert coverage.weighting_error is None


def test_a_wave_missing_an_age_band_is_reported_unweighted():
    counts = np.array([[0, 30], [0, 55]])
    coverage = wave_coverage(2024, counts, POPULATION, WARDS, BANDS)
    assert coverage.weights == ()
    assert "no respondents in age band young" in coverage.weighting_error
    assert all(r.flagged for r in coverage.margin("age_band") if r.age_band == "young")
