"""Settings for benchmarks/*.py servers: production-like (DEBUG off, DB sessions,
persistent connections) but plain HTTP, no rate limit, and a hello-world route."""

from communitysafety.settings.base import *  # noqa: F403

SECRET_KEY = "benchmark-only-not-secret-" + "x" * 40
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
# The Wagtail FormPage peer of benchmarks/submit.py: installed here only.
INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks.peer_form"]  # noqa: F405
# As production's shared Redis would: what one worker builds is kept as long.
CACHE_SHARED = True
