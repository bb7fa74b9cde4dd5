"""Optional postcode/street → ward look-up behind a pluggable backend (off by default).

`SURVEY_GEOCODER_BACKEND` is a dotted path to a class with `ward_code_for(text)`
returning a GSS ward code or None (not found), and raising `GeocoderUnavailable`
when it cannot answer. The survey's About you page and the unsafe-place report
form use it; no geocoder is reachable offline, so picking the ward from the list
always works, and tests use the recording fake below. What the resident typed is
only looked up, never stored.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class GeocoderUnavailable(Exception):
    """The geocoder could not answer (down, timed out, refused)."""


def get_geocoder():
    dotted = getattr(settings, "SURVEY_GEOCODER_BACKEND", "")
    return import_string(dotted)() if dotted else None


def ward_code_for(geocoder, text: str) -> str | None:
    """The backend's answer; any failure of a third-party backend becomes
    `GeocoderUnavailable`, so the form shows an error instead of a server error.
    The text is not logged (it may be where someone lives)."""
    try:
        return geocoder.ward_code_for(text)
    except GeocoderUnavailable:
        raise
    except Exception as error:  # a backend's network or parsing failure
        logger.warning("Geocoder failed: %s", type(error).__name__)
        raise GeocoderUnavailable from error


class RecordingGeocoder:
    """Test fake: answers from `known`, records every look-up, and is down while
    `available` is False (class-level, per process; `reset` between tests)."""

    known: dict[str, str] = {}
    lookups: list[str] = []
    available: bool = True

    @classmethod
    def reset(cls, known: dict[str, str] | None = None, available: bool = True) -> None:
        cls.known, cls.lookups, cls.available = dict(known or {}), [], available

    def ward_code_for(self, postcode: str) -> str | None:
        normalised = "".join(postcode.upper().split())
        type(self).lookups.append(normalised)
        if not type(self).available:
            raise GeocoderUnavailable("recording geocoder is down")
        return type(self).known.get(normalised)
