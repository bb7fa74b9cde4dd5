"""With the page cache off, cached listing fragments, routes and filter choices still show
an editor's change on the next view (issue 19.5): they live under the site-content
generation that publishing and taxonomy saves bump."""

import datetime

import pytest
from django.utils import timezone

from communitysafety.vocabularies.models import Topic
from tests.comms.content_factories import AdvicePageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_publishing_an_edited_event_shows_on_the_events_listing_at_once(client, event_index, wards):
    soon = timezone.now() + datetime.timedelta(days=2)
    event = EventPageFactory(
        parent=event_index,
        title="Harold Hill roadshow",
        start=soon,
        end=soon + datetime.timedelta(hours=2),
        ward=wards[0],
    )
    for path in ("/events/", event.url):  # twice each: the second is served from fragments
        client.get(path)
        assert "Harold Hill roadshow" in client.get(path).content.decode()
    event.title = "Harold Hill roadshow moved indoors"
    event.venue_name = "Harold Hill Library"
    event.save_revision().publish()
    listing = client.get("/events/").content.decode()
    assert "Harold Hill roadshow moved indoors" in listing
    assert "Harold Hill Library" in listing
    assert "Harold Hill Library" in client.get(event.url).content.decode()


def test_renaming_a_topic_shows_in_the_advice_filter_and_on_advice_pages(client, advice_index):
    topic = Topic.objects.get(slug="burglary")
    page = AdvicePageFactory(parent=advice_index, title="Lock your shed", topics=[topic])
    for path in ("/advice/", "/advice/?topic=burglary", page.url):
        client.get(path)
        assert ">Burglary<" in client.get(path).content.decode(), path
    topic.name = "Burglary and break-ins"
    topic.save()
    for path in ("/advice/", "/advice/?topic=burglary", page.url):
        assert ">Burglary and break-ins<" in client.get(path).content.decode(), path


def test_a_new_child_page_is_routed_at_once(client, advice_index):
    AdvicePageFactory(parent=advice_index, title="Lock your shed", slug="lock-your-shed")
    assert client.get("/advice/lock-your-shed/").status_code == 200
    assert client.get("/advice/lock-your-car/").status_code == 404
    AdvicePageFactory(parent=advice_index, title="Lock your car", slug="lock-your-car")
    assert "Lock your car" in client.get("/advice/lock-your-car/").content.decode()


def test_an_unpublished_page_is_gone_at_once(client, advice_index):
    page = AdvicePageFactory(parent=advice_index, title="Lock your shed", slug="lock-your-shed")
    client.get(page.url)
    assert client.get(page.url).status_code == 200
    page.unpublish()
    assert client.get("/advice/lock-your-shed/").status_code == 404
    assert "Lock your shed" not in client.get("/advice/").content.decode()


def test_a_preview_is_never_served_from_or_stored_in_a_fragment(client, advice_index):
    page = AdvicePageFactory(parent=advice_index, title="Published title", slug="shed")
    page.summary = "Published summary"
    page.save_revision().publish()
    client.get(page.url)
    assert "Published summary" in client.get(page.url).content.decode()  # stored fragment
    page.summary = "Draft summary"  # a draft shares the page's id
    preview = page.make_preview_request()
    preview.render()
    assert "Draft summary" in preview.content.decode()
    assert "Published summary" in client.get(page.url).content.decode()
