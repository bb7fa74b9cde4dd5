"""A resident subscribes to alerts, confirms from the email, and unsubscribes."""

import re

from django.core import mail

from comms.models import Subscriber
from tests.browser.conftest import assert_accessible
from tests.comms.alert_factories import TopicFactory


def _path(body: str, kind: str) -> str:
    return re.search(rf"http://testserver(/alerts/{kind}/[^\s]+/)", body).group(1)


def test_subscribe_confirm_and_unsubscribe(page, site_server):
    TopicFactory(slug="burglary", name="Burglary")
    page.goto(site_server.url + "/alerts/")
    assert_accessible(page)

    # A mistake first: the error summary links to the field.
    page.get_by_role("button", name="Subscribe").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)

    page.get_by_label("Email address").fill("browser@example.org")
    page.get_by_label("Burglary").check()
    page.get_by_label("I agree to receive local alerts").check()
    page.get_by_role("button", name="Subscribe").click()
    assert page.locator("h1").inner_text() == "Check your email"
    assert_accessible(page)

    page.goto(site_server.url + _path(mail.outbox[-1].body, "confirm"))
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()
    assert page.locator("h1").inner_text() == "You are subscribed"
    assert_accessible(page)
    assert Subscriber.objects.get(email="browser@example.org").is_confirmed

    page.get_by_role("link", name="Change what you get").click()
    assert page.locator("h1").inner_text() == "Change your alerts"
    assert_accessible(page)
    page.get_by_role("link", name="Unsubscribe from all alerts").click()
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()
    assert page.locator("h1").inner_text() == "You have unsubscribed"
    assert_accessible(page)
    assert not Subscriber.objects.exists()


def test_broken_link_page_is_accessible(page, site_server):
    page.goto(site_server.url + "/alerts/confirm/1.abc:tampered:sig/")
    assert page.locator("h1").inner_text() == "This link does not work"
    assert_accessible(page)
