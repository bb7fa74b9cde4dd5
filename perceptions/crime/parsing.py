"""Streaming parsers for recorded-crime counts.

Three layouts are read:

* MPS borough level (London Datastore "Recorded Crime: Geographic Breakdown"):
  ``MajorText, MinorText, BoroughName, YYYYMM, YYYYMM, ...``
* MPS ward level: ``MajorText, MinorText, WardName, WardCode, LookUp_BoroughName,
  YYYYMM, ...`` — only the rows for one borough are kept.
* A partner long format (read in ``partner_format.py``), for data sent to us by
  other partners (fire brigade, transport police, council teams)::

      area_code,month,category,count
      E05013967,2025-01,Deliberate fires (primary),3

  ``area_code`` is a GSS code (ward ``E05…`` or borough ``E09…``), ``month`` is
  ``YYYY-MM``, ``category`` is free text and ``count`` a whole number ≥ 0. One row
  per area, month and category; a month that is not listed counts as zero.
  Columns may come in any order; no other columns are allowed.

Files are read with the ``csv`` module (ward names contain commas) as UTF-8 with
an optional BOM. Problems are collected, not raised, as
``line N, column NAME: message`` (line 1 is the header), because the import
command prints every problem at once and stores nothing if there is any: a
partner fixing a file wants the whole list, not one error per attempt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from perceptions.crime.csvsource import WHOLE_ROW, CsvRows, CsvSource, ErrorLog
from perceptions.crime.populations import is_gss_code, normalise_borough_name

MAJOR = "MajorText"
MINOR = "MinorText"
BOROUGH = "BoroughName"
WARD_NAME = "WardName"
WARD_CODE = "WardCode"
WARD_BOROUGH = "LookUp_BoroughName"

BOROUGH_COLUMNS = (MAJOR, MINOR, BOROUGH)
WARD_COLUMNS = (MAJOR, MINOR, WARD_NAME, WARD_CODE, WARD_BOROUGH)

#: Columns of the long DataFrame every reader returns and ``tables`` consumes.
FRAME_COLUMNS = ("area", "area_name", "borough", "major", "minor", "month", "count")

_MONTH_HEADER = re.compile(r"^(\d{4})(\d{2})$")
_MONTHISH = re.compile(r"^\d{4}\D?\d{1,2}$|^\d+$|^[A-Za-z]{3}[- ]?\d{2,4}$")


@dataclass(frozen=True, slots=True)
class MonthlyCount:
    """One count: how many crimes of one category were recorded in one area in one month.

    ``area`` is what tables group on (borough name, ward code or partner area
    code); ``area_name`` is for display; ``borough`` is the borough the source
    file filed the row under (empty for the partner format).
    """

    area: str
    area_name: str
    borough: str
    major: str
    minor: str
    month: date
    count: int


@dataclass(frozen=True, slots=True)
class CrimeRow:
    """One row of a wide MPS file: a category in an area, with a count per month.

    Kept as a row (rather than expanded at once) so the whole-London ward file
    can be turned into a DataFrame with numpy instead of 450,000 objects.
    ``months`` is shared between all rows of a file.
    """

    line: int
    area: str
    area_name: str
    borough: str
    major: str
    minor: str
    months: tuple[date, ...]
    counts: tuple[int, ...]

    def monthly(self) -> Iterator[MonthlyCount]:
        """Expand into one record per month."""
        for month, count in zip(self.months, self.counts, strict=True):
            yield MonthlyCount(
                self.area, self.area_name, self.borough, self.major, self.minor, month, count
            )


@dataclass(slots=True)
class ParseReport(ErrorLog):
    """What a parser found besides the records: errors, skipped rows, months covered.

    Mutable because the parsers are generators that fill it in as they stream.
    """

    rows_read: int = 0
    skipped_other_boroughs: int = 0
    months: tuple[date, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class CountsParse:
    """A whole file read into the long frame ``tables`` takes.

    ``frame`` is empty whenever ``errors`` is not, so a caller that forgets to
    check cannot store half a file.
    """

    frame: pd.DataFrame
    errors: list[str]
    rows_read: int
    skipped_other_boroughs: int
    months: tuple[date, ...]

    @property
    def ok(self) -> bool:
        """True when there was nothing to report."""
        return not self.errors


# --- header checks -------------------------------------------------------------------


def _month_from_header(header: str) -> date | None:
    match = _MONTH_HEADER.match(header)
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        return None
    return date(year, month, 1)


def _month_index(value: date) -> int:
    return value.year * 12 + value.month - 1


def open_rows(
    source: CsvSource, report: ParseReport
) -> tuple[Iterator[tuple[int, list[str]]], tuple[int, list[str]] | None]:
    """The rows of a file and its header row; an empty file is reported (header None)."""
    rows = iter(CsvRows(source, report))
    first = next(rows, None)
    if first is None and not report.errors:
        report.add(1, WHOLE_ROW, "the file is empty")
    return rows, first


def _check_wide_header(
    header: list[str], text_columns: tuple[str, ...], log: ErrorLog
) -> tuple[dict[str, int], list[int], tuple[date, ...]] | None:
    """Validate an MPS header; return column positions and months, or None if it changed."""
    positions: dict[str, int] = {}
    month_positions: list[int] = []
    months: list[date] = []
    seen: set[str] = set()
    for index, raw in enumerate(header):
        name = raw.strip()
        if name in seen:
            log.add(1, name, "column appears twice")
            continue
        seen.add(name)
        if name in text_columns:
            positions[name] = index
            continue
        month = _month_from_header(name)
        if month is not None:
            month_positions.append(index)
            months.append(month)
        elif _MONTHISH.match(name):
            log.add(1, name, "month columns must be headed YYYYMM, e.g. 202401")
        else:
            log.add(1, name or f"#{index + 1}", "unknown column")
    for name in text_columns:
        if name not in positions:
            log.add(1, name, "missing column")
    if not months and not log.errors:
        log.add(1, WHOLE_ROW, "no month columns (YYYYMM)")
    indexes = [_month_index(m) for m in months]
    if indexes and indexes != list(range(indexes[0], indexes[0] + len(indexes))):
        log.add(1, header[month_positions[0]].strip(), "months must be consecutive and in order")
    if log.errors:
        return None
    return positions, month_positions, tuple(months)


# --- cells ---------------------------------------------------------------------------


def count_error(text: str) -> str:
    value = text.strip()
    if value.startswith("-") and value[1:].isascii() and value[1:].isdigit():
        return f"count {value} is negative"
    return f"{text!r} is not a whole number"


def _parse_counts(
    fields: list[str], positions: list[int], months: tuple[date, ...], line: int, log: ErrorLog
) -> tuple[int, ...] | None:
    """Parse a row's month cells; ASCII digits only (``int`` would accept ``1_000`` or ``٣``)."""
    cells = [fields[i] for i in positions]
    if all(cell.isascii() and cell.isdigit() for cell in cells):
        return tuple(map(int, cells))
    valid = True
    for month, cell in zip(months, cells, strict=True):
        stripped = cell.strip()
        if not (stripped.isascii() and stripped.isdigit()):
            log.add(line, month.strftime("%Y%m"), count_error(cell))
            valid = False
    return tuple(int(cell) for cell in cells) if valid else None


