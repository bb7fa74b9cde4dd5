"""Settings for real scheduler processes: the worker settings plus the heartbeat job.

``SCHEDULER_TEST_BROKER`` switches to Celery on that Redis URL (worker and beat).
"""

import os

from tests.comms.worker_settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.communitysafety.heartbeat"]  # noqa: F405

if os.environ.get("SCHEDULER_TEST_BROKER"):
    TASKS = {
        "default": {
            "BACKEND": "django_tasks_celery.CeleryBackend",
            "OPTIONS": {"CELERY_APP": "communitysafety.celery.app"},
        }
    }
    CELERY_BROKER_URL = os.environ["SCHEDULER_TEST_BROKER"]
    CELERY_TASK_IGNORE_RESULT = True
