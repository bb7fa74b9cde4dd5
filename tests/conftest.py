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


@pytest.fixture(autouse=True)
def _force_login_passes_two_factor(request, monkeypatch):
    """``client.force_login`` of a staff member also passes the second factor.

    2FA stays on in test settings: the middleware still checks every admin request, and
    this only does what a staff member does after the password (a confirmed authenticator,
    a verified session). Tests of 2FA opt out with ``@pytest.mark.two_factor_unverified``.
    """
    if request.node.get_closest_marker("two_factor_unverified"):
        return
    from django.test import Client

    original = Client.force_login

    def force_login(client, user, backend=None):
        original(client, user, backend)
        from communitysafety.home.two_factor import is_staff_user
        from tests.communitysafety.two_factor import verify_session

        if is_staff_user(user):
            verify_session(client, user)

    monkeypatch.setattr(Client, "force_login", force_login)


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


def _register_hypothesis_profiles() -> None:
    """Bounded property-based testing in CI; HYPOTHESIS_PROFILE=thorough for a long run."""
    import os

    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "ci",
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    settings.register_profile("thorough", max_examples=1000, deadline=None)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_register_hypothesis_profiles()
