"""Settings for tests that run real worker processes: a file SQLite database,
the database task backend and SMTP to a sink the test starts.

Everything comes from environment variables set by the test.
"""

import os

from communitysafety.settings.test import *  # noqa: F403

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ["COMMS_TEST_DB"],
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        },
    }
}
if os.environ.get("COMMS_TEST_DATABASE_URL"):
    import dj_database_url

    DATABASES = {
        "default": dj_database_url.parse(os.environ["COMMS_TEST_DATABASE_URL"], conn_max_age=600)
    }
    if "django.contrib.postgres" not in INSTALLED_APPS:  # noqa: F405
        INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.postgres"]  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": int(os.environ.get("COMMS_TEST_SMTP_PORT", "25"))},
    }
}
COMMS_DELIVERY_BACKEND = "comms.alerts.delivery.django_mail.DjangoMailBackend"
COMMS_SENDING_TIMEOUT_SECONDS = int(os.environ.get("COMMS_TEST_SENDING_TIMEOUT", "2"))
COMMS_BATCH_SIZE = int(os.environ.get("COMMS_TEST_BATCH_SIZE", "50"))
LOGGING = {"version": 1, "disable_existing_loggers": False}
