"""A resident reports an unsafe place in a real browser: by the map, without it, and leaves fast."""

import re

from communitysafety.wards.lookup import ward_for_point
from surveys.models import UnsafePlaceReport
from tests.browser.conftest import assert_accessible

REPORT = "/unsafe-places/report/"


def choose_reasons_and_time(page):
    page.get_by_label("Badly lit").check()
    page.get_by_label("Being or having been followed").check()
    page.get_by_label("After dark").check()


def test_a_resident_reports_a_place_by_clicking_the_map(page, site_server):
    page.goto(site_server.url + REPORT)
    page.wait_for_selector("[data-unsafe-report-map][data-ready='true']")
    assert_accessible(page)

    page.locator("#report-map").click()  # the middle of the borough
    assert "Pin dropped" in page.locator("#pin-status").inner_text()
    choose_reasons_and_time(page)
    page.get_by_role("button", name="Send report").click()

    assert page.locator("h1").inner_text() == "Report sent"
    reference = page.locator("[data-reference]").inner_text()
    report = UnsafePlaceReport.objects.get(reference=reference)
    assert report.location_source == "map"
    hit = ward_for_point(float(report.latitude), float(report.longitude))
    assert hit is not None and hit.code == report.ward.code
    assert sorted(report.reason_codes) == ["badly_lit", "followed"]
    assert_accessible(page)


def test_a_resident_reports_a_place_in_words_when_the_map_does_not_load(page, site_server):
    page.route(re.compile(r".*/leaflet\.js$"), lambda route: route.abort())
    page.goto(site_server.url + REPORT)
    assert page.locator("[data-unsafe-report-map]").is_hidden()

    page.get_by_role("button", name="Send report").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Choose at least one reason" in summary.inner_text()
    assert_accessible(page)

    summary.get_by_role("link", name="Drop a pin on the map, or name the place.").click()
    page.get_by_label("Name the place").fill("Footbridge over the railway")
    page.get_by_label("Ward", exact=True).select_option(label="Upminster")
    choose_reasons_and_time(page)
    page.get_by_role("button", name="Send report").click()

    assert page.locator("h1").inner_text() == "Report sent"
    report = UnsafePlaceReport.objects.get()
    assert (report.location_source, report.ward.name) == ("words", "Upminster")
    assert report.latitude is None


def test_a_report_works_with_javascript_off(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server.url + REPORT)
    page.get_by_label("Name the place").fill("Bus station")
    page.get_by_label("Ward", exact=True).select_option(label="St Edward's")
    page.get_by_label("Empty or isolated").check()
    page.get_by_label("Evening").check()
    page.get_by_role("button", name="Send report").click()
    assert page.locator("h1").inner_text() == "Report sent"
    context.close()


def test_exit_this_page_leaves_for_a_neutral_site(page, site_server):
    page.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(body="<title>Weather</title>", content_type="text/html"),
    )
    page.goto(site_server.url + REPORT)
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url("https://www.bbc.co.uk/**")
    assert page.title() == "Weather"


def test_the_public_map_and_look_up_are_accessible(page, site_server):
    from surveys.unsafe_places import demo as demo_unsafe_places

    demo_unsafe_places.load(lambda message: None)
    page.goto(site_server.url + "/unsafe-places/")
    page.wait_for_selector("[data-unsafe-public-map][data-ready='true']")
    assert page.locator("[data-ward-table] tbody tr").count() == 20
    assert_accessible(page)

    page.get_by_label("Reason").select_option("followed")
    page.get_by_role("button", name="Show").click()
    assert "reason=followed" in page.url
    assert_accessible(page)

    report = UnsafePlaceReport.objects.filter(status="fixed").exclude(public_note="").first()
    page.goto(site_server.url + "/unsafe-places/check/")
    page.get_by_label("Your reference").fill(report.reference.lower())
    page.get_by_role("button", name="Check").click()
    assert page.locator("[data-status]").inner_text() == "Fixed"
    assert page.locator("[data-note]").inner_text() == report.public_note
    assert_accessible(page)
