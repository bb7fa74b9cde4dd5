"""Celery beat's schedule comes from the same declarations as `run_scheduler`'s."""

from datetime import UTC, datetime, timedelta

import pytest

from communitysafety.celery import app
from communitysafety.common.scheduler.beat import (
    ENQUEUE_TASK,
    PeriodicJobScheduler,
    SlotSchedule,
)
from communitysafety.common.scheduler.jobs import PeriodicJob, periodic_jobs
from communitysafety.common.scheduler.models import PeriodicJobState

DAILY_0700 = PeriodicJob("digest", task=None, every=timedelta(days=1), offset=timedelta(hours=7))


def at(hour: int, minute: int = 0, day: int = 7) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC)


def schedule_at(now: datetime) -> SlotSchedule:
    return SlotSchedule(DAILY_0700, nowfun=lambda: now, app=app)


def test_a_slot_schedule_is_due_once_the_next_slot_has_begun():
    before = schedule_at(at(6, 59)).is_due(at(7, 1, day=6))
    after = schedule_at(at(7, 0, day=7)).is_due(at(7, 1, day=6))
    assert (before.is_due, before.next) == (False, 60)
    assert after.is_due is True
    assert after.next == timedelta(days=1).total_seconds()  # until tomorrow's 07:00


def test_remaining_estimate_counts_to_the_start_of_the_next_slot():
    remaining = schedule_at(at(6, 0)).remaining_estimate(at(7, 30, day=6))
    assert remaining == timedelta(hours=1)


def test_beat_holds_one_entry_per_declared_job_each_due_at_start():
    scheduler = PeriodicJobScheduler(app=app)
    declared = periodic_jobs()
    entries = {name: entry for name, entry in scheduler.schedule.items() if name in declared}
    assert set(entries) == set(declared)
    for name, entry in entries.items():
        assert (entry.task, tuple(entry.args)) == (ENQUEUE_TASK, (name,))
        assert entry.schedule.job == declared[name]
        assert entry.is_due().is_due  # a new beat sends every job; the claim decides


@pytest.mark.django_db
def test_the_task_beat_sends_claims_only_its_own_job_and_only_once():
    from communitysafety.celery import enqueue_due_jobs

    assert enqueue_due_jobs("alert-sweep") == ["alert-sweep"]
    assert enqueue_due_jobs("alert-sweep") == []  # same slot: already claimed
    assert set(PeriodicJobState.objects.values_list("name", flat=True)) == {"alert-sweep"}
    assert PeriodicJobState.objects.get(name="alert-sweep").last_succeeded is not None
