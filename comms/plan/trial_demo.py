"""Demo data: an approved plan with one action run as a completed staggered trial.

Nothing here is a hard-coded result. The loader generates pulse survey answers (through
the same store function as the public form) in which the early wards' residents, after
the start, feel better informed than they would have; the annual survey demo's own
responses in the trial's wards and dates count too. The random split and the evaluation
are the real ones (`create_trial`, the `evaluate_plan_trial` task), so the verdict is
whatever the difference in differences finds in that generated data. Idempotent: an
existing trial is left alone.
"""

import datetime
from collections.abc import Callable

import numpy as np
from django.utils import timezone

from comms.alerts.linking import give_consent
from comms.models import (
    CommunicationsPlan,
    PlanChannel,
    PlanItem,
    PlanStatus,
    PlanTrial,
    Subscriber,
)
from comms.plan.tasks import evaluate_plan_trial
from comms.plan.trials import create_trial
from communitysafety.wards.models import Ward
from surveys.contract import AGE_BANDS, answer_codes
from surveys.models import PulseSource
from surveys.pulse.storage import store_pulse_response

OBJECTIVE = "Monthly ward newsletter: what your local police team did and how to reach them"
SEED = 20260301
TRIAL_WARDS = 8
PER_WARD_PERIOD = 80
EFFECT = 0.15  # what the generator plants in the early wards' pulse answers after the start
AGE_SHARES = (0.10, 0.16, 0.26, 0.25, 0.23)


def _dates(today: datetime.date) -> tuple[datetime.date, datetime.date, datetime.date]:
    """Before: last autumn's wave; after: from December to today (this year's wave too)."""
    return (
        datetime.date(today.year - 1, 9, 1),
        datetime.date(today.year - 1, 12, 1),
        today,
    )


def _answer(rng: np.random.Generator, code: str, p_positive: float) -> str:
    answers = answer_codes(code)
    draw = rng.random()
    if draw < 0.05:
        return "dont_know"
    if draw < 0.07:
        return "refused"
    positive = rng.random() < p_positive
    if code == "informed_local":
        return str(rng.choice(["very_well", "fairly_well"])) if positive else "not_at_all"
    scale = [a for a in answers if a not in {"dont_know", "refused"}]
    return scale[int(rng.integers(0, 2))] if positive else scale[int(rng.integers(2, len(scale)))]


def _pulse_answers(rng, early: set[str], wards: list[Ward], dates, keys: list[str]) -> int:
    before_from, starts_on, late_on = dates
    stored = 0
    for ward in wards:
        base = 0.40 + 0.04 * (int(ward.code[-2:]) % 5)
        for period, (first, last) in enumerate(((before_from, starts_on), (starts_on, late_on))):
            span = (last - first).days
            trend = 0.04 * period
            lift = EFFECT if period == 1 and ward.code in early else 0.0
            for _ in range(PER_WARD_PERIOD):
                band = AGE_BANDS[int(rng.choice(len(AGE_BANDS), p=AGE_SHARES))]
                p = base + trend + lift + 0.03 * (AGE_BANDS.index(band) - 2)
                key = keys[int(rng.integers(len(keys)))] if keys and rng.random() < 0.05 else ""
                store_pulse_response(
                    ward=ward,
                    age_band=band,
                    answers={
                        "informed_local": _answer(rng, "informed_local", p),
                        "feel_safe_night": _answer(rng, "feel_safe_night", 0.55),
                        "trust_mps": _answer(rng, "trust_mps", 0.65),
                    },
                    source=PulseSource.ALERT if key else PulseSource.EVENT,
                    link_key=key,
                    completed_on=first + datetime.timedelta(days=int(rng.integers(span))),
                )
                stored += 1
    return stored


def load(out: Callable[[str], None]) -> None:
    today = timezone.localdate()
    plan, _ = CommunicationsPlan.objects.get_or_create(
        year=today.year,
        defaults={
            "status": PlanStatus.APPROVED,
            "summary": "Tell residents what their local police team is doing, ward by ward.",
        },
    )
    wards = list(Ward.objects.with_adult_population().order_by("code")[:TRIAL_WARDS])
    if len(wards) < 2:
        out("comms plan trial demo: fewer than two wards with a population; trial skipped")
        return
    dates = _dates(today)
    item, created = PlanItem.objects.get_or_create(
        plan=plan,
        objective=OBJECTIVE,
        defaults={
            "measure": "informed_local",
            "channel": PlanChannel.NEWSLETTER,
            "finding": "Fewer residents feel well informed about local policing than in London.",
            "key_message": "Here is what your ward team did this month, and how to reach them.",
            "starts_on": dates[1],
            "ends_on": dates[2],
            "status": "done",
        },
    )
    if created:
        item.audience_wards.set(wards)
        item.save()  # a parental many-to-many is written on save
    if PlanTrial.objects.filter(item=item).exists():
        out("comms plan trial demo: the newsletter trial is already there")
        return
    trial = create_trial(
        item, before_from=dates[0], starts_on=dates[1], late_starts_on=dates[2], seed=SEED
    )
    early = set(trial.early_wards.values_list("code", flat=True))
    consenting = list(Subscriber.objects.confirmed().order_by("pk")[:3])
    for subscriber in consenting:
        give_consent(subscriber)
    keys = [s.pulse_link_key for s in Subscriber.objects.filter(pk__in=[s.pk for s in consenting])]
    stored = _pulse_answers(np.random.default_rng(SEED), early, wards, dates, keys)
    evaluate_plan_trial.call(trial.pk)
    trial.refresh_from_db()
    out(
        f"comms plan: approved {plan.year} plan, trial of '{item.objective[:30]}…' over "
        f"{len(wards)} wards (seed {SEED}), {stored} generated pulse answers; estimate "
        f"{trial.estimate if trial.estimate is None else round(trial.estimate, 3)}"
    )
