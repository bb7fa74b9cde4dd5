"""The partner long format: counts sent to us by other partners (see ``parsing``).

::

    area_code,month,category,count
    E05013967,2025-01,Deliberate fires (primary),3

Columns may come in any order and no others are allowed; a month not listed
counts as zero; the category becomes both major and minor, so each category
makes one line of the table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from perceptions.crime.csvsource import WHOLE_ROW, CsvSource
from perceptions.crime.parsing import (
    CountsParse,
    MonthlyCount,
    ParseReport,
    count_error,
    finish_parse,
    open_rows,
)
from perceptions.crime.populations import is_gss_code

PARTNER_COLUMNS = ("area_code", "month", "category", "count")
_PARTNER_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _check_header(header: list[str], report: ParseReport) -> None:
    """Report unknown, repeated and missing columns on line 1."""
    for index, name in enumerate(header):
        if name not in PARTNER_COLUMNS:
            report.add(1, name or f"#{index + 1}", "unknown column")
        elif header.index(name) != index:
            report.add(1, name, "column appears twice")
    for name in PARTNER_COLUMNS:
        if name not in header:
            report.add(1, name, "missing column")


def _parse_month(line: int, month_text: str, report: ParseReport) -> date | None:
    """The first day of a ``YYYY-MM`` month, or None after reporting the error."""
    match = _PARTNER_MONTH.match(month_text)
    if match and 1 <= int(match[2]) <= 12:
        return date(int(match[1]), int(match[2]), 1)
    report.add(line, "month", f"{month_text!r} is not a month written YYYY-MM")
    return None


def _check_values(line: int, category: str, count_text: str, report: ParseReport) -> None:
    """Report an empty category or a count that is not a whole number."""
    if not category:
        report.add(line, "category", "is empty")
    if not (count_text.isascii() and count_text.isdigit()):
        report.add(line, "count", count_error(count_text))


def iter_partner_counts(source: CsvSource, report: ParseReport) -> Iterator[MonthlyCount]:
    """Stream the partner long format (see the module docstring)."""
    rows, first = open_rows(source, report)
    if first is None:
        return
    header = [cell.strip() for cell in first[1]]
    _check_header(header, report)
    if report.errors:
        return
    at = {name: header.index(name) for name in PARTNER_COLUMNS}
    seen: dict[tuple[str, str, str], int] = {}
    months: set[date] = set()
    for line, fields in rows:
        if report.full:
            report.stop(line)
            return
        if not any(cell.strip() for cell in fields):
            continue
        if len(fields) != len(header):
            report.add(line, WHOLE_ROW, f"has {len(fields)} fields, expected {len(header)}")
            continue
        area, month_text, category, count_text = (fields[at[n]].strip() for n in PARTNER_COLUMNS)
        before = len(report.errors)
        if not is_gss_code(area.upper()):
            report.add(line, "area_code", f"{area!r} is not a GSS code such as E05013967")
        month = _parse_month(line, month_text, report)
        _check_values(line, category, count_text, report)
        key = (area.upper(), month_text, category)
        if key in seen:
            report.add(line, "area_code", f"duplicate row, first given on line {seen[key]}")
            continue
        seen[key] = line
        if len(report.errors) != before or month is None:
            continue
        report.rows_read += 1
        months.add(month)
        yield MonthlyCount(
            area.upper(), area.upper(), "", category, category, month, int(count_text)
        )
    report.months = tuple(sorted(months))


def read_partner_file(source: CsvSource, *, max_errors: int | None = 200) -> CountsParse:
    """Read the partner long format into a long frame (area = GSS code, major = minor = category).

    The category is both major and minor, so each makes one table line.
    """
    report = ParseReport(max_errors=max_errors)
    return finish_parse(None, list(iter_partner_counts(source, report)), report)
