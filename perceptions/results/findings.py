"""Key findings: sentences written from the results, never beyond them.

A change is called real only when the report marks it significant (Benjamini–Hochberg
q < 0.05); everything else is "no real change … within the margin of error".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from perceptions.labels import lower_first, measure_label


def percent(value: float | None, places: int = 0) -> str:
    if value is None:
        return "–"
    return f"{round(100 * value)}%" if places == 0 else f"{100 * value:.{places}f}%"


def q_text(q: float | None) -> str:
    """'q = 0.01', 'q = 0.004' or 'q < 0.001': two significant places are enough."""
    if q is None:
        return "q not tested"
    if q < 0.001:
        return "q < 0.001"
    return f"q = {q:.3f}" if q < 0.01 else f"q = {q:.2f}"


def change_sentence(change: Mapping[str, Any], before: float, after: float) -> str:
    """One plain sentence about a measure's change between two waves."""
    label = measure_label(change["measure"])
    # One decimal when whole percentages would hide the change ("from 35% to 35%").
    places = 0 if percent(before) != percent(after) else 1
    numbers = {"label": label, "lower": lower_first(label), "from": percent(before, places),
               "to": percent(after, places), "q": q_text(change["q_value"])}  # fmt: skip
    if change["significant"]:
        if change["difference"] > 0:
            return _("%(label)s rose from %(from)s to %(to)s (a real change: %(q)s)") % numbers
        return _("%(label)s fell from %(from)s to %(to)s (a real change: %(q)s)") % numbers
    return (
        _("No real change in %(lower)s (%(from)s to %(to)s; within the margin of error)") % numbers
    )


def key_findings(
    estimates: Iterable[Mapping[str, Any]],
    changes: Iterable[Mapping[str, Any]],
    *,
    group: str = "borough",
    group_value: str = "all",
) -> list[dict[str, Any]]:
    """Sentences for the latest change of every measure in one group (real changes first)."""
    values = {
        (row["measure"], row["wave"]): row["estimate"]
        for row in estimates
        if row["group"] == group and row["group_value"] == group_value
    }
    latest: dict[str, Mapping[str, Any]] = {}
    for change in changes:
        if change["group"] != group or change["group_value"] != group_value:
            continue
        current = latest.get(change["measure"])
        if current is None or change["to_wave"] > current["to_wave"]:
            latest[change["measure"]] = change
    findings = []
    for measure, change in latest.items():
        before = values.get((measure, change["from_wave"]))
        after = values.get((measure, change["to_wave"]))
        if before is None or after is None:
            continue
        findings.append(
            {
                "measure": measure,
                "significant": change["significant"],
                "text": change_sentence(change, before, after),
                "from_wave": change["from_wave"],
                "to_wave": change["to_wave"],
            }
        )
    findings.sort(key=lambda f: (not f["significant"], f["measure"]))
    return findings
