"""Partner datasets as lines of the borough table: honest about what they are not."""

from __future__ import annotations

import pandas as pd

from perceptions.crime.display import crime_table_export
from perceptions.crime.partners import partner_rows, with_partner_rows
from perceptions.crime.ranking import Rank
from perceptions.crime.tables import RowKind, build_crime_table


def fires(areas: dict[str, int]) -> pd.DataFrame:
    rows = [(a, "Fires", "Fires", "2025-06", n) for a, n in areas.items()]
    data = pd.DataFrame(rows, columns=["area", "major", "minor", "month", "count"])
    data["month"] = pd.to_datetime(data["month"])
    return data


POPS = {"A": 1000, "B": 1000, "C": 1000}


def test_partner_lines_keep_the_rank_only_when_every_borough_is_covered() -> None:
    table = build_crime_table(fires({"A": 5, "B": 9, "C": 1}), area="A", populations=POPS,
                              end_month="2025-06", data_start="2024-07")  # fmt: skip
    (full,) = partner_rows(table, covers_london=True)
    assert (full.kind, full.rank, full.share_of_tno) == (RowKind.PARTNER, Rank(2, False, 3), None)
    (partial,) = partner_rows(table, covers_london=False)
    assert partial.rank is None
    assert partial.cells()[-3:] == ("n/a", "n/a", "n/a")


def test_partner_lines_are_padded_to_the_table_periods_with_unknown_not_zero() -> None:
    mps = build_crime_table(
        pd.concat([fires({"A": 5, "B": 1, "C": 1}).assign(month=pd.Timestamp("2023-07-01")),
                   fires({"A": 5, "B": 1, "C": 1})]).assign(major="THEFT", minor="THEFT"),
        area="A", populations=POPS, end_month="2025-06",
    )  # fmt: skip
    assert len(mps.windows) == 2
    partner = build_crime_table(fires({"A": 5}), area="A", populations={"A": 1000},
                                end_month="2025-06", data_start="2024-07")  # fmt: skip
    (line,) = partner_rows(partner, covers_london=False, windows=2)
    assert line.volumes == (5, None)
    assert (line.variance, line.change_vs_previous, line.direction) == (None, None, None)
    combined = with_partner_rows(mps, (line,))
    header, rows = crime_table_export(combined)
    exported = list(rows)[-1]
    assert len(exported) == len(header)
    assert exported[:4] == ["Partner data", "Fires", 5, None]
    assert len(line.cells()) == len(mps.headers())
