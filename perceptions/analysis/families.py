"""The false-discovery family of a release: the comparisons one release publishes.

Benjamini–Hochberg q-values depend on every p-value in the family, so a family that
grows with each new wave would move figures that are already public (a "real change" at
q 0.044 becoming "within the margin of error" at q 0.054). The rule here: a release of
wave Y publishes, for every measure × group shown in both waves, the change from the
latest earlier *released* weighted wave to Y, and those rows — and only those — are one
family. Unreleased waves are never in it. The caller stores the rows with the release
so they never change afterwards.

Pure: works on the report's estimate rows (dicts as stored, or ``EstimateRow.to_dict()``).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from perceptions.analysis.intervals import Z_95, bh_qvalues, two_sided_p
from perceptions.analysis.report import SIGNIFICANCE, SUPPRESS_BELOW

__all__ = ["PublishedChange", "baseline_wave", "release_family"]


@dataclass(frozen=True, slots=True)
class PublishedChange:
    """One published change with its 95% interval, p and q within the release's family."""

    measure: str
    group: str
    group_value: str
    from_wave: int
    to_wave: int
    difference: float
    se: float
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    q_value: float | None
    significant: bool
    family_size: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "group": self.group,
            "group_value": self.group_value,
            "from_wave": self.from_wave,
            "to_wave": self.to_wave,
            "difference": self.difference,
            "se": self.se,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "p_value": self.p_value,
            "q_value": self.q_value,
            "significant": self.significant,
            "family_size": self.family_size,
        }


def baseline_wave(year: int, weighted: Collection[int], released: Collection[int]) -> int | None:
    """The wave a release of ``year`` is compared with: the latest earlier wave that is
    both weighted and released, or None when there is none."""
    earlier = [w for w in weighted if w < year and w in released]
    return max(earlier) if earlier else None


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def release_family(
    estimates: Iterable[Mapping[str, Any]], from_wave: int, to_wave: int
) -> list[PublishedChange]:
    """Changes ``from_wave`` → ``to_wave`` of every measure × group shown in both waves,
    Benjamini–Hochberg adjusted over these rows only.

    A row is shown when neither wave suppresses it (n ≥ 10 and an estimate). A change
    whose se is 0 has null p and q, is not significant and stays out of the adjustment,
    as in the contract report.
    """
    rows: dict[tuple[int, str, str, str], Mapping[str, Any]] = {}
    for row in estimates:
        if row["wave"] in (from_wave, to_wave):
            rows[(row["wave"], row["measure"], row["group"], row["group_value"])] = row
    pairs = []
    for (wave, measure, group, value), after in rows.items():
        if wave != to_wave:
            continue
        before = rows.get((from_wave, measure, group, value))
        if before is None or not _shown(before) or not _shown(after):
            continue
        diff = float(after["estimate"]) - float(before["estimate"])
        se = math.sqrt(float(before["se"]) ** 2 + float(after["se"]) ** 2)
        pairs.append((measure, group, value, diff, se))
    diffs = np.array([p[3] for p in pairs], dtype=np.float64)
    ses = np.array([p[4] for p in pairs], dtype=np.float64)
    testable = ses > 0
    p_values = np.full(len(pairs), np.nan)
    p_values[testable] = two_sided_p(diffs[testable] / ses[testable])
    q_values = bh_qvalues(p_values) if len(pairs) else p_values
    size = int(testable.sum())
    return [
        PublishedChange(
            measure=measure,
            group=group,
            group_value=value,
            from_wave=from_wave,
            to_wave=to_wave,
            difference=diff,
            se=se,
            ci_low=diff - Z_95 * se,
            ci_high=diff + Z_95 * se,
            p_value=_finite(float(p)),
            q_value=_finite(float(q)),
            significant=bool(q < SIGNIFICANCE),
            family_size=size,
        )
        for (measure, group, value, diff, se), p, q in zip(pairs, p_values, q_values, strict=True)
    ]


def _shown(row: Mapping[str, Any]) -> bool:
    return (
        not row.get("suppressed")
        and int(row["n"]) >= SUPPRESS_BELOW
        and row["estimate"] is not None
        and row["se"] is not None
    )
