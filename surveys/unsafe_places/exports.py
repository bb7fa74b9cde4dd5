"""CSV and GeoJSON exports of filtered reports, for tasking partners.

CSV goes through `communitysafety.common.exports.csv_response` (formula injection
neutralised); GeoJSON carries the same columns as properties, points only where
the resident dropped a pin.

Every export, whichever button made it, writes one entry to Wagtail's audit log
(`record_export`): who, when, the filters, the format and the row count — never a
search term or any report text, so the log holds nothing a resident wrote.
"""

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from surveys.models.unsafe_places import UnsafePlaceReport

ACTION_EXPORT = "surveys.unsafe_places.export"

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


def _filter_value(value: Any) -> Any:
    """A filter value the log can hold: codes and dates, never model objects."""
    if isinstance(value, slice):  # a date range
        return [_filter_value(value.start), _filter_value(value.stop)]
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "code"):  # a ward
        return value.code
    return None if value is None else str(value)


def export_filters(filterset, *, safeguarding: bool, searched: bool = False) -> dict[str, Any]:
    """The filters an export applied, for the audit log.

    Only the filter form's recognised, cleaned fields are kept (choice codes, ward codes,
    dates), so nothing a user typed freely reaches the log; a search is recorded only as
    having been applied, because a search term may quote a report.
    """
    filters: dict[str, Any] = {}
    if filterset is not None and filterset.is_valid():
        for name, value in filterset.form.cleaned_data.items():
            if value in (None, "", []) or (
                isinstance(value, slice) and value.start is None and value.stop is None
            ):
                continue
            filters[name] = _filter_value(value)
    elif filterset is not None:
        filters["invalid"] = True
    if safeguarding:
        filters["queue"] = "safeguarding"
    if searched:
        filters["search"] = True
    return filters


def record_export(user, *, fmt: str, filters: dict[str, Any], rows: int) -> None:
    """Write the audit-log entry for one export of unsafe-place reports.

    Reports leave the system in an export, so administrators must be able to see who
    took which reports. The entry is about the reports as a whole, so it is logged
    against the report model's content type (no single report is the subject).
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.log_actions import log

    log(
        instance=ContentType.objects.get_for_model(UnsafePlaceReport),
        action=ACTION_EXPORT,
        user=user,
        title=str(_("Unsafe-place reports")),
        data={"format": fmt, "filters": filters, "rows": rows},
    )
