"""Rolling 12-month windows over monthly counts, and dense count arrays over them.

Shared by the borough table (``tables``) and the ward table (``ward_tables``): both cut
the same monthly counts into windows ending at a chosen month and sum them per row, area
and window with NumPy, never a groupby per cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from perceptions.crime.populations import normalise_borough_name

WINDOW_MONTHS = 12

type MonthLike = date | tuple[int, int] | str | pd.Timestamp | pd.Period


@dataclass(frozen=True, slots=True)
class Window:
    """A rolling 12-month period, first and last month inclusive."""

    start: date
    end: date

    @property
    def label(self) -> str:
        """ "Jan-25 to Dec-25", the plan's column heading style."""
        return f"{self.start:%b-%y} to {self.end:%b-%y}"


def month_of(value: MonthLike) -> date:
    """Accept 2025-12, "2025-12", "202512", (2025, 12), a date or a Timestamp; return its 1st."""
    if isinstance(value, tuple):
        year, month = value
        return date(year, month, 1)
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 6 and text.isdigit():
            text = f"{text[:4]}-{text[4:]}"
        stamp = pd.Timestamp(text)
        if pd.isna(stamp):
            raise ValueError(f"not a month: {value!r}")
        return date(stamp.year, stamp.month, 1)
    if isinstance(value, pd.Period):
        return date(value.year, value.month, 1)
    return date(value.year, value.month, 1)


def _index_of(month: date) -> int:
    return month.year * 12 + month.month - 1


def _date_of(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def _month_indexes(months: pd.Series) -> np.ndarray:
    if isinstance(months.dtype, pd.PeriodDtype):
        return (months.dt.year * 12 + months.dt.month - 1).to_numpy(np.int64)
    stamps = pd.to_datetime(months) if not pd.api.types.is_datetime64_any_dtype(months) else months
    return stamps.dt.year.to_numpy(np.int64) * 12 + stamps.dt.month.to_numpy(np.int64) - 1


def _keys(values: pd.Series, normalise: bool) -> np.ndarray:
    """Map a text column to comparison keys, normalising each distinct value once."""
    codes, uniques = pd.factorize(values)
    keys = [
        normalise_borough_name(str(u)) if normalise else str(u).strip().upper() for u in uniques
    ]
    return np.asarray(keys, dtype=object)[codes]


@dataclass(frozen=True, slots=True)
class _Windowed:
    frame: pd.DataFrame  # area, major, minor, window, count (only months inside the windows)
    windows: tuple[Window, ...]
    available: int


def windowed(
    counts: pd.DataFrame,
    end_month: MonthLike,
    windows: int,
    normalise_areas: bool,
    data_start: MonthLike | None,
) -> _Windowed:
    missing = {"area", "major", "minor", "month", "count"} - set(counts.columns)
    if missing:
        raise ValueError(f"counts frame lacks columns: {', '.join(sorted(missing))}")
    if counts.empty:
        raise ValueError("counts frame is empty")
    if windows < 1:
        raise ValueError("windows must be at least 1")
    end = _index_of(month_of(end_month))
    mi = _month_indexes(counts["month"])
    first, last = int(mi.min()), int(mi.max())
    if data_start is not None:
        first = min(first, _index_of(month_of(data_start)))
    if end > last:
        raise ValueError(
            f"the data end in {_date_of(last):%Y-%m}; cannot end a table at {_date_of(end):%Y-%m}"
        )
    available = sum(1 for k in range(windows) if end - WINDOW_MONTHS * k - 11 >= first)
    if available == 0:
        raise ValueError(
            f"the data start in {_date_of(first):%Y-%m}: not 12 months to {_date_of(end):%Y-%m}"
        )
    window_no = (end - mi) // WINDOW_MONTHS
    inside = (mi <= end) & (window_no < available)
    frame = pd.DataFrame(
        {
            "area": _keys(counts["area"], normalise_areas)[inside],
            "major": counts["major"].astype(str).to_numpy()[inside],
            "minor": counts["minor"].astype(str).to_numpy()[inside],
            "window": window_no[inside],
            "count": counts["count"].to_numpy(np.int64)[inside],
        }
    )
    spans = tuple(
        Window(_date_of(end - WINDOW_MONTHS * k - 11), _date_of(end - WINDOW_MONTHS * k))
        for k in range(available)
    )
    return _Windowed(frame, spans, available)


def cube(
    frame: pd.DataFrame,
    group: list[str],
    row_keys: list[tuple[str, ...]],
    areas: list[str],
    n_windows: int,
) -> np.ndarray:
    """Sum counts into a dense array [row, area, window], zero where nothing was recorded.

    Keys are turned into integer positions and summed with ``np.bincount``: a
    groupby and reindex per call cost ten times as much.
    """
    if len(group) == 1:
        rows = pd.Index([key[0] for key in row_keys]).get_indexer(frame[group[0]])
    else:
        wanted = pd.MultiIndex.from_tuples(row_keys)
        rows = wanted.get_indexer(pd.MultiIndex.from_arrays([frame[c] for c in group]))
    cols = pd.Index(areas).get_indexer(frame["area"])
    keep = (rows >= 0) & (cols >= 0)
    flat = (rows[keep] * len(areas) + cols[keep]) * n_windows + frame["window"].to_numpy()[keep]
    size = len(row_keys) * len(areas) * n_windows
    sums = np.bincount(flat, weights=frame["count"].to_numpy()[keep], minlength=size)
    return np.rint(sums).astype(np.int64).reshape(len(row_keys), len(areas), n_windows)
