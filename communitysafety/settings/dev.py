"""Local development: `make run`. DEBUG on, a throwaway key, mail printed to the console."""

from communitysafety.settings.base import *  # noqa: F403
from communitysafety.settings.environment import env_str

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me")
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
DEMO_DATA_ALLOWED = True

# The browsable API while developing, under the admin's CSP (it needs inline code).
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
ADMIN_CSP_PATH_PREFIXES = (*ADMIN_CSP_PATH_PREFIXES, "/api/v1/")

# WhiteNoise serves straight from the finders: no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = None

# Keep `make run` readable: task and page-tree chatter only when something goes wrong.
LOGGING["loggers"].update(
    {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    }
)
