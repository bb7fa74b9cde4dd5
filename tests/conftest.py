"""Fixtures every test package shares, and how xdist shares the tests between workers."""

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


# Modules whose tests must not run on two xdist workers at once: each binds a fixed port
# (fake Notify, SMTP sinks, fake postcodes.io) or flushes a fixed Redis database. Browser
# tests share one worker too (one Chromium, one live server).
ONE_WORKER_SCOPES = (
    "tests/browser/",
    "tests/comms/alerts/test_celery_smoke.py",
    "tests/comms/alerts/test_notify.py",
    "tests/comms/alerts/test_smtp_delivery.py",
    "tests/comms/alerts/test_worker_fault.py",
    "tests/communitysafety/test_scheduler_processes.py",
    "tests/surveys/test_postcodes_io.py",
)


@pytest.hookimpl(optionalhook=True)  # xdist's hook: absent under -p no:xdist
def pytest_xdist_make_scheduler(config, log):
    """Test by test, in collection order, except that each scope above goes to one worker.

    Collection order matters: pytest-django puts transactional tests (live servers, which
    flush the database) after the others, and a worker that ran one first would hand the
    next test a database without the rows migrations made. xdist's own ``loadgroup`` reads
    ``xdist_group`` marks from node ids, which this pytest no longer lets it rewrite.
    """
    from xdist.scheduler import LoadScopeScheduling

    class OneWorkerScopes(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            for scope in ONE_WORKER_SCOPES:
                if nodeid.startswith(scope):
                    return scope
            return nodeid

    config.option.loadscopereorder = False  # biggest scope first would put browsers first
    return OneWorkerScopes(config, log)
