"""Settings shared by every environment. No secrets and DEBUG off here: the
environment-specific modules (dev, test, production) add what differs."""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from communitysafety.settings.environment import env_bool, env_int, env_list, env_rate, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False
ALLOWED_HOSTS: list[str] = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
USING_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if not USING_POSTGRES:
    # WAL and immediate transactions: more concurrent writers without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Connections persist like PostgreSQL's (conn_max_age above): reopening one per request
    # doubled the CPU of a survey submit (benchmarks/submit.py).
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    # Our apps first, so their templates and static files win.
    # Shared pieces first, in the order data flows (load_demo_data runs apps in this order).
    "communitysafety.wards",
    "communitysafety.vocabularies",
    "communitysafety.home",
    "communitysafety.common.scheduler",
    "communitysafety.common.uploads",
    "communitysafety.common.api_tokens",
    "surveys",
    "perceptions",
    "comms",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Third party
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]
if USING_POSTGRES:
    # Wagtail's search index needs it on PostgreSQL (postgres.E005 otherwise).
    INSTALLED_APPS.append("django.contrib.postgres")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "communitysafety.security.SecurityHeadersMiddleware",
    "communitysafety.security.PathContentSecurityPolicyMiddleware",
    "communitysafety.security.AdminLoginThrottleMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Staff: two-factor verification (django-otp marks request.user verified) and idle timeout.
    "django_otp.middleware.OTPMiddleware",
    "communitysafety.home.staff_security.StaffSessionTimeoutMiddleware",
    "communitysafety.home.staff_security.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "communitysafety.health.DatabaseUnavailableMiddleware",
    "communitysafety.home.routing.SiteLookupMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Whole-page cache for anonymous visitors (communitysafety/common/page_cache.py), purged when
# an app bumps its generation. Just inside WhiteNoise, so a cached page skips sessions,
# auth and Wagtail routing while the security and CSP headers above are still added.
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "communitysafety.common.page_cache.PageCacheMiddleware",
)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)

ROOT_URLCONF = "communitysafety.urls"
WSGI_APPLICATION = "communitysafety.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "communitysafety.context_processors.site_shell",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: every user-facing string goes through gettext.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "communitysafety.common.static_storage.CachedUrlManifestStaticFilesStorage"
    },
}
if env_str("AWS_STORAGE_BUCKET_NAME", "-") != "-":
    # Media on S3-compatible storage, so no web process keeps state on its own disk.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL", "") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True

# Cache: Redis when REDIS_URL is set (shared by every process), otherwise
# per-process memory. Never a file or database cache: the rate-limit salt
# must not reach a disk.
REDIS_URL = env_str("REDIS_URL", "-")
if REDIS_URL != "-":
    CACHES = {
        "default": {
            "BACKEND": "communitysafety.common.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cs",
            "TIMEOUT": 3600,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "TIMEOUT": 3600,
        }
    }
# Whether every process reads the same cache: only then does a generation's bump made by
# the task worker or a command reach the web processes. Otherwise what is built from the
# database is kept at most UNSHARED_CACHE_SECONDS (communitysafety.common.page_cache.kept_for).
CACHE_SHARED = REDIS_URL != "-"
UNSHARED_CACHE_SECONDS = env_int("UNSHARED_CACHE_SECONDS", 5)

# Background work: one TASKS backend runs Wagtail's tasks and ours.
# Setting CELERY_BROKER_URL alone chooses Celery (the scale-out path); TASKS_ENGINE overrides.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
TASKS_ENGINE = env_str("TASKS_ENGINE", "celery" if CELERY_BROKER_URL else "database")
if TASKS_ENGINE == "celery":
    TASKS = {
        "default": {
            "BACKEND": "django_tasks_celery.CeleryBackend",
            # comms (issue 8): name our app, or enqueueing uses Celery's default (AMQP) app.
            "OPTIONS": {"CELERY_APP": "communitysafety.celery.app"},
        }
    }
    CELERY_BROKER_URL = CELERY_BROKER_URL or (REDIS_URL if REDIS_URL != "-" else "")
    CELERY_RESULT_EXTENDED = True
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# DENY everywhere; Wagtail marks its own preview views SAMEORIGIN.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = "camera=(), microphone=(), payment=(), usb=(), interest-cohort=()"

# Map tiles are a setting: with none reachable the maps still draw our own boundaries.
MAP_TILE_URL = env_str("MAP_TILE_URL", "-")
if MAP_TILE_URL == "-":
    MAP_TILE_URL = ""
_tile_origin = "/".join(MAP_TILE_URL.split("/")[:3]) if MAP_TILE_URL else None

