"""Findings for "Draft from findings", read from the released perceptions results.

Data flows surveys → perceptions → comms: this module reads what the analysts have
released (never unreleased waves) and turns it into `plan_rules.Findings`, which the
pure rules draft from. Changes are the releases' stored families (with p, q and the
interval), ward figures carry their bases, fear-gap wards their intervals, and PAS gaps
the margins the file publishes (none, for the London Datastore file).
"""

from collections import Counter, defaultdict

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


def _changes(data, year: int, names: dict[str, str]) -> tuple[MeasureChange, ...]:
    """Borough and ward changes into ``year`` from the release's stored family."""
    estimates = {
        (row["wave"], row["measure"], row["group"], row["group_value"]): row["estimate"]
        for row in data.estimates
    }
    found = []
    for change in data.changes:
        if change["group"] not in ("borough", "ward") or change["to_wave"] != year:
            continue
        key = (change["measure"], change["group"], change["group_value"])
        previous = estimates.get((change["from_wave"], *key))
        current = estimates.get((year, *key))
        if previous is None or current is None:
            continue
        ward = change["group_value"] if change["group"] == "ward" else None
        found.append(
            MeasureChange(
                change["measure"],
                previous,
                current,
                bool(change["significant"]),
                ward_code=ward,
                ward_name=names.get(ward, ward) if ward else "",
                from_wave=change["from_wave"],
                to_wave=change["to_wave"],
                p_value=change.get("p_value"),
                q_value=change.get("q_value"),
                ci_low=change.get("ci_low"),
                ci_high=change.get("ci_high"),
            )
        )
    return tuple(found)


def _pas_gaps(data) -> tuple[PasGap, ...]:
    """The latest PAS year's borough and London figures. The London Datastore file has no
    margins of error, so the margins stay None and no gap is called one to close."""
    with_pas = [b for b in data.benchmarks if b["pas_borough"] is not None]
    if not with_pas:
        return ()
    latest = max(b["year"] for b in with_pas)
    return tuple(
        PasGap(
            b["measure"],
            b["pas_borough"],
            b["pas_london"],
            year=latest,
            borough_margin=b.get("pas_borough_margin"),
            london_margin=b.get("pas_london_margin"),
        )
        for b in with_pas
        if b["year"] == latest and b["pas_london"] is not None
    )


def _wards(data, year: int, names: dict[str, str]) -> tuple[tuple, tuple]:
    wave = data.fear_gap.get("waves", {}).get(str(year), {})
    gaps = tuple(
        WardFearGap(
            w["ward"],
            names.get(w["ward"], w["ward"]),
            QUADRANTS.get(w["quadrant"], w["quadrant"]),
            unsafe_share=w.get("unsafe_share"),
            unsafe_ci_low=w.get("unsafe_ci_low"),
            unsafe_ci_high=w.get("unsafe_ci_high"),
            fear_threshold=wave.get("fear_threshold"),
            crime_rate=w.get("crime_rate"),
            crime_threshold=wave.get("crime_threshold"),
        )
        for w in wave.get("wards", [])
        if w.get("quadrant")
    )
    measures = tuple(
        WardMeasure(
            row["group_value"],
            names.get(row["group_value"], ""),
            row["measure"],
            row["estimate"],
            n=row["n"],
            low_base=bool(row.get("low_base")),
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
            changes=_changes(data, latest, names),
            pas_gaps=_pas_gaps(data),
            fear_gaps=fear_gaps,
            ward_measures=ward_measures,
            unsafe_reasons=_unsafe_reasons(names),
        )
    return None
