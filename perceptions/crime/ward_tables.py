"""The ward table: a borough's wards ranked by recorded crime per 1,000 residents.

Same conventions as the borough table (see ``tables``): shared ranks shown "=2nd",
no rank for a ward with no offences, "n/a" for a change from a zero base.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from perceptions.crime.ranking import Rank, Ties, ranks_along_last_axis
from perceptions.crime.tables import (
    FRAUD_MAJOR,
    TNO_LABEL,
    Direction,
    category_label,
    direction_of,
    percent_change,
)
from perceptions.crime.windows import MonthLike, Window, cube, windowed


@dataclass(frozen=True, slots=True)
class WardTableRow:
    """One ward's figures for one category."""

    code: str
    name: str
    residents: int
    volumes: tuple[int, ...]
    variance: int | None
    change_vs_previous: float | None
    direction: Direction | None
    rate: float
    previous_rate: float | None
    rank: Rank | None
    previous_rank: Rank | None

    @property
    def volume(self) -> int:
        """Volume in the latest window."""
        return self.volumes[0]


@dataclass(frozen=True, slots=True)
class WardTable:
    """Rates and ranks of one category across a borough's wards, highest rate first."""

    category: str
    end_month: date
    windows: tuple[Window, ...]
    rows: tuple[WardTableRow, ...]


def _ward_rank(
    positions: np.ndarray, tied: np.ndarray, volumes: np.ndarray, ward: int, window: int
) -> Rank | None:
    """A ward's rank in a window; None when it had no offences (see the module docstring)."""
    if volumes[ward, window] == 0:
        return None
    return Rank(int(positions[window, ward]), bool(tied[window, ward]), positions.shape[1])


def build_ward_table(
    counts: pd.DataFrame,
    *,
    ward_populations: Mapping[str, int],
    end_month: MonthLike,
    major: str | None = None,
    minor: str | None = None,
    ward_names: Mapping[str, str] | None = None,
    windows: int = 2,
    fraud_major: str = FRAUD_MAJOR,
    ties: Ties = "min",
    data_start: MonthLike | None = None,
) -> WardTable:
    """Rank a borough's wards by rate per 1,000 residents for one category.

    ``counts`` is one borough's ward rows (``parsing.read_ward_file``; area =
    ward code). With neither ``major`` nor ``minor`` the category is TNO (NFIB
    fraud left out); ``major`` alone takes a major category; ``minor`` (with or
    without ``major``) a minor one. Every ward in ``ward_populations`` is
    ranked; a ward with no rows had no recorded crime (the publisher omits
    all-zero rows) and so gets no rank. A ward in ``counts`` without a population raises
    ``ValueError``: it could be neither rated nor left out honestly.
    """
    data = windowed(counts, end_month, windows, normalise_areas=False, data_start=data_start)
    pops = {code.strip().upper(): int(n) for code, n in ward_populations.items()}
    if not pops or any(n <= 0 for n in pops.values()):
        raise ValueError("ward_populations must be non-empty with positive residents")
    frame = data.frame
    stray = sorted(set(pd.unique(frame["area"])) - set(pops))
    if stray:
        raise ValueError(f"wards without a population: {', '.join(stray)}")
    if major is None and minor is None:
        frame = frame[frame["major"].str.casefold() != fraud_major.casefold()]
        category = TNO_LABEL
    else:
        if major is not None:
            frame = frame[frame["major"] == major]
        if minor is not None:
            frame = frame[frame["minor"] == minor]
        category = category_label(minor if minor is not None else major or "")
    codes = sorted(pops)
    n_win = data.available
    volumes = cube(frame.assign(all="X"), ["all"], [("X",)], codes, n_win)[0]  # [ward, window]
    residents = np.array([pops[c] for c in codes], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        rates = volumes / residents[:, None] * 1000.0
    positions, tied = ranks_along_last_axis(rates.T, ties)  # [window, ward]
    names = {}
    if "area_name" in counts.columns:
        pairs = counts[["area", "area_name"]].drop_duplicates("area")
        names = {str(a).strip().upper(): str(n) for a, n in pairs.itertuples(index=False)}
    names.update({k.strip().upper(): v for k, v in (ward_names or {}).items()})
    rows = []
    for i, code in enumerate(codes):
        vols = tuple(int(v) for v in volumes[i])
        current, previous = vols[0], vols[1] if n_win > 1 else None
        rows.append(
            WardTableRow(
                code=code,
                name=names.get(code, code),
                residents=pops[code],
                volumes=vols,
                variance=None if previous is None else current - previous,
                change_vs_previous=percent_change(current, previous),
                direction=direction_of(current, previous),
                rate=float(rates[i, 0]),
                previous_rate=float(rates[i, 1]) if n_win > 1 else None,
                rank=_ward_rank(positions, tied, volumes, i, 0),
                previous_rank=_ward_rank(positions, tied, volumes, i, 1) if n_win > 1 else None,
            )
        )
    rows.sort(key=lambda row: (row.rank.position if row.rank else len(codes) + 1, row.name))
    return WardTable(category, data.windows[0].end, data.windows, tuple(rows))
