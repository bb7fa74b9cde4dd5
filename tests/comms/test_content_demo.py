"""The demo content covers what the issue asks and loads twice without change."""

import datetime

import pytest
from django.utils import timezone

from comms import demo
from comms.models import AdvicePage, EventPage, NewsPage, SiteBanner
from communitysafety.vocabularies.models import StrategicPriority, Topic
from communitysafety.wards.models import Ward

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site(wards, site):
    from communitysafety.wards import demo as wards_demo

    wards_demo.load(lambda message: None)
    demo.load(lambda message: None)


def test_demo_advice_covers_every_topic_and_priority(demo_site):
    advice = AdvicePage.objects.live()
    covered_topics = set(
        Topic.objects.filter(advice_pages__in=advice).values_list("slug", flat=True)
    )
    assert covered_topics == set(Topic.objects.values_list("slug", flat=True))
    covered = set(
        StrategicPriority.objects.filter(advice_pages__in=advice).values_list("number", flat=True)
    )
    assert covered == {1, 2, 3, 4, 5, 6}


def test_demo_events_cover_all_wards_past_and_future_and_every_state(demo_site):
    events = EventPage.objects.live()
    assert events.count() == 20
    assert set(events.values_list("ward", flat=True)) == set(
        Ward.objects.values_list("pk", flat=True)
    )
    assert events.past().exists() and events.upcoming().exists()
    assert events.filter(status="cancelled").count() == 1
    assert events.filter(status="rescheduled").count() == 1
    assert all(e.outcome for e in events.past())
    crossing = [
        e
        for e in events
        if e.start.astimezone(demo.LONDON).utcoffset() != e.end.astimezone(demo.LONDON).utcoffset()
    ]
    assert len(crossing) == 1


def test_demo_has_news_a_banner_and_stale_advice_for_the_report(demo_site):
    assert NewsPage.objects.live().count() >= 5
    assert SiteBanner.objects.showing().exists()
    assert AdvicePage.objects.filter(review_due__lt=timezone.localdate()).exists()


def test_demo_pages_all_render(client, demo_site):
    for page in [*AdvicePage.objects.all()[:3], *EventPage.objects.all(), *NewsPage.objects.all()]:
        assert client.get(page.url).status_code == 200, page.url


def test_loading_the_demo_twice_changes_nothing(demo_site):
    counts = (
        AdvicePage.objects.count(),
        EventPage.objects.count(),
        NewsPage.objects.count(),
        SiteBanner.objects.count(),
    )
    demo.load(lambda message: None)
    assert counts == (
        AdvicePage.objects.count(),
        EventPage.objects.count(),
        NewsPage.objects.count(),
        SiteBanner.objects.count(),
    )


def test_next_clock_change_finds_the_last_sunday_of_march():
    after = datetime.datetime(2027, 1, 10, tzinfo=datetime.UTC)
    assert demo.next_clock_change(after) == datetime.datetime(2027, 3, 28, 1, tzinfo=datetime.UTC)
