"""Background work for the plan: evaluating a trial (reads every answer in its wards)."""

from django_tasks import task

from comms.models import PlanTrial
from comms.plan.trials import evaluate


@task()
def evaluate_plan_trial(trial_id: int) -> str:
    """Evaluate one trial and store the result; rerunning overwrites it with the same."""
    trial = PlanTrial.objects.filter(pk=trial_id).select_related("item").first()
    if trial is None:
        return "gone"
    evaluate(trial)
    return "evaluated" if trial.estimate is not None else "no estimate"
