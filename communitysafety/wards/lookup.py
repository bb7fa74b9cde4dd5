"""Point → ward look-ups, fast enough for every report and survey submit.

Shapely prepared geometries in an STRtree are built once per process and
reused; `load_wards` (and any saved or deleted ward) bumps a generation in the
cache so every process rebuilds its index after the boundaries change. The same
generation keys the cached ward names that pages list on every request.
"""

import threading
import time
from dataclasses import dataclass

from django.core.cache import cache

from communitysafety.common.page_cache import kept_for

GENERATION_KEY = "wards:generation"
RECHECK_SECONDS = 30


@dataclass(frozen=True, slots=True)
class WardHit:
    code: str
    name: str


class WardIndex:
    """Prepared ward polygons in a spatial index."""

    def __init__(self, wards: list[tuple[str, str, dict]]):
        from shapely import STRtree, prepare
        from shapely.geometry import shape

        self._hits = [WardHit(code, name) for code, name, _ in wards]
        self._shapes = [shape(boundary) for _, _, boundary in wards]
        for geometry in self._shapes:
            prepare(geometry)
        self._tree = STRtree(self._shapes) if self._shapes else None

    def ward_at(self, lat: float, lng: float) -> WardHit | None:
        """The ward containing the point, or None outside every ward."""
        if self._tree is None:
            return None
        from shapely import Point

        point = Point(lng, lat)
        for index in self._tree.query(point):
            if self._shapes[index].covers(point):
                return self._hits[index]
        return None


_lock = threading.Lock()
_state: dict[str, object] = {"index": None, "generation": None, "checked": 0.0}


def bump_generation(**kwargs: object) -> None:
    """Tell every process to rebuild its index (after wards change; a receiver, hence kwargs)."""
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def ward_generation() -> int:
    """The wards' current generation, set on first use: part of keys built from wards."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY, 0)
    return int(value)


def ward_names(borough_code: str | None = None) -> dict[str, str]:
    """Ward names by code in name order (of one borough, or all), cached per generation.

    Results, crime and unsafe-place pages list the wards on every request; the names
    change only when wards are loaded, which bumps the generation.
    """
    key = f"wards:names:{ward_generation()}:{borough_code or ''}"
    names = cache.get(key)
    if names is None:
        from communitysafety.wards.models import Ward

        wards = Ward.objects.order_by("name")
        if borough_code:
            wards = wards.filter(borough_code=borough_code)
        names = dict(wards.values_list("code", "name"))
        cache.set(key, names, timeout=kept_for(24 * 60 * 60))
    return names


def get_index() -> WardIndex:
    now = time.monotonic()
    with _lock:
        if _state["index"] is not None and now - float(_state["checked"]) < RECHECK_SECONDS:
            return _state["index"]  # type: ignore[return-value]
        generation = cache.get(GENERATION_KEY)
        if _state["index"] is None or generation != _state["generation"]:
            from communitysafety.wards.models import Ward

            wards = list(Ward.objects.values_list("code", "name", "boundary"))
            _state["index"] = WardIndex(wards)
            _state["generation"] = generation
        _state["checked"] = now
        return _state["index"]  # type: ignore[return-value]


def reset_index() -> None:
    """Forget the in-process index (tests that load their own wards call this)."""
    with _lock:
        _state["index"] = None
        _state["generation"] = None


def ward_for_point(lat: float, lng: float) -> WardHit | None:
    """The ward (code and name) containing a WGS84 point, or None outside the borough."""
    return get_index().ward_at(lat, lng)
