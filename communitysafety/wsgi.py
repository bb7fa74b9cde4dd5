"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "communitysafety.settings.production")

application = get_wsgi_application()

from communitysafety.gc_tuning import freeze_after_warm_up  # noqa: E402 - needs settings

freeze_after_warm_up()
