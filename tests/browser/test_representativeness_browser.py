"""Who we have heard from: a resident reads the charts and tables and downloads the figures;
an analyst signs in with a password and an authenticator code and sees where to go next."""

import csv
import io

import pytest

from tests.browser.conftest import assert_accessible


@pytest.fixture
def coverage_server(site_server):
    from communitysafety.wards.models import Ward
    from tests.perceptions.coverage_factories import coverage_survey

    wards = list(Ward.objects.order_by("name"))
    coverage_survey([w.code for w in wards], [wards[2].code, wards[7].code])
    return site_server


def test_resident_compares_who_answered_with_the_borough_and_downloads(page, coverage_server):
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(coverage_server.url + "/results/who-we-have-heard/")
    assert page.locator("h1").inner_text() == "Who we have heard from"
    page.locator("[data-chart='coverage_age'] canvas").wait_for()
    page.locator("[data-chart='coverage_ward'] canvas").wait_for()
    ages = page.get_by_role("table", name="Respondents and residents by age group, 2023")
    assert ages.get_by_role("row").count() == 6  # header + five age bands
    assert (
        ages.get_by_role("row").nth(1).get_by_role("rowheader").inner_text().startswith("16 to 24")
    )
    assert page.get_by_role("table", name="Groups we most need to hear from").is_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Respondents and residents, every year (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "annual-survey-representativeness.csv"
    with open(download.path(), encoding="utf-8") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    assert {r["wave"] for r in rows} == {"2023"}
    assert not [p for p in problems if "Content Security Policy" in p], problems


def test_analyst_signs_in_with_a_code_and_sees_where_to_go_next(page, coverage_server):
    from tests.communitysafety.factories import UserFactory
    from tests.communitysafety.two_factor import TOTPDeviceFactory, current_code

    analyst = UserFactory(username="analyst-2fa", groups=["Analysts"])
    device = TOTPDeviceFactory(user=analyst)
    page.goto(coverage_server.url + "/results/staff/representativeness/")
    page.get_by_label("Username").fill("analyst-2fa")
    page.get_by_label("Password").fill("a-long-test-password-1")
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("heading", name="Enter the code from your authenticator app").wait_for()
    page.get_by_label("Code from your authenticator app").fill("12")
    page.get_by_role("button", name="Continue").click()
    summary = page.get_by_role("alert")
    assert "There is a problem" in summary.inner_text()
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "id_code"
    assert_accessible(page)

    page.get_by_label("Code from your authenticator app").fill(current_code(device))
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Who we have not heard").wait_for()
    assert page.url.startswith(coverage_server.url + "/results/staff/representativeness/")
    where = page.get_by_role(
        "table", name="Where to go next: wards and age groups ranked by shortfall"
    )
    assert where.get_by_role("row").count() > 4
    assert page.get_by_role(
        "table", name="Final weights and Kish effective sample size, 2024"
    ).is_visible()
    page.locator("[data-chart='coverage_ward'] canvas").wait_for()
    assert_accessible(page)
