"""The chart data the dashboard's JavaScript fetches (same origin, no inline script).

Built from a :func:`perceptions.results.presentation.dashboard` context, so charts and tables show
the same numbers; suppressed values are null and carry their label.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from communitysafety.wards.models import Ward


def _series(trend: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "labels": [str(t["wave"]) for t in trend],
        "estimate": [t["estimate"] for t in trend],
        "ci_low": [t["ci_low"] for t in trend],
        "ci_high": [t["ci_high"] for t in trend],
        "significant": [t["significant_change"] for t in trend],
        "status": [t["status"] for t in trend],
    }


def ward_map(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Ward boundaries as GeoJSON with the chosen measure's value (null when suppressed)."""
    by_code = {row["code"]: row for row in rows}
    features = []
    for code, name, boundary in Ward.objects.values_list("code", "name", "boundary"):
        row = by_code.get(code)
        features.append(
            {
                "type": "Feature",
                "geometry": boundary,
                "properties": {
                    "code": code,
                    "name": name,
                    "estimate": row["estimate"] if row else None,
                    "label": (
                        row["percent"]
                        if row and row["estimate"] is not None
                        else (row["status"] if row else _("no data"))
                    ),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def chart_data(context: dict[str, Any]) -> dict[str, Any]:
    fear = context["fear"]
    return {
        "measure": context["measure"],
        "measure_label": context["measure_label"],
        "trend": _series(context["trend"]),
        "ward": context["ward"],
        "ward_name": context["ward_name"],
        "ward_trend": _series(context["ward_trend"]) if context["ward"] else None,
        "map": ward_map(context["ward_rows"]),
        "benchmarks": {
            "labels": [str(b["year"]) for b in context["benchmarks"]],
            "survey": [b["survey"] for b in context["benchmarks"]],
            "borough": [b["pas_borough"] for b in context["benchmarks"]],
            "london": [b["pas_london"] for b in context["benchmarks"]],
        },
        "fear_gap": {
            "has_crime": fear["has_crime"],
            "x_label": _("Recorded crimes per 1,000 residents")
            if fear["has_crime"]
            else _("Unsafe-place reports per 1,000 residents"),
            "fear_threshold": fear["fear_threshold"],
            "x_threshold": fear["crime_threshold"],
            "points": [
                {
                    "name": row["name"],
                    "x": row["crime_rate"] if fear["has_crime"] else row["reports_per_1000"],
                    "y": row["unsafe_share"],
                    "quadrant": row["quadrant"],
                }
                for row in fear["rows"]
                if row["unsafe_share"] is not None
            ],
        },
        "labels": {
            "estimate": _("Our survey"),
            "interval": _("95% confidence interval"),
            "significant": _("Real change from the previous results"),
            "borough": _("PAS: borough"),
            "london": _("PAS: London"),
            "unsafe": _("Feel unsafe after dark"),
            "median": _("Median ward"),
            "suppressed": _("Suppressed: fewer than 10 answers"),
            "lighter": _("Lighter: lowest ward"),
            "darker": _("darker: highest ward"),
            "grey": _("Grey: suppressed (fewer than 10 answers)."),
        },
    }
