"""Plain-English verdicts for plan actions, from a trial's stored evaluation (pure).

Residents and staff read the same sentence: either the 95% interval leaves out zero and
the measure "moved by X points", or it does not and the measure was "not shown to have
moved". An action that was not run as a trial gets the reason a before-and-after
comparison cannot answer the question.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

NOT_A_TRIAL = gettext_noop(
    "This action was not run as a trial, so comparing before with after cannot separate "
    "the action from the general trend."
)


def points(proportion: float) -> str:
    """0.0625 → '6.3' (percentage points, one decimal, a minus sign when negative)."""
    value = round(proportion * 100, 1)
    return f"{value + 0.0:.1f}"  # + 0.0 turns -0.0 into 0.0


def verdict(
    measure_label: str,
    *,
    is_trial: bool,
    evaluated: bool = False,
    estimate: float | None = None,
    ci_low: float | None = None,
    ci_high: float | None = None,
) -> str:
    """The sentence shown with an action on the plan pages and "You said, we did"."""
    if not is_trial:
        return _(NOT_A_TRIAL)
    if not evaluated:
        return _("This action is being tested as a trial; it has not been evaluated yet.")
    if estimate is None or ci_low is None or ci_high is None:
        return _("This trial had too few answers to tell whether the action made a difference.")
    values = {
        "measure": measure_label,
        "x": points(estimate),
        "low": points(ci_low),
        "high": points(ci_high),
    }
    if ci_low > 0 or ci_high < 0:
        return _("%(measure)s moved by %(x)s points (95%% interval %(low)s to %(high)s).") % values
    return (
        _(
            "%(measure)s was not shown to have moved: %(x)s points "
            "(95%% interval %(low)s to %(high)s, which includes no change)."
        )
        % values
    )
