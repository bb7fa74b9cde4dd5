"""Wards: loading from files, idempotence, bad input and point look-ups."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from communitysafety.common.imports import ImportRejected
from communitysafety.wards.loading import load_wards
from communitysafety.wards.lookup import ward_for_point
from communitysafety.wards.models import Ward, WardPopulation

pytestmark = pytest.mark.django_db


def test_real_havering_wards_load_with_census_populations(wards):
    codes = sorted(w.code for w in wards)
    assert codes == [f"E0501{n}" for n in range(3967, 3987)]
    assert WardPopulation.objects.count() == 20 * 6
    adults = sum(w.adult_population for w in Ward.objects.with_adult_population())
    everyone = sum(w.population for w in Ward.objects.with_population())
    assert 200_000 < adults < everyone < 270_000


def test_loading_twice_changes_nothing(wards):
    before = list(WardPopulation.objects.order_by("pk").values_list("pk", "residents"))
    call_command("load_wards", stdout=StringIO())
    after = list(WardPopulation.objects.order_by("pk").values_list("pk", "residents"))
    assert before == after
    assert Ward.objects.count() == 20


@pytest.mark.parametrize(
    ("lat", "lng", "expected"),
    [
        (51.558092, 0.261091, "Upminster"),  # a police.uk sample point in Upminster
        (51.5768, 0.1837, "St Edward's"),  # Romford town centre
        (51.5074, -0.1278, None),  # Trafalgar Square: outside the borough
    ],
)
def test_point_maps_to_its_ward_or_none(wards, lat, lng, expected):
    hit = ward_for_point(lat, lng)
    assert (hit.name if hit else None) == expected


def _write(tmp_path, features, census_rows):
    boundaries = tmp_path / "wards.geojson"
    boundaries.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    census = tmp_path / "census.csv"
    census.write_text(
        "ward22cd,ward22nm,age_group,usual_residents\n"
        + "".join(f"{c},{n},{g},{r}\n" for c, n, g, r in census_rows)
    )
    return boundaries, census


def _square(code, name, x):
    ring = [[x, 52.0], [x + 0.01, 52.0], [x + 0.01, 52.01], [x, 52.01], [x, 52.0]]
    return {
        "type": "Feature",
        "properties": {"WD22CD": code, "WD22NM": name},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def test_another_borough_loads_from_its_own_small_files(tmp_path):
    boundaries, census = _write(
        tmp_path,
        [_square("E05000001", "North", 0.0), _square("E05000002", "South", 0.02)],
        [
            ("E05000001", "North", "Aged 16 to 24 years", 10),
            ("E05000001", "North", "Aged 65 years and over", 20),
            ("E05000002", "South", "Aged 16 to 24 years", 30),
        ],
    )
    call_command(
        "load_wards",
        boundaries=boundaries,
        census=census,
        borough_code="E09999999",
        borough_name="Testshire",
        stdout=StringIO(),
    )
    assert list(Ward.objects.values_list("code", "borough_name")) == [
        ("E05000001", "Testshire"),
        ("E05000002", "Testshire"),
    ]
    assert ward_for_point(52.005, 0.025).code == "E05000002"


def test_bad_census_file_reports_each_line_and_stores_nothing(tmp_path):
    boundaries, census = _write(
        tmp_path,
        [_square("E05000001", "North", 0.0)],
        [
            ("E05000001", "North", "Aged 16 to 24 years", "ten"),
            ("E05000001", "North", "Aged 200 years", 5),
        ],
    )
    with pytest.raises(ImportRejected) as rejected:
        load_wards(boundaries, census, borough_code="E09999999", borough_name="Testshire")
    assert [str(e) for e in rejected.value.errors] == [
        "line 2, column usual_residents: must be a whole number, 0 or more",
        "line 3, column age_group: unknown age group 'Aged 200 years'",
    ]
    assert not Ward.objects.exists()


def test_command_exits_1_with_errors_for_a_ward_without_population(tmp_path, capsys):
    boundaries, census = _write(
        tmp_path,
        [_square("E05000001", "North", 0.0), _square("E05000002", "South", 0.02)],
        [("E05000001", "North", "Aged 16 to 24 years", 10)],
    )
    with pytest.raises(CommandError) as error:
        call_command("load_wards", boundaries=boundaries, census=census)
    assert error.value.returncode == 1
    assert "line 1, column ward22cd: ward E05000002 has no census population" in (
        capsys.readouterr().err
    )
    assert not Ward.objects.exists()
