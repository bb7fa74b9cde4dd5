"""Running a plan action as a staggered trial, and storing its evaluation with it.

The split is pure (perceptions.analysis.trials.assign_groups, reproducible from the
recorded seed); the evaluation is perceptions.results.trials.evaluate_trial. This module
is the glue the admin views, the task and the demo call.
"""

import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comms.models import PlanItem, PlanTrial
from comms.plan.verdicts import verdict
from perceptions.analysis.trials import assign_groups
from perceptions.labels import measure_label
from perceptions.results.trials import evaluate_trial


def new_seed() -> int:
    """A fresh random seed (recorded on the trial, so the split can be rerun)."""
    return secrets.randbelow(2**31)


@transaction.atomic
def create_trial(
    item: PlanItem,
    *,
    before_from: date,
    starts_on: date,
    late_starts_on: date,
    seed: int | None = None,
    user=None,
) -> PlanTrial:
    """Split the item's audience wards at random and record the split and its seed."""
    wards = {ward.code: ward for ward in item.audience_wards.all()}
    if not item.measure:
        raise ValidationError(_("Choose the measure this action should move first."))
    if len(wards) < 2:
        raise ValidationError(_("A trial needs at least two audience wards."))
    if PlanTrial.objects.filter(item=item).exists():
        raise ValidationError(_("This action is already a trial."))
    seed = new_seed() if seed is None else seed
    early, late = assign_groups(list(wards), seed)
    trial = PlanTrial(
        item=item,
        seed=seed,
        before_from=before_from,
        starts_on=starts_on,
        late_starts_on=late_starts_on,
        created_by=user,
    )
    trial.full_clean(exclude=["item", "created_by"])
    trial.save()
    trial.early_wards.set([wards[code] for code in early])
    trial.late_wards.set([wards[code] for code in late])
    return trial


def evaluate(trial: PlanTrial) -> PlanTrial:
    """Run the difference in differences now and store it with the action."""
    early = sorted(trial.early_wards.values_list("code", flat=True))
    late = sorted(trial.late_wards.values_list("code", flat=True))
    result = evaluate_trial(
        trial.item.measure, early, late, trial.before_from, trial.starts_on, trial.late_starts_on
    )
    trial.estimate, trial.se = result.estimate, result.se
    trial.ci_low, trial.ci_high = result.ci_low, result.ci_high
    trial.cells = [
        {"group": c.group, "period": c.period, "n": c.n, "share": c.share} for c in result.cells
    ]
    trial.reason = result.reason
    trial.evaluated_at = timezone.now()
    trial.save()
    return trial


def trial_of(item: PlanItem) -> PlanTrial | None:
    try:
        return item.trial
    except PlanTrial.DoesNotExist:
        return None


def item_verdict(item: PlanItem) -> str:
    """The verdict sentence for any plan item, trial or not."""
    trial = trial_of(item)
    label = measure_label(item.measure) if item.measure else _("The measure")
    if trial is None:
        return verdict(label, is_trial=False)
    return verdict(
        label,
        is_trial=True,
        evaluated=trial.is_evaluated,
        estimate=trial.estimate,
        ci_low=trial.ci_low,
        ci_high=trial.ci_high,
    )
