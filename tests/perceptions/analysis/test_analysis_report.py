"""The contract report against R's survey package and textbook cases."""

import json

import numpy as np
import pandas as pd
import pytest

from perceptions.analysis.intervals import bh_qvalues
from perceptions.analysis.measures import QUESTION_CODES
from perceptions.analysis.population import PopulationTotals
from perceptions.analysis.report import (
    CHANGE_KEYS,
    ESTIMATE_KEYS,
    build_report,
    estimate_waves,
    minimum_detectable_change,
)

R_TOLERANCE = 1e-6  # contract fixtures: agreement with R survey
STATS = ["estimate", "se", "ci_low", "ci_high", "design_effect", "dont_know"]


def _frame(results) -> pd.DataFrame:
    """Unsuppressed per-wave arrays as one row per wave × measure × group."""
    rows = []
    for result in results:
        for j, measure in enumerate(result.measures):
            for g, (group, value) in enumerate(result.groups):
                row = {"wave": result.wave, "measure": measure, "group": group}
                row["group_value"] = value
                row["n"] = int(result.n[j, g])
                row.update({key: float(getattr(result, key)[j, g]) for key in STATS})
                rows.append(row)
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def report(responses, population):
    return build_report(responses, population, survey="fixture-survey")


def test_estimates_match_r(responses, population, reference):
    results, _ = estimate_waves(responses, population)
    ours = _frame(results)
    r = pd.DataFrame(reference["domains"])
    merged = r.merge(ours, on=["wave", "measure", "group", "group_value"], suffixes=("_r", ""))
    assert len(merged) == len(r) == 100
    assert (merged["n_r"] == merged["n"]).all()
    worst = 0.0
    for key in STATS:
        expected = merged[f"{key}_r"].astype(float).to_numpy()
        got = merged[key].to_numpy()
        present = ~np.isnan(expected)
        assert np.array_equal(present, ~np.isnan(got)), key
        worst = max(worst, float(np.max(np.abs(got[present] - expected[present]))))
    assert worst < R_TOLERANCE


def test_changes_match_r(report, reference):
    r = pd.DataFrame(reference["changes"])
    ours = pd.DataFrame([row.to_dict() for row in report.changes])
    assert len(ours) == len(r)
    merged = r.merge(ours, on=["measure", "group", "group_value", "from_wave", "to_wave"])
    assert len(merged) == len(r)
    for key in ["difference", "se", "p_value", "q_value"]:
        assert np.allclose(merged[f"{key}_x"], merged[f"{key}_y"], rtol=0, atol=R_TOLERANCE)
    assert (merged["significant"] == (merged["q_value_x"] < 0.05)).all()


def test_unrakable_wave_listed_with_reason(report):
    assert [u.to_dict() for u in report.unweighted_waves] == [
        {"wave": 2024, "reason": "no respondents in ward E05013970"}
    ]
    assert {row.wave for row in report.estimates} == {2022, 2023}


def test_every_wave_question_group_has_a_row(report, population):
    keys = {(r.wave, r.measure, r.group, r.group_value) for r in report.estimates}
    groups = (
        [("borough", "all")]
        + [("ward", w) for w in population.wards]
        + [("age_band", a) for a in population.age_bands]
    )
    expected = {(w, m, *g) for w in (2022, 2023) for m in QUESTION_CODES for g in groups}
    assert keys == expected
    assert len(report.estimates) == len(expected)
    # Questions the waves did not ask have rows with n = 0.
    assert all(r.n == 0 and r.suppressed for r in report.estimates if r.measure == "relied_on")


def test_json_has_exactly_the_contract_keys(report):
    document = json.loads(json.dumps(report.to_dict(), allow_nan=False))
    assert set(document) >= {"survey", "weighting", "estimates", "changes"}
    assert document["weighting"] == {
        "method": "raking",
        "margins": ["ward_code", "age_band"],
        "trim": None,
    }
    for row in document["estimates"]:
        assert set(ESTIMATE_KEYS) <= set(row)
        assert set(row) - set(ESTIMATE_KEYS) == {"design_effect", "effective_n"}
    for row in document["changes"]:
        assert set(row) == set(CHANGE_KEYS)
    assert isinstance(document["estimates"][0]["wave"], int)


