"""Settings for unsafe-place reports, each with a default so no settings file must change.

Override any of them in a settings module (or from the environment there):
`UNSAFE_PLACES_DUPLICATE_METRES`, `UNSAFE_PLACES_DUPLICATE_DAYS`,
`UNSAFE_PLACES_DESCRIPTION_RETENTION_DAYS`, `UNSAFE_PLACES_SUPPRESS_BELOW`,
`UNSAFE_PLACES_GRID_METRES`, `UNSAFE_PLACES_SUBMIT_LIMIT` ((count, seconds) per client).
The postcode look-up is the survey's (`SURVEY_GEOCODER_BACKEND`, `surveys/geocoding.py`):
one setting, so a council configures one geocoder for every form.
"""

from django.conf import settings


def duplicate_metres() -> float:
    """Reports closer than this (and within `duplicate_days`) are offered as duplicates."""
    return float(getattr(settings, "UNSAFE_PLACES_DUPLICATE_METRES", 75))


def duplicate_days() -> int:
    return int(getattr(settings, "UNSAFE_PLACES_DUPLICATE_DAYS", 90))


def retention_days() -> int:
    """Days after a case closes before its description is purged."""
    return int(getattr(settings, "UNSAFE_PLACES_DESCRIPTION_RETENTION_DAYS", 90))


def suppress_below() -> int:
    """Public counts below this are shown as "fewer than N"."""
    return int(getattr(settings, "UNSAFE_PLACES_SUPPRESS_BELOW", 5))


def grid_metres() -> float:
    return float(getattr(settings, "UNSAFE_PLACES_GRID_METRES", 500))


def submit_limit() -> tuple[int, int]:
    """(reports, seconds) one client may submit before being told to wait."""
    count, seconds = getattr(settings, "UNSAFE_PLACES_SUBMIT_LIMIT", (10, 600))
    return int(count), int(seconds)
