"""Sparse 680 × 5 waves (seeds 8, 23, 59) against R and the respondent-level path (issue 18).

The fixtures (``fixtures/sparse_*``, from ``perceptions/r/make_fixtures.R``) have weights
from about 9 to 11,400, empty ward × age cells, an all-positive ward, a ward where nobody
trusts the police, a ward with 85% don't know, and a 2026 wave with no respondents in one
ward. This is the data on which the old rank cut-off moved standard errors by 1%.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from perceptions.analysis.measures import MEASURES_BY_CODE, AnswerClass
from perceptions.analysis.population import read_census_totals
from perceptions.analysis.report import build_report, estimate_waves
from perceptions.analysis.variance import domain_mean_general
from tests.perceptions.analysis.conftest import FIXTURES

R_TOLERANCE = 1e-6  # contract fixtures: agreement with R survey (as for the main fixtures)
PATHS_TOLERANCE = 1e-9  # fast (cell) path against the respondent-level path
STATS = ["estimate", "se", "ci_low", "ci_high", "design_effect", "dont_know"]
SEEDS = {2023: 8, 2024: 23, 2025: 59}


@pytest.fixture(scope="module")
def sparse():
    population = read_census_totals(str(FIXTURES / "sparse_census.csv"))
    responses = pd.read_csv(FIXTURES / "sparse_responses.csv", dtype=str).astype({"wave": int})
    reference = json.loads((FIXTURES / "sparse_reference.json").read_text())
    results, unweighted = estimate_waves(responses, population)
    return population, responses, reference, results, unweighted


def _frame(results) -> pd.DataFrame:
    rows = []
    for result in results:
        for j, measure in enumerate(result.measures):
            for g, (group, value) in enumerate(result.groups):
                row = {"wave": result.wave, "measure": measure, "group": group,
                       "group_value": value, "n": int(result.n[j, g])}  # fmt: skip
                row.update({key: float(getattr(result, key)[j, g]) for key in STATS})
                rows.append(row)
    return pd.DataFrame(rows)


def test_the_fixtures_are_as_hard_as_the_issue_says(sparse):
    population, responses, reference, _results, unweighted = sparse
    assert reference["seeds"] == {"2023": 8, "2024": 23, "2025": 59, "2026": 97}
    weights = pd.DataFrame(reference["weights"])["weight"]
    assert weights.min() < 11 and weights.max() > 11_000
    for wave in SEEDS:
        frame = responses[responses["wave"] == wave].dropna(subset=["ward_code", "age_band"])
        assert 600 < len(frame) <= 680
        cells = pd.crosstab(frame["ward_code"], frame["age_band"])
        assert (cells == 0).to_numpy().sum() >= 10  # empty ward × age cells
    assert [u.wave for u in unweighted] == [2026]
    assert unweighted[0].reason == reference["unweighted_waves"][0]["reason"]


def test_weights_match_r(sparse):
    population, responses, reference, results, _ = sparse
    r = pd.DataFrame(reference["weights"])
    for result in results:
        frame = responses[responses["wave"] == result.wave].dropna(subset=["ward_code", "age_band"])
        ward = frame["ward_code"].map(population.wards.index).to_numpy()
        age = frame["age_band"].map(population.age_bands.index).to_numpy()
        ours = pd.Series(result.cell_weights.weights[ward, age], index=frame["respondent_id"])
        theirs = r[r["wave"] == result.wave].set_index("respondent_id")["weight"]
        np.testing.assert_allclose(ours.loc[theirs.index], theirs, rtol=R_TOLERANCE)


def test_estimates_and_standard_errors_match_r(sparse):
    _population, _responses, reference, results, _ = sparse
    r = pd.DataFrame(reference["domains"])
    merged = r.merge(
        _frame(results), on=["wave", "measure", "group", "group_value"], suffixes=("_r", "")
    )
    assert len(merged) == len(r) == 3 * 5 * 26
    assert (merged["n_r"] == merged["n"]).all()
    for key in STATS:
        expected = merged[f"{key}_r"].astype(float).to_numpy()
        got = merged[key].to_numpy()
        present = ~np.isnan(expected)
        assert np.array_equal(present, ~np.isnan(got)), key
        np.testing.assert_allclose(got[present], expected[present], rtol=0, atol=R_TOLERANCE)


def test_changes_p_and_q_values_match_r(sparse):
    population, responses, reference, _results, _ = sparse
    report = build_report(responses, population, survey="sparse")
    ours = pd.DataFrame([row.to_dict() for row in report.changes])
    r = pd.DataFrame(reference["changes"])
    assert len(ours) == len(r)
    merged = r.merge(ours, on=["measure", "group", "group_value", "from_wave", "to_wave"])
    assert len(merged) == len(r)
    assert (merged["p_value_x"].isna() == merged["p_value_y"].isna()).all()  # se 0: untested
    tested = merged["p_value_x"].notna()
    assert (~tested).any()  # the all-alike wards
    for key in ["difference", "se"]:
        np.testing.assert_allclose(merged[f"{key}_x"], merged[f"{key}_y"], atol=R_TOLERANCE)
    for key in ["p_value", "q_value"]:
        np.testing.assert_allclose(
            merged.loc[tested, f"{key}_x"], merged.loc[tested, f"{key}_y"], atol=R_TOLERANCE
        )


@pytest.mark.parametrize("wave", sorted(SEEDS))
def test_fast_path_equals_the_respondent_level_path(sparse, wave):
    population, responses, _reference, results, _ = sparse
    [result] = [r for r in results if r.wave == wave]
    frame = responses[responses["wave"] == wave].dropna(subset=["ward_code", "age_band"])
    ward = frame["ward_code"].map(population.wards.index).to_numpy()
    age = frame["age_band"].map(population.age_bands.index).to_numpy()
    n_wards, n_ages = len(population.wards), len(population.age_bands)
    model = np.zeros((len(ward), n_wards + n_ages - 1))
    model[:, 0] = 1.0
    for k in range(1, n_wards):
        model[:, k] = ward == k
    for a in range(1, n_ages):
        model[:, n_wards - 1 + a] = age == a
    weights = result.cell_weights.weights[ward, age]
    asked = [(j, code) for j, code in enumerate(result.measures) if code in frame]
    assert len(asked) == 5
    for j, code in asked:
        measure = MEASURES_BY_CODE[code]
        classes = frame[code].map(measure.classify).to_numpy()
        base = (classes == AnswerClass.POSITIVE) | (classes == AnswerClass.NEGATIVE)
        y = (classes == AnswerClass.POSITIVE).astype(float)
        domains = np.column_stack(
            [base]
            + [base & (ward == k) for k in range(n_wards)]
            + [base & (age == a) for a in range(n_ages)]
        )
        general = domain_mean_general(y, domains, weights, model)
        fast_se = result.se[j]
        usable = result.n[j] >= 2
        np.testing.assert_allclose(result.estimate[j][usable], general.estimate[usable], rtol=1e-12)
        # atol: an all-alike domain has variance 0; both paths leave rounding near 1e-18.
        np.testing.assert_allclose(
            fast_se[usable] ** 2, general.variance[usable], rtol=PATHS_TOLERANCE, atol=1e-16
        )