# --- wide MPS files ------------------------------------------------------------------


def _iter_wide(
    source: CsvSource,
    report: ParseReport,
    text_columns: tuple[str, ...],
    key_columns: tuple[str, ...],
    keep: _RowFilter | None,
) -> Iterator[tuple[int, dict[str, str], tuple[date, ...], tuple[int, ...]]]:
    rows, first = open_rows(source, report)
    if first is None:
        return
    checked = _check_wide_header(first[1], text_columns, report)
    if checked is None:
        return
    positions, month_positions, months = checked
    report.months = months
    width = len(first[1])
    seen: dict[tuple[str, ...], int] = {}
    line = 1
    for line, fields in rows:
        if report.full:
            report.stop(line)
            return
        if not any(cell.strip() for cell in fields):
            continue  # blank line, e.g. a trailing newline added by an editor
        if len(fields) != width:
            report.add(line, WHOLE_ROW, f"has {len(fields)} fields, expected {width}")
            continue
        text = {name: fields[positions[name]].strip() for name in text_columns}
        if keep is not None and not keep(line, text, report):
            continue
        empty = [name for name in text_columns if not text[name]]
        for name in empty:
            report.add(line, name, "is empty")
        counts = _parse_counts(fields, month_positions, months, line, report)
        key = tuple(text[name] for name in key_columns)
        if key in seen:
            what = ", ".join(f"{name} {text[name]!r}" for name in key_columns)
            report.add(
                line, key_columns[0], f"duplicate row ({what}) first given on line {seen[key]}"
            )
            continue
        seen[key] = line
        if counts is None or empty:
            continue
        report.rows_read += 1
        yield line, text, months, counts


