"""The plan demo: a completed staggered trial evaluated from generated answers."""

import pytest

from comms.alerts import demo as demo_alerts
from comms.models import PlanTrial
from comms.plan import trial_demo
from comms.plan.trials import evaluate, item_verdict
from surveys.models import PulseResponse

pytestmark = pytest.mark.django_db


def test_demo_trial_is_evaluated_by_the_pipeline_and_loads_once(wards, site):
    messages: list[str] = []
    demo_alerts.load(messages.append)
    trial_demo.load(messages.append)
    trial = PlanTrial.objects.get()
    assert trial.seed == trial_demo.SEED and trial.item.plan.status == "approved"
    assert trial.item.audience_wards.count() == trial_demo.TRIAL_WARDS
    assert trial.is_evaluated and trial.estimate is not None
    stored = (trial.estimate, trial.se)
    assert evaluate(trial).estimate == pytest.approx(stored[0], rel=1e-12)  # not hard-coded
    verdict = item_verdict(trial.item)
    assert "moved by" in verdict or "not shown to have moved" in verdict
    assert PulseResponse.objects.linked().exists()  # consenting demo subscribers

    answers = PulseResponse.objects.count()
    trial_demo.load(messages.append)
    assert PulseResponse.objects.count() == answers and PlanTrial.objects.count() == 1
    assert "already there" in messages[-1]