def test_suppression_and_low_base(report):
    small = [r for r in report.estimates if 0 < r.n < 10]
    assert small, "the fixture has small domains"
    for row in report.estimates:
        assert row.suppressed == (row.n < 10)
        assert row.low_base == (row.n < 50)
        hidden = [row.estimate, row.se, row.ci_low, row.ci_high, row.dont_know]
        if row.suppressed:
            assert hidden == [None] * 5
            assert row.design_effect is None and row.effective_n is None
        else:
            assert None not in hidden[:4]
    suppressed = {(r.wave, r.measure, r.group, r.group_value) for r in small}
    for change in report.changes:
        for wave in (change.from_wave, change.to_wave):
            key = (wave, change.measure, change.group, change.group_value)
            assert key not in suppressed


def test_unweightable_counts(responses, report):
    wave = responses[responses["wave"] == 2022]
    answered = wave["good_job"].notna() & ~wave["good_job"].isin(["dont_know", "refused"])
    lacking = wave["ward_code"].isna() | wave["age_band"].isna()
    rows = {
        (r.group, r.group_value): r
        for r in report.estimates
        if r.wave == 2022 and r.measure == "good_job"
    }
    assert rows[("borough", "all")].unweightable == int((answered & lacking).sum())
    assert rows[("borough", "all")].n == int((answered & ~lacking).sum())
    ward = wave["ward_code"] == "E05013968"
    assert rows[("ward", "E05013968")].unweightable == int((answered & ward & lacking).sum())
    band = wave["age_band"] == "65+"
    assert rows[("age_band", "65+")].unweightable == int((answered & band & lacking).sum())


def test_categorical_input_gives_the_same_report(responses, population, report):
    categorical = responses.astype({c: "category" for c in responses.columns if c != "wave"})
    again = build_report(categorical, population, survey="fixture-survey")
    assert again.to_dict() == report.to_dict()


def _synthetic(rows: list[tuple], columns=("wave", "ward_code", "age_band", "good_job")):
    frame = pd.DataFrame(rows, columns=list(columns))
    frame.insert(1, "respondent_id", [f"r{i}" for i in range(len(frame))])
    return frame


def test_population_proportional_to_sample_gives_simple_proportions():
    rng = np.random.default_rng(11)
    wards, bands = ["E05000001", "E05000002"], ["16-24", "65+"]
    rows = []
    for ward_i, ward in enumerate(wards):
        for band_i, band in enumerate(bands):
            for _ in range(20 + 10 * ward_i + 5 * band_i):
                rows.append((2024, ward, band, rng.choice(["good", "poor", "fair", "dont_know"])))
    frame = _synthetic(rows)
    counts = frame.groupby(["ward_code"]).size() * 3.0
    ages = frame.groupby(["age_band"]).size() * 3.0
    population = PopulationTotals.from_margins(counts, ages)
    results, _ = estimate_waves(frame, population)
    weights = results[0].cell_weights.weights
    assert np.allclose(weights, 3.0, rtol=1e-12)
    rows_by_group = {
        (r.group, r.group_value): r
        for r in build_report(frame, population, survey="s").estimates
        if r.measure == "good_job"
    }
    base = frame[frame["good_job"] != "dont_know"]
    simple = {("borough", "all"): (base["good_job"] == "good").mean()}
    for ward in wards:
        simple[("ward", ward)] = (base.loc[base.ward_code == ward, "good_job"] == "good").mean()
    for key, expected in simple.items():
        assert rows_by_group[key].estimate == pytest.approx(expected, rel=1e-12)
    assert rows_by_group[("borough", "all")].dont_know == pytest.approx(
        (frame["good_job"] == "dont_know").mean(), rel=1e-12
    )


