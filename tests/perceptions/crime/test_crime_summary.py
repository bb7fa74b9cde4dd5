"""Plain-language sentences and number formatting."""

from __future__ import annotations

import pandas as pd
import pytest

from perceptions.crime.formatting import format_count, format_percent, format_signed_count
from perceptions.crime.summary import (
    ordinal,
    rank_sentence,
    summarise,
    tno_sentence,
    volume_sentence,
)
from perceptions.crime.tables import RowKind, build_crime_table


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (10, "10th"), (11, "11th"),
        (12, "12th"), (13, "13th"), (14, "14th"), (21, "21st"), (22, "22nd"), (23, "23rd"),
        (32, "32nd"), (101, "101st"), (111, "111th"), (112, "112th"), (113, "113th"),
    ],
)  # fmt: skip
def test_ordinal(n: int, text: str) -> None:
    assert ordinal(n) == text


def test_ordinal_tied_and_invalid() -> None:
    assert ordinal(2, tied=True) == "=2nd"
    assert ordinal(11, tied=True) == "=11th"
    with pytest.raises(ValueError):
        ordinal(0)


def test_number_formats() -> None:
    assert format_percent(None) == "n/a"
    assert format_percent(float("inf")) == "n/a"
    assert format_percent(-7.0) == "-7.0%"
    assert format_percent(-0.01) == "0.0%"
    assert format_count(5363) == "5,363"
    assert format_signed_count(-697) == "-697"
    assert format_signed_count(43) == "+43"
    assert format_signed_count(0) == "0"


def shop_table(previous: dict[str, int], latest: dict[str, int]) -> pd.DataFrame:
    rows = []
    for area, count in previous.items():
        rows.append((area, "THEFT", "SHOPLIFTING", "2024-06", count))
    for area, count in latest.items():
        rows.append((area, "THEFT", "SHOPLIFTING", "2025-06", count))
    rows += [("Ours", "THEFT", "SHOPLIFTING", m, 0) for m in ("2024-01", "2025-12")]
    data = pd.DataFrame(rows, columns=["area", "major", "minor", "month", "count"])
    data["month"] = pd.to_datetime(data["month"])
    return data


OTHERS = [f"B{k}" for k in range(1, 10)]
POPS = dict.fromkeys([*OTHERS, "Ours"], 1000)


def test_rank_rises_while_falling_because_london_fell_faster() -> None:
    # Before: B1–B8 200 each, ours 100 (9th). After: B1–B7 150, B8 90, ours 93 (8th).
    previous = {**dict.fromkeys(OTHERS[:8], 200), "B9": 50, "Ours": 100}
    latest = {**dict.fromkeys(OTHERS[:7], 150), "B8": 90, "B9": 40, "Ours": 93}
    table = build_crime_table(
        shop_table(previous, latest), area="Ours", populations=POPS, end_month="2025-12"
    )
    row = table.row(RowKind.MAJOR, "THEFT")
    assert row.london_change_vs_previous == pytest.approx((1273 - 1750) / 1750 * 100)
    assert rank_sentence(row) == (
        "Theft moved from 9th to 8th worst in London while falling 7% locally, "
        "because London fell faster."
    )


def test_no_because_when_london_did_not_fall_faster() -> None:
    # Ours falls 7% and moves 9th → 8th, but London as a whole rose.
    previous = {**dict.fromkeys(OTHERS[:8], 200), "B9": 50, "Ours": 100}
    latest = {**dict.fromkeys(OTHERS[:7], 400), "B8": 90, "B9": 40, "Ours": 93}
    table = build_crime_table(
        shop_table(previous, latest), area="Ours", populations=POPS, end_month="2025-12"
    )
    row = table.row(RowKind.MAJOR, "THEFT")
    assert row.london_change_vs_previous is not None and row.london_change_vs_previous > 0
    assert (
        rank_sentence(row)
        == "Theft moved from 9th to 8th worst in London while falling 7% locally."
    )


def test_rank_falls_while_rising_because_london_rose_faster() -> None:
    previous = {**dict.fromkeys(OTHERS[:8], 200), "B9": 50, "Ours": 100}
    latest = {**dict.fromkeys(OTHERS[:8], 300), "B9": 120, "Ours": 110}
    table = build_crime_table(
        shop_table(previous, latest), area="Ours", populations=POPS, end_month="2025-12"
    )
    assert rank_sentence(table.row(RowKind.MAJOR, "THEFT")) == (
        "Theft moved from 9th to 10th worst in London while rising 10% locally, "
        "because London rose faster."
    )


def test_volume_sentences_and_zero_base() -> None:
    previous = {**dict.fromkeys(OTHERS[:8], 5), "B9": 0, "Ours": 0}
    latest = {**dict.fromkeys(OTHERS, 5), "Ours": 6}
    table = build_crime_table(
        shop_table(previous, latest), area="Ours", populations=POPS, end_month="2025-12"
    )
    row = table.row(RowKind.MAJOR, "THEFT")
    assert row.change_vs_previous is None
    assert volume_sentence(row) == "Theft rose from 0 to 6."
    assert row.previous_rank is None  # no offences the year before: not ranked then
    assert rank_sentence(row) is None


def test_summarise_orders_headline_volumes_then_ranks() -> None:
    previous = {**dict.fromkeys(OTHERS[:8], 200), "B9": 50, "Ours": 100}
    latest = {**dict.fromkeys(OTHERS[:7], 150), "B8": 90, "B9": 40, "Ours": 93}
    table = build_crime_table(
        shop_table(previous, latest), area="Ours", populations=POPS, end_month="2025-12"
    )
    assert summarise(table) == [
        "In the 12 months to December 2025, Ours recorded 93 offences (total notifiable "
        "offences, excluding NFIB fraud), 7% fewer than the year before (100). The rate of "
        "93.0 per 1,000 residents ranks 8th of 10 London boroughs (1st = highest rate; "
        "second-lowest quarter).",
        "Theft fell 7% (7 fewer offences, from 100 to 93).",
        "Theft moved from 9th to 8th worst in London while falling 7% locally, "
        "because London fell faster.",
    ]
    assert tno_sentence(table) == summarise(table)[0]
    assert summarise(table, min_volume=1000)[2:] == []
