"""Load a borough's wards from a boundary file and a Census age file.

The borough is configuration: another partnership runs `load_wards` with its
own files. Files are validated completely before anything is written, and the
write happens in one transaction, so a bad file changes nothing.
"""

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from communitysafety.common.imports import ImportRejected, LineError
from communitysafety.wards.enums import CENSUS_AGE_GROUPS
from communitysafety.wards.lookup import bump_generation
from communitysafety.wards.models import Ward, WardPopulation

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_BOUNDARIES = DATA_DIR / "havering_wards_2022.geojson"
DEFAULT_CENSUS = DATA_DIR / "census2021_age6_ward22_havering_bestfit.csv"
CENSUS_COLUMNS = ("ward22cd", "ward22nm", "age_group", "usual_residents")


@dataclass(frozen=True, slots=True)
class WardRecord:
    code: str
    name: str
    boundary: dict


def read_boundaries(path: Path, code_property: str, name_property: str) -> list[WardRecord]:
    """Read ward polygons from GeoJSON; each problem is reported per feature."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ImportRejected([LineError(1, "-", f"not a readable GeoJSON file: {exc}")]) from exc
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list) or not features:
        raise ImportRejected([LineError(1, "features", "no features in the file")])
    errors: list[LineError] = []
    records: list[WardRecord] = []
    seen: set[str] = set()
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        code = str(properties.get(code_property) or "").strip()
        name = str(properties.get(name_property) or "").strip()
        if not code:
            errors.append(LineError(number, code_property, "missing ward code"))
        elif code in seen:
            errors.append(LineError(number, code_property, f"ward {code} appears twice"))
        if not name:
            errors.append(LineError(number, name_property, "missing ward name"))
        if geometry.get("type") not in {"Polygon", "MultiPolygon"}:
            errors.append(LineError(number, "geometry", "not a Polygon or MultiPolygon"))
        seen.add(code)
        records.append(WardRecord(code=code, name=name, boundary=geometry))
    if errors:
        raise ImportRejected(errors)
    return records


def read_census(path: Path) -> dict[str, dict[str, int]]:
    """Read `ward22cd, ward22nm, age_group, usual_residents` rows into {ward: {age: n}}."""
    errors: list[LineError] = []
    populations: dict[str, dict[str, int]] = {}
    try:
        handle = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115
    except OSError as exc:
        raise ImportRejected([LineError(1, "-", f"cannot open {path}: {exc.strerror}")]) from exc
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in CENSUS_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ImportRejected([LineError(1, name, "column missing") for name in missing])
        for line, row in enumerate(reader, start=2):
            code = (row["ward22cd"] or "").strip()
            group = CENSUS_AGE_GROUPS.get((row["age_group"] or "").strip())
            if group is None:
                errors.append(
                    LineError(line, "age_group", f"unknown age group {row['age_group']!r}")
                )
                continue
            try:
                residents = int(row["usual_residents"])
                if residents < 0:
                    raise ValueError
            except (TypeError, ValueError):
                errors.append(
                    LineError(line, "usual_residents", "must be a whole number, 0 or more")
                )
                continue
            if group in populations.setdefault(code, {}):
                errors.append(LineError(line, "age_group", f"{group} repeated for ward {code}"))
            populations[code][group] = residents
    if errors:
        raise ImportRejected(errors)
    return populations


def load_wards(
    boundaries: Path,
    census: Path,
    *,
    borough_code: str,
    borough_name: str,
    code_property: str = "WD22CD",
    name_property: str = "WD22NM",
) -> tuple[int, int]:
    """Validate both files, then create or update wards and populations atomically.

    Returns (wards created, wards updated). Loading the same files twice changes nothing.
    """
    records = read_boundaries(boundaries, code_property, name_property)
    populations = read_census(census)
    codes = {record.code for record in records}
    errors = [
        LineError(1, "ward22cd", f"census ward {code} has no boundary")
        for code in sorted(set(populations) - codes)
    ] + [
        LineError(1, "ward22cd", f"ward {code} has no census population")
        for code in sorted(codes - set(populations))
    ]
    if errors:
        raise ImportRejected(errors)
    created = updated = 0
    with transaction.atomic():
        for record in records:
            ward, was_created = Ward.objects.update_or_create(
                code=record.code,
                defaults={
                    "name": record.name,
                    "borough_code": borough_code,
                    "borough_name": borough_name,
                    "boundary": record.boundary,
                },
            )
            created += was_created
            updated += not was_created
            for group, residents in populations[record.code].items():
                WardPopulation.objects.update_or_create(
                    ward=ward, age_group=group, defaults={"residents": residents}
                )
        transaction.on_commit(bump_generation)
    return created, updated
