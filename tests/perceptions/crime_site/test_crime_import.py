"""`manage.py import_crime`: months replace what was stored, bad files store nothing."""

from __future__ import annotations

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from perceptions.models import AreaKind, BoroughPopulation, CrimeCount, CrimeImport

BOROUGH_HEADER = "MajorText,MinorText,BoroughName,202401,202402"
WARD_HEADER = "MajorText,MinorText,WardName,WardCode,LookUp_BoroughName,202401,202402"
HACTON = "E05013972"  # one of Havering's 2022 wards


def write(tmp_path: Path, name: str, *lines: str) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(path: Path, *args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_crime", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def rejected(path: Path, *args: str) -> str:
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_crime", str(path), *args, stdout=StringIO(), stderr=err)
    assert raised.value.returncode == 1
    assert "nothing was stored" in err.getvalue()
    return err.getvalue()


def stored(kind: str = AreaKind.BOROUGH) -> dict[tuple[str, str, date], int]:
    return {(c.area_name, c.minor, c.month): c.count for c in CrimeCount.objects.of_kind(kind)}


@pytest.fixture
def borough_file(tmp_path: Path) -> Path:
    return write(
        tmp_path,
        "boroughs.csv",
        BOROUGH_HEADER,
        "BURGLARY,BURGLARY,Havering,10,12",
        "THEFT,SHOPLIFTING,Havering,5,0",
        "THEFT,SHOPLIFTING,Westminster,50,60",
    )


@pytest.mark.django_db
def test_borough_import_then_reimport_stores_each_count_once(borough_file: Path) -> None:
    out, _ = run(borough_file)
    assert "3 rows, months 2024-01 to 2024-02; 5 monthly counts stored" in out
    first = stored()
    assert first == {
        ("Havering", "BURGLARY", date(2024, 1, 1)): 10,
        ("Havering", "BURGLARY", date(2024, 2, 1)): 12,
        ("Havering", "SHOPLIFTING", date(2024, 1, 1)): 5,  # the zero month is not stored
        ("Westminster", "SHOPLIFTING", date(2024, 1, 1)): 50,
        ("Westminster", "SHOPLIFTING", date(2024, 2, 1)): 60,
    }
    # Names are matched to GSS codes from Census TS007, loaded on first import.
    assert BoroughPopulation.objects.count() == 33
    assert CrimeCount.objects.get(area_name="Westminster", month="2024-01-01").area_code == (
        "E09000033"
    )
    out, _ = run(borough_file)
    assert "5 previous counts replaced" in out
    assert stored() == first
    assert CrimeImport.objects.count() == 2


@pytest.mark.django_db
def test_revised_month_replaces_the_old_figure_and_new_months_are_added(
    borough_file: Path, tmp_path: Path
) -> None:
    run(borough_file)
    revised = write(
        tmp_path,
        "revised.csv",
        "MajorText,MinorText,BoroughName,202402,202403",
        "BURGLARY,BURGLARY,Havering,15,7",  # February revised from 12 to 15
        "THEFT,SHOPLIFTING,Westminster,0,61",  # February revised from 60 to nothing
    )
    run(revised)
    assert stored() == {
        ("Havering", "BURGLARY", date(2024, 1, 1)): 10,  # January is not in the file: kept
        ("Havering", "BURGLARY", date(2024, 2, 1)): 15,
        ("Havering", "BURGLARY", date(2024, 3, 1)): 7,
        ("Havering", "SHOPLIFTING", date(2024, 1, 1)): 5,
        ("Westminster", "SHOPLIFTING", date(2024, 1, 1)): 50,
        ("Westminster", "SHOPLIFTING", date(2024, 3, 1)): 61,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            ["MajorText,MinorText,Borough,202401,202402", "BURGLARY,BURGLARY,Havering,1,2"],
            "line 1, column BoroughName: missing column",
        ),
        (
            [BOROUGH_HEADER, "BURGLARY,BURGLARY,Havering,1,2", "THEFT,SHOPLIFTING,Havering,-3,2"],
            "line 3, column 202401: count -3 is negative",
        ),
        (
            [BOROUGH_HEADER, "BURGLARY,BURGLARY,Havering,1,two"],
            "line 2, column 202402: 'two' is not a whole number",
        ),
        (
            ["MajorText,MinorText,BoroughName,Jan-24", "BURGLARY,BURGLARY,Havering,1"],
            "line 1, column Jan-24: month columns must be headed YYYYMM",
        ),
        (
            [BOROUGH_HEADER, "BURGLARY,BURGLARY,Havering,1"],
            "line 2, column (row): has 4 fields, expected 5",
        ),
    ],
)
def test_bad_borough_file_is_rejected_and_previous_figures_stay(
    borough_file: Path, tmp_path: Path, lines: list[str], message: str
) -> None:
    run(borough_file)
    before = stored()
    err = rejected(write(tmp_path, "bad.csv", *lines), "--kind", "borough")
    assert message in err
    assert stored() == before
    assert CrimeImport.objects.count() == 1


