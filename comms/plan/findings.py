"""Findings for "Draft from findings", read from the released perceptions results.

Data flows surveys → perceptions → comms: this module reads what the analysts have
released (never unreleased waves) and turns it into `plan_rules.Findings`, which the
pure rules draft from. Selected by `COMMS_FINDINGS_SOURCE`.
"""

from collections import Counter, defaultdict
from typing import Any

from comms.plan.rules import (
    HIGH_FEAR_LOW_CRIME,
    WARD_TARGETED_MEASURES,
    Findings,
    MeasureChange,
    PasGap,
    WardFearGap,
    WardMeasure,
    WardUnsafeReasons,
)
from communitysafety.wards.models import Ward
from perceptions.models import SurveyResults
from perceptions.results.presentation import visible
from surveys.models import UnsafePlaceReason, UnsafePlaceReport

# Perceptions' quadrant names → the rules' vocabulary.
QUADRANTS = {"reassurance": HIGH_FEAR_LOW_CRIME}


def _estimate(rows: list[dict[str, Any]], wave: int, measure: str) -> float | None:
    for row in rows:
        if (row["wave"], row["measure"], row["group"]) == (wave, measure, "borough"):
            return row["estimate"]
    return None


def _changes(data, year: int) -> tuple[MeasureChange, ...]:
    found = []
    for change in data.changes:
        if change["group"] != "borough" or change["to_wave"] != year:
            continue
        previous = _estimate(data.estimates, change["from_wave"], change["measure"])
        current = _estimate(data.estimates, year, change["measure"])
        if previous is not None and current is not None:
            found.append(
                MeasureChange(change["measure"], previous, current, bool(change["significant"]))
            )
    return tuple(found)


def _pas_gaps(data) -> tuple[PasGap, ...]:
    with_pas = [b for b in data.benchmarks if b["pas_borough"] is not None]
    if not with_pas:
        return ()
    latest = max(b["year"] for b in with_pas)
    return tuple(
        PasGap(b["measure"], b["pas_borough"], b["pas_london"])
        for b in with_pas
        if b["year"] == latest and b["pas_london"] is not None
    )


def _wards(data, year: int, names: dict[str, str]) -> tuple[tuple, tuple]:
    fear = data.fear_gap.get("waves", {}).get(str(year), {}).get("wards", [])
    gaps = tuple(
        WardFearGap(
            w["ward"], names.get(w["ward"], w["ward"]), QUADRANTS.get(w["quadrant"], w["quadrant"])
        )
        for w in fear
        if w.get("quadrant")
    )
    measures = tuple(
        WardMeasure(
            row["group_value"], names.get(row["group_value"], ""), row["measure"], row["estimate"]
        )
        for row in data.estimates
        if row["wave"] == year
        and row["group"] == "ward"
        and row["measure"] in WARD_TARGETED_MEASURES
        and row["estimate"] is not None
    )
    return gaps, measures


def _unsafe_reasons(names: dict[str, str]) -> tuple[WardUnsafeReasons, ...]:
    counts: dict[str, Counter] = defaultdict(Counter)
    rows = UnsafePlaceReason.objects.filter(
        report__in=UnsafePlaceReport.objects.counted()
    ).values_list("report__ward__code", "code")
    for ward_code, reason in rows:
        if ward_code:
            counts[ward_code][reason] += 1
    return tuple(
        WardUnsafeReasons(code, names.get(code, code), tuple(counter.most_common()))
        for code, counter in sorted(counts.items())
    )


def released_findings(year: int) -> Findings | None:
    """What the latest released wave (up to `year`) says, or None before any release."""
    names = dict(Ward.objects.values_list("code", "name"))
    for results in SurveyResults.objects.exclude(report={}).order_by("survey__slug"):
        data = visible(results)
        years = [y for y in data.years if y <= year] or list(data.years)
        if not years:
            continue
        latest = max(years)
        fear_gaps, ward_measures = _wards(data, latest, names)
        return Findings(
            year=year,
            changes=_changes(data, latest),
            pas_gaps=_pas_gaps(data),
            fear_gaps=fear_gaps,
            ward_measures=ward_measures,
            unsafe_reasons=_unsafe_reasons(names),
        )
    return None
