"""Rows of the crime tables as plain cells, for pages, CSV/XLSX downloads and the API.

One place decides what a downloaded table looks like, so a board paper built
from the CSV reads exactly like the page.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from perceptions.crime.formatting import (
    NO_OFFENCES,
    NOT_AVAILABLE,
    format_count,
    format_percent,
    format_rate,
    format_signed_count,
)
from perceptions.crime.ranking import Rank, rank_cells
from perceptions.crime.tables import CrimeTable, RowKind
from perceptions.crime.ward_tables import WardTable, WardTableRow

ROW_TYPES = {
    RowKind.MAJOR: "Major category",
    RowKind.MINOR: "Minor category",
    RowKind.TNO: "Total",
    RowKind.FRAUD: "Not in TNO",
    RowKind.PARTNER: "Partner data",
}


def _round(value: float | None, places: int = 1) -> float | None:
    return None if value is None or not math.isfinite(value) else round(value, places) + 0.0


def _rank_export(rank: Rank | None, volume: int | None) -> tuple[int | None, str, str]:
    """Rank as a number (so a spreadsheet can sort it), "yes" when shared, and the quarter."""
    if rank is None:
        return None, "", NO_OFFENCES if volume == 0 else ""
    return rank.position, "yes" if rank.tied else "no", rank.band.label


def crime_table_export(table: CrimeTable) -> tuple[list[str], Iterator[list[object]]]:
    """Header and rows of the borough table for a download, with numbers as numbers.

    Ranks are split into a number and a "shared" column rather than "=2nd", so
    the cell is sortable and is not mistaken for a formula.
    """
    w = table.windows
    header = [
        "Row type",
        "Category",
        *(window.label for window in w),
        "Variance",
        "% of TNO",
        f"% change vs {w[1].label}" if len(w) > 1 else "% change vs previous 12 months",
        *((f"% change vs {w[2].label}",) if len(w) > 2 else ()),
        "Direction of travel",
        "Rate per 1,000 residents",
        f"Rank of rate among {table.ranked_areas} London boroughs (1 = worst)",
        "Rank shared",
        "Quarter",
        "Previous rank",
        "London volume (latest 12 months)",
        "London rate per 1,000 residents",
    ]

    def rows() -> Iterator[list[object]]:
        for row in table.rows:
            yield [
                ROW_TYPES[row.kind],
                row.label,
                *row.volumes,
                row.variance,
                _round(row.share_of_tno),
                _round(row.change_vs_previous),
                *((_round(row.change_vs_two_back),) if len(w) > 2 else ()),
                row.direction.value if row.direction else "",
                _round(row.rate, 2),
                *_rank_export(row.rank, row.volume),
                row.previous_rank.position if row.previous_rank else None,
                row.london_volumes[0],
                _round(row.london_rate, 2),
            ]

    return header, rows()


def ward_export(table: WardTable) -> tuple[list[str], list[list[object]]]:
    """Header and rows of the ward table for a download, with numbers as numbers."""
    two = len(table.windows) > 1
    header = [
        "Ward",
        "Ward code",
        "Residents",
        *(window.label for window in table.windows),
        "Variance",
        *((f"% change vs {table.windows[1].label}",) if two else ()),
        "Direction of travel",
        "Rate per 1,000 residents",
        f"Rank of rate among {len(table.rows)} wards (1 = highest)",
        "Rank shared",
        "Quarter",
        *(("Previous rank",) if two else ()),
    ]
    rows = [
        [
            row.name,
            row.code,
            row.residents,
            *row.volumes,
            row.variance,
            *((_round(row.change_vs_previous),) if two else ()),
            row.direction.value if row.direction else "",
            _round(row.rate, 2),
            *_rank_export(row.rank, row.volume),
            *((row.previous_rank.position if row.previous_rank else None,) if two else ()),
        ]
        for row in table.rows
    ]
    return header, rows


def ward_headers(table: WardTable) -> tuple[str, ...]:
    """Column headings of the ward table, matching `ward_cells`."""
    two = len(table.windows) > 1
    return (
        "Ward",
        "Ward code",
        "Residents",
        *(window.label for window in table.windows),
        "Variance",
        *((f"% change vs {table.windows[1].label}",) if two else ()),
        "Direction of travel",
        "Rate per 1,000 residents",
        f"Rank of rate in the borough (1 = highest of {len(table.rows)})",
        "Quarter",
        *(("Previous rank",) if two else ()),
    )


def ward_cells(table: WardTable, row: WardTableRow) -> tuple[str, ...]:
    """A ward row as display strings, in the order of `ward_headers`."""
    rank, quarter = rank_cells(row.rank, row.volume)
    two = len(table.windows) > 1
    return (
        row.name,
        row.code,
        format_count(row.residents),
        *(format_count(v) for v in row.volumes),
        format_signed_count(row.variance),
        *((format_percent(row.change_vs_previous),) if two else ()),
        row.direction.value if row.direction else NOT_AVAILABLE,
        format_rate(row.rate),
        rank,
        quarter,
        *((rank_cells(row.previous_rank, row.volumes[1])[0],) if two else ()),
    )
