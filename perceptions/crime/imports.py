"""Storing recorded-crime files and borough populations (the Django side of `perceptions.crime`).

`perceptions.crime.parsing` reads and checks a file without a database; this
module adds what needs one — our borough's ward codes, the borough population
table — and writes the result in one transaction. A month present in a file
replaces what was stored for that month, because the MPS revises recent months
every time it publishes:

* borough and ward files replace every count of their kind for the file's months;
* a partner file replaces, for the file's months, only the partner categories it
  holds, so the fire brigade's file never wipes the ambulance service's.

Anything wrong with a file raises `ImportRejected` before the first write, so
the figures already stored stay as they were.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from django.conf import settings
from django.db import connection, transaction

from communitysafety.common.imports import ImportRejected, LineError
from communitysafety.wards.models import Ward
from perceptions.crime.cache import bump_crime_generation
from perceptions.crime.parsing import (
    BOROUGH,
    WARD_CODE,
    CountsParse,
    read_borough_file,
    read_ward_file,
)
from perceptions.crime.partner_format import PARTNER_COLUMNS, read_partner_file
from perceptions.crime.populations import AreaPopulation, normalise_borough_name, parse_ts007
from perceptions.models import AreaKind, BoroughPopulation, CrimeCount, CrimeImport

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DEFAULT_TS007 = DATA_DIR / "census" / "census2021_ts007_age_single_year_london_boroughs.csv"
BATCH_SIZE = 5000
_ERROR = re.compile(r"^line (\d+), column (.*?): (.*)$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an accepted file changed, for the command's one-line summary."""

    kind: str
    first_month: date
    last_month: date
    rows_read: int
    counts_stored: int
    counts_replaced: int
    skipped_other_boroughs: int

    def __str__(self) -> str:
        text = (
            f"Imported {self.kind} file: {self.rows_read:,} rows, months "
            f"{self.first_month:%Y-%m} to {self.last_month:%Y-%m}; {self.counts_stored:,} "
            f"monthly counts stored, {self.counts_replaced:,} previous counts replaced"
        )
        if self.kind == AreaKind.WARD:
            text += f"; {self.skipped_other_boroughs:,} rows of other boroughs skipped"
        return text + "."


def line_errors(messages: Iterable[str]) -> list[LineError]:
    """Turn the parser's ``line N, column NAME: message`` strings into `LineError`s."""
    errors = []
    for message in messages:
        match = _ERROR.match(message)
        if match:
            errors.append(LineError(int(match[1]), match[2], match[3]))
        else:
            errors.append(LineError(1, "-", message))
    return errors


def detect_kind(path: Path) -> str:
    """Tell the layout from the header: ward file, borough file or partner long format."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = [cell.strip() for cell in next(csv.reader(handle), [])]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ImportRejected([LineError(1, "-", f"cannot read the header: {exc}")]) from exc
    if WARD_CODE in header:
        return AreaKind.WARD
    if BOROUGH in header:
        return AreaKind.BOROUGH
    if set(PARTNER_COLUMNS) & set(header):
        return AreaKind.PARTNER
    raise ImportRejected(
        [
            LineError(
                1,
                "-",
                "unknown layout: expected the MPS borough file (BoroughName), the MPS ward "
                "file (WardCode) or the partner format (area_code, month, category, count)",
            )
        ]
    )


# --- populations -------------------------------------------------------------------


def load_borough_populations(path: Path = DEFAULT_TS007, source: str | None = None) -> int:
    """Replace every borough population with the file's (TS007 layout); return how many."""
    populations, errors = parse_ts007(path)
    if errors:
        raise ImportRejected(line_errors(errors))
    if not populations.all_areas:
        raise ImportRejected([LineError(1, "-", "no boroughs in the file")])
    label = source or f"{path.name}"
    with transaction.atomic():
        BoroughPopulation.objects.all().delete()
        BoroughPopulation.objects.bulk_create(
            BoroughPopulation(code=a.code, name=a.name, residents=a.residents, source=label)
            for a in populations.all_areas
        )
        transaction.on_commit(bump_crime_generation)
    return len(populations.all_areas)


def ensure_borough_populations() -> None:
    """Load the bundled Census 2021 TS007 totals when no borough populations are stored."""
    if not BoroughPopulation.objects.exists():
        load_borough_populations(DEFAULT_TS007, source="Census 2021 TS007 (ONS, OGL v3.0)")


def stored_boroughs() -> list[AreaPopulation]:
    """The stored borough populations as the pure package's records."""
    return [
        AreaPopulation(code, name, residents)
        for code, name, residents in BoroughPopulation.objects.values_list(
            "code", "name", "residents"
        )
    ]


# --- crime files -------------------------------------------------------------------


def _our_wards() -> dict[str, str]:
    wards = dict(
        Ward.objects.filter(borough_code=settings.BOROUGH_CODE).values_list("code", "name")
    )
    if not wards:
        raise ImportRejected(
            [LineError(1, "-", "no wards are loaded for the borough: run load_wards first")]
        )
    return wards