def test_single_stratum_and_certain_answers():
    """One ward and one age band: weights equal, var = p(1-p)/(n-1); p = 1 has no CI."""
    population = PopulationTotals.from_margins({"E05000001": 1000.0}, {"35-49": 1000.0})
    rows = []
    for wave, good in ((2023, 30), (2024, 45)):
        rows += [(wave, "E05000001", "35-49", "good" if i < good else "poor", "yes")
                 for i in range(100)]  # fmt: skip
    frame = _synthetic(rows, ("wave", "ward_code", "age_band", "good_job", "contact_ward_officer"))
    report = build_report(frame, population, survey="s")
    borough = {(r.wave, r.measure): r for r in report.estimates if r.group == "borough"}
    row = borough[(2024, "good_job")]
    assert row.estimate == pytest.approx(0.45, rel=1e-12)
    assert row.se == pytest.approx(np.sqrt(0.45 * 0.55 / 99), rel=1e-10)
    certain = borough[(2024, "contact_ward_officer")]
    assert certain.estimate == 1.0
    assert certain.se == 0.0
    assert certain.ci_low is None and certain.ci_high is None
    assert certain.design_effect is None
    changes = {(c.measure, c.group): c for c in report.changes}
    flat = changes[("contact_ward_officer", "borough")]
    assert flat.se == 0.0 and flat.difference == 0.0
    assert flat.p_value is None and flat.q_value is None and flat.significant is False
    tested = [c for c in report.changes if c.p_value is not None]
    q = bh_qvalues(np.array([c.p_value for c in tested]))
    assert np.allclose([c.q_value for c in tested], q)
    assert changes[("good_job", "borough")].significant


def test_do_not_go_out_is_in_the_base():
    population = PopulationTotals.from_margins({"E05000001": 500.0}, {"65+": 500.0})
    answers = ["very_safe"] * 12 + ["do_not_go_out"] * 8 + ["dont_know"] * 5 + [None] * 3
    frame = _synthetic(
        [(2024, "E05000001", "65+", a) for a in answers],
        ("wave", "ward_code", "age_band", "feel_safe_night"),
    )
    row = next(
        r
        for r in build_report(frame, population, survey="s").estimates
        if r.measure == "feel_safe_night" and r.group == "borough"
    )
    assert row.n == 20
    assert row.estimate == pytest.approx(12 / 20)
    assert row.dont_know == pytest.approx(5 / 25)


def test_reasons_for_unweighted_waves():
    population = PopulationTotals.from_margins(
        {"E05000001": 500.0, "E05000002": 500.0}, {"16-24": 400.0, "65+": 600.0}
    )
    rows = [(2022, "E05000001", "65+", "good"), (2022, "E05000002", "65+", "good")]
    rows += [(2023, "E05000001", "16-24", "good"), (2023, "E05000002", "65+", "good")]
    rows += [(2023, "E05099999", "65+", "good"), (2023, None, "16-24", "poor")]
    report = build_report(_synthetic(rows), population, survey="s", waves=[2021])
    assert [u.to_dict() for u in report.unweighted_waves] == [
        {"wave": 2021, "reason": "no weightable respondents"},
        {"wave": 2022, "reason": "no respondents in age band 16-24"},
        {"wave": 2023, "reason": "ward E05099999 is not in the population totals"},
    ]
    assert report.estimates == () and report.changes == ()


def test_unknown_codes_in_categorical_input():
    population = PopulationTotals.from_margins({"E05000001": 1.0}, {"65+": 1.0})
    frame = _synthetic([(2024, "E05000009", "65+", "good"), (2024, "E05000001", "65+", "")])
    frame = frame.astype({"ward_code": "category", "good_job": "category"})
    report = build_report(frame, population, survey="s")
    assert report.unweighted_waves[0].reason == "ward E05000009 is not in the population totals"
    frame["good_job"] = pd.Categorical(["good", "grand"])
    with pytest.raises(ValueError, match="unknown answer code 'grand'"):
        build_report(frame, population, survey="s")


def test_unknown_answer_code_is_an_error():
    population = PopulationTotals.from_margins({"E05000001": 1.0}, {"65+": 1.0})
    with pytest.raises(ValueError, match="unknown answer code 'grand'"):
        build_report(_synthetic([(2024, "E05000001", "65+", "grand")]), population, survey="s")


def test_minimum_detectable_change_is_exported():
    assert minimum_detectable_change(1000, p=0.5, design_effect=1.5) == pytest.approx(
        0.062645 * np.sqrt(1.5), abs=1e-6
    )