class _RowFilter:
    """Decides whether a ward-file row belongs to our borough (see ``iter_ward_rows``)."""

    __slots__ = ("borough_key", "borough_name", "codes", "matched")

    def __init__(self, borough_name: str, codes: set[str]) -> None:
        self.borough_name = borough_name
        self.borough_key = normalise_borough_name(borough_name)
        self.codes = {code.strip().upper() for code in codes}
        self.matched = 0

    def __call__(self, line: int, text: dict[str, str], report: ParseReport) -> bool:
        code = text[WARD_CODE].upper()
        text[WARD_CODE] = code
        ours_by_name = normalise_borough_name(text[WARD_BOROUGH]) == self.borough_key
        if code in self.codes:
            self.matched += 1
            return True
        if not ours_by_name:
            report.skipped_other_boroughs += 1
            return False
        self.matched += 1
        what = "is not a GSS ward code" if not is_gss_code(code) else "is not one of the wards"
        report.add(
            line,
            WARD_CODE,
            f"{code or '(empty)'} ({text[WARD_NAME]}) {what} of {self.borough_name}",
        )
        return False


def iter_borough_rows(source: CsvSource, report: ParseReport) -> Iterator[CrimeRow]:
    """Stream the MPS borough-level file, one ``CrimeRow`` per CSV row.

    ``area`` is the borough name as the MPS spells it ("Westminster"); match it
    to other files with ``populations.normalise_borough_name``.
    """
    for line, text, months, counts in _iter_wide(
        source, report, BOROUGH_COLUMNS, (BOROUGH, MAJOR, MINOR), None
    ):
        borough = text[BOROUGH]
        yield CrimeRow(line, borough, borough, borough, text[MAJOR], text[MINOR], months, counts)


def iter_ward_rows(
    source: CsvSource,
    report: ParseReport,
    *,
    borough_name: str,
    borough_ward_codes: set[str],
) -> Iterator[CrimeRow]:
    """Stream the MPS ward-level file, keeping one borough's wards.

    A row is kept when its ``WardCode`` is in ``borough_ward_codes`` — even if
    the MPS files it under another "borough" (Heathrow Villages is listed under
    "Aviation Security (SO18)"). A row filed under ``borough_name`` whose code is
    not in the set is an error: the ward list and the file disagree, and a
    silently dropped ward would make the ward ranks wrong. Rows of other
    boroughs are skipped and counted in ``report.skipped_other_boroughs``.
    ``area`` is the ward code; ``area_name`` the ward name.
    """
    if not borough_ward_codes:
        raise ValueError("borough_ward_codes is empty: give the borough's 2022 ward codes")
    keep = _RowFilter(borough_name, borough_ward_codes)
    for line, text, months, counts in _iter_wide(
        source, report, WARD_COLUMNS, (WARD_CODE, MAJOR, MINOR), keep
    ):
        yield CrimeRow(
            line,
            text[WARD_CODE],
            text[WARD_NAME],
            text[WARD_BOROUGH],
            text[MAJOR],
            text[MINOR],
            months,
            counts,
        )
    if report.months and keep.matched == 0 and not report.errors:
        report.add(1, WARD_BOROUGH, f"no rows for {borough_name} or its ward codes")