def _parse(path: Path, kind: str) -> CountsParse:
    if kind == AreaKind.BOROUGH:
        return read_borough_file(path)
    if kind == AreaKind.WARD:
        return read_ward_file(
            path, borough_name=settings.BOROUGH_NAME, borough_ward_codes=set(_our_wards())
        )
    return read_partner_file(path)


def _first_lines(path: Path, column: str, values: set[str]) -> dict[str, int]:
    """The line on which each of ``values`` first appears in ``column`` (for error messages)."""
    found: dict[str, int] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for line, row in enumerate(reader, start=2):
            value = (row.get(column) or "").strip().upper()
            if value in values and value not in found:
                found[value] = line
    return found


def _area_codes(path: Path, kind: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Give each row its stored area code and name; partner codes must be known areas."""
    boroughs = stored_boroughs()
    if kind == AreaKind.BOROUGH:
        by_key = {b.key: b.code for b in boroughs}
        names = frame["area"].astype(str)
        codes = {n: by_key.get(normalise_borough_name(n), n) for n in names.unique()}
        frame["area_code"] = names.map(codes)
        return frame
    if kind == AreaKind.WARD:
        frame["area_code"] = frame["area"].astype(str)
        return frame
    wards = _our_wards()
    borough_names = {b.code: b.name for b in boroughs}
    codes = frame["area"].astype(str)
    unknown = sorted(set(codes) - set(wards) - set(borough_names))
    if unknown:
        lines = _first_lines(path, "area_code", set(unknown))
        raise ImportRejected(
            [
                LineError(
                    lines.get(code, 1),
                    "area_code",
                    f"{code} is neither one of the wards of {settings.BOROUGH_NAME} "
                    "nor a London borough",
                )
                for code in unknown
            ]
        )
    names = {**borough_names, **wards}
    frame["area_code"] = codes
    frame["area_name"] = codes.map(names)
    frame["borough"] = codes.map(lambda c: borough_names.get(c, settings.BOROUGH_NAME))
    return frame


def _rows(kind: str, frame: pd.DataFrame) -> list[tuple]:
    """The non-zero counts as insert tuples (zero months are not stored: missing means none)."""
    stored = frame[frame["count"] > 0]
    months = pd.to_datetime(stored["month"]).dt.strftime("%Y-%m-%d")
    columns = [
        stored[c].astype(str) for c in ("area_code", "area_name", "borough", "major", "minor")
    ]
    return list(
        zip(
            [kind] * len(stored),
            *(c.tolist() for c in columns),
            months.tolist(),
            stored["count"].astype(int).tolist(),
            strict=True,
        )
    )


def _insert(rows: list[tuple]) -> None:
    """Insert counts with one prepared statement: ``bulk_create`` spent 10× longer building
    model instances and SQL than the database spent storing 30,000 rows."""
    table = connection.ops.quote_name(CrimeCount._meta.db_table)
    names = ("area_kind", "area_code", "area_name", "borough", "major", "minor", "month", "count")
    columns = ", ".join(
        connection.ops.quote_name(CrimeCount._meta.get_field(n).column) for n in names
    )
    placeholders = ", ".join(["%s"] * len(names))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608


def import_crime_file(
    path: Path,
    kind: str | None = None,
    *,
    batches: Callable[[list[list[tuple]]], Iterable[Any]] = lambda b: b,
) -> ImportSummary:
    """Check, then store a crime file; raise `ImportRejected` (storing nothing) on any problem.

    ``batches`` wraps the list of write batches (the command passes a progress bar).
    """
    path = Path(path)
    if kind is None:
        kind = detect_kind(path)
    ensure_borough_populations()
    parsed = _parse(path, kind)
    if parsed.errors:
        raise ImportRejected(line_errors(parsed.errors))
    if parsed.frame.empty or not parsed.months:
        raise ImportRejected([LineError(1, "-", "the file holds no counts")])
    frame = _area_codes(path, kind, parsed.frame.copy())
    records = _rows(kind, frame)
    months = sorted(parsed.months)
    categories = sorted(set(frame["major"].astype(str))) if kind == AreaKind.PARTNER else []
    with transaction.atomic():
        old = CrimeCount.objects.of_kind(kind).filter(month__in=months)
        if kind == AreaKind.PARTNER:
            old = old.filter(major__in=categories)
        replaced, _ = old.delete()
        chunks = [records[i : i + BATCH_SIZE] for i in range(0, len(records), BATCH_SIZE)]
        for chunk in batches(chunks):
            _insert(chunk)
        CrimeImport.objects.create(
            area_kind=kind,
            file_name=path.name[:255],
            first_month=months[0],
            last_month=months[-1],
            categories=categories,
            rows_read=parsed.rows_read,
            counts_stored=len(records),
            counts_replaced=replaced,
            skipped_other_boroughs=parsed.skipped_other_boroughs,
        )
        transaction.on_commit(bump_crime_generation)
    return ImportSummary(
        kind=kind,
        first_month=months[0],
        last_month=months[-1],
        rows_read=parsed.rows_read,
        counts_stored=len(records),
        counts_replaced=replaced,
        skipped_other_boroughs=parsed.skipped_other_boroughs,
    )
