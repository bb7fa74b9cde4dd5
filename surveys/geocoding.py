"""Optional postcode/street → ward look-up behind a pluggable backend (off by default).

`SURVEY_GEOCODER_BACKEND` is a dotted path to a class with `ward_code_for(text)`
returning a GSS ward code or None (not found), and raising `GeocoderUnavailable`
when it cannot answer. The survey's About you page and the unsafe-place report
form use it; no geocoder is reachable offline, so picking the ward from the list
always works, and tests use the recording fake below. What the resident typed is
only looked up, never stored, and never logged (a postcode next to a request's
address would say where someone lives).

`PostcodesIoGeocoder` is the real backend: postcodes.io's JSON API
(`SURVEY_GEOCODER_BASE_URL`, so a council can point it at its own mirror; a
short `SURVEY_GEOCODER_TIMEOUT` so a slow service costs the resident seconds,
not a page error).
"""

import json
import logging
import re
import urllib.error
import urllib.request
from urllib.parse import quote

from django.conf import settings
from django.utils.module_loading import import_string

from communitysafety.wards.lookup import ward_for_point

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


# A UK postcode, spaces removed (outward code, then digit + two letters).
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")


class PostcodesIoGeocoder:
    """Postcode → ward through postcodes.io (`GET {base}/postcodes/{postcode}`).

    The ward is the one of ours containing the answer's latitude/longitude, so it
    follows the boundaries we loaded; when the point falls on none of them, the
    answer's own ward code (`codes.admin_ward`) is used if it is one of ours. A
    404 (unknown or malformed postcode) is "not found"; a timeout, refused
    connection, other status or unreadable answer is `GeocoderUnavailable`.
    Streets are not looked up: postcodes.io knows postcodes only.
    """

    def __init__(self) -> None:
        self.base_url = getattr(settings, "SURVEY_GEOCODER_BASE_URL", "https://api.postcodes.io")
        self.timeout = getattr(settings, "SURVEY_GEOCODER_TIMEOUT", 3.0)

    def ward_code_for(self, text: str) -> str | None:
        postcode = "".join(text.upper().split())
        if not _POSTCODE.match(postcode):
            return None
        url = f"{self.base_url.rstrip('/')}/postcodes/{quote(postcode)}"
        request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                answer = json.loads(response.read())
        # `from None` below: the chained error would carry the URL, and with it the postcode.
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise GeocoderUnavailable(f"postcodes.io answered {error.code}") from None
        except (OSError, ValueError) as error:  # timeouts, refused connections, bad JSON
            raise GeocoderUnavailable(type(error).__name__) from None
        result = answer.get("result") if isinstance(answer, dict) else None
        if not isinstance(result, dict):
            raise GeocoderUnavailable("postcodes.io answer without a result")
        lat, lng = result.get("latitude"), result.get("longitude")
        if isinstance(lat, int | float) and isinstance(lng, int | float):
            hit = ward_for_point(float(lat), float(lng))
            if hit is not None:
                return hit.code
        code = (result.get("codes") or {}).get("admin_ward")
        return code if isinstance(code, str) else None
