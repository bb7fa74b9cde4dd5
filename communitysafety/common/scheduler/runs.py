"""Enqueue due slots exactly once, and record how each run went."""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from communitysafety.common.scheduler.jobs import PeriodicJob, periodic_jobs
from communitysafety.common.scheduler.models import PeriodicJobState


def ensure_states(jobs: dict[str, PeriodicJob], now: datetime) -> None:
    """Create missing rows lazily, due at once (last slot = the one before now's)."""
    PeriodicJobState.objects.bulk_create(
        [
            PeriodicJobState(name=name, last_slot=job.slot_at(now) - 1, first_seen=now)
            for name, job in jobs.items()
        ],
        ignore_conflicts=True,
    )


def claim(name: str, slot: int, now: datetime) -> bool:
    """True for exactly one caller per (job, slot): a conditional UPDATE, no lock held."""
    return bool(
        PeriodicJobState.objects.filter(name=name, last_slot__lt=slot).update(
            last_slot=slot, last_enqueued=now
        )
    )


def enqueue_due(now: datetime | None = None, names: Iterable[str] | None = None) -> list[str]:
    """Enqueue every job (or the ``names`` given) whose current slot is not yet enqueued.

    Returns the names enqueued. `run_scheduler` passes no names; a Celery beat entry passes
    its own job's name.
    """
    from communitysafety.common.scheduler.tasks import run_periodic_job

    now = now or timezone.now()
    jobs = periodic_jobs()
    if names is not None:
        wanted = set(names)
        jobs = {name: job for name, job in jobs.items() if name in wanted}
    ensure_states(jobs, now)
    enqueued = []
    for name, job in jobs.items():
        slot = job.slot_at(now)
        # Claim and enqueue together: with the database backend the task row commits with
        # the claim, and a broker that refuses the message rolls the claim back.
        with transaction.atomic():
            if claim(name, slot, now):
                run_periodic_job.enqueue(name, slot)
                enqueued.append(name)
    return enqueued


def record(name: str, **fields: object) -> None:
    PeriodicJobState.objects.filter(name=name).update(**fields)
