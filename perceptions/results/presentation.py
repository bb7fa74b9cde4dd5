"""What the dashboards show, read from stored results (never computed on request).

:func:`dashboard` filters a stored report to the waves a viewer may see (released waves on
public pages, every wave for staff) and shapes it for templates, the chart JSON, the API
and downloads. Suppressed and low-base figures keep their flags all the way to the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from perceptions import queries
from perceptions.analysis.measures import QUESTION_CODES
from perceptions.analysis.report import LOW_BASE_BELOW
from perceptions.labels import QUADRANT_LABELS, lower_first, measure_label
from perceptions.models import Release, SurveyResults
from perceptions.models.results import released_years
from perceptions.results.findings import (
    Verdict,
    change_text,
    key_findings,
    percent,
    q_text,
    verdict,
    verdict_text,
)
from surveys.contract import PAS_ITEMS

FEAR_MEASURE = "feel_safe_night"
# Why a ward has no quadrant (perceptions.analysis.fear_gap.Placement values).
PLACEMENT_TEXT = {
    "interval_too_wide": _lazy(
        "not placed: its margin of error spans the median ward, so it is neither clearly "
        "high nor low fear"
    ),
    "no_crime": _lazy("not placed: no recorded crime rate"),
}


@dataclass(frozen=True)
class Visible:
    """A stored report restricted to the waves a viewer may see."""

    results: SurveyResults
    years: tuple[int, ...]
    estimates: list[dict[str, Any]]
    changes: list[dict[str, Any]]
    benchmarks: list[dict[str, Any]]
    fear_gap: dict[str, Any]
    unweighted: list[dict[str, Any]] = field(default_factory=list)


def visible(results: SurveyResults, *, staff: bool = False) -> Visible:
    """The report with only released waves (or all waves for staff)."""
    report = results.report or {}
    estimates = report.get("estimates", [])
    computed = sorted({row["wave"] for row in estimates})
    allowed = set(computed) if staff else released_years(results.survey_id)
    years = tuple(y for y in computed if y in allowed)
    keep = set(years)
    hidden = {"survey": None, "survey_ci_low": None, "survey_ci_high": None}
    benchmarks = [
        row if row["year"] in keep else {**row, **hidden}
        for row in report.get("benchmarks", [])
        if row["year"] in keep or row["pas_borough"] is not None or row["pas_london"] is not None
    ]
    gap = results.fear_gap or {}
    releases = Release.objects.filter(wave__survey_id=results.survey_id)
    if not staff:
        releases = releases.released()
    changes = [
        row
        for stored in releases.filter(published_changes__isnull=False).values_list(
            "published_changes", flat=True
        )
        for row in stored
    ]
    if staff:
        changes += report.get("provisional_changes", [])
    return Visible(
        results=results,
        years=years,
        estimates=[row for row in estimates if row["wave"] in keep],
        # Published changes are the releases' stored families, never the report's own
        # all-waves family: a later wave must not move a published q-value.
        changes=sorted(
            (c for c in changes if c["from_wave"] in keep and c["to_wave"] in keep),
            key=lambda c: (c["to_wave"], c["measure"], c["group"], c["group_value"]),
        ),
        benchmarks=benchmarks,
        fear_gap={
            **gap,
            "waves": {k: v for k, v in gap.get("waves", {}).items() if int(k) in keep},
        },
        # A released wave that could not be weighted, or one inside the years shown (the
        # gap a change skips), is named with its reason: no figure of it is shown.
        unweighted=[
            u
            for u in report.get("unweighted_waves", [])
            if staff or u["wave"] in allowed or (years and years[0] < u["wave"] < years[-1])
        ],
    )


def difference_text(diff: float | None) -> str:
    """'3 points above London', '1 point below London', 'same as London' (PAS rounding)."""
    if diff is None:
        return "–"
    points = round(100 * abs(diff))
    if points == 0:
        return _("same as London")
    if diff > 0:
        return ngettext("%(n)d point above London", "%(n)d points above London", points) % {
            "n": points
        }
    return ngettext("%(n)d point below London", "%(n)d points below London", points) % {"n": points}


def status(row: dict[str, Any] | None) -> str:
    """'suppressed', 'low base' or '' for a report row (labels shown next to figures)."""
    if row is None:
        return _("no data")
    if row["suppressed"]:
        return _("suppressed: fewer than 10 answers")
    if row["low_base"]:
        return _("low base: fewer than 50 answers")
    return ""


def _trend(data: Visible, measure: str, group: str, value: str) -> list[dict[str, Any]]:
    rows = {
        row["wave"]: row
        for row in data.estimates
        if row["measure"] == measure and row["group"] == group and row["group_value"] == value
    }
    changes = {
        c["to_wave"]: c
        for c in data.changes
        if c["measure"] == measure and c["group"] == group and c["group_value"] == value
    }
    trend = []
    for year in data.years:
        row = rows.get(year)
        change = changes.get(year)
        trend.append(
            {
                "wave": year,
                "n": row["n"] if row else 0,
                "estimate": row and row["estimate"],
                "ci_low": row and row["ci_low"],
                "ci_high": row and row["ci_high"],
                "percent": percent(row and row["estimate"]),
                "ci_text": (
                    f"{percent(row['ci_low'])} to {percent(row['ci_high'])}"
                    if row and row["ci_low"] is not None
                    else "–"
                ),
                "status": status(row),
                "significant_change": bool(change and change["significant"]),
                "change": change,
                "q_text": q_text(change["q_value"]) if change else "",
                "verdict": verdict(change) if change else "",
                "verdict_text": verdict_text(change) if change else "",
                "change_text": change_text(change) if change else "",
                "compared_text": (
                    _("%(year)s compared with %(before)s")
                    % {"year": year, "before": change["from_wave"]}
                    if change
                    else ""
                ),
            }
        )
    return trend


_REASONS = (
    (re.compile(r"no respondents in ward (\S+)"), "ward"),
    (re.compile(r"no respondents in age band (\S+)"), "age"),
)


def reason_text(reason: str, names: dict[str, str]) -> str:
    """A raking failure in plain words, naming wards ('no respondents in Gooshays')."""
    parts = []
    for part in reason.split("; "):
        for pattern, kind in _REASONS:
            match = pattern.fullmatch(part.strip())
            if match and kind == "ward":
                part = _("no respondents in %(ward)s") % {
                    "ward": names.get(match[1], match[1])}  # fmt: skip
                break
            if match:
                part = _("no respondents aged %(band)s") % {"band": match[1]}
                break
        parts.append(part)
    return "; ".join(parts)


def missing_waves(data: Visible) -> list[dict[str, Any]]:
    """Waves the viewer may see that have no figures, each with why ('2021 not weighted: …')."""
    names = queries.ward_names()
    return [
        {
            "wave": row["wave"],
            "text": _("%(year)s not weighted: %(reason)s")
            % {"year": row["wave"], "reason": reason_text(row["reason"], names)},
        }
        for row in sorted(data.unweighted, key=lambda u: u["wave"])
    ]


def _ward_rows(data: Visible, measure: str, year: int | None) -> list[dict[str, Any]]:
    names = queries.ward_names()
    rows = [
        row
        for row in data.estimates
        if row["measure"] == measure and row["group"] == "ward" and row["wave"] == year
    ]
    return sorted(
        (
            {
                "code": row["group_value"],
                "name": names.get(row["group_value"], row["group_value"]),
                "n": row["n"],
                "estimate": row["estimate"],
                "percent": percent(row["estimate"]),
                "suppressed": row["suppressed"],
                "low_base": row["low_base"],
                "status": status(row),
            }
            for row in rows
        ),
        key=lambda r: r["name"],
    )


def _trend_summary(measure: str, trend: list[dict[str, Any]], place: str) -> str:
    shown = [t for t in trend if t["estimate"] is not None]
    if not shown:
        return _("There are not enough answers to show %(measure)s in %(place)s.") % {
            "measure": lower_first(measure_label(measure)), "place": place}  # fmt: skip
    last = shown[-1]
    text = _("%(measure)s in %(place)s: %(percent)s in %(year)s (95%% interval %(ci)s).") % {
        "year": last["wave"], "percent": last["percent"], "measure": measure_label(measure),
        "place": place, "ci": last["ci_text"]}  # fmt: skip
    real = [t for t in trend if t["significant_change"]]
    if real:
        text += " " + _("Real changes (marked on the chart): %(years)s.") % {
            "years": ", ".join(str(t["wave"]) for t in real)}  # fmt: skip
    elif any(t["verdict"] == Verdict.NOT_AFTER_COMPARISONS for t in trend):
        text += " " + _(
            "No change between years is shown to be real after allowing for the number of "
            "comparisons."
        )
    elif any(t["change"] for t in trend):
        text += " " + _("No change between years is larger than the margin of error.")
    return text


def _fear_rows(data: Visible, year: int | None) -> dict[str, Any]:
    names = queries.ward_names()
    wave = data.fear_gap.get("waves", {}).get(str(year), {}) if year else {}
    rows = []
    for ward in wave.get("wards", []):
        rows.append(
            {
                **ward,
                "name": names.get(ward["ward"], ward["ward"]),
                "unsafe_percent": percent(ward["unsafe_share"]),
                "crime_text": "–" if ward["crime_rate"] is None else f"{ward['crime_rate']:.1f}",
                "reports_text": (
                    "–" if ward["reports_per_1000"] is None else f"{ward['reports_per_1000']:.2f}"
                ),
                "quadrant_label": QUADRANT_LABELS.get(ward["quadrant"] or "", ""),
                "placement_text": PLACEMENT_TEXT.get(ward.get("placement") or "", ""),
                "low_base": ward.get("low_base", ward["n"] < LOW_BASE_BELOW),
                "status": "" if ward["unsafe_share"] is not None else status(None),
            }
        )
    rows.sort(key=lambda r: r["name"])
    return {
        "wave": year,
        "rows": rows,
        "fear_threshold": wave.get("fear_threshold"),
        "crime_threshold": wave.get("crime_threshold"),
        "fear_threshold_text": percent(wave.get("fear_threshold")),
        "crime_threshold_text": (
            "–" if wave.get("crime_threshold") is None else f"{wave['crime_threshold']:.1f}"
        ),
        "has_crime": data.fear_gap.get("has_crime", False),
        "has_reports": data.fear_gap.get("has_reports", False),
        "crime_period": [
            date.fromisoformat(day).strftime("%B %Y")
            for day in data.fear_gap.get("crime_period") or []
        ],
    }


def dashboard(
    results: SurveyResults, *, measure: str | None, ward: str | None, staff: bool = False
) -> dict[str, Any]:
    """Everything a dashboard page shows for one measure and (optionally) one ward."""
    data = visible(results, staff=staff)
    measure = measure if measure in QUESTION_CODES else QUESTION_CODES[0]
    names = queries.ward_names()
    ward = ward if ward in names else None
    latest = data.years[-1] if data.years else None
    trend = _trend(data, measure, "borough", "all")
    ward_trend = _trend(data, measure, "ward", ward) if ward else []
    benchmarks = [b for b in data.benchmarks if b["measure"] == measure]
    for row in benchmarks:
        row["survey_text"] = percent(row["survey"])
        row["borough_text"] = percent(row["pas_borough"])
        row["london_text"] = percent(row["pas_london"])
        diff = row["borough_minus_london"]
        row["difference_text"] = difference_text(diff)
    return {
        "results": results,
        "data": data,
        "years": data.years,
        "latest": latest,
        "measure": measure,
        "measure_label": measure_label(measure),
        "measures": [(code, measure_label(code)) for code in QUESTION_CODES],
        "ward": ward,
        "ward_name": names.get(ward or "", ""),
        "wards": sorted(names.items(), key=lambda item: item[1]),
        "trend": trend,
        "trend_summary": _trend_summary(measure, trend, _("the borough")),
        "ward_trend": ward_trend,
        "ward_trend_summary": (
            _trend_summary(measure, ward_trend, names.get(ward, "")) if ward else ""
        ),
        "ward_rows": _ward_rows(data, measure, latest),
        "benchmarks": benchmarks,
        "has_benchmark": any(b["pas_borough"] is not None for b in benchmarks),
        # The PAS item the contract maps this measure to (there always is one); when the
        # shipped file has no figures for it the page says so, not that PAS lacks it.
        "pas_item": PAS_ITEMS.get(measure, ""),
        "fear": _fear_rows(data, latest),
        "missing_waves": missing_waves(data),
        "findings": key_findings(data.estimates, data.changes),
    }
