"""The site-wide page cache: generations retire stored values and pages everywhere."""

import datetime
import time

import pytest
from django.test import override_settings
from django.utils import timezone

from communitysafety.common import page_cache


def test_a_bumped_generation_rebuilds_its_cached_values():
    generation = page_cache.Generation("test-values")
    builds = []

    def build():
        builds.append(1)
        return len(builds)

    assert generation.cached(("table",), build) == 1
    assert generation.cached(("table",), build) == 1
    generation.bump()
    assert generation.cached(("table",), build) == 2


def test_without_a_shared_cache_a_change_whose_bump_never_arrives_shows_within_the_bound():
    """Under `make run` the task worker's bumps stay in the worker's own memory: the web
    process must still see what the worker stored, within UNSHARED_CACHE_SECONDS."""
    generation = page_cache.Generation("test-unshared")
    stored = {"share": 40}
    with override_settings(CACHE_SHARED=False, UNSHARED_CACHE_SECONDS=1):
        assert generation.cached(("panel",), lambda: stored["share"]) == 40
        stored["share"] = 55  # another process's change; its bump is not seen here
        assert generation.cached(("panel",), lambda: stored["share"]) == 40
        time.sleep(1.1)
        assert generation.cached(("panel",), lambda: stored["share"]) == 55


def test_a_shared_cache_keeps_values_for_their_whole_lifetime():
    with override_settings(CACHE_SHARED=True, UNSHARED_CACHE_SECONDS=1):
        assert page_cache.kept_for(3600) == 3600
    with override_settings(CACHE_SHARED=False, UNSHARED_CACHE_SECONDS=1):
        assert page_cache.kept_for(3600) == 1


def test_keys_are_short_and_safe_whatever_visitors_type():
    key = page_cache.Generation("test-keys").key("/crime/", "x" * 500, "a b\nc")
    assert len(key) < 80
    assert " " not in key and "\n" not in key


@pytest.mark.django_db  # the comms banner limit is registered too, and reads the database
def test_a_registered_limit_bounds_how_long_pages_are_kept():
    soon = timezone.now() + datetime.timedelta(seconds=30)
    limit = lambda: soon  # noqa: E731
    page_cache.limit_lifetime(limit)
    try:
        assert 1 <= page_cache._lifetime(3600) <= 30
    finally:
        page_cache._LIFETIME_LIMITS.remove(limit)
