"""A resident finds a roadshow in their ward, adds it to their calendar; every comms page
type passes axe (WCAG 2.2 AA)."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from icalendar import Calendar

from communitysafety.vocabularies.models import Topic
from communitysafety.wards.models import Ward
from tests.browser.conftest import assert_accessible
from tests.comms.content_factories import (
    AdviceIndexPageFactory,
    AdvicePageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    SiteBannerFactory,
)


@pytest.fixture
def content(site_server):
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page.specific
    advice_index = AdviceIndexPageFactory(parent=home)
    event_index = EventIndexPageFactory(parent=home)
    news_index = NewsIndexPageFactory(parent=home)
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=9)
    upminster = Ward.objects.get(name="Upminster")
    cranham = Ward.objects.get(name="Cranham")
    EventPageFactory(
        parent=event_index,
        title="Bike marking at Upminster station",
        slug="upminster-bike-marking",
        ward=upminster,
        start=start,
        end=start + datetime.timedelta(hours=3),
        venue_name="Upminster station forecourt",
        address="Station Road, Upminster RM14 2TD",
    )
    EventPageFactory(parent=event_index, title="Coffee with a cop in Cranham", ward=cranham)
    related = AdvicePageFactory(parent=advice_index, title="Stop vehicle crime")
    AdvicePageFactory(
        parent=advice_index,
        title="Protect your home from burglary",
        slug="burglary",
        topics=[Topic.objects.get_or_create(slug="burglary", defaults={"name": "Burglary"})[0]],
        related_advice=[related],
    )
    NewsPageFactory(parent=news_index, title="Roadshows return", slug="roadshows-return")
    SiteBannerFactory(title="Courier fraud calls this week")
    return site_server


def test_resident_finds_an_event_in_their_ward_and_downloads_its_ics(page, content):
    page.goto(content.url + "/events/")
    assert_accessible(page)
    page.get_by_label("Your ward").select_option(label="Upminster")
    page.get_by_role("button", name="Show events").click()
    assert page.get_by_role("link", name="Bike marking at Upminster station").is_visible()
    assert page.get_by_role("link", name="Coffee with a cop in Cranham").count() == 0
    page.get_by_role("link", name="Bike marking at Upminster station").click()
    assert page.locator("h1").inner_text() == "Bike marking at Upminster station"
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to your calendar").click()
    download = download_info.value
    assert download.suggested_filename == "upminster-bike-marking.ics"
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Bike marking at Upminster station"
    assert "Upminster station forecourt" in str(event["location"])


def test_events_map_draws_our_ward_boundaries_without_tiles(page, content):
    page.goto(content.url + "/events/")
    # Event pins draw at once; the 20 ward outlines arrive with the GeoJSON fetch.
    page.wait_for_function(
        "() => document.querySelectorAll('#events-map path.leaflet-interactive').length >= 22"
    )
    assert page.locator("#events-map path.leaflet-interactive").count() >= 20
    assert page.locator(".leaflet-tile").count() == 0
    assert_accessible(page)


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/advice/", "Crime prevention advice"),
        ("/advice/burglary/", "Protect your home from burglary"),
        ("/advice/?topic=hate-crime", "Crime prevention advice"),
        ("/news/", "News"),
        ("/news/roadshows-return/", "Roadshows return"),
        ("/events/?when=past", "Events and roadshows"),
        ("/search/?q=burglary", "Search this site"),
        ("/search/?q=zzzz", "Search this site"),
    ],
)
def test_comms_pages_are_accessible(page, content, path, heading):
    page.goto(content.url + path)
    assert page.locator("h1").inner_text() == heading
    assert page.get_by_text("Courier fraud calls this week").is_visible()
    assert_accessible(page)