# Public pages: strict policy, no inline script or style, so cached pages need no nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *([_tile_origin] if _tile_origin else [])],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# The Wagtail admin needs inline scripts and styles (its own templates use them),
# so staff pages get this looser policy; it is documented in the README.
ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}
ADMIN_CSP_PATH_PREFIXES = ("/admin/", "/api/docs/")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Partner systems' read-only tokens first (a bad token is a 401 naming the scheme),
    # then the staff session. communitysafety/common/api_tokens/authentication.py
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "communitysafety.common.api_tokens.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "EXCEPTION_HANDLER": "communitysafety.api.exception_handler",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # Partner tokens only, each at API_TOKEN_RATE (below); residents and staff sessions are
    # not counted. communitysafety/common/api_tokens/throttling.py
    "DEFAULT_THROTTLE_CLASSES": [
        "communitysafety.common.api_tokens.throttling.ApiTokenRateThrottle",
    ],
    # JSON only: the browsable API's pages carry inline script and style, which the strict
    # CSP of /api/ blocks. Development adds it back (settings/dev.py).
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # limit 1–100 and offset validated (400 naming the parameter): communitysafety/pagination.py
    "DEFAULT_PAGINATION_CLASS": "communitysafety.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
}
# Requests per partner API token, counted in the default cache (Redis: across processes).
API_TOKEN_RATE = env_rate("API_TOKEN_RATE", "600/min")
SPECTACULAR_SETTINGS = {
    "TITLE": "Community safety platform API",
    "DESCRIPTION": "Read-only aggregates for the public and staff endpoints for partners.",
    "VERSION": "1.2.0",  # docs/api.md keeps the changelog
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["communitysafety.api.only_public_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "communitysafety.api.document_error_responses",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a "status"; name each enum in the schema after its own model.
    "ENUM_NAME_OVERRIDES": {
        "ReportStatusEnum": "surveys.unsafe_places.enums.ReportStatus",
        "EventStatusEnum": "comms.models.events.EventStatus",
    },
}

WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Havering Community Safety Partnership")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_I18N_ENABLED = False
# No Gravatar in the admin: the admin CSP allows no outside images (and a resident-facing
# service sends staff e-mail hashes to no one).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# The borough is configuration, not code: another partnership loads its own
# boundaries and census file with `manage.py load_wards`.
BOROUGH_CODE = env_str("BOROUGH_CODE", "E09000016")
BOROUGH_NAME = env_str("BOROUGH_NAME", "Havering")

# Rate limiting keys on a salted hash held only in the cache (see ratelimit.py).
RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)
RATELIMIT_TRUSTED_PROXY_COUNT = env_int("RATELIMIT_TRUSTED_PROXY_COUNT", 0)
ADMIN_LOGIN_PATH = "/admin/login/"
# Staff pages outside the admin (/results/staff/...) send a signed-out visitor to the
# admin's sign-in, then on through 2FA (Django's default /accounts/login/ does not exist).
LOGIN_URL = "wagtailadmin_login"
ADMIN_LOGIN_ATTEMPTS = env_int("ADMIN_LOGIN_ATTEMPTS", 10)

# Staff two-factor authentication (docs/security.md): TOTP for every staff login, required
# for the roles that see raw data; the paths below need a verified session.
TWO_FACTOR_REQUIRED_GROUPS = ("Analysts", "Moderators", "Administrators")
TWO_FACTOR_PROTECTED_PATH_PREFIXES = ("/admin/", "/results/staff/", "/api/")
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", f"{BOROUGH_NAME} community safety")
# A staff session ends after this long without a request (SESSION_COOKIE_AGE still caps it).
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_SECONDS", 30 * 60)

# Django 6.1 mailers: SMTP by default; GOV.UK Notify and others are alert backends in comms.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": env_int("EMAIL_TIMEOUT", 20),
        },
    }
}
# May carry a display name: "Havering Community Safety <alerts@example.org>".
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "community.safety@example.org")
# Alerts: Django's mailer above, or GOV.UK Notify for email and text messages
# (comms.alerts.delivery.notify.NotifyBackend; all defaults in comms/alerts/conf.py).
COMMS_DELIVERY_BACKEND = env_str(
    "COMMS_DELIVERY_BACKEND", "comms.alerts.delivery.django_mail.DjangoMailBackend"
)
COMMS_NOTIFY_API_KEY = env_str("NOTIFY_API_KEY", "")
COMMS_NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
COMMS_NOTIFY_EMAIL_TEMPLATE_ID = env_str("NOTIFY_EMAIL_TEMPLATE_ID", "")
COMMS_NOTIFY_SMS_TEMPLATE_ID = env_str("NOTIFY_SMS_TEMPLATE_ID", "")
COMMS_NOTIFY_CALLBACK_TOKEN = env_str("NOTIFY_CALLBACK_TOKEN", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Messages only: no client address or user agent reaches a log line.
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# `load_demo_data` runs only where a settings module allows it (dev and test).
DEMO_DATA_ALLOWED = False

# --- Annual survey (surveys app, issue 5) ---
# Unfinished survey answers are deleted this many days after their last save.
SURVEY_PARTIAL_RETENTION_DAYS = env_int("SURVEY_PARTIAL_RETENTION_DAYS", 30)
# Optional postcode → ward look-up: a dotted path to a backend class; empty = off.
SURVEY_GEOCODER_BACKEND = env_str("SURVEY_GEOCODER_BACKEND", "-")
if SURVEY_GEOCODER_BACKEND == "-":
    SURVEY_GEOCODER_BACKEND = ""
# For surveys.geocoding.PostcodesIoGeocoder: the API (or a council's own mirror) and a
# short time-out in seconds, after which the resident is asked to pick the ward.
SURVEY_GEOCODER_BASE_URL = env_str("SURVEY_GEOCODER_BASE_URL", "https://api.postcodes.io")
SURVEY_GEOCODER_TIMEOUT = env_int("SURVEY_GEOCODER_TIMEOUT", 3)

# --- Data file uploads in the admin (communitysafety.common.uploads, issue 16) ---
# The largest file staff may upload (a full year's survey or the MPS ward file fit well).
UPLOADS_MAX_BYTES = 200 * 1024 * 1024
# A file its task did not delete (a killed worker) goes after this many hours.
UPLOADS_FILE_RETENTION_HOURS = 24
# Upload records (their error lines can quote a file) go after this many days.
UPLOADS_RECORD_RETENTION_DAYS = 90
