"""The Celery app for TASKS_ENGINE=celery (django-tasks-celery runs our tasks on it).

Start workers with `celery -A communitysafety.celery worker` and the scheduler with
`celery -A communitysafety.celery beat`; the broker is CELERY_BROKER_URL (Redis). Beat's
entries come from the same `periodic_jobs()` declarations `run_scheduler` reads (see
`communitysafety.common.scheduler.beat`). See docs/operations.md "Scaling out".
"""

import os

from celery import Celery

from communitysafety.common.scheduler.beat import ENQUEUE_TASK

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "communitysafety.settings.dev")

app = Celery("communitysafety")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.beat_scheduler = "communitysafety.common.scheduler.beat:PeriodicJobScheduler"
app.autodiscover_tasks()


@app.task(name=ENQUEUE_TASK, ignore_result=True)
def enqueue_due_jobs(*names: str) -> list[str]:
    """Claim and enqueue the current slot of the named periodic jobs (beat's one task)."""
    from communitysafety.common.scheduler.runs import enqueue_due

    return enqueue_due(names=names)