def iter_borough_counts(source: CsvSource, report: ParseReport) -> Iterator[MonthlyCount]:
    """Stream the MPS borough-level file as one record per borough, category and month."""
    for row in iter_borough_rows(source, report):
        yield from row.monthly()


def iter_ward_counts(
    source: CsvSource,
    report: ParseReport,
    *,
    borough_name: str,
    borough_ward_codes: set[str],
) -> Iterator[MonthlyCount]:
    """Stream one borough's rows of the MPS ward-level file as monthly records."""
    for row in iter_ward_rows(
        source, report, borough_name=borough_name, borough_ward_codes=borough_ward_codes
    ):
        yield from row.monthly()


# --- frames --------------------------------------------------------------------------


def empty_frame() -> pd.DataFrame:
    """A frame with the reader columns and no rows."""
    frame = pd.DataFrame({name: pd.Series(dtype="object") for name in FRAME_COLUMNS})
    frame["month"] = pd.Series(dtype="datetime64[s]")
    frame["count"] = pd.Series(dtype="int64")
    return frame


def counts_frame(records: Iterable[MonthlyCount]) -> pd.DataFrame:
    """Collect monthly records into the long frame ``tables`` takes."""
    columns: dict[str, list[object]] = {name: [] for name in FRAME_COLUMNS}
    for record in records:
        for name in FRAME_COLUMNS:
            columns[name].append(getattr(record, name))
    if not columns["area"]:
        return empty_frame()
    frame = pd.DataFrame(columns)
    frame["month"] = pd.to_datetime(frame["month"]).astype("datetime64[s]")
    frame["count"] = frame["count"].astype("int64")
    return frame


def rows_frame(rows: Iterable[CrimeRow]) -> pd.DataFrame:
    """Turn wide rows into the long frame with numpy (one row per row × month).

    Text columns become categoricals: the whole-London ward file is 450,000
    long rows but only ~700 distinct ward names.
    """
    rows = list(rows)
    if not rows:
        return empty_frame()
    months = rows[0].months
    width = len(months)
    counts = np.array([row.counts for row in rows], dtype=np.int64).reshape(-1)
    data: dict[str, object] = {}
    for name in ("area", "area_name", "borough", "major", "minor"):
        codes, categories = pd.factorize(pd.Series([getattr(row, name) for row in rows]))
        data[name] = pd.Categorical.from_codes(np.repeat(codes, width), categories=categories)
    month_values = np.array([np.datetime64(m, "M") for m in months]).astype("datetime64[s]")
    data["month"] = np.tile(month_values, len(rows))
    data["count"] = counts
    return pd.DataFrame(data, columns=list(FRAME_COLUMNS))


def finish_parse(
    rows: Iterable[CrimeRow] | None, records: Iterable[MonthlyCount] | None, report: ParseReport
) -> CountsParse:
    frame = rows_frame(rows) if rows is not None else counts_frame(records or ())
    if report.errors:
        frame = empty_frame()
    return CountsParse(
        frame=frame,
        errors=list(report.errors),
        rows_read=report.rows_read,
        skipped_other_boroughs=report.skipped_other_boroughs,
        months=report.months,
    )


def read_borough_file(source: CsvSource, *, max_errors: int | None = 200) -> CountsParse:
    """Read the whole MPS borough-level file into a long frame (area = borough name)."""
    report = ParseReport(max_errors=max_errors)
    return finish_parse(list(iter_borough_rows(source, report)), None, report)


def read_ward_file(
    source: CsvSource,
    *,
    borough_name: str,
    borough_ward_codes: set[str],
    max_errors: int | None = 200,
) -> CountsParse:
    """Read one borough's rows of the MPS ward-level file (area = ward code)."""
    report = ParseReport(max_errors=max_errors)
    rows = list(
        iter_ward_rows(
            source, report, borough_name=borough_name, borough_ward_codes=borough_ward_codes
        )
    )
    return finish_parse(rows, None, report)
