"""Production: fail fast on anything missing, secure cookies and HSTS.

PostgreSQL (DATABASE_URL) and Redis (REDIS_URL) are required: SQLite and a
per-process memory cache are for one machine, not for several web processes."""

from communitysafety.settings.base import *  # noqa: F403
from communitysafety.settings.environment import env_bool, env_int, env_list, env_str, env_url

SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("The environment variable ALLOWED_HOSTS must be set for production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL")
env_url(
    "DATABASE_URL",
    ("postgres", "postgresql", "pgsql", "postgis"),
    "production runs on PostgreSQL, never SQLite",
)
env_url(
    "REDIS_URL",
    ("redis", "rediss", "unix"),
    "the cache, page cache and rate limits are shared by every process through Redis",
)

STATIC_ROOT = env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles"))

# Off only for a local trial over plain HTTP (`make serve`); check --deploy warns then.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Secure-sessionid"
CSRF_COOKIE_NAME = "__Secure-csrftoken"

# Only for a local trial of this profile (`make serve`, bin/smoke-production): never set
# it on a real deployment.
DEMO_DATA_ALLOWED = env_bool("DEMO_DATA_ALLOWED", False)
