"""Settings for benchmarks/pages.py: the real base settings, DEBUG off, plus a hello-world URL.

Not for any deployment: a throwaway key and every host allowed, on 127.0.0.1 only.
"""

from communitysafety.settings.base import *  # noqa: F403

SECRET_KEY = "benchmark-only-key-not-secret-0123456789abcdef"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "benchmarks.pages_urls"
DEMO_DATA_ALLOWED = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None
# Quiet logs: a line per request would measure the terminal, not the site.
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Nothing changes the data during a run: keep what is built as long as a shared cache would.
CACHE_SHARED = True
