"""Fear-gap quadrants and PAS benchmark rows (pure)."""

from perceptions.analysis.benchmarks import benchmark_rows
from perceptions.analysis.fear_gap import Quadrant, fear_gap


def ward(code, estimate, n=100):
    return {"group_value": code, "n": n, "estimate": estimate}


def test_quadrants_by_the_median_ward_on_each_axis():
    rows = [ward("A", 0.5), ward("B", 0.9), ward("C", 0.6), ward("D", 0.8), ward("E", None, 5)]
    rates = {"A": 10.0, "B": 80.0, "C": 90.0, "D": 20.0, "E": 50.0}
    gap = fear_gap(2024, rows, rates, {"A": 3}, {"A": 1000, "B": 2000, "C": 1000, "D": 1000})
    by_ward = {w.ward: w for w in gap.wards}
    # Fear = 1 - safe: A 0.5, B 0.1, C 0.4, D 0.2 → median 0.3; crime median 50.
    assert gap.fear_threshold == 0.30000000000000004 or abs(gap.fear_threshold - 0.3) < 1e-12
    assert gap.crime_threshold == 50.0
    assert by_ward["A"].quadrant is Quadrant.REASSURANCE  # high fear, low crime
    assert by_ward["B"].quadrant is Quadrant.AWARENESS  # high crime, low fear
    assert by_ward["C"].quadrant is Quadrant.VISIBLE_ACTION
    assert by_ward["D"].quadrant is Quadrant.MAINTAIN
    assert by_ward["E"].quadrant is None and by_ward["E"].unsafe_share is None  # suppressed
    assert by_ward["A"].reports_per_1000 == 3.0 and by_ward["B"].reports_per_1000 == 0.0
    assert by_ward["E"].reports_per_1000 is None  # no census population


def test_without_crime_no_quadrants_but_fear_threshold_shown():
    gap = fear_gap(2024, [ward("A", 0.5), ward("B", 0.7)], {}, None, {"A": 10})
    assert gap.crime_threshold is None and gap.fear_threshold == 0.4
    assert all(w.quadrant is None and w.reports_per_1000 is None for w in gap.wards)


def test_benchmarks_mark_borough_below_london_as_a_difference_only():
    estimates = [
        {"measure": "trust_mps", "wave": 2023, "group": "borough", "estimate": 0.7,
         "ci_low": 0.65, "ci_high": 0.75, "suppressed": False},
    ]  # fmt: skip
    rows = benchmark_rows(
        estimates,
        {"trust_mps": "Trust MPS", "feel_safe_day": None},
        {("Trust MPS", 2022): 0.6, ("Trust MPS", 2023): 0.73},
        {("Trust MPS", 2022): 0.65, ("Trust MPS", 2023): 0.69},
    )
    assert [(r["year"], r["survey"], r["borough_below_london"]) for r in rows] == [
        (2022, None, True),
        (2023, 0.7, False),
    ]
    assert abs(rows[0]["borough_minus_london"] + 0.05) < 1e-12
    assert "significant" not in rows[0]


def test_a_ward_whose_interval_straddles_the_median_gets_no_quadrant():
    def row(code, safe, half_width, n=100):
        return {"group_value": code, "n": n, "estimate": safe,
                "ci_low": safe - half_width, "ci_high": safe + half_width}  # fmt: skip

    rows = [row("A", 0.5, 0.02), row("B", 0.9, 0.02), row("C", 0.62, 0.15, n=30),
            row("D", 0.8, 0.02)]  # fmt: skip
    rates = {"A": 10.0, "B": 80.0, "C": 90.0, "D": 20.0}
    gap = fear_gap(2024, rows, rates, None, {})
    by_ward = {w.ward: w for w in gap.wards}
    # Fear medians: A 0.5, B 0.1, C 0.38, D 0.2 → 0.29; C's unsafe interval 0.23-0.53 covers it.
    assert by_ward["C"].quadrant is None and by_ward["C"].placement == "interval_too_wide"
    assert by_ward["C"].low_base and not by_ward["A"].low_base
    assert by_ward["A"].quadrant is Quadrant.REASSURANCE and by_ward["A"].placement == "placed"
    assert abs(by_ward["A"].unsafe_ci_low - 0.48) < 1e-12
    assert by_ward["A"].to_dict()["placement"] == "placed"