@pytest.mark.django_db
def test_ward_file_skips_other_boroughs_and_counts_them(wards, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "wards.csv",
        WARD_HEADER,
        f'THEFT,SHOPLIFTING,"Hacton",{HACTON},Havering,4,5',
        'THEFT,SHOPLIFTING,"St James\'s, Westminster",E05013806,Westminster,9,9',
        "THEFT,SHOPLIFTING,Heathrow Villages,E05013570,Aviation Security (SO18),1,1",
    )
    out, _ = run(path)
    assert "2 rows of other boroughs skipped" in out
    assert stored(AreaKind.WARD) == {
        ("Hacton", "SHOPLIFTING", date(2024, 1, 1)): 4,
        ("Hacton", "SHOPLIFTING", date(2024, 2, 1)): 5,
    }


@pytest.mark.django_db
def test_unknown_ward_code_in_our_borough_is_an_error(wards, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "wards.csv",
        WARD_HEADER,
        f"THEFT,SHOPLIFTING,Hacton,{HACTON},Havering,4,5",
        "THEFT,SHOPLIFTING,Gooshays,E05000315,Havering,4,5",  # a 2014 ward code
    )
    err = rejected(path)
    assert "line 3, column WardCode: E05000315 (Gooshays) is not one of the wards of Havering" in (
        err
    )
    assert not CrimeCount.objects.exists()


@pytest.mark.django_db
def test_ward_file_before_wards_are_loaded_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "w.csv", WARD_HEADER, f"A,B,Hacton,{HACTON},Havering,1,1")
    assert "run load_wards first" in rejected(path)


@pytest.mark.django_db
def test_partner_file_replaces_only_its_own_categories(wards, tmp_path: Path) -> None:
    fires = write(
        tmp_path,
        "fires.csv",
        "area_code,month,category,count",
        "E09000016,2024-01,Deliberate fires,3",
        f"{HACTON},2024-01,Deliberate fires,1",
    )
    ambulance = write(
        tmp_path,
        "ambulance.csv",
        "category,area_code,month,count",
        "Assault injuries,E09000016,2024-01,20",
    )
    run(fires)
    run(ambulance)
    revised = write(
        tmp_path,
        "fires2.csv",
        "area_code,month,category,count",
        "E09000016,2024-01,Deliberate fires,4",
    )
    run(revised)
    assert stored(AreaKind.PARTNER) == {
        ("Havering", "Assault injuries", date(2024, 1, 1)): 20,
        ("Havering", "Deliberate fires", date(2024, 1, 1)): 4,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("E05000315,2024-01,Fires,1", "line 2, column area_code: E05000315 is neither"),
        ("E09000016,2024-13,Fires,1", "line 2, column month: '2024-13' is not a month"),
        ("E09000016,2024-01,Fires,-1", "line 2, column count: count -1 is negative"),
        ("E09000016,2024-01,Fires,1.5", "line 2, column count: '1.5' is not a whole number"),
    ],
)
def test_bad_partner_rows_are_rejected(wards, tmp_path: Path, row: str, message: str) -> None:
    path = write(tmp_path, "p.csv", "area_code,month,category,count", row)
    assert message in rejected(path)
    assert not CrimeCount.objects.exists()


@pytest.mark.django_db
def test_unknown_layout_and_missing_file(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "Borough,Month,Crimes", "Havering,2024-01,3")
    assert "line 1, column -: unknown layout" in rejected(path)
    with pytest.raises(CommandError) as raised:
        call_command("import_crime", str(tmp_path / "missing.csv"), stderr=StringIO())
    assert raised.value.returncode == 2


@pytest.mark.django_db
def test_populations_can_be_replaced_by_new_estimates(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "estimates.csv",
        "date,geography,geography code,Age: Total; measures: Value",
        "2024,Havering,E09000016,270000",
    )
    out = StringIO()
    call_command("import_borough_populations", str(path), "--source", "ONS mid-2024", stdout=out)
    assert "1 areas" in out.getvalue()
    assert list(BoroughPopulation.objects.values_list("name", "residents", "source")) == [
        ("Havering", 270000, "ONS mid-2024")
    ]
