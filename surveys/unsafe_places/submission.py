"""Storing a resident's report: one function shared by the HTML form and the API,
so both paths validate the same way and store all or nothing."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from communitysafety.common.sanitise import plain_text
from communitysafety.wards.lookup import get_index, ward_for_point
from communitysafety.wards.models import Ward
from surveys.geocoding import ward_code_for
from surveys.models.unsafe_places import (
    UnsafePlaceReason,
    UnsafePlaceReport,
    round_coordinate,
)


@dataclass(slots=True)
class NewReport:
    """A validated report, ready to store."""

    ward: Ward
    location_source: str
    reasons: list[str]
    time_of_day: str
    place: str = ""
    latitude: float | None = None
    longitude: float | None = None
    description: str = ""
    age_band: str = ""
    sex: str = ""
    identity_related: str = ""
    extra: dict = field(default_factory=dict)


def ward_at(lat: float, lng: float) -> Ward | None:
    """The Ward row containing a point (prepared geometries, loaded once per process)."""
    hit = ward_for_point(lat, lng)
    if hit is None:
        return None
    return ward_by_code(hit.code)


def ward_for_text(geocoder, text: str) -> Ward | None:
    """The Ward row the site's geocoder names for a postcode or street, or None.

    Raises `GeocoderUnavailable` when the geocoder cannot answer; the text is not kept.
    """
    code = ward_code_for(geocoder, text)
    return ward_by_code(code) if code else None


_wards: dict[str, object] = {"index": None, "by_code": {}}


def wards_by_code() -> dict[str, Ward]:
    """Every ward (without its large boundary), loaded once per process and refreshed
    whenever the shared point → ward index is rebuilt (after `load_wards`)."""
    index = get_index()
    if _wards["index"] is not index:
        wards = Ward.objects.only("id", "code", "name").order_by("name")
        _wards["by_code"] = {ward.code: ward for ward in wards}
        _wards["index"] = index
    return _wards["by_code"]  # type: ignore[return-value]


def ward_by_code(code: str) -> Ward | None:
    return wards_by_code().get(code)


def unique_codes(codes: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for code in codes:
        if code not in seen:
            seen.append(code)
    return seen


@transaction.atomic
def store_report(new: NewReport) -> UnsafePlaceReport:
    report = UnsafePlaceReport.objects.create(
        ward=new.ward,
        place=plain_text(new.place)[:200],
        latitude=None if new.latitude is None else round_coordinate(new.latitude),
        longitude=None if new.longitude is None else round_coordinate(new.longitude),
        location_source=new.location_source,
        time_of_day=new.time_of_day,
        description=plain_text(new.description)[:500],
        age_band=new.age_band,
        sex=new.sex,
        identity_related=new.identity_related,
    )
    UnsafePlaceReason.objects.bulk_create(
        UnsafePlaceReason(report=report, code=code) for code in unique_codes(new.reasons)
    )
    return report
