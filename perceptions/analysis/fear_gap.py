"""The fear gap: where feeling unsafe after dark does not match recorded crime.

Each ward gets the weighted share who feel unsafe after dark (1 − the ``feel_safe_night``
estimate), its recorded crime rate and its unsafe-place reports per 1,000 residents, and a
quadrant by the median ward on each axis. "High" means above the median; a ward at the
median is "low", so the thresholds shown are the rule used.

A quadrant is a claim that a ward's fear is above or below the median, so a ward gets one
only when the 95% interval of its unsafe share lies wholly on one side of the median
(``placement`` says why a ward has none). Wards with fewer than 50 answers are flagged
``low_base``, as the report flags them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from statistics import median
from typing import Any

from perceptions.analysis.report import LOW_BASE_BELOW


class Placement(StrEnum):
    """Whether a ward could be put in a quadrant, and if not, why not."""

    PLACED = "placed"
    SUPPRESSED = "suppressed"  # too few answers for a fear figure
    NO_CRIME = "no_crime"  # no recorded crime rate (or none imported)
    INTERVAL_TOO_WIDE = "interval_too_wide"  # the interval straddles the median ward


class Quadrant(StrEnum):
    REASSURANCE = "reassurance"  # high fear, low crime
    AWARENESS = "awareness"  # high crime, low fear
    VISIBLE_ACTION = "visible_action"  # high fear, high crime
    MAINTAIN = "maintain"  # low fear, low crime


def quadrant(high_fear: bool, high_crime: bool) -> Quadrant:
    if high_fear and not high_crime:
        return Quadrant.REASSURANCE
    if high_crime and not high_fear:
        return Quadrant.AWARENESS
    return Quadrant.VISIBLE_ACTION if high_fear else Quadrant.MAINTAIN


@dataclass(frozen=True, slots=True)
class WardFearGap:
    ward: str
    n: int
    unsafe_share: float | None
    crime_rate: float | None
    reports_per_1000: float | None
    quadrant: Quadrant | None
    unsafe_ci_low: float | None = None
    unsafe_ci_high: float | None = None
    low_base: bool = False
    placement: Placement = Placement.PLACED

    def to_dict(self) -> dict[str, Any]:
        return {
            "ward": self.ward,
            "n": self.n,
            "unsafe_share": self.unsafe_share,
            "unsafe_ci_low": self.unsafe_ci_low,
            "unsafe_ci_high": self.unsafe_ci_high,
            "low_base": self.low_base,
            "crime_rate": self.crime_rate,
            "reports_per_1000": self.reports_per_1000,
            "quadrant": None if self.quadrant is None else self.quadrant.value,
            "placement": self.placement.value,
        }


@dataclass(frozen=True, slots=True)
class FearGap:
    """Fear gap of one wave; thresholds are None when an axis has no data."""

    wave: Any
    fear_threshold: float | None
    crime_threshold: float | None
    wards: tuple[WardFearGap, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "wave": self.wave,
            "fear_threshold": self.fear_threshold,
            "crime_threshold": self.crime_threshold,
            "wards": [w.to_dict() for w in self.wards],
        }


def fear_gap(
    wave: Any,
    ward_estimates: Sequence[Mapping[str, Any]],
    crime_rates: Mapping[str, float],
    report_counts: Mapping[str, int] | None,
    population: Mapping[str, int],
) -> FearGap:
    """Fear gap from the report's ``feel_safe_night`` ward rows of one wave.

    ``ward_estimates`` are report rows (``group_value``, ``n``, ``estimate``; suppressed
    rows have a None estimate and no fear value; ``ci_low``/``ci_high``, when present, give
    the interval). ``report_counts`` None means unsafe-place reports are not available (as
    opposed to zero reports). A ward sets the medians when it has both a fear value and a
    crime rate, and gets a quadrant only when its interval also clears the fear median.
    """
    fear = {
        row["group_value"]: 1.0 - row["estimate"]
        for row in ward_estimates
        if row["estimate"] is not None
    }
    placed = [w for w in fear if w in crime_rates]
    fear_threshold = median(fear[w] for w in placed) if placed else None
    crime_threshold = median(crime_rates[w] for w in placed) if placed else None
    if fear_threshold is None and fear:
        fear_threshold = median(fear.values())
    wards = []
    for row in ward_estimates:
        code = row["group_value"]
        reports = None
        if report_counts is not None and population.get(code):
            reports = 1000 * report_counts.get(code, 0) / population[code]
        low, high = _unsafe_interval(row)
        place = None
        if code not in fear:
            placement = Placement.SUPPRESSED
        elif code not in crime_rates or crime_threshold is None or fear_threshold is None:
            placement = Placement.NO_CRIME
        elif low is not None and high is not None and low <= fear_threshold <= high:
            placement = Placement.INTERVAL_TOO_WIDE
        else:
            placement = Placement.PLACED
            place = quadrant(fear[code] > fear_threshold, crime_rates[code] > crime_threshold)
        wards.append(
            WardFearGap(
                ward=code,
                n=int(row["n"]),
                unsafe_share=fear.get(code),
                crime_rate=crime_rates.get(code),
                reports_per_1000=reports,
                quadrant=place,
                unsafe_ci_low=low,
                unsafe_ci_high=high,
                low_base=int(row["n"]) < LOW_BASE_BELOW,
                placement=placement,
            )
        )
    return FearGap(wave, fear_threshold, crime_threshold, tuple(wards))


def _unsafe_interval(row: Mapping[str, Any]) -> tuple[float | None, float | None]:
    """The interval of the unsafe share (1 − the safe interval, ends swapped)."""
    if row.get("estimate") is None or row.get("ci_low") is None or row.get("ci_high") is None:
        return None, None
    return 1.0 - float(row["ci_high"]), 1.0 - float(row["ci_low"])
