"""Environment variables are parsed here and only here, so every setting that
comes from the environment is typed, documented and fails with a clear message."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str | None = None) -> str:
    """A string from the environment; with no default the variable is required."""
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ImproperlyConfigured(
                f"The environment variable {name} must be set for these settings."
            )
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated list; empty items are dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_url(name: str, schemes: tuple[str, ...], purpose: str) -> str:
    """A required URL whose scheme must be one of ``schemes`` (e.g. a PostgreSQL
    ``DATABASE_URL``); the message says what it is for and what it looks like."""
    value = os.environ.get(name, "").strip()
    example = f"{schemes[0]}://..."
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be set for these settings: {purpose} "
            f"(for example {example})."
        )
    scheme = urlsplit(value).scheme.lower()
    if scheme not in schemes:
        raise ImproperlyConfigured(
            f"{name} must be a {'/'.join(schemes)} URL ({purpose}), not a {scheme or 'bare'!s} "
            f"one (for example {example})."
        )
    return value


# DRF reads only a period's first letter; naming the periods here catches "600/week".
RATE_PERIODS = frozenset(
    {"s", "sec", "second", "seconds", "m", "min", "minute", "minutes"}
    | {"h", "hour", "hours", "d", "day", "days"}
)


def env_rate(name: str, default: str) -> str:
    """A request rate in DRF's form, such as ``600/min``: a whole number, a slash and a
    period (s, min, hour or day). Checked here so a typo fails at start-up, not at the
    first throttled request."""
    value = (os.environ.get(name) or default).strip()
    count, _, period = value.partition("/")
    if not count.isdigit() or int(count) < 1 or period not in RATE_PERIODS:
        raise ImproperlyConfigured(
            f"{name} must be a rate such as 600/min (a count, then /s, /min, /hour or "
            f"/day), not {value!r}."
        )
    return value
