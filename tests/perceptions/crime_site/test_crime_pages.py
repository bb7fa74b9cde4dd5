"""The public crime pages: the table, the window switch, downloads, the map data and the cache."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from perceptions.crime.imports import DEFAULT_TS007
from perceptions.crime.queries import ward_crime_rates
from tests.perceptions.crime_site.crime_files import (
    HACTON,
    ST_EDWARDS,
    import_file,
    write_borough_file,
)

pytestmark = pytest.mark.django_db


def havering_previous_burglary_rank() -> int:
    """In 2024 every borough had 12 burglaries, so the smallest population ranks 1st."""
    with DEFAULT_TS007.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))[1:]  # the City of London is not ranked
    residents = {r["geography"]: int(r["Age: Total; measures: Value"]) for r in rows}
    return 1 + sum(1 for n in residents.values() if n < residents["Havering"])


def row_cells(html: str, label: str) -> list[str]:
    """The cells of the table row headed ``label``, as text."""
    match = re.search(rf"<th scope=\"row\"[^>]*>\s*{re.escape(label)}</th>(.*?)</tr>", html, re.S)
    assert match, f"no row {label!r}"
    return [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", match[1])]


def test_borough_table_shows_hand_computed_figures_and_rank_in_text(client, crime_data) -> None:
    response = client.get("/crime/")
    assert response.status_code == 200
    html = response.content.decode()
    previous = havering_previous_burglary_rank()
    # volumes, variance, % of TNO, % change, direction, rate, rank, quarter, previous rank
    assert row_cells(html, "Burglary") == [
        "120", "12", "+108", "90.9%", "900.0%", "up", "0.5", "1st", "highest quarter",
        f"{previous}th",
    ]  # fmt: skip
    assert row_cells(html, "Total notifiable offences")[:5] == ["132", "36", "+96", "100.0%",
                                                                 "266.7%"]  # fmt: skip
    fraud = row_cells(html, "NFIB fraud (Action Fraud; not in TNO)")
    assert fraud[:4] == ["36", "36", "0", "n/a"]
    # The band is a class for colour *and* words in the cell.
    assert 'crime-band crime-band--1">1st</td>' in html
    assert "Burglary rose 900% (108 more offences, from 12 to 120)." in html
    assert "ranks 1st of 32 London boroughs" in html


def test_switching_the_window_changes_the_periods(client, crime_data) -> None:
    html = client.get("/crime/?end=2024-12&periods=1").content.decode()
    assert "12 months to December 2024" in html
    assert "Jan-24 to Dec-24" in html
    assert "Jan-25 to Dec-25" not in html
    assert row_cells(html, "Burglary")[:1] == ["12"]
    assert 'value="2024-12" selected' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [("end=2023-01", "Choose a month from the list"), ("periods=9", "Choose 1, 2 or 3 periods")],
)
def test_bad_window_shows_an_error_summary(client, crime_data, query: str, message: str) -> None:
    response = client.get(f"/crime/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html and message in html
    assert row_cells(html, "Burglary")[0] == "120"  # the latest table is still shown


def test_csv_and_xlsx_downloads_hold_the_same_table(client, crime_data) -> None:
    response = client.get("/crime/recorded-crime.csv?end=2025-12&periods=2")
    assert response["Content-Disposition"] == (
        'attachment; filename="recorded-crime-havering-2025-12.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header, burglary = rows[0], next(r for r in rows if r[1] == "Burglary")
    assert header[:4] == ["Row type", "Category", "Jan-25 to Dec-25", "Jan-24 to Dec-24"]
    assert dict(zip(header, burglary, strict=True)) | {} == {
        **dict(zip(header, burglary, strict=True)),
        "Variance": "108",
        "% of TNO": "90.9",
        "Rank of rate among 32 London boroughs (1 = worst)": "1",
        "Rank shared": "no",
        "Quarter": "highest quarter",
    }
    xlsx = client.get("/crime/recorded-crime.xlsx?end=2025-12&periods=2")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0] == header
    assert [v for v in values if v[1] == "Burglary"][0][2:5] == [120, 12, 108]
    assert client.get("/crime/recorded-crime.csv?end=1999-01").status_code == 404


def test_pages_come_from_the_cache_until_an_import(
    client, crime_data, tmp_path: Path, django_assert_num_queries
) -> None:
    assert row_cells(client.get("/crime/").content.decode(), "Burglary")[0] == "120"
    with django_assert_num_queries(0):
        cached = client.get("/crime/")
    assert row_cells(cached.content.decode(), "Burglary")[0] == "120"
    assert "public" in cached["Cache-Control"]
    import_file(write_borough_file(tmp_path / "revised.csv", havering_burglary=2))
    assert row_cells(client.get("/crime/").content.decode(), "Burglary")[0] == "24"


def test_staff_pages_are_never_cached(admin_client, crime_data, django_assert_max_num_queries):
    admin_client.get("/crime/")
    response = admin_client.get("/crime/")
    assert "public" not in response.get("Cache-Control", "")


def test_ward_table_map_data_and_fear_gap_rates(client, crime_data) -> None:
    html = client.get("/crime/wards/?category=BURGLARY&periods=2").content.decode()
    assert row_cells(html, "Hacton")[:6] == ["E05013972", "7,775", "60", "60", "0", "0.0%"]
    assert row_cells(html, "Hacton")[7:] == ["7.7", "1st", "highest quarter", "1st"]
    assert row_cells(html, "Harold Wood")[7:] == ["0.0", "–", "no offences", "–"]
    assert 'data-geojson-url="/crime/wards/map.geojson?category=BURGLARY&amp;end=2025-12' in html
    data = client.get("/crime/wards/map.geojson?category=BURGLARY&end=2025-12&periods=2").json()
    by_code = {f["properties"]["code"]: f for f in data["features"]}
    assert len(by_code) == 20
    assert by_code[HACTON]["properties"] | {} == {
        **by_code[HACTON]["properties"],
        "rank": "1st",
        "quarter": 1,
        "rate_text": "7.7",
    }
    assert by_code[HACTON]["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    rates = ward_crime_rates()
    assert rates[HACTON] == pytest.approx(60 / 7775 * 1000)
    assert rates[ST_EDWARDS] == pytest.approx(12 / 11850 * 1000)
    assert len(rates) == 20 and sorted(rates.values())[0] == 0.0
    ward_csv = client.get("/crime/wards/recorded-crime-wards.csv?category=BURGLARY").content
    assert b"Hacton,E05013972,7775,60,60,0,0.0,no change,7.72,1,no,highest quarter,1" in ward_csv


def test_partner_data_appear_in_the_same_tables(client, crime_data, tmp_path: Path) -> None:
    path = tmp_path / "fires.csv"
    lines = ["area_code,month,category,count"]
    lines += [f"E09000016,2025-{m:02},Deliberate fires,2" for m in range(1, 13)]
    lines += [f"{HACTON},2025-{m:02},Deliberate fires,1" for m in range(1, 13)]
    path.write_text("\n".join(lines) + "\n")
    import_file(path)
    html = client.get("/crime/").content.decode()
    # Only Havering sent figures, and only for 2025: counted and rated, but not ranked
    # against London, and 2024 is "n/a" (not known), never 0.
    assert row_cells(html, "Deliberate fires") == [
        "24", "n/a", "n/a", "n/a", "n/a", "n/a", "0.1", "n/a", "n/a", "n/a",
    ]  # fmt: skip
    assert "Partner data lines come from partners" in html
    wards = client.get("/crime/wards/?category=partner:Deliberate fires").content.decode()
    assert row_cells(wards, "Hacton")[2] == "12"
    # Partner counts never leak into the MPS total.
    assert row_cells(html, "Total notifiable offences")[0] == "132"


def test_pages_before_any_import_say_so(client, wards) -> None:
    assert (
        "No recorded crime figures have been imported yet."
        in client.get("/crime/").content.decode()
    )
    assert "No ward crime figures" in client.get("/crime/wards/").content.decode()
    assert ward_crime_rates() == {}


def test_pages_have_no_inline_script_or_style(client, crime_data) -> None:
    for url in ("/crime/", "/crime/wards/"):
        html = client.get(url).content.decode()
        assert "<style" not in html and " style=" not in html
        assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html)), url


def test_category_with_no_offences_in_the_last_month_still_has_a_table(
    client, crime_data, tmp_path: Path
) -> None:
    """Zero months are not stored, so the tables must not think the data end early."""
    path = tmp_path / "robbery.csv"
    months = ",".join(f"{y}{m:02}" for y in (2024, 2025) for m in range(1, 13))
    counts = ",".join(["1"] * 18 + ["0"] * 6)  # none from July 2025
    path.write_text(
        f"MajorText,MinorText,WardName,WardCode,LookUp_BoroughName,{months}\n"
        f"ROBBERY,ROBBERY OF PERSONAL PROPERTY,Hacton,{HACTON},Havering,{counts}\n"
        f"BURGLARY,BURGLARY,Hacton,{HACTON},Havering,{','.join(['5'] * 24)}\n"
    )
    import_file(path)
    response = client.get("/crime/wards/?category=ROBBERY&end=2025-12&periods=2")
    assert response.status_code == 200
    assert row_cells(response.content.decode(), "Hacton")[2:4] == ["6", "12"]


def test_unknown_query_parameters_share_one_cached_page(client, crime_data) -> None:
    from django.core.cache import cache

    client.get("/crime/")
    before = len(cache._cache)  # type: ignore[attr-defined]  # LocMemCache in tests
    for n in range(5):
        assert client.get(f"/crime/?utm_source={n}").status_code == 200
    assert len(cache._cache) == before  # type: ignore[attr-defined]
    assert client.head("/crime/").status_code == 200


def test_a_new_site_banner_shows_on_cached_crime_pages(client, crime_data) -> None:
    """Banners are on every page, so the content generation retires crime pages too."""
    from tests.comms.content_factories import SiteBannerFactory

    client.get("/crime/")
    assert client.get("/crime/")["X-Page-Cache"] == "hit"
    SiteBannerFactory(title="Courier fraud warning")
    fresh = client.get("/crime/")
    assert fresh["X-Page-Cache"] == "miss"
    assert "Courier fraud warning" in fresh.content.decode()
