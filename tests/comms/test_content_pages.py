"""Residents read advice, events and news: each page type renders what it promises."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from communitysafety.vocabularies.models import PartnerOrganisation, Topic
from tests.comms.content_factories import (
    AdvicePageFactory,
    EventPageFactory,
    NewsPageFactory,
    SiteBannerFactory,
)

pytestmark = pytest.mark.django_db


def _templates(response) -> list[str]:
    return [t.name for t in response.templates if t.name]


def _assert_no_inline_code(html: str) -> None:
    """Strict CSP: no inline script (a JSON-LD data block is allowed) and no style."""
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/ld+json"' in tag, tag
    assert "<style" not in html
    assert " style=" not in html


@pytest.mark.parametrize(
    ("path", "template"),
    [
        ("/advice/", "comms/advice_index_page.html"),
        ("/events/", "comms/event_index_page.html"),
        ("/news/", "comms/news_index_page.html"),
    ],
)
def test_section_index_pages_render(client, advice_index, event_index, news_index, path, template):
    response = client.get(path)
    assert response.status_code == 200
    assert template in _templates(response)
    _assert_no_inline_code(response.content.decode())


def test_advice_page_shows_summary_steps_999_where_to_report_and_review_date(client, advice_index):
    related = AdvicePageFactory(parent=advice_index, title="Stop vehicle crime")
    page = AdvicePageFactory(
        parent=advice_index,
        title="Protect your home",
        summary="Most burglars try unlocked doors.",
        report_notes="Report fraud to Action Fraud on 0300 123 2040.",
        last_reviewed=datetime.date(2026, 3, 4),
        related_advice=[related],
        topics=[Topic.objects.get(slug="burglary")],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    assert "comms/advice_page.html" in _templates(response)
    html = response.content.decode()
    assert "Most burglars try unlocked doors." in html
    assert re.search(r"<ol[^>]*govuk-list--number[^>]*>.*Lock doors and windows", html, re.S)
    assert "call 999" in html
    assert "call the police on 101" in html
    assert "https://www.met.police.uk/ro/report/" in html
    assert "Action Fraud on 0300 123 2040" in html
    assert "4 March 2026" in html
    assert f'href="{related.url}"' in html
    assert "Burglary" in html
    _assert_no_inline_code(html)


def test_unpublished_related_advice_is_not_linked(client, advice_index):
    hidden = AdvicePageFactory(parent=advice_index, title="Draft advice", live=False)
    page = AdvicePageFactory(parent=advice_index, related_advice=[hidden])
    html = client.get(page.url).content.decode()
    assert "Draft advice" not in html


def test_event_page_shows_when_where_access_partners_and_calendar_link(client, event_index):
    partner = PartnerOrganisation.objects.get(slug="london-fire-brigade")
    event = EventPageFactory(
        parent=event_index,
        title="Harold Hill community day",
        booking_url="https://example.org/book",
        accessibility="Hearing loop at the desk.",
        partners=[partner],
        start=timezone.make_aware(datetime.datetime(2030, 7, 6, 10, 0)),
        end=timezone.make_aware(datetime.datetime(2030, 7, 6, 13, 0)),
    )
    response = client.get(event.url)
    assert response.status_code == 200
    assert "comms/event_page.html" in _templates(response)
    html = response.content.decode()
    assert "Saturday 6 July 2030, 10:00a.m." in html or "Saturday 6 July 2030, 10a.m." in html
    assert "Romford Market Place" in html
    assert "Hearing loop at the desk." in html
    assert "London Fire Brigade" in html
    assert 'href="https://example.org/book"' in html
    assert f'href="/events/{event.slug}.ics"' in html
    _assert_no_inline_code(html)


def test_event_page_carries_schema_org_event_json_ld(client, event_index):
    event = EventPageFactory(parent=event_index, title="Bike marking </script><b>")
    html = client.get(event.url).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    data = json.loads(match.group(1))
    assert data["@type"] == "Event"
    assert data["name"] == "Bike marking </script><b>"
    assert data["location"]["name"] == "Romford Market Place"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert datetime.datetime.fromisoformat(data["startDate"]) == event.start


def test_cancelled_and_rescheduled_events_say_so(client, event_index):
    cancelled = EventPageFactory(
        parent=event_index, status="cancelled", status_note="The hall is closed."
    )
    moved = EventPageFactory(parent=event_index, status="rescheduled", status_note="Was 1 May.")
    html = client.get(cancelled.url).content.decode()
    assert "This event is cancelled." in html and "The hall is closed." in html
    assert "Add to your calendar" not in html
    html = client.get(moved.url).content.decode()
    assert "This event has a new date." in html and "Was 1 May." in html


def test_past_event_shows_what_happened_and_no_booking(client, event_index):
    start = timezone.now() - datetime.timedelta(days=30)
    event = EventPageFactory(
        parent=event_index,
        start=start,
        end=start + datetime.timedelta(hours=2),
        booking_url="https://example.org/book",
        outcome="140 people came; phone snatching was the top worry.",
    )
    html = client.get(event.url).content.decode()
    assert "What happened and what you told us" in html
    assert "phone snatching was the top worry" in html
    assert "Book a place" not in html


def test_news_page_renders_with_date_and_body(client, news_index):
    item = NewsPageFactory(
        parent=news_index, title="Roadshows return", date=datetime.date(2026, 5, 1)
    )
    response = client.get(item.url)
    assert response.status_code == 200
    assert "comms/news_page.html" in _templates(response)
    html = response.content.decode()
    assert "1 May 2026" in html and "Roadshows return." in html


def test_pages_carry_open_graph_meta(client, news_index):
    item = NewsPageFactory(parent=news_index, title="Lighting repairs", summary="Three paths.")
    html = client.get(item.url).content.decode()
    assert '<meta property="og:title" content="Lighting repairs">' in html
    assert '<meta property="og:description" content="Three paths.">' in html
    assert f'<meta property="og:url" content="http://localhost{item.url}">' in html


def test_site_banner_shows_on_every_page_until_it_expires(client, news_index):
    banner = SiteBannerFactory(title="Courier fraud calls this week")
    for path in ("/", "/news/"):
        assert "Courier fraud calls this week" in client.get(path).content.decode()
    banner.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    banner.save()
    assert "Courier fraud calls this week" not in client.get("/").content.decode()


def test_switched_off_or_future_banner_is_not_shown(client, site):
    SiteBannerFactory(title="Switched off", is_enabled=False)
    SiteBannerFactory(title="Not yet", starts_at=timezone.now() + datetime.timedelta(hours=2))
    html = client.get("/").content.decode()
    assert "Switched off" not in html and "Not yet" not in html


def test_sitemap_lists_content_pages(client, advice_index, news_index):
    page = AdvicePageFactory(parent=advice_index, slug="lock-up")
    body = client.get("/sitemap.xml").content.decode()
    assert "/advice/lock-up/" in body
    assert "/news/" in body
    assert page.pk
