"""Reading and storing the MOPAC PAS Datastore CSVs (borough and London series).

Files are validated completely before anything is written; the tables are then replaced
in one transaction, so a re-import of the same files changes nothing and a bad file
leaves the previous figures in place.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction

from communitysafety.common.imports import ImportRejected, LineError, open_csv_text
from perceptions.models import PasBoroughFigure, PasLondonFigure
from surveys.contract import QUESTIONS

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "pas"
DEFAULT_BOROUGH_FILE = DATA_DIR / "mopac_pas_borough_2014-12_2023-12.csv"
DEFAULT_LONDON_FILE = DATA_DIR / "mopac_pas_mps_2014-12_2023-12.csv"
BOROUGH_COLUMNS = ("date", "survey", "borough", "measure", "proportion", "mps_proportion")
LONDON_COLUMNS = ("date", "survey", "area", "measure", "proportion")
PAS_MEASURES: frozenset[str] = frozenset(name for _, _, name in QUESTIONS.values() if name)
QUARTER_ENDS = {(3, 31), (6, 30), (9, 30), (12, 31)}


@dataclass(frozen=True, slots=True)
class PasCounts:
    borough: int
    london: int

    def summary(self) -> str:
        """The one line `import_pas` prints, and the admin upload shows."""
        return f"Imported {self.borough} borough and {self.london} London PAS figures."


def _date(text: str) -> date:
    value = date.fromisoformat(text)
    if (value.month, value.day) not in QUARTER_ENDS:
        raise ValueError(f"{text} is not a quarter end")
    return value


def _proportion(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{text} is not a proportion between 0 and 1")
    return value


class _Named:
    """Appends errors with the file's name in front of the message (two files, one list)."""

    def __init__(self, errors: list[LineError], name: str) -> None:
        self.errors, self.name = errors, name

    def append(self, error: LineError) -> None:
        self.errors.append(LineError(error.line, error.column, f"{self.name}: {error.message}"))


def _layout_error(header: list[str], columns: tuple[str, ...]) -> LineError | None:
    """The error for a header that is not exactly ``columns``, or None when it matches."""
    if tuple(header) == columns:
        return None
    missing = [c for c in columns if c not in header]
    extra = [c for c in header if c not in columns]
    column = (missing or extra or ["-"])[0]
    return LineError(
        1,
        column,
        f"expected the columns {', '.join(columns)}; "
        f"the layout has changed (missing: {', '.join(missing) or 'none'}; "
        f"unexpected: {', '.join(extra) or 'none'})",
    )


def _parse_values(line: int, raw: dict[str, str], errors: _Named) -> dict:
    """The row's date and proportions parsed; each bad value is appended to ``errors``."""
    row: dict = {}
    parsers = [("date", _date), ("proportion", _proportion)]
    if "mps_proportion" in raw:
        parsers.append(("mps_proportion", _proportion))
    for column, parse in parsers:
        try:
            row[column] = parse(raw[column])
        except ValueError as error:
            errors.append(LineError(line, column, str(error)))
    return row


def _check_labels(line: int, raw: dict[str, str], place_column: str, errors: _Named) -> None:
    """Append errors for an unknown survey or measure and an empty place."""
    if raw["survey"] != "PAS":
        errors.append(LineError(line, "survey", f"unknown survey {raw['survey']!r}"))
    if raw["measure"] not in PAS_MEASURES:
        errors.append(LineError(line, "measure", f"unknown PAS measure {raw['measure']!r}"))
    if not raw.get("borough", raw.get("area", "")):
        errors.append(LineError(line, place_column, "empty"))


def _read(path: Path, columns: tuple[str, ...], errors: list[LineError]) -> list[dict]:
    """Rows of one file as dicts of parsed values; problems are appended to ``errors``."""
    name = Path(path).name
    errors = _Named(errors, name)
    with open_csv_text(str(path)) as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            errors.append(LineError(1, "-", "the file is empty"))
            return []
        layout_error = _layout_error([h.strip() for h in header], columns)
        if layout_error is not None:
            errors.append(layout_error)
            return []
        rows, seen = [], set()
        for line, cells in enumerate(reader, start=2):
            if len(cells) != len(columns):
                errors.append(LineError(line, "-", f"expected {len(columns)} cells"))
                continue
            raw = dict(zip(columns, (c.strip() for c in cells), strict=True))
            row = _parse_values(line, raw, errors)
            _check_labels(line, raw, columns[2], errors)
            place = raw.get("borough", raw.get("area", ""))
            key = (raw["date"], place, raw["measure"])
            if key in seen:
                errors.append(LineError(line, "-", f"duplicate row for {', '.join(key)}"))
            seen.add(key)
            row.update(place=place, measure=raw["measure"])
            rows.append(row)
        return rows


def import_pas(
    borough_file: Path = DEFAULT_BOROUGH_FILE, london_file: Path = DEFAULT_LONDON_FILE
) -> PasCounts:
    """Validate both files, then replace the stored series (raises ImportRejected)."""
    errors: list[LineError] = []
    borough_rows = _read(borough_file, BOROUGH_COLUMNS, errors)
    london_rows = _read(london_file, LONDON_COLUMNS, errors)
    if errors:
        raise ImportRejected(errors)
    with transaction.atomic():
        PasBoroughFigure.objects.all().delete()
        PasLondonFigure.objects.all().delete()
        PasBoroughFigure.objects.bulk_create(
            PasBoroughFigure(
                period_end=r["date"],
                borough=r["place"],
                measure=r["measure"],
                proportion=r["proportion"],
                london_proportion=r["mps_proportion"],
            )
            for r in borough_rows
        )
        PasLondonFigure.objects.bulk_create(
            PasLondonFigure(period_end=r["date"], measure=r["measure"], proportion=r["proportion"])
            for r in london_rows
        )
    return PasCounts(borough=len(borough_rows), london=len(london_rows))


def december_figures(borough: str) -> tuple[dict[tuple[str, int], float], dict]:
    """(borough, London) December figures keyed (PAS measure, year).

    London comes from the MPS series; where it lacks a year, the borough file's London
    column for the same quarter is used (they agree where both exist).
    """
    ours = {
        (m, d.year): p
        for m, d, p in PasBoroughFigure.objects.filter(
            borough=borough, period_end__month=12, period_end__day=31
        ).values_list("measure", "period_end", "proportion")
    }
    london = {
        (m, d.year): p
        for m, d, p in PasBoroughFigure.objects.filter(
            borough=borough, period_end__month=12, period_end__day=31
        ).values_list("measure", "period_end", "london_proportion")
    }
    london.update(
        {
            (m, d.year): p
            for m, d, p in PasLondonFigure.objects.filter(
                period_end__month=12, period_end__day=31
            ).values_list("measure", "period_end", "proportion")
        }
    )
    return ours, london
