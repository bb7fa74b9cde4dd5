"""Calendar and news feeds parse back with real parsers, across a clock change."""

import datetime
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from comms.demo import next_clock_change
from tests.comms.content_factories import EventPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
ATOM = "{http://www.w3.org/2005/Atom}"


def _dst_crossing_event(parent):
    """An overnight walk from 23:00 to 04:00 local across the next clock change."""
    change = next_clock_change(timezone.now())
    return EventPageFactory(
        parent=parent,
        title="Night safety walk",
        start=change - datetime.timedelta(hours=2),
        end=change + datetime.timedelta(hours=2),
    )


def test_single_event_ics_downloads_and_parses_with_london_times(client, event_index):
    start = datetime.datetime(2030, 7, 6, 10, 0, tzinfo=LONDON)
    event = EventPageFactory(
        parent=event_index, start=start, end=start + datetime.timedelta(hours=3)
    )
    response = client.get(f"/events/{event.slug}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert f'filename="{event.slug}.ics"' in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    [vevent] = calendar.walk("VEVENT")
    assert vevent.decoded("dtstart") == start
    assert str(vevent["dtstart"].params["TZID"]) == "Europe/London"
    assert vevent.decoded("dtstart").utcoffset() == datetime.timedelta(hours=1)  # BST
    assert str(vevent["summary"]) == event.title
    assert "Romford Market Place" in str(vevent["location"])
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_dst_crossing_event_keeps_its_real_length_and_both_offsets(client, event_index):
    event = _dst_crossing_event(event_index)
    calendar = Calendar.from_ical(client.get(f"/events/{event.slug}.ics").content)
    [vevent] = calendar.walk("VEVENT")
    start, end = vevent.decoded("dtstart"), vevent.decoded("dtend")
    elapsed = end.astimezone(datetime.UTC) - start.astimezone(datetime.UTC)
    assert elapsed == datetime.timedelta(hours=4)  # real time, not wall-clock difference
    assert start.utcoffset() != end.utcoffset()  # the clocks changed in between
    assert start == event.start and end == event.end
    # The VTIMEZONE describes both observances, so calendars without tz data agree.
    [vtimezone] = calendar.walk("VTIMEZONE")
    assert {c.name for c in vtimezone.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_events_feed_lists_upcoming_and_recent_events_only(client, event_index):
    now = timezone.now()
    EventPageFactory(
        parent=event_index,
        title="Soon",
        start=now + datetime.timedelta(days=3),
        end=now + datetime.timedelta(days=3, hours=2),
    )
    EventPageFactory(
        parent=event_index,
        title="Long ago",
        start=now - datetime.timedelta(days=400),
        end=now - datetime.timedelta(days=400, hours=-2),
    )
    EventPageFactory(parent=event_index, title="Draft", live=False)
    cancelled = EventPageFactory(parent=event_index, title="Called off", status="cancelled")
    _dst_crossing_event(event_index)
    response = client.get("/events/feed.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Soon", "Called off", "Night safety walk"}
    assert str(events["Called off"]["status"]) == "CANCELLED"
    assert str(events["Called off"]["uid"]).startswith(f"event-{cancelled.pk}@")
    assert len({str(e["uid"]) for e in events.values()}) == 3


def test_unknown_or_draft_event_ics_is_404(client, event_index):
    draft = EventPageFactory(parent=event_index, live=False)
    assert client.get(f"/events/{draft.slug}.ics").status_code == 404
    assert client.get("/events/no-such-event.ics").status_code == 404


def test_news_rss_is_valid_rss_2_with_items_newest_first(client, news_index):
    NewsPageFactory(parent=news_index, title="Older", date=datetime.date(2026, 1, 5))
    NewsPageFactory(parent=news_index, title="Newer & better", date=datetime.date(2026, 2, 5))
    NewsPageFactory(parent=news_index, title="Draft", live=False)
    response = client.get("/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title")
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["Newer & better", "Older"]
    assert items[0].findtext("link").endswith("/news/newer-better/") or items[0].findtext(
        "link"
    ).startswith("http://")
    assert "Feb 2026" in items[0].findtext("pubDate")


def test_news_atom_is_valid_atom(client, news_index):
    NewsPageFactory(parent=news_index, title="Walk and Talk returns")
    response = client.get("/news/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id")
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Walk and Talk returns"
    assert entry.findtext(f"{ATOM}updated")
    assert entry.find(f"{ATOM}link").get("href").startswith("http://")
