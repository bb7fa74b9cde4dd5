"""Optional postcode → ward look-up behind a pluggable backend (off by default).

`SURVEY_GEOCODER_BACKEND` is a dotted path to a class with `ward_code_for(postcode)`
returning a GSS ward code or None. No geocoder is reachable offline, so picking
the ward from the list always works; tests use the recording fake below.
"""

from django.conf import settings
from django.utils.module_loading import import_string


def get_geocoder():
    dotted = getattr(settings, "SURVEY_GEOCODER_BACKEND", "")
    return import_string(dotted)() if dotted else None


class RecordingGeocoder:
    """Test fake: answers from `known` and records every look-up (class-level, per process)."""

    known: dict[str, str] = {}
    lookups: list[str] = []

    def ward_code_for(self, postcode: str) -> str | None:
        normalised = "".join(postcode.upper().split())
        type(self).lookups.append(normalised)
        return type(self).known.get(normalised)
