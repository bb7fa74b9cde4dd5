"""The site-wide page cache: generations retire stored values and pages everywhere."""

import datetime

import pytest
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
