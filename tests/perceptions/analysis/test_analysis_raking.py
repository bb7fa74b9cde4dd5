import numpy as np
import pandas as pd
import pytest

from perceptions.analysis.population import PopulationTotals
from perceptions.analysis.raking import RakingError, Trim, rake, rake_cells
from perceptions.analysis.report import estimate_waves

R_TOLERANCE = 1e-6  # contract fixtures: agreement with R survey


def _cell_table(frame: pd.DataFrame, population: PopulationTotals) -> np.ndarray:
    table = pd.crosstab(frame["ward_code"], frame["age_band"])
    return table.reindex(
        index=list(population.wards), columns=list(population.age_bands), fill_value=0
    ).to_numpy()


def test_weights_match_r(responses, population, reference):
    r = pd.DataFrame(reference["weights"])
    worst = 0.0
    for wave, expected in r.groupby("wave"):
        frame = responses[responses["wave"] == wave].set_index("respondent_id")
        cells = rake_cells(
            _cell_table(frame.dropna(subset=["ward_code", "age_band"]), population), population
        )
        k = frame.loc[expected["respondent_id"], "ward_code"].map(population.wards.index)
        a = frame.loc[expected["respondent_id"], "age_band"].map(population.age_bands.index)
        ours = cells.weights[k.to_numpy(), a.to_numpy()]
        worst = max(worst, float(np.max(np.abs(ours - expected["weight"].to_numpy()))))
        assert cells.max_relative_error <= 1e-10
        assert ours.sum() == pytest.approx(population.total, rel=1e-12)
    assert worst < R_TOLERANCE


def test_margins_met_to_contract_tolerance(responses, population):
    results, _ = estimate_waves(responses, population)
    for result in results:
        w, counts = result.cell_weights.weights, result.cell_weights.counts
        totals = np.nan_to_num(w) * counts
        assert np.allclose(totals.sum(axis=1), population.ward_totals, rtol=1e-10, atol=0)
        assert np.allclose(totals.sum(axis=0), population.age_totals, rtol=1e-10, atol=0)


def test_unit_level_and_cell_level_agree():
    rng = np.random.default_rng(1)
    ward = rng.integers(0, 3, 500)
    age = rng.integers(0, 4, 500)
    ward_totals = np.array([300.0, 500.0, 200.0])
    age_totals = np.array([100.0, 400.0, 250.0, 250.0])
    units = rake([ward, age], [ward_totals, age_totals]).weights
    population = PopulationTotals(
        ("a", "b", "c"), tuple(ward_totals), ("1", "2", "3", "4"), tuple(age_totals)
    )
    counts = np.zeros((3, 4), dtype=int)
    np.add.at(counts, (ward, age), 1)
    cells = rake_cells(counts, population).weights
    assert np.allclose(units, cells[ward, age], rtol=1e-10)


def test_empty_categories_are_reasons():
    population = PopulationTotals.from_margins(
        {"E05013969": 60.0, "E05013970": 40.0}, {"16-24": 30.0, "25-34": 70.0}
    )
    with pytest.raises(RakingError) as caught:
        rake_cells(np.array([[0, 5], [0, 0]]), population)
    assert caught.value.reasons == (
        "no respondents in ward E05013970",
        "no respondents in age band 16-24",
    )
    with pytest.raises(RakingError, match="no weightable respondents"):
        rake_cells(np.zeros((2, 2), dtype=int), population)


def test_disagreeing_margins_are_a_reason():
    with pytest.raises(RakingError, match="disagree"):
        rake([np.array([0, 1]), np.array([0, 1])], [[1.0, 2.0], [1.0, 1.0]])


def test_trimming_keeps_bounds_and_margins():
    rng = np.random.default_rng(7)
    ward = rng.choice(3, 400, p=[0.6, 0.3, 0.1])
    age = rng.choice(2, 400, p=[0.85, 0.15])
    totals = [np.array([300.0, 300.0, 400.0]), np.array([500.0, 500.0])]

    def ratio(w):
        return w / w.mean()

    untrimmed = rake([ward, age], totals)
    assert ratio(untrimmed.weights).max() > 10.0
    trim = Trim(0.2, 10.0)
    trimmed = rake([ward, age], totals, trim=trim)
    assert trimmed.trimmed
    assert ratio(trimmed.weights).max() <= 10.0 * (1 + 1e-12)
    assert ratio(trimmed.weights).min() >= 0.2 * (1 - 1e-12)
    assert np.allclose(np.bincount(ward, trimmed.weights), totals[0], rtol=1e-10, atol=0)
    assert np.allclose(np.bincount(age, trimmed.weights), totals[1], rtol=1e-10, atol=0)
    assert trim.to_dict() == {"lower": 0.2, "upper": 10.0}
    # Bounds that do not bind change nothing; impossible bounds are a reason.
    loose = rake([ward, age], totals, trim=Trim(0.01, 100.0))
    assert not loose.trimmed
    assert np.array_equal(loose.weights, untrimmed.weights)
    with pytest.raises(RakingError, match="trim bounds"):
        rake([ward, age], totals, trim=Trim(0.9, 1.1))


def test_trim_bounds_validated():
    with pytest.raises(ValueError):
        Trim(1.5, 2.0)
