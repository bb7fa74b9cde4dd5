"""End to end over small handmade copies of the real file formats (written to tmp_path).

The rows imitate the MPS London Datastore files (24 month columns, a BOM-free
header, a ward name with a comma, Heathrow Villages under "Aviation Security
(SO18)") and ONS TS007 (long "Age: …; measures: Value" headings). No database,
no Django, no shared data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from perceptions.crime.parsing import read_borough_file, read_ward_file
from perceptions.crime.populations import parse_ts007, parse_ward_populations
from perceptions.crime.summary import summarise
from perceptions.crime.tables import RowKind, build_crime_table
from perceptions.crime.ward_tables import build_ward_table

MONTHS = [f"{y}{m:02}" for y in (2024, 2025) for m in range(1, 13)]


def months(first_year: int, second_year: int) -> str:
    """24 monthly counts: ``first_year`` spread over 2024's first month, likewise 2025."""
    return ",".join([str(first_year)] + ["0"] * 11 + [str(second_year)] + ["0"] * 11)


BOROUGH_FILE = "\n".join(
    [
        "MajorText,MinorText,BoroughName," + ",".join(MONTHS),
        f"THEFT,SHOPLIFTING,Havering,{months(100, 93)}",
        f"THEFT,OTHER THEFT,Havering,{months(50, 60)}",
        f"VIOLENCE AGAINST THE PERSON,VIOLENCE WITH INJURY,Havering,{months(80, 80)}",
        f"THEFT,SHOPLIFTING,Bromley,{months(300, 200)}",
        f"THEFT,OTHER THEFT,Bromley,{months(100, 100)}",
        f"VIOLENCE AGAINST THE PERSON,VIOLENCE WITH INJURY,Bromley,{months(100, 100)}",
        f"NFIB FRAUD,NFIB,Westminster,{months(40, 20)}",
        f"THEFT,SHOPLIFTING,Westminster,{months(900, 850)}",
        f"THEFT,OTHER THEFT,Westminster,{months(800, 700)}",
        f"THEFT,SHOPLIFTING,London Heathrow and London City Airports,{months(70, 70)}",
        f"THEFT,OTHER THEFT,Unknown,{months(5, 5)}",
    ]
)

WARD_FILE = "\n".join(
    [
        "MajorText,MinorText,WardName,WardCode,LookUp_BoroughName," + ",".join(MONTHS),
        f"THEFT,SHOPLIFTING,Heathrow Villages,E05013570,Aviation Security (SO18),{months(9, 9)}",
        f'THEFT,SHOPLIFTING,"Mottingham, Coldharbour & New Eltham",E05013999,Bromley,'
        f"{months(3, 4)}",
        f"THEFT,SHOPLIFTING,Beam Park,E05013967,Havering,{months(10, 12)}",
        f"THEFT,OTHER THEFT,Beam Park,E05013967,Havering,{months(5, 1)}",
        f"THEFT,SHOPLIFTING,Cranham,E05013968,Havering,{months(20, 10)}",
        f"NFIB FRAUD,NFIB,Cranham,E05013968,Havering,{months(7, 7)}",
    ]
)

AGE_COLUMNS = ["Age: Total; measures: Value", "Age: Aged 4 years and under; measures: Value"] + [
    f"Age: Aged {a} years; measures: Value" for a in range(1, 5)
]
TS007 = "\n".join(
    [
        "date,geography,geography code," + ",".join(AGE_COLUMNS),
        "2021,City of London,E09000001,8579,214,57,34,39,40",
        "2021,Bromley,E09000006,329989,19000,4000,4000,4000,4000",
        "2021,Havering,E09000016,262057,16000,3000,3000,3000,3000",
        "2021,Westminster,E09000033,204240,9000,2000,2000,2000,2000",
    ]
)

WARD_POPS = "\n".join(
    [
        "ward22cd,ward22nm,age_group,usual_residents",
        "E05013967,Beam Park,Aged 15 years and under,1620",
        "E05013967,Beam Park,Aged 65 years and over,769",
        "E05013968,Cranham,Aged 15 years and under,2431",
        "E05013968,Cranham,Aged 65 years and over,3000",
    ]
)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, text, bom in (
        ("borough.csv", BOROUGH_FILE, False),
        ("ward.csv", WARD_FILE, True),
        ("ts007.csv", TS007, False),
        ("wards.csv", WARD_POPS, True),
    ):
        path = tmp_path / name
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", "\r\n").encode())
        paths[name] = path
    return paths


def test_real_formats_end_to_end(files: dict[str, Path]) -> None:
    populations, errors = parse_ts007(files["ts007.csv"])
    assert errors == []
    assert [a.name for a in populations.ranked] == ["Bromley", "Havering", "Westminster"]
    wards, errors = parse_ward_populations(files["wards.csv"])
    assert errors == []

    boroughs = read_borough_file(files["borough.csv"])
    assert boroughs.errors == []
    assert boroughs.rows_read == 11
    assert len(boroughs.frame) == 11 * 24

    ward_rows = read_ward_file(
        files["ward.csv"], borough_name="Havering", borough_ward_codes=set(wards)
    )
    assert ward_rows.errors == []
    assert (ward_rows.rows_read, ward_rows.skipped_other_boroughs) == (4, 2)

    table = build_crime_table(
        boroughs.frame,
        area="Havering",
        populations=populations.ranked_residents(),
        end_month="2025-12",
    )
    assert [w.label for w in table.windows] == ["Jan-25 to Dec-25", "Jan-24 to Dec-24"]
    tno = table.row(RowKind.TNO)
    assert tno.volumes == (233, 230)
    assert tno.london_volumes == (233 + 400 + 1550, 230 + 500 + 1700)  # no NFIB, no airports
    assert tno.rank is not None and tno.rank.out_of == 3
    assert [len(row.cells()) for row in table.rows] == [len(table.headers())] * len(table.rows)
    shop = table.row(RowKind.MINOR, "THEFT", "SHOPLIFTING")
    assert shop.change_vs_previous == pytest.approx(-7.0)
    assert summarise(table)[0].startswith("In the 12 months to December 2025, Havering recorded")

    ward_table = build_ward_table(
        ward_rows.frame,
        ward_populations={code: w.residents for code, w in wards.items()},
        end_month="2025-12",
    )
    assert [(r.name, r.volumes) for r in ward_table.rows] == [
        ("Beam Park", (13, 15)),  # 13 / 2,389 residents
        ("Cranham", (10, 20)),  # NFIB fraud left out of TNO
    ]
