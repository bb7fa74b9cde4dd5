"""An analyst reads the recorded crime table, changes the period and downloads it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.conftest import assert_accessible
from tests.perceptions.crime_site.crime_files import write_borough_file, write_ward_file


@pytest.fixture
def crime_server(site_server, tmp_path: Path):
    """The live site with the small hand-checkable crime files imported."""
    for path in (
        write_borough_file(tmp_path / "boroughs.csv"),
        write_ward_file(tmp_path / "wards.csv"),
    ):
        call_command("import_crime", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    return site_server


def test_crime_table_switch_window_and_download_csv(page, crime_server) -> None:
    page.goto(crime_server.url + "/crime/")
    assert page.locator("h1").inner_text() == "Recorded crime in Havering"
    burglary = page.get_by_role("row", name="Burglary", exact=False).first
    assert "1st" in burglary.inner_text() and "highest quarter" in burglary.inner_text()
    assert_accessible(page)

    page.get_by_label("12 months ending").select_option("2024-12")
    page.get_by_label("Periods of 12 months to compare").select_option("1")
    page.get_by_role("button", name="Show table").click()
    page.wait_for_url("**/crime/?end=2024-12&periods=1")
    assert "12 months to December 2024" in page.locator("caption").inner_text()
    assert page.locator("th", has_text="Jan-25 to Dec-25").count() == 0
    assert_accessible(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Download as CSV").click()
    download = info.value
    assert download.suggested_filename == "recorded-crime-havering-2024-12.csv"
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert rows[0][2] == "Jan-24 to Dec-24"
    assert next(r for r in rows if r[1] == "Burglary")[2] == "12"


def test_ward_page_draws_the_map_from_our_boundaries(page, crime_server) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(crime_server.url + "/crime/wards/?category=BURGLARY")
    page.wait_for_selector("#crime-map[data-loaded='true']")
    assert page.locator("#crime-map path.leaflet-interactive").count() == 20
    assert page.get_by_role("row", name="Hacton", exact=False).first.is_visible()
    assert errors == []  # no CSP violations, no failed requests
    assert_accessible(page)
