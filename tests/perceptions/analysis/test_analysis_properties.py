"""Properties that must hold for any data: weights meet the margins, estimates and
intervals stay in [0, 1], suppression holds for every group."""

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from perceptions.analysis.measures import AGE_BANDS
from perceptions.analysis.population import PopulationTotals
from perceptions.analysis.raking import RakingError, rake
from perceptions.analysis.report import build_report

WARDS = ("E05000001", "E05000002", "E05000003")
ANSWERS = ("very_well", "fairly_well", "not_at_all", "dont_know", "refused", None)


@st.composite
def waves(draw):
    n = draw(st.integers(min_value=1, max_value=120))
    rows = []
    for i in range(n):
        rows.append(
            {
                "wave": draw(st.sampled_from([2023, 2024])),
                "respondent_id": str(i),
                "ward_code": draw(st.sampled_from([*WARDS, None])),
                "age_band": draw(st.sampled_from([*AGE_BANDS, None])),
                "informed_local": draw(st.sampled_from(ANSWERS)),
            }
        )
    return pd.DataFrame(rows)


@st.composite
def populations(draw):
    wards = [draw(st.integers(min_value=100, max_value=10_000)) for _ in WARDS]
    total = sum(wards)
    shares = [draw(st.integers(min_value=1, max_value=100)) for _ in AGE_BANDS]
    ages = [total * s / sum(shares) for s in shares]
    return PopulationTotals.from_margins(
        dict(zip(WARDS, wards, strict=True)), dict(zip(AGE_BANDS, ages, strict=True))
    )


@given(
    ward_codes=st.lists(st.integers(0, 2), min_size=3, max_size=200),
    data=st.data(),
)
def test_raked_weights_reproduce_both_margins(ward_codes, data):
    age_codes = data.draw(
        st.lists(st.integers(0, 4), min_size=len(ward_codes), max_size=len(ward_codes))
    )
    ward_totals = data.draw(st.lists(st.floats(10, 1e5), min_size=3, max_size=3))
    shares = data.draw(st.lists(st.floats(0.05, 1), min_size=5, max_size=5))
    age_totals = [sum(ward_totals) * s / sum(shares) for s in shares]
    wards, ages = np.array(ward_codes), np.array(age_codes)
    try:
        result = rake([wards, ages], [ward_totals, age_totals])
    except RakingError as error:
        # Only a margin category with nobody in it (or no convergence) may refuse.
        assert error.reasons
        return
    for codes, totals in ((wards, ward_totals), (ages, age_totals)):
        got = np.bincount(codes, weights=result.weights, minlength=len(totals))
        np.testing.assert_allclose(got, totals, rtol=1e-9)
    assert np.all(result.weights > 0)


@given(responses=waves(), population=populations())
def test_estimates_stay_in_range_and_small_groups_are_suppressed(responses, population):
    report = build_report(
        responses, population, survey="property", measures=_informed_only()
    ).to_dict()
    for row in report["estimates"]:
        if row["n"] < 10:
            assert row["suppressed"]
            assert all(row[k] is None for k in ("estimate", "se", "ci_low", "ci_high", "dont_know"))
        if row["n"] < 50:
            assert row["low_base"]
        for key in ("estimate", "ci_low", "ci_high", "dont_know"):
            if row[key] is not None:
                assert -1e-12 <= row[key] <= 1 + 1e-12
        if row["ci_low"] is not None:
            assert row["ci_low"] <= row["estimate"] <= row["ci_high"]
    for change in report["changes"]:
        if change["q_value"] is not None:
            assert change["p_value"] <= change["q_value"] + 1e-12 <= 1 + 1e-12


def _informed_only():
    from perceptions.analysis.measures import MEASURES_BY_CODE

    return (MEASURES_BY_CODE["informed_local"],)
