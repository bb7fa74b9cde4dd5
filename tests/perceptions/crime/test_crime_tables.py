"""The borough and ward tables, checked against figures worked out by hand below."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from perceptions.crime.ranking import BANDS, Rank, band_for
from perceptions.crime.tables import (
    Direction,
    RowKind,
    build_crime_table,
    percent_change,
)
from perceptions.crime.ward_tables import build_ward_table
from perceptions.crime.windows import Window


def frame(rows: list[tuple[str, str, str, str, int]]) -> pd.DataFrame:
    """(area, major, minor, "YYYY-MM", count) → the long frame the parsers return."""
    data = pd.DataFrame(rows, columns=["area", "major", "minor", "month", "count"])
    data["month"] = pd.to_datetime(data["month"])
    return data


SHOP, BIKE = ("THEFT", "SHOPLIFTING"), ("THEFT", "BICYCLE THEFT")
BURG, FRAUD = ("BURGLARY", "BURGLARY"), ("NFIB FRAUD", "NFIB")

# Windows to Dec 2025: latest = 2025, previous = 2024, two back = 2023.
HAND = frame(
    [
        ("Havering", *SHOP, "2023-01", 10),
        ("Havering", *SHOP, "2024-06", 20),
        ("Havering", *SHOP, "2025-01", 5),  # first month of the latest window
        ("Havering", *SHOP, "2025-12", 10),  # last month of the latest window
        ("Havering", *SHOP, "2026-01", 99),  # after the end month: ignored
        ("Havering", *BIKE, "2025-03", 5),
        ("Havering", *BURG, "2023-06", 8),
        ("Havering", *BURG, "2024-12", 10),  # last month of the previous window
        ("Havering", *BURG, "2025-06", 10),
        ("Havering", *FRAUD, "2024-06", 50),
        ("Havering", *FRAUD, "2025-06", 100),
        ("Alpha", *SHOP, "2024-06", 10),
        ("Alpha", *SHOP, "2025-06", 10),
        ("Alpha", *BURG, "2025-06", 5),
        ("Beta", *SHOP, "2024-06", 60),
        ("Beta", *SHOP, "2025-06", 10),
        ("Beta", *BIKE, "2024-06", 4),
        ("Beta", *BURG, "2024-06", 2),
        ("Beta", *BURG, "2025-06", 40),
        ("City of London", *SHOP, "2025-06", 50),  # huge rate, never ranked
        ("Unknown", *BURG, "2025-06", 7),
        ("London Heathrow and London City Airports", *SHOP, "2025-06", 30),
    ]
)
POPS = {"Havering": 2000, "Alpha": 1000, "Beta": 4000, "City of London": 100}


def test_hand_computed_table_every_column() -> None:
    table = build_crime_table(HAND, area="Havering", populations=POPS, end_month="2025-12")
    assert table.windows == (
        Window(date(2025, 1, 1), date(2025, 12, 1)),
        Window(date(2024, 1, 1), date(2024, 12, 1)),
        Window(date(2023, 1, 1), date(2023, 12, 1)),
    )
    assert table.windows[0].label == "Jan-25 to Dec-25"
    assert table.ranked_areas == 3
    assert table.residents == 2000
    assert [(r.kind, r.major, r.minor) for r in table.rows] == [
        (RowKind.MAJOR, "BURGLARY", None),  # one minor only: no minor line
        (RowKind.MAJOR, "THEFT", None),
        (RowKind.MINOR, "THEFT", "BICYCLE THEFT"),
        (RowKind.MINOR, "THEFT", "SHOPLIFTING"),
        (RowKind.TNO, "", None),
        (RowKind.FRAUD, "NFIB FRAUD", None),
    ]
    # (volumes, variance, % of TNO, % vs previous, % vs two back, direction, rate,
    #  rank, previous rank, London volumes, London rate, London % vs previous)
    expected = {
        "Burglary": (
            (10, 10, 8), 0, 100 * 10 / 30, 0.0, 25.0, Direction.SAME, 5.0,
            Rank(2, True, 3), Rank(1, False, 3), (55, 12, 8), 55 / 7, 100 * 43 / 12,
        ),
        "Theft": (
            (20, 20, 10), 0, 100 * 20 / 30, 0.0, 100.0, Direction.SAME, 10.0,
            Rank(1, True, 3), Rank(2, True, 3), (40, 94, 10), 40 / 7, -100 * 54 / 94,
        ),
        "Bicycle theft": (
            (5, 0, 0), 5, 100 * 5 / 30, None, None, Direction.UP, 2.5,
            Rank(1, False, 3), None, (5, 4, 0), 5 / 7, 25.0,  # none in 2024: no rank
        ),
        "Shoplifting": (
            (15, 20, 10), -5, 50.0, -25.0, 50.0, Direction.DOWN, 7.5,
            Rank(2, False, 3), Rank(2, True, 3), (35, 90, 10), 5.0, -100 * 55 / 90,
        ),
        "Total notifiable offences": (
            (30, 30, 18), 0, 100.0, 0.0, 100 * 12 / 18, Direction.SAME, 15.0,
            Rank(1, True, 3), Rank(2, False, 3), (95, 106, 18), 95 / 7, -100 * 11 / 106,
        ),
        "NFIB fraud (Action Fraud; not in TNO)": (
            (100, 50, 0), 50, None, 100.0, None, Direction.UP, 50.0,
            Rank(1, False, 3), Rank(1, False, 3), (100, 50, 0), 100 / 7, 100.0,
        ),
    }  # fmt: skip
    for row in table.rows:
        got = (
            row.volumes, row.variance, row.share_of_tno, row.change_vs_previous,
            row.change_vs_two_back, row.direction, row.rate, row.rank, row.previous_rank,
            row.london_volumes, row.london_rate, row.london_change_vs_previous,
        )  # fmt: skip
        want = expected[row.label]
        assert len(got) == len(want)
        for name, g, w in zip(("field",) * len(got), got, want, strict=True):
            if isinstance(w, float):
                assert g == pytest.approx(w), (row.label, name, got)
            else:
                assert g == w, (row.label, got)


def test_display_cells_use_n_a_and_equals_for_ties() -> None:
    table = build_crime_table(HAND, area="Havering", populations=POPS, end_month=(2025, 12))
    assert table.headers() == (
        "Category",
        "Jan-25 to Dec-25",
        "Jan-24 to Dec-24",
        "Jan-23 to Dec-23",
        "Variance",
        "% of TNO",
        "% change vs Jan-24 to Dec-24",
        "% change vs Jan-23 to Dec-23",
        "Direction of travel",
        "Rate per 1,000 residents",
        "Rank of rate in London (1 = worst)",
        "Quarter",
        "Previous rank",
    )
    bike = table.row(RowKind.MINOR, "THEFT", "BICYCLE THEFT")
    assert bike.cells() == (
        "    Bicycle theft", "5", "0", "0", "+5", "16.7%", "n/a", "n/a", "up", "2.5", "1st",
        "highest quarter", "–",
    )  # fmt: skip
    burglary = table.row(RowKind.MAJOR, "BURGLARY")
    assert burglary.cells()[-3:] == ("=2nd", "second-highest quarter", "1st")
    fraud = table.row(RowKind.FRAUD)
    assert fraud.cells()[5] == "n/a"  # no "% of TNO" for fraud


def test_tno_excludes_nfib_fraud() -> None:
    table = build_crime_table(HAND, area="Havering", populations=POPS, end_month="2025-12")
    tno = table.row(RowKind.TNO)
    categories = [r for r in table.rows if r.kind is RowKind.MAJOR]
    assert tno.volumes == tuple(map(sum, zip(*(r.volumes for r in categories), strict=True)))
    assert table.row(RowKind.FRAUD).volume == 100
    assert tno.volume == 30


def test_only_windows_with_data_are_shown() -> None:
    data = HAND[HAND["month"] >= "2024-06-01"]
    table = build_crime_table(data, area="Havering", populations=POPS, end_month="2025-12")
    assert len(table.windows) == 1  # the data begin in June 2024
    table = build_crime_table(
        data, area="Havering", populations=POPS, end_month="2025-12", data_start="2024-01"
    )
    assert len(table.windows) == 2
    shop = table.row(RowKind.MINOR, "THEFT", "SHOPLIFTING")
    assert shop.volumes == (15, 20)
    assert shop.change_vs_two_back is None
    assert len(shop.cells()) == len(table.headers())


def test_end_month_outside_the_data_is_refused() -> None:
    with pytest.raises(ValueError, match="the data end in 2026-01"):
        build_crime_table(HAND, area="Havering", populations=POPS, end_month="2026-02")
    with pytest.raises(ValueError, match="not 12 months"):
        build_crime_table(HAND, area="Havering", populations=POPS, end_month="2023-06")


def test_a_ranked_borough_without_rows_is_refused() -> None:
    with pytest.raises(ValueError, match="no crime rows for: gamma"):
        build_crime_table(
            HAND, area="Havering", populations={**POPS, "Gamma": 500}, end_month="2025-12"
        )


def test_zero_base_is_none_never_infinity() -> None:
    assert percent_change(5, 0) is None
    assert percent_change(0, 0) is None
    assert percent_change(5, None) is None
    assert percent_change(0, 4) == -100.0


# --- ranks and quartiles over 32 boroughs --------------------------------------------


def london(our_count: int) -> pd.DataFrame:
    """32 boroughs of 1,000 residents: borough k has 200 - 2k offences (198 … 138), ours odd."""
    rows = [(f"B{k:02}", *SHOP, "2025-06", 200 - 2 * k) for k in range(1, 32)]
    rows.append(("Ours", *SHOP, "2025-06", our_count))
    rows.append(("Ours", *SHOP, "2025-01", 0))
    rows.append(("Ours", *SHOP, "2025-12", 0))
    return frame(rows)


LONDON_POPS = {f"B{k:02}": 1000 for k in range(1, 32)} | {"Ours": 1000, "City of London": 10}


@pytest.mark.parametrize(
    ("count", "label", "quarter", "colour"),
    [
        (199, "1st", 1, "red"),
        (185, "8th", 1, "red"),  # B01–B07 (198–186) are higher
        (184, "=8th", 1, "red"),  # level with B08
        (183, "9th", 2, "orange"),
        (169, "16th", 2, "orange"),
        (167, "17th", 3, "yellow"),
        (153, "24th", 3, "yellow"),
        (151, "25th", 4, "green"),
        (137, "32nd", 4, "green"),
    ],
)
def test_rank_quartile_boundaries(count: int, label: str, quarter: int, colour: str) -> None:
    table = build_crime_table(
        london(count), area="Ours", populations=LONDON_POPS, end_month="2025-12"
    )
    rank = table.row(RowKind.TNO).rank
    assert rank is not None
    assert rank.out_of == 32  # the City of London is not ranked
    assert (rank.label, rank.band.quarter, rank.band.colour) == (label, quarter, colour)


def test_no_offences_means_no_rank_and_never_the_red_band() -> None:
    """Lead's decision: ties share the best rank, but an area with none is not ranked.

    Only 3 of 32 boroughs had a homicide: with shared ranks the other 29 would be
    "=4th", in the red band. They get "–", "no offences" instead.
    """
    rows = [(f"B{k:02}", "HOMICIDE", "MURDER", "2025-06", 1) for k in range(1, 4)]
    rows += [(f"B{k:02}", *SHOP, "2025-06", 10) for k in range(1, 32)]
    rows += [("Ours", *SHOP, "2025-06", 10), ("Ours", *SHOP, "2025-01", 0)]
    rows += [("Ours", *SHOP, "2025-12", 0)]
    table = build_crime_table(
        frame(rows), area="Ours", populations=LONDON_POPS, end_month="2025-12"
    )
    homicide = table.row(RowKind.MAJOR, "HOMICIDE")
    assert (homicide.volume, homicide.rank, homicide.no_offences) == (0, None, True)
    assert homicide.cells()[-3:] == ("–", "no offences", "n/a")  # one window: no previous
    ours_b01 = build_crime_table(
        frame(rows), area="B01", populations=LONDON_POPS, end_month="2025-12"
    ).row(RowKind.MAJOR, "HOMICIDE")
    assert ours_b01.rank == Rank(1, True, 32)  # the three with one homicide share 1st
    assert table.row(RowKind.TNO).rank == Rank(4, True, 32)  # ties still shared: "=4th"


def test_band_for_boundaries_and_text_labels() -> None:
    assert [band_for(p).quarter for p in (1, 8, 9, 16, 17, 24, 25, 32)] == [1, 1, 2, 2, 3, 3, 4, 4]
    assert [b.label for b in BANDS] == [
        "highest quarter",
        "second-highest quarter",
        "second-lowest quarter",
        "lowest quarter",
    ]
    with pytest.raises(ValueError):
        band_for(33)


def test_ties_share_the_best_rank_or_optionally_the_worst() -> None:
    data = frame(
        [
            ("A", *SHOP, "2025-01", 30),
            ("B", *SHOP, "2025-01", 20),
            ("C", *SHOP, "2025-01", 20),
            ("D", *SHOP, "2025-12", 10),
        ]
    )
    pops = {"A": 1000, "B": 1000, "C": 1000, "D": 1000}
    best = build_crime_table(data, area="C", populations=pops, end_month="2025-12")
    assert best.row(RowKind.TNO).rank == Rank(2, True, 4)
    assert best.row(RowKind.TNO).rank.label == "=2nd"  # type: ignore[union-attr]
    worst = build_crime_table(data, area="B", populations=pops, end_month="2025-12", ties="max")
    assert worst.row(RowKind.TNO).rank.label == "=3rd"  # type: ignore[union-attr]
    # Same rate from different counts and populations is still a tie.
    data.loc[data["area"] == "B", "count"] = 40
    tied = build_crime_table(data, area="C", populations={**pops, "B": 2000}, end_month="2025-12")
    assert tied.row(RowKind.TNO).rank == Rank(2, True, 4)


def test_westminster_spelt_differently_still_matches() -> None:
    data = frame([("Westminster", *SHOP, "2025-01", 10), ("Havering", *SHOP, "2025-12", 5)])
    table = build_crime_table(
        data,
        area="City of Westminster",
        populations={"City of Westminster": 1000, "Havering": 1000},
        end_month="2025-12",
    )
    assert table.row(RowKind.TNO).volume == 10
    assert table.row(RowKind.TNO).rank == Rank(1, False, 2)


# --- ward table ----------------------------------------------------------------------


def test_ward_table_rates_ranks_and_change() -> None:
    data = frame(
        [
            ("E05000001", *SHOP, "2024-01", 10),
            ("E05000001", *SHOP, "2025-03", 20),
            ("E05000002", *SHOP, "2024-01", 30),
            ("E05000002", *SHOP, "2025-03", 15),
            ("E05000002", *FRAUD, "2025-03", 500),
            ("E05000003", *BIKE, "2025-12", 4),
        ]
    )
    data["area_name"] = data["area"].map(
        {"E05000001": "One", "E05000002": "Two", "E05000003": "Three"}
    )
    pops = {"E05000001": 2000, "E05000002": 1000, "E05000003": 4000, "E05000004": 500}
    table = build_ward_table(data, ward_populations=pops, end_month="2025-12")
    assert table.category == "Total notifiable offences"
    got = [
        (r.code, r.name, r.volumes, r.rate, r.rank and r.rank.label,
         r.previous_rank and r.previous_rank.label, r.change_vs_previous, r.direction)
        for r in table.rows
    ]  # fmt: skip
    assert got == [
        ("E05000002", "Two", (15, 30), 15.0, "1st", "1st", -50.0, Direction.DOWN),
        ("E05000001", "One", (20, 10), 10.0, "2nd", "2nd", 100.0, Direction.UP),
        ("E05000003", "Three", (4, 0), 1.0, "3rd", None, None, Direction.UP),
        ("E05000004", "E05000004", (0, 0), 0.0, None, None, None, Direction.SAME),
    ]
    shop = build_ward_table(
        data, ward_populations=pops, end_month="2025-12", major="THEFT", minor="SHOPLIFTING"
    )
    assert shop.category == "Shoplifting"
    assert [r.volume for r in shop.rows] == [15, 20, 0, 0]
    with pytest.raises(ValueError, match="without a population: E05000003"):
        build_ward_table(
            data, ward_populations={"E05000001": 1, "E05000002": 1}, end_month="2025-12"
        )
