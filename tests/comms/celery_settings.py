"""Worker settings with the Celery engine on the real Redis (db 4, engineer 4's number)."""

import os

from tests.comms.worker_settings import *  # noqa: F403

TASKS = {
    "default": {
        "BACKEND": "django_tasks_celery.CeleryBackend",
        "OPTIONS": {"CELERY_APP": "communitysafety.celery.app"},
    }
}
CELERY_BROKER_URL = os.environ.get("COMMS_TEST_REDIS_URL", "redis://127.0.0.1:6379/4")
CELERY_RESULT_EXTENDED = True
CELERY_TASK_IGNORE_RESULT = True
