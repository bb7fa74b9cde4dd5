"""A resident reads the survey results: switches question and ward, reads a table, downloads."""

import csv
import io

import pytest

from tests.browser.conftest import assert_accessible


@pytest.fixture
def results_server(site_server):
    from communitysafety.wards.models import Ward
    from perceptions.results.generation import refresh_results
    from perceptions.results.pas import import_pas
    from tests.perceptions.factories import (
        ReleaseFactory,
        SurveyFactory,
        WaveFactory,
        generated_rows,
        store_responses,
    )

    import_pas()
    survey = SurveyFactory(slug="annual-survey", title="Annual community safety survey")
    codes = list(Ward.objects.values_list("code", flat=True))
    for year, share in ((2021, 0.3), (2022, 0.45), (2023, 0.46)):
        wave = WaveFactory(survey=survey, year=year)
        chance = {"informed_local": share}
        store_responses(
            wave,
            generated_rows(codes, per_cell=4, seed=year, positive_share=chance),
            prefix=f"{year}-",
        )
        ReleaseFactory(wave=wave)
    refresh_results(survey.id)
    return site_server


def test_resident_switches_measure_and_ward_reads_a_table_and_downloads(page, results_server):
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(results_server.url + "/results/")
    assert page.locator("h1").inner_text() == "What you told us"
    page.locator("[data-chart='trend'] canvas").wait_for()
    page.locator("[data-map] .leaflet-interactive").first.wait_for()
    assert_accessible(page)

    page.get_by_label("Question", exact=True).select_option("informed_local")
    page.get_by_role("button", name="Show results").click()
    assert "measure=informed_local" in page.url
    findings = page.locator(".perceptions-findings").inner_text()
    assert "No real change in feeling well informed (" in findings
    borough = page.get_by_role("table", name="Feeling well informed in the borough, by year")
    assert "Real change" in borough.get_by_role("row").nth(2).inner_text()  # 2021 → 2022

    ward_name = page.locator("#ward option").nth(3).inner_text()
    page.get_by_label("Ward", exact=True).select_option(label=ward_name)
    page.get_by_role("button", name="Show results").click()
    table = page.get_by_role("table", name=f"Feeling well informed in {ward_name}, by year")
    table.wait_for()  # the click navigates: count rows on the new page, not the old one
    assert table.get_by_role("row").count() == 4  # header + three years
    first_year = table.get_by_role("row").nth(1)
    assert first_year.get_by_role("rowheader").inner_text() == "2021"
    assert first_year.get_by_role("cell").first.inner_text().endswith("%")
    page.locator("[data-chart='ward_trend'] canvas").wait_for()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="All figures (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "annual-survey-results.csv"
    with open(download.path(), encoding="utf-8") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    assert {r["wave"] for r in rows} == {"2021", "2022", "2023"}
    assert not [p for p in problems if "Content Security Policy" in p], problems


def test_dashboard_tables_work_without_javascript(browser, results_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(results_server.url + "/results/?measure=trust_mps")
    assert page.get_by_role(
        "table", name="Trust in the police in the borough, by year"
    ).is_visible()
    assert page.locator("canvas").count() == 0
    context.close()
