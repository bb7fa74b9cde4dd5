"""Fixtures every test package shares."""

import pytest
from django.core.cache import cache

from communitysafety.wards.lookup import reset_index


@pytest.fixture(autouse=True)
def _clean_cache():
    """Each test starts with an empty cache (rate limits, ward index generation)."""
    cache.clear()
    reset_index()
    yield
    cache.clear()
    reset_index()


@pytest.fixture
def wards(db):
    """The real Havering wards and populations, loaded from the repository's copy."""
    from tests.communitysafety.factories import load_real_wards

    return load_real_wards()


@pytest.fixture
def site(db):
    """The demo home page, footer pages and site settings."""
    from tests.communitysafety.factories import build_site

    return build_site()
