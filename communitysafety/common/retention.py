"""Retention: every app's purge of personal data past its retention period, in one place.

The hook: an app that keeps personal data defines ``retention_purges()`` on its
AppConfig, returning ``{label: purge}`` where each purge takes no arguments and returns
how many records it removed (see :class:`RetentionPurges`). The functions are imported
inside the method, when it is called, so models are loaded by then and a renamed function
fails loudly at the call rather than being skipped. `manage.py purge_expired` runs them
all, and the `purge_expired_data` task does the same; the scheduler runs it daily (the
home app declares it in ``periodic_jobs()``).
"""

import logging
from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable

from django.apps import apps
from django_tasks import task

logger = logging.getLogger(__name__)

Purge = Callable[[], int]


@runtime_checkable
class RetentionPurges(Protocol):
    """What an AppConfig declares to take part in the retention purge."""

    def retention_purges(self) -> Mapping[str, Purge]: ...


def purgers() -> list[tuple[str, Purge]]:
    """Every app's purges, labelled ``app_label: what``, in app order."""
    found: list[tuple[str, Purge]] = []
    for config in apps.get_app_configs():
        if isinstance(config, RetentionPurges):
            for label, purge in config.retention_purges().items():
                found.append((f"{config.label}: {label}", purge))
    return found


def purge_expired() -> dict[str, int]:
    """Run every registered purge; one failing purge does not stop the others (-1)."""
    results: dict[str, int] = {}
    for name, purge in purgers():
        try:
            results[name] = purge()
        except Exception:
            logger.exception("Retention purge %s failed", name)
            results[name] = -1
    return results


@task()
def purge_expired_data() -> dict[str, int]:
    """Every app's retention purge as a task (run daily by the scheduler)."""
    return purge_expired()
