"""Settings for benchmarks/*.py servers: production-like (DEBUG off, DB sessions,
persistent connections) but plain HTTP, no rate limit, and a hello-world route."""

import os

from communitysafety.settings.base import *  # noqa: F403

SECRET_KEY = "benchmark-only-not-secret-" + "x" * 40  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "benchmarks.bench_urls"
RATELIMIT_ENABLED = False  # 16 clients share one address
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
DEMO_DATA_ALLOWED = True

# Production settings close SQLite connections after every request (CONN_MAX_AGE 0).
# `submit.py --sqlite-conn-max-age N` measures the alternative; the default run keeps 0.
if not USING_POSTGRES and os.environ.get("BENCH_SQLITE_CONN_MAX_AGE"):  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ["BENCH_SQLITE_CONN_MAX_AGE"])  # noqa: F405
