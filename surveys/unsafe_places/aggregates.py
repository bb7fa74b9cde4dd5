"""Public aggregates of unsafe-place reports, with small counts suppressed.

Counts below the threshold (5) are published as "fewer than 5" and points only as
~500 m grid cells, so no published figure can single out one resident's report.
Rejected reports never count; descriptions are never part of any aggregate.
"""

import math
from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count

from communitysafety.wards.models import Ward
from surveys.models.unsafe_places import UnsafePlaceReason, UnsafePlaceReport
from surveys.unsafe_places import conf
from surveys.unsafe_places.enums import Reason, ReportStatus, TimeOfDay

# The grid is laid on an equirectangular projection at the borough's latitude:
# within one borough the cells stay within a few metres of square.
GRID_REFERENCE_LATITUDE = 51.56
METRES_PER_DEGREE = 111_320


def suppressed(count: int, threshold: int | None = None) -> dict[str, Any]:
    """{"count": n, "display": "n"}, or count null and "fewer than 5" for small counts."""
    if threshold is None:
        threshold = conf.suppress_below()
    if 0 < count < threshold:
        return {"count": None, "display": f"fewer than {threshold}"}
    return {"count": count, "display": str(count)}


def _filtered(reason: str = "", time_of_day: str = ""):
    reports = UnsafePlaceReport.objects.counted()
    if reason:
        reports = reports.filter(reasons__code=reason)
    if time_of_day:
        reports = reports.filter(time_of_day=time_of_day)
    return reports


def grid_steps() -> tuple[float, float]:
    metres = conf.grid_metres()
    dlat = metres / METRES_PER_DEGREE
    dlng = metres / (METRES_PER_DEGREE * math.cos(math.radians(GRID_REFERENCE_LATITUDE)))
    return dlat, dlng


def grid_cell(lat: float, lng: float) -> tuple[int, int]:
    dlat, dlng = grid_steps()
    return math.floor(lat / dlat), math.floor(lng / dlng)


def grid_geojson(reason: str = "", time_of_day: str = "") -> dict[str, Any]:
    """A FeatureCollection of grid squares with suppressed counts (no points)."""
    dlat, dlng = grid_steps()
    below = conf.suppress_below()
    counts: Counter[tuple[int, int]] = Counter()
    points = _filtered(reason, time_of_day).with_points().values_list("latitude", "longitude")
    for lat, lng in points:  # grid_cell(), with the grid steps read once, not per point
        counts[math.floor(float(lat) / dlat), math.floor(float(lng) / dlng)] += 1
    features = []
    for (row, col), count in sorted(counts.items()):
        south, west = row * dlat, col * dlng
        north, east = south + dlat, west + dlng
        ring = [
            [round(west, 5), round(south, 5)],
            [round(east, 5), round(south, 5)],
            [round(east, 5), round(north, 5)],
            [round(west, 5), round(north, 5)],
            [round(west, 5), round(south, 5)],
        ]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [ring]},
                "properties": {"cell": f"{row}:{col}", **suppressed(count, below)},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def ward_outcome_notes(limit_per_ward: int = 5) -> dict[int, list[dict[str, str]]]:
    """The moderators' public notes per ward (a group's note once), newest first."""
    notes: dict[int, list[dict[str, str]]] = defaultdict(list)
    seen: set[tuple[int, str]] = set()
    # Only reports that carry a note, and only the columns read: the public map once read
    # every counted report whole (descriptions included) to keep a few notes per ward.
    reports = (
        UnsafePlaceReport.objects.with_outcome()
        .select_related("duplicate_group")
        .only("ward_id", "status", "public_note", "duplicate_group__public_note")
        .order_by("-status_changed_on", "-pk")
    )
    for report in reports.iterator():
        note = report.outcome_note
        if not note or (report.ward_id, note) in seen:
            continue
        seen.add((report.ward_id, note))
        if len(notes[report.ward_id]) < limit_per_ward:
            notes[report.ward_id].append(
                {
                    "status": report.status,
                    "status_label": str(ReportStatus(report.status).label),
                    "note": note,
                }
            )
    return notes


def summary(reason: str = "", time_of_day: str = "") -> dict[str, Any]:
    """Everything the public map, table and summary API show."""
    reports = _filtered(reason, time_of_day)
    below = conf.suppress_below()
    by_ward = dict(reports.values_list("ward").annotate(n=Count("pk", distinct=True)))
    by_ward_status: dict[int, Counter] = defaultdict(Counter)
    for ward_id, report_status, n in reports.values_list("ward", "status").annotate(
        n=Count("pk", distinct=True)
    ):
        by_ward_status[ward_id][report_status] = n
    reason_rows = UnsafePlaceReason.objects.filter(report__in=reports.values("pk"))
    cube = reason_rows.values_list("report__ward", "code", "report__time_of_day").annotate(
        n=Count("pk")
    )
    by_ward_reason: dict[int, Counter] = defaultdict(Counter)
    by_ward_time: dict[int, Counter] = defaultdict(Counter)
    for ward_id, time, n in reports.values_list("ward", "time_of_day").annotate(
        n=Count("pk", distinct=True)
    ):
        by_ward_time[ward_id][time] = n
    cells = []
    wards = {ward.pk: ward for ward in Ward.objects.only("pk", "code", "name")}
    for ward_id, code, time, n in cube:
        by_ward_reason[ward_id][code] += n
        cells.append(
            {
                "ward": wards[ward_id].code,
                "reason": code,
                "time_of_day": time,
                **suppressed(n, below),
            }
        )
    notes = ward_outcome_notes()
    # Each label translated once, not once per ward (440 lazy translations a page before).
    reasons = [(code, str(label)) for code, label in Reason.choices]
    times = [(code, str(label)) for code, label in TimeOfDay.choices]
    statuses = [
        (code, str(label)) for code, label in ReportStatus.choices if code != ReportStatus.REJECTED
    ]
    ward_rows = []
    for ward in sorted(wards.values(), key=lambda w: w.name):
        ward_rows.append(
            {
                "code": ward.code,
                "name": ward.name,
                **suppressed(by_ward.get(ward.pk, 0), below),
                "by_reason": [
                    {
                        "reason": code,
                        "label": label,
                        **suppressed(by_ward_reason[ward.pk][code], below),
                    }
                    for code, label in reasons
                ],
                "by_time_of_day": [
                    {
                        "time_of_day": code,
                        "label": label,
                        **suppressed(by_ward_time[ward.pk][code], below),
                    }
                    for code, label in times
                ],
                "outcomes": [
                    {
                        "status": code,
                        "label": label,
                        **suppressed(by_ward_status[ward.pk][code], below),
                    }
                    for code, label in statuses
                ],
                "outcome_notes": notes.get(ward.pk, []),
            }
        )
    return {
        "filters": {"reason": reason, "time_of_day": time_of_day},
        "suppressed_below": below,
        "total": suppressed(reports.count(), below),
        "wards": ward_rows,
        "cells": sorted(cells, key=lambda c: (c["ward"], c["reason"], c["time_of_day"])),
        "grid": grid_geojson(reason, time_of_day),
    }
