"""Retention: every app's purge of personal data past its retention period, in one place.

Apps list their purge functions as dotted paths in `retention_purgers` on their
AppConfig; each takes no arguments and returns how many records it purged.
`manage.py purge_expired` runs them all (cron it daily), and the
`purge_expired_data` task does the same and, on a backend that supports
deferred tasks, schedules its own next run for the next day.
"""

import logging
from collections.abc import Callable
from datetime import timedelta

from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import default_task_backend, task

logger = logging.getLogger(__name__)


def purgers() -> list[tuple[str, Callable[[], int]]]:
    found = []
    for config in apps.get_app_configs():
        for dotted in getattr(config, "retention_purgers", ()):
            found.append((dotted, import_string(dotted)))
    return found


def purge_expired() -> dict[str, int]:
    """Run every registered purge; one failing purge does not stop the others."""
    results: dict[str, int] = {}
    for name, purge in purgers():
        try:
            results[name] = purge()
        except Exception:
            logger.exception("Retention purge %s failed", name)
            results[name] = -1
    return results


@task()
def purge_expired_data(reschedule: bool = True) -> dict[str, int]:
    results = purge_expired()
    if reschedule and default_task_backend.supports_defer:
        purge_expired_data.using(run_after=timezone.now() + timedelta(days=1)).enqueue()
    return results
