"""Key findings: sentences written from the results, never beyond them.

A change is called real only when its release family marks it significant
(Benjamini–Hochberg q < 0.05). The words follow the test: p < 0.05 but q ≥ 0.05 is "not
shown to be a real change after allowing for the number of comparisons", p ≥ 0.05 is
"within the margin of error", and both show the change with its 95% interval, so a
+12-point change is never passed off as no change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from perceptions.analysis.families import Z_95
from perceptions.analysis.report import SIGNIFICANCE
from perceptions.labels import lower_first, measure_label


class Verdict:
    """What a stored change's test allows us to say (``verdict`` below)."""

    REAL = "real"
    NOT_AFTER_COMPARISONS = "not_after_comparisons"  # p < 0.05, q ≥ 0.05
    MARGIN_OF_ERROR = "margin_of_error"  # p ≥ 0.05
    NOT_TESTED = "not_tested"  # se 0: no p-value


def verdict(change: Mapping[str, Any]) -> str:
    """The one test result every sentence about ``change`` is written from."""
    if change.get("significant"):
        return Verdict.REAL
    p = change.get("p_value")
    if p is None:
        return Verdict.NOT_TESTED
    return Verdict.NOT_AFTER_COMPARISONS if p < SIGNIFICANCE else Verdict.MARGIN_OF_ERROR


def points(value: float) -> str:
    """A change in percentage points with its sign: '+12.3', '−2.0', '0.0'."""
    tenths = round(1000 * value)
    if tenths == 0:
        return "0.0"
    return f"{'+' if tenths > 0 else '−'}{abs(tenths) / 10:.1f}"


def change_interval(change: Mapping[str, Any]) -> tuple[float, float] | None:
    """The change's stored 95% interval (or difference ± 1.96 se for older rows)."""
    if change.get("ci_low") is not None and change.get("ci_high") is not None:
        return float(change["ci_low"]), float(change["ci_high"])
    if change.get("difference") is None or change.get("se") is None:
        return None
    diff, se = float(change["difference"]), float(change["se"])
    return diff - Z_95 * se, diff + Z_95 * se


def change_text(change: Mapping[str, Any]) -> str:
    """'a change of +12.3 points, 95% interval +2.1 to +22.5'."""
    numbers = {"change": points(float(change["difference"]))}
    interval = change_interval(change)
    if interval is None:
        return _("a change of %(change)s points") % numbers
    numbers.update(low=points(interval[0]), high=points(interval[1]))
    return _("a change of %(change)s points, 95%% interval %(low)s to %(high)s") % numbers


def verdict_text(change: Mapping[str, Any]) -> str:
    """A short, plain statement of the test result, for tables."""
    kind = verdict(change)
    if kind == Verdict.REAL:
        return _("Real change (%(q)s)") % {"q": q_text(change.get("q_value"))}
    if kind == Verdict.NOT_AFTER_COMPARISONS:
        return _(
            "Not shown to be a real change after allowing for the number of comparisons (%(q)s)"
        ) % {"q": q_text(change.get("q_value"))}
    if kind == Verdict.NOT_TESTED:
        return _("Change not tested (no variation)")
    return _("No real change: within the margin of error")


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
               "to": percent(after, places), "q": q_text(change.get("q_value")),
               "change": change_text(change)}  # fmt: skip
    kind = verdict(change)
    if kind == Verdict.REAL:
        if change["difference"] > 0:
            return _("%(label)s rose from %(from)s to %(to)s (a real change: %(q)s)") % numbers
        return _("%(label)s fell from %(from)s to %(to)s (a real change: %(q)s)") % numbers
    if kind == Verdict.NOT_AFTER_COMPARISONS:
        return (
            _(
                "%(label)s went from %(from)s to %(to)s, %(change)s: not shown to be a real "
                "change after allowing for the number of comparisons (%(q)s)"
            )
            % numbers
        )
    if kind == Verdict.NOT_TESTED:
        return _("%(label)s went from %(from)s to %(to)s (not tested: no variation)") % numbers
    return (
        _(
            "No real change in %(lower)s (%(from)s to %(to)s, %(change)s; within the margin "
            "of error)"
        )
        % numbers
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
                "verdict": verdict(change),
                "q_value": change.get("q_value"),
                "text": change_sentence(change, before, after),
                "from_wave": change["from_wave"],
                "to_wave": change["to_wave"],
            }
        )
    findings.sort(key=lambda f: (not f["significant"], f["measure"]))
    return findings
