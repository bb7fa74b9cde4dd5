"""Public pages come from the cache, and a publish shows immediately."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from comms.models import AdvicePage
from communitysafety.common import page_cache
from tests.comms.content_factories import AdvicePageFactory, SiteBannerFactory

pytestmark = pytest.mark.django_db


def test_second_anonymous_request_is_served_from_the_cache(client, advice_index):
    page = AdvicePageFactory(parent=advice_index, title="Lock your shed")
    assert client.get(page.url)["X-Page-Cache"] == "miss"
    hit = client.get(page.url)
    assert hit["X-Page-Cache"] == "hit"
    assert "Lock your shed" in hit.content.decode()
    # Headers that protect every response are still added to a cached one.
    assert "script-src 'self'" in hit["Content-Security-Policy"]
    assert hit["Content-Type"].startswith("text/html")


def test_publishing_a_change_is_visible_on_the_next_request(client, advice_index):
    page = AdvicePageFactory(parent=advice_index, title="Old title")
    client.get(page.url)
    client.get("/advice/")
    page.title = "New title"
    page.save_revision().publish()
    fresh = client.get(page.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "New title" in fresh.content.decode()
    assert "New title" in client.get("/advice/").content.decode()


def test_unpublishing_removes_the_page_at_once(client, advice_index):
    page = AdvicePageFactory(parent=advice_index)
    assert client.get(page.url).status_code == 200
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_logged_in_staff_are_never_served_a_cached_page(client, editor, advice_index):
    page = AdvicePageFactory(parent=advice_index)
    client.get(page.url)
    client.force_login(editor)
    response = client.get(page.url)
    assert "X-Page-Cache" not in response


def test_non_page_views_and_admin_are_not_cached(client, site):
    client.get("/admin/login/")
    assert "X-Page-Cache" not in client.get("/admin/login/")
    assert "X-Page-Cache" not in client.get("/api/v1/events/")


def test_a_new_banner_shows_on_already_cached_pages(client, site):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    SiteBannerFactory(title="Scam warning")
    assert "Scam warning" in client.get("/").content.decode()


def test_cached_pages_never_outlive_a_banner_expiry(site):
    SiteBannerFactory(expires_at=timezone.now() + datetime.timedelta(seconds=40))
    assert 1 <= page_cache._lifetime(300) <= 40


@override_settings(PAGE_CACHE_SECONDS=0)
def test_cache_can_be_switched_off(client, site):
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def test_scheduled_expiry_removes_a_cached_page(client, advice_index):
    from django.core.management import call_command

    page = AdvicePageFactory(parent=advice_index, title="Winter scams")
    assert client.get(page.url).status_code == 200
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    # A queryset update sends no save signal: only the scheduled unpublish can purge.
    AdvicePage.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    call_command("publish_scheduled")
    assert client.get(page.url).status_code == 404
