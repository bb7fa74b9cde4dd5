"""Celery beat from the same declarations: the scale-out twin of `run_scheduler`.

With ``TASKS_ENGINE=celery`` the scheduler process is ``celery -A communitysafety.celery
beat``. Its scheduler (:class:`PeriodicJobScheduler`) holds one entry per declared
:class:`~communitysafety.common.scheduler.jobs.PeriodicJob`, due at the start of each of
the job's slots. A due entry sends :data:`ENQUEUE_TASK`, which claims the slot in the
database exactly as `run_scheduler` does, so beat and `run_scheduler` (or two beats) can
overlap during a migration without running a slot twice. Beat keeps no schedule file: the
slots and their claims live in the database, so the process has no local state to lose.
"""

from datetime import datetime, timedelta
from typing import Any

from celery import beat, schedules

from communitysafety.common.scheduler.jobs import EPOCH, PeriodicJob, periodic_jobs

#: The Celery task a beat entry sends (defined in ``communitysafety.celery``).
ENQUEUE_TASK = "communitysafety.scheduler.enqueue_due"


class SlotSchedule(schedules.BaseSchedule):
    """Due once at the start of each of a job's slots (UTC), whatever beat's own clock says."""

    def __init__(self, job: PeriodicJob, nowfun: Any = None, app: Any = None) -> None:
        super().__init__(nowfun=nowfun, app=app)
        self.job = job

    def next_start(self, now: datetime) -> datetime:
        """When the slot after the one containing ``now`` begins."""
        return EPOCH + self.job.offset + (self.job.slot_at(now) + 1) * self.job.every

    def remaining_estimate(self, last_run_at: datetime) -> timedelta:
        last = self.maybe_make_aware(last_run_at)
        return self.next_start(last) - self.maybe_make_aware(self.now())

    def is_due(self, last_run_at: datetime) -> schedules.schedstate:
        now = self.maybe_make_aware(self.now())
        last = self.maybe_make_aware(last_run_at)
        due = self.job.slot_at(now) > self.job.slot_at(last)
        return schedules.schedstate(due, (self.next_start(now) - now).total_seconds())

    def __repr__(self) -> str:
        return f"<SlotSchedule {self.job.name}: every {self.job.every}, offset {self.job.offset}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SlotSchedule) and other.job == self.job

    __hash__ = None  # type: ignore[assignment]  # mutable like Celery's own schedules


def beat_schedule() -> dict[str, dict[str, Any]]:
    """One beat entry per declared job, each due at once when beat starts.

    ``last_run_at`` is the epoch so a new beat process sends every job straight away; the
    database claim then lets through only the slots no scheduler has enqueued yet.
    """
    return {
        name: {
            "task": ENQUEUE_TASK,
            "schedule": SlotSchedule(job),
            "args": (name,),
            "last_run_at": EPOCH,
            "options": {"expires": job.every.total_seconds()},
        }
        for name, job in periodic_jobs().items()
    }


class PeriodicJobScheduler(beat.Scheduler):
    """Celery beat's in-memory scheduler, filled from every app's ``periodic_jobs()``."""

    def setup_schedule(self) -> None:
        self.merge_inplace(beat_schedule())
        self.install_default_entries(self.data)
