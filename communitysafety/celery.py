"""The Celery app for TASKS_ENGINE=celery (django-tasks-celery runs our tasks on it).

Start workers with `celery -A communitysafety.celery worker`; the broker is
CELERY_BROKER_URL (Redis). See README "Alerts: delivery and scale-out".
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "communitysafety.settings.dev")

app = Celery("communitysafety")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
