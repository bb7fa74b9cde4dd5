"""Ward shapes for the events map, from our own boundary data (no tiles, no geocoder)."""

from shapely.geometry import shape

from communitysafety.wards.models import Ward

# Ward code → (lat, lng). Boundaries change only when `load_wards` runs (then restart).
_CENTRES: dict[str, tuple[float, float]] = {}


def ward_centre(ward: Ward) -> tuple[float, float]:
    """A point inside the ward (lat, lng): where an event pin goes when no venue point is set.

    Cached by ward code, so listings can defer the (large) boundary column.
    """
    centre = _CENTRES.get(ward.code)
    if centre is None:
        boundary = Ward.objects.values_list("boundary", flat=True).get(pk=ward.pk)
        point = shape(boundary).representative_point()
        centre = _CENTRES[ward.code] = (round(point.y, 6), round(point.x, 6))
    return centre
