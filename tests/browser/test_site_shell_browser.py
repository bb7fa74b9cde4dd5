"""A resident finds their way around the site shell with a real browser."""

from tests.browser.conftest import assert_accessible


def test_home_page_is_accessible_and_links_to_tasks(page, site_server):
    page.goto(site_server.url + "/")
    assert page.locator("h1").inner_text() == "Helping Havering feel safe"
    assert page.get_by_role("link", name="Report a place where you feel unsafe").is_visible()
    assert_accessible(page)


def test_skip_link_moves_focus_to_main_content(page, site_server):
    page.goto(site_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")


def test_footer_pages_and_404_are_accessible(page, site_server):
    page.goto(site_server.url + "/")
    page.get_by_role("link", name="Privacy").click()
    assert page.locator("h1").inner_text() == "Privacy notice"
    assert_accessible(page)
    response = page.goto(site_server.url + "/this-does-not-exist/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert_accessible(page)


def test_page_works_on_a_phone_sized_screen(page, site_server):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(site_server.url + "/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
