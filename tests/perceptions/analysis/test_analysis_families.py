"""The release family: only the comparisons one release publishes, released waves only."""

import math

import pytest

from perceptions.analysis.families import baseline_wave, release_family
from perceptions.analysis.intervals import bh_qvalues, two_sided_p


def _row(wave, measure, estimate, se, n=200, group="borough", value="all"):
    return {"wave": wave, "measure": measure, "group": group, "group_value": value, "n": n,
            "estimate": estimate, "se": se, "suppressed": n < 10}  # fmt: skip


ROWS = [
    _row(2020, "a", 0.50, 0.02), _row(2022, "a", 0.56, 0.02),
    _row(2020, "b", 0.40, 0.03), _row(2022, "b", 0.41, 0.03),
    _row(2020, "c", 0.30, 0.0), _row(2022, "c", 0.30, 0.0),
    _row(2020, "d", None, None, n=5), _row(2022, "d", 0.5, 0.1),
    _row(2024, "a", 0.10, 0.02), _row(2024, "b", 0.90, 0.03),
]  # fmt: skip


def test_family_is_the_rows_of_one_comparison_adjusted_together():
    family = release_family(ROWS, 2020, 2022)
    assert [(c.measure, c.from_wave, c.to_wave) for c in family] == [
        ("a", 2020, 2022), ("b", 2020, 2022), ("c", 2020, 2022)
    ]  # fmt: skip
    p = two_sided_p([0.06 / math.sqrt(0.0008), 0.01 / math.sqrt(0.0018)])
    q = bh_qvalues(p)
    assert [c.p_value for c in family[:2]] == pytest.approx(list(p), rel=1e-12)
    assert [c.q_value for c in family[:2]] == pytest.approx(list(q), rel=1e-12)
    assert family[2].p_value is None and family[2].q_value is None and not family[2].significant
    assert {c.family_size for c in family} == {2}
    a = family[0]
    assert math.isclose(a.ci_low, 0.06 - 1.959963984540054 * a.se)
    assert math.isclose(a.ci_high, 0.06 + 1.959963984540054 * a.se)


def test_a_later_wave_does_not_enter_an_earlier_family():
    without = release_family([r for r in ROWS if r["wave"] != 2024], 2020, 2022)
    assert release_family(ROWS, 2020, 2022) == without


def test_baseline_is_the_latest_earlier_released_weighted_wave():
    assert baseline_wave(2022, {2019, 2020, 2022}, {2019, 2020, 2021}) == 2020
    assert baseline_wave(2022, {2019, 2022}, {2019, 2020, 2021}) == 2019
    assert baseline_wave(2022, {2021, 2022}, {2022}) is None
