"""CSV and GeoJSON exports of filtered reports, for tasking partners.

CSV goes through `communitysafety.exports.csv_response` (formula injection
neutralised); GeoJSON carries the same columns as properties, points only where
the resident dropped a pin.
"""

from collections.abc import Iterator
from typing import Any

from .models.unsafe_places import UnsafePlaceReport

EXPORT_COLUMNS = (
    "reference",
    "submitted_on",
    "ward_code",
    "ward_name",
    "place",
    "latitude",
    "longitude",
    "reasons",
    "time_of_day",
    "description",
    "status",
    "status_reason",
    "referred_to",
    "duplicate_group",
    "public_note",
)


def export_row(report: UnsafePlaceReport) -> dict[str, Any]:
    return {
        "reference": report.reference,
        "submitted_on": report.submitted_on.isoformat(),
        "ward_code": report.ward.code,
        "ward_name": report.ward.name,
        "place": report.place,
        "latitude": None if report.latitude is None else float(report.latitude),
        "longitude": None if report.longitude is None else float(report.longitude),
        "reasons": ";".join(report.reason_codes),
        "time_of_day": report.time_of_day,
        "description": report.description,
        "status": report.status,
        "status_reason": report.status_reason,
        "referred_to": report.referred_to.name if report.referred_to_id else "",
        "duplicate_group": report.duplicate_group_id or "",
        "public_note": report.outcome_note,
    }


def csv_rows(reports) -> Iterator[list[object]]:
    for report in reports.prefetch_related("reasons").iterator(chunk_size=500):
        row = export_row(report)
        yield [row[column] for column in EXPORT_COLUMNS]


def geojson(reports) -> dict[str, Any]:
    features = []
    for report in reports.prefetch_related("reasons").iterator(chunk_size=500):
        row = export_row(report)
        geometry = (
            {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
            if report.has_point
            else None
        )
        features.append({"type": "Feature", "geometry": geometry, "properties": row})
    return {"type": "FeatureCollection", "features": features}
