"""Periodic jobs as data: what each app declares, and the slot arithmetic.

A job runs once per *slot*: slot ``n`` starts at ``EPOCH + offset + n * every`` (UTC), so
every scheduler process agrees on which run is due without talking to the others.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, runtime_checkable

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class PeriodicJob:
    """A task to run every ``every``, ``offset`` after each UTC boundary (e.g. 07:00 daily)."""

    name: str
    task: Any  # a django_tasks Task: run with .call(*args) by run_periodic_job
    every: timedelta
    offset: timedelta = timedelta(0)
    args: tuple = ()

    def slot_at(self, when: datetime) -> int:
        """The number of the slot that contains ``when``."""
        return (when - EPOCH - self.offset) // self.every


@runtime_checkable
class PeriodicJobs(Protocol):
    """What an AppConfig declares to have work run on a schedule."""

    def periodic_jobs(self) -> Sequence[PeriodicJob]: ...


def periodic_jobs() -> dict[str, PeriodicJob]:
    """Every app's jobs by name, in app order; a name declared twice is a configuration error."""
    found: dict[str, PeriodicJob] = {}
    for config in apps.get_app_configs():
        if isinstance(config, PeriodicJobs):
            for job in config.periodic_jobs():
                if job.name in found:
                    raise ImproperlyConfigured(f"periodic job {job.name!r} is declared twice")
                found[job.name] = job
    return found
