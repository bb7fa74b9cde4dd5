"""Census populations and borough-name matching (data built here)."""

from __future__ import annotations

import io

import pytest

from perceptions.crime.populations import (
    normalise_borough_name,
    parse_ts007,
    parse_ward_populations,
)

TS007 = (
    "date,geography,geography code,Age: Total; measures: Value,"
    "Age: Aged 4 years and under; measures: Value\n"
    "2021,City of London,E09000001,8579,214\n"
    "2021,Havering,E09000016,262057,16000\n"
    "2021,Westminster,E09000033,204240,9000\n"
)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("City of Westminster", "westminster"),
        ("Westminster", "westminster"),
        ("  WESTMINSTER ", "westminster"),
        ("City of London", "city of london"),
        ("Barking & Dagenham", "barking and dagenham"),
        ("London Borough of Havering", "havering"),
        ("Royal Borough of Kingston-upon-Thames", "kingston upon thames"),
        ("Hammersmith & Fulham", "hammersmith and fulham"),
    ],
)
def test_normalise_borough_name(name: str, key: str) -> None:
    assert normalise_borough_name(name) == key


def test_ts007_totals_by_name_and_code_without_the_city_in_ranks() -> None:
    populations, errors = parse_ts007(io.StringIO("\ufeff" + TS007))
    assert errors == []
    assert [a.name for a in populations.all_areas] == ["City of London", "Havering", "Westminster"]
    assert [a.name for a in populations.ranked] == ["Havering", "Westminster"]
    westminster = populations.find("City of Westminster")
    assert westminster is not None
    assert (westminster.code, westminster.residents) == ("E09000033", 204240)
    assert populations.find("e09000016").name == "Havering"  # type: ignore[union-attr]
    assert populations.find("Camden") is None
    assert dict(populations.ranked_residents()) == {"havering": 262057, "westminster": 204240}


def test_ts007_errors() -> None:
    _, errors = parse_ts007(io.StringIO("date,geography,Age: Total; measures: Value\n"))
    assert errors == ["line 1, column geography code: missing column"]
    _, errors = parse_ts007(
        io.StringIO(
            "date,geography,geography code,Age: Total; measures: Value\n"
            "2021,Havering,E09000016,lots\n"
            "2021,Havering,E0900001,1\n"
        )
    )
    assert errors == [
        "line 2, column Age: Total; measures: Value: 'lots' is not a whole number",
        "line 3, column geography code: 'E0900001' is not a GSS code",
    ]


def test_ward_populations_sum_age_bands() -> None:
    wards, errors = parse_ward_populations(
        io.StringIO(
            "ward22cd,ward22nm,age_group,usual_residents\n"
            "E05013967,Beam Park,Aged 15 years and under,1620\n"
            "E05013967,Beam Park,Aged 16 to 24 years,836\n"
            "E05013968,Cranham,Aged 15 years and under,2431\n"
        )
    )
    assert errors == []
    assert {code: (w.name, w.residents) for code, w in wards.items()} == {
        "E05013967": ("Beam Park", 2456),
        "E05013968": ("Cranham", 2431),
    }
