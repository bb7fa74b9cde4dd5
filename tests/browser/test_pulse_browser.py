"""A resident answers the pulse survey at a roadshow on a phone; an analyst then finds
those answers in the admin, filtered to answers given at events."""

from __future__ import annotations

import re

from communitysafety.home.roles import ANALYSTS
from tests.browser.conftest import assert_accessible, sign_in_as_staff
from tests.communitysafety.factories import UserFactory

PHONE = {"width": 375, "height": 740}


def test_answers_given_at_an_event_reach_the_analysts_admin_list(page, site_server) -> None:
    page.set_viewport_size(PHONE)
    page.goto(site_server.url + "/pulse/?at=event")
    page.get_by_role("button", name=re.compile("Send|Submit|Continue")).click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    assert "Select the ward you live in" in summary.inner_text()
    assert_accessible(page)

    for question in ("informed", "after dark", "trust"):
        page.get_by_role("group", name=re.compile(question)).get_by_role("radio").first.check()
    ward = page.get_by_label("Which ward do you live in?")
    ward.select_option(index=1)
    ward_name = ward.locator("option:checked").inner_text().strip()
    page.get_by_role("button", name=re.compile("Send|Submit|Continue")).click()
    page.get_by_text("Thank you").first.wait_for()
    assert_accessible(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.clear_cookies()
    UserFactory(username="analyst-pulse", groups=[ANALYSTS])
    sign_in_as_staff(page, site_server.url, "analyst-pulse")
    page.goto(site_server.url + "/admin/survey_pulse/?source=event")
    rows = page.locator("table.listing tbody tr")
    assert rows.count() == 1
    assert ward_name in rows.first.inner_text()
    page.goto(site_server.url + "/admin/survey_pulse/?source=alert")
    assert page.locator("table.listing tbody tr").count() == 0
