"""An analyst uploads survey responses in the admin and follows the link to the results;
a moderator is not offered the upload at all."""

from __future__ import annotations

from pathlib import Path

from communitysafety.home.roles import ANALYSTS, MODERATORS
from tests.browser.conftest import sign_in_as_staff
from tests.communitysafety.factories import UserFactory
from tests.surveys.factories import WaveFactory

FIXTURE = Path(__file__).parents[1] / "surveys" / "fixtures" / "upload_responses_2024.csv"


def log_in(page, server, username: str) -> None:
    sign_in_as_staff(page, server.url, username)


def test_analyst_uploads_a_csv_sees_it_imported_and_opens_the_results(page, site_server) -> None:
    WaveFactory(year=2024)
    UserFactory(username="analyst", groups=[ANALYSTS])
    log_in(page, site_server, "analyst")

    page.get_by_role("button", name="Upload data files").click()
    page.get_by_role("link", name="Survey responses").click()
    page.get_by_role("button", name="Upload and check").click()  # nothing chosen yet
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    assert "Select a file to upload" in summary.inner_text()

    page.get_by_label("Responses file (CSV or XLSX)").set_input_files(str(FIXTURE))
    page.locator("#id_survey").select_option(label="Annual crime and safety survey")
    page.get_by_label("Wave (year)").fill("2024")
    page.get_by_role("button", name="Upload and check").click()

    page.wait_for_selector("#upload-status[data-status='succeeded']", timeout=60_000)
    assert "Stored 150 responses." in page.locator("#upload-status").inner_text()
    page.get_by_role("link", name="See the survey results").click()
    page.wait_for_url("**/results/staff/?survey=annual-survey")
    assert page.locator("h1").inner_text() == "Survey results: staff dashboard"


def test_a_moderator_is_not_offered_any_upload(page, site_server) -> None:
    UserFactory(username="moderator", groups=[MODERATORS])
    log_in(page, site_server, "moderator")
    assert page.get_by_role("button", name="Upload data files").count() == 0
    page.goto(site_server.url + "/admin/uploads/new/survey-responses/")
    assert page.get_by_label("Responses file (CSV or XLSX)").count() == 0
