"""WSGI entry point of the plain Wagtail peer (what `wagtail start` generates)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.plain_wagtail.settings")

application = get_wsgi_application()
