"""Parsers for the MPS borough/ward files and the partner long format (data built here)."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest

from perceptions.crime.parsing import (
    MonthlyCount,
    ParseReport,
    counts_frame,
    iter_borough_counts,
    iter_borough_rows,
    iter_ward_counts,
    read_borough_file,
    read_ward_file,
    rows_frame,
)
from perceptions.crime.partner_format import iter_partner_counts, read_partner_file

BOROUGH_HEADER = "MajorText,MinorText,BoroughName,202401,202402,202403"
WARD_HEADER = "MajorText,MinorText,WardName,WardCode,LookUp_BoroughName,202401,202402"
OUR_WARDS = {"E05013967", "E05013968"}


def lines(*rows: str) -> io.StringIO:
    return io.StringIO("\n".join(rows) + "\n")


def parse_borough(*rows: str) -> tuple[list[MonthlyCount], ParseReport]:
    report = ParseReport()
    return list(iter_borough_counts(lines(*rows), report)), report


def parse_ward(*rows: str) -> tuple[list[MonthlyCount], ParseReport]:
    report = ParseReport()
    records = list(
        iter_ward_counts(
            lines(*rows), report, borough_name="Havering", borough_ward_codes=OUR_WARDS
        )
    )
    return records, report


# --- borough file --------------------------------------------------------------------


def test_borough_file_yields_one_typed_record_per_month() -> None:
    records, report = parse_borough(
        "\ufeff" + BOROUGH_HEADER,
        "THEFT,SHOPLIFTING,Havering,3,0,12",
        "BURGLARY,BURGLARY BUSINESS AND COMMUNITY,Westminster,1,2,3",
    )
    assert report.errors == []
    assert report.rows_read == 2
    assert report.months == (date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1))
    assert records[:3] == [
        MonthlyCount(
            "Havering", "Havering", "Havering", "THEFT", "SHOPLIFTING", date(2024, m, 1), c
        )
        for m, c in ((1, 3), (2, 0), (3, 12))
    ]
    assert len(records) == 6


def test_missing_and_unknown_columns_are_layout_errors() -> None:
    records, report = parse_borough("MajorText,BoroughName,Notes,202401", "THEFT,Havering,x,3")
    assert records == []
    assert report.errors == [
        "line 1, column Notes: unknown column",
        "line 1, column MinorText: missing column",
    ]


@pytest.mark.parametrize("bad", ["2024-01", "202413", "Jan-24", "2024"])
def test_bad_month_header_is_a_layout_error(bad: str) -> None:
    records, report = parse_borough(f"MajorText,MinorText,BoroughName,{bad}", "A,B,Havering,1")
    assert records == []
    assert report.errors == [
        f"line 1, column {bad}: month columns must be headed YYYYMM, e.g. 202401"
    ]


def test_months_must_be_consecutive() -> None:
    _, report = parse_borough("MajorText,MinorText,BoroughName,202401,202403", "A,B,C,1,2")
    assert report.errors == ["line 1, column 202401: months must be consecutive and in order"]


def test_negative_and_non_numeric_counts_name_line_and_month_column() -> None:
    records, report = parse_borough(
        BOROUGH_HEADER,
        "THEFT,SHOPLIFTING,Havering,1,-2,3",
        "THEFT,OTHER THEFT,Havering,x,1.5,",
        "THEFT,BICYCLE THEFT,Havering,1,1_000,4",
        "ROBBERY,ROBBERY OF PERSONAL PROPERTY,Havering,1,2,3",
    )
    assert report.errors == [
        "line 2, column 202402: count -2 is negative",
        "line 3, column 202401: 'x' is not a whole number",
        "line 3, column 202402: '1.5' is not a whole number",
        "line 3, column 202403: '' is not a whole number",
        "line 4, column 202402: '1_000' is not a whole number",
    ]
    assert [r.minor for r in records] == ["ROBBERY OF PERSONAL PROPERTY"] * 3


def test_duplicate_row_is_an_error() -> None:
    _, report = parse_borough(
        BOROUGH_HEADER,
        "THEFT,SHOPLIFTING,Havering,1,2,3",
        "THEFT,SHOPLIFTING,Havering,4,5,6",
    )
    assert report.errors == [
        "line 3, column BoroughName: duplicate row (BoroughName 'Havering', "
        "MajorText 'THEFT', MinorText 'SHOPLIFTING') first given on line 2"
    ]


def test_wrong_number_of_fields_and_empty_text() -> None:
    _, report = parse_borough(BOROUGH_HEADER, "THEFT,SHOPLIFTING,Havering,1,2", ",X,Havering,1,2,3")
    assert report.errors == [
        "line 2, column (row): has 5 fields, expected 6",
        "line 3, column MajorText: is empty",
    ]


def test_read_file_stores_nothing_when_there_is_any_error() -> None:
    parsed = read_borough_file(
        lines(BOROUGH_HEADER, "THEFT,SHOPLIFTING,Havering,1,2,3", "THEFT,X,Havering,1,-1,3")
    )
    assert not parsed.ok
    assert parsed.frame.empty
    assert parsed.errors == ["line 3, column 202402: count -1 is negative"]


def test_binary_stream_with_bom_and_non_utf8_bytes() -> None:
    good = ("\ufeff" + BOROUGH_HEADER + "\r\nTHEFT,SHOPLIFTING,Havering,1,2,3\r\n").encode()
    parsed = read_borough_file(io.BytesIO(good))
    assert parsed.ok
    assert parsed.frame["count"].tolist() == [1, 2, 3]
    bad = (BOROUGH_HEADER + "\nTHEFT,SHOPLIFTING,Havering,1,2,3\nTHEFT,\xe9,H,1,2,3\n").encode(
        "latin-1"
    )
    parsed = read_borough_file(io.BytesIO(bad))
    assert parsed.errors == ["line 3, column (row): the file is not UTF-8 text"]


def test_too_many_errors_stops_with_a_final_line() -> None:
    rows = [BOROUGH_HEADER] + [f"A,B{i},C,-1,0,0" for i in range(5)]
    parsed = read_borough_file(lines(*rows), max_errors=2)
    assert parsed.errors == [
        "line 2, column 202401: count -1 is negative",
        "line 3, column 202401: count -1 is negative",
        "line 4, column (row): stopped after 2 errors",
    ]


def test_rows_frame_matches_record_frame() -> None:
    text = [BOROUGH_HEADER, "THEFT,SHOPLIFTING,Havering,3,0,12", "BURGLARY,B,Westminster,1,2,3"]
    report = ParseReport()
    from_rows = rows_frame(iter_borough_rows(lines(*text), report))
    from_records = counts_frame(iter_borough_counts(lines(*text), ParseReport()))
    for column in from_rows.columns:
        assert from_rows[column].astype(from_records[column].dtype).tolist() == (
            from_records[column].tolist()
        ), column
    assert from_rows["month"].iloc[0] == pd.Timestamp("2024-01-01")


# --- ward file -----------------------------------------------------------------------


def test_ward_file_keeps_our_wards_and_counts_other_boroughs() -> None:
    records, report = parse_ward(
        WARD_HEADER,
        "THEFT,SHOPLIFTING,Beam Park,E05013967,Havering,1,2",
        'THEFT,SHOPLIFTING,"Mottingham, Coldharbour & New Eltham",E05013999,Bromley,5,6',
        "THEFT,SHOPLIFTING,Heathrow Villages,E05013570,Aviation Security (SO18),7,8",
        "THEFT,OTHER THEFT,Cranham,e05013968,havering,3,4",
    )
    assert report.errors == []
    assert report.skipped_other_boroughs == 2
    assert report.rows_read == 2
    assert {(r.area, r.area_name, r.count) for r in records} == {
        ("E05013967", "Beam Park", 1),
        ("E05013967", "Beam Park", 2),
        ("E05013968", "Cranham", 3),
        ("E05013968", "Cranham", 4),
    }


def test_ward_name_with_comma_is_one_field() -> None:
    report = ParseReport()
    records = list(
        iter_ward_counts(
            lines(
                WARD_HEADER,
                'THEFT,SHOPLIFTING,"Mottingham, Coldharbour & New Eltham",E05013999,Bromley,5,6',
            ),
            report,
            borough_name="Bromley",
            borough_ward_codes={"E05013999"},
        )
    )
    assert report.errors == []
    assert records[0].area_name == "Mottingham, Coldharbour & New Eltham"


def test_unknown_ward_code_in_our_borough_is_an_error() -> None:
    records, report = parse_ward(
        WARD_HEADER,
        "THEFT,SHOPLIFTING,Beam Park,E05013967,Havering,1,2",
        "THEFT,SHOPLIFTING,New Ward,E05099999,Havering,1,2",
        "THEFT,SHOPLIFTING,Somewhere,E05011111,Bromley,1,2",
    )
    assert report.errors == [
        "line 3, column WardCode: E05099999 (New Ward) is not one of the wards of Havering"
    ]
    assert report.skipped_other_boroughs == 1
    assert len(records) == 2


def test_ward_code_in_set_filed_under_another_name_is_kept() -> None:
    report = ParseReport()
    records = list(
        iter_ward_counts(
            lines(WARD_HEADER, "THEFT,X,Heathrow Villages,E05013570,Aviation Security (SO18),1,0"),
            report,
            borough_name="Hillingdon",
            borough_ward_codes={"E05013570"},
        )
    )
    assert report.errors == []
    assert [r.borough for r in records] == ["Aviation Security (SO18)"] * 2


def test_ward_file_with_no_rows_for_the_borough_is_an_error() -> None:
    _, report = parse_ward(WARD_HEADER, "THEFT,X,Somewhere,E05011111,Bromley,1,2")
    assert report.errors == [
        "line 1, column LookUp_BoroughName: no rows for Havering or its ward codes"
    ]


def test_ward_layout_change_is_reported() -> None:
    parsed = read_ward_file(
        lines("MajorText,MinorText,WardName,BoroughName,202401", "A,B,C,Havering,1"),
        borough_name="Havering",
        borough_ward_codes=OUR_WARDS,
    )
    assert parsed.errors == [
        "line 1, column BoroughName: unknown column",
        "line 1, column WardCode: missing column",
        "line 1, column LookUp_BoroughName: missing column",
    ]


def test_ward_codes_are_required() -> None:
    with pytest.raises(ValueError, match="borough_ward_codes"):
        read_ward_file(lines(WARD_HEADER), borough_name="Havering", borough_ward_codes=set())


# --- partner long format -------------------------------------------------------------


def test_partner_format_happy_path() -> None:
    parsed = read_partner_file(
        lines(
            "month,area_code,category,count",
            "2025-01,E05013967,Deliberate fires,3",
            "2025-02,E05013967,Deliberate fires,0",
        )
    )
    assert parsed.ok
    assert parsed.months == (date(2025, 1, 1), date(2025, 2, 1))
    frame = parsed.frame
    assert frame["major"].tolist() == ["Deliberate fires"] * 2
    assert frame["minor"].tolist() == ["Deliberate fires"] * 2
    assert frame["count"].tolist() == [3, 0]


def test_partner_format_errors() -> None:
    report = ParseReport()
    records = list(
        iter_partner_counts(
            lines(
                "area_code,month,category,count",
                "E05013967,2025-1,Fires,3",
                "Havering,2025-01,Fires,3",
                "E05013967,2025-01,Fires,-4",
                "E05013967,2025-02,Fires,2",
                "E05013967,2025-02,Fires,2",
                "E05013967,2025-03,,2",
            ),
            report,
        )
    )
    assert report.errors == [
        "line 2, column month: '2025-1' is not a month written YYYY-MM",
        "line 3, column area_code: 'Havering' is not a GSS code such as E05013967",
        "line 4, column count: count -4 is negative",
        "line 6, column area_code: duplicate row, first given on line 5",
        "line 7, column category: is empty",
    ]
    assert [r.count for r in records] == [2]


def test_partner_layout_change() -> None:
    parsed = read_partner_file(lines("area,month,category,count,notes", "E05013967,2025-01,F,1,"))
    assert parsed.errors == [
        "line 1, column area: unknown column",
        "line 1, column notes: unknown column",
        "line 1, column area_code: missing column",
    ]
