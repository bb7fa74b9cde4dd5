"""Ward shapes for the events map, from our own boundary data (no tiles, no geocoder)."""

import json
from functools import lru_cache

from shapely.geometry import shape

from communitysafety.wards.models import Ward


@lru_cache(maxsize=64)
def _centre(boundary_json: str) -> tuple[float, float]:
    point = shape(json.loads(boundary_json)).representative_point()
    return (round(point.y, 6), round(point.x, 6))


def ward_centre(ward: Ward) -> tuple[float, float]:
    """A point inside the ward (lat, lng): where an event pin goes when no venue point is set."""
    return _centre(json.dumps(ward.boundary, sort_keys=True))
