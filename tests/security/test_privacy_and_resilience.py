"""No addresses in logs, throttled admin log-in, expiring sessions, a site that survives
losing Redis."""

import logging

import pytest
from django.core.cache import caches
from django.test import override_settings

from communitysafety.common.ratelimit import Limit, is_limited

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.77"
AGENT = "Mozilla/5.0 (TrackMe-UA-4471)"


def test_requests_never_write_the_client_address_or_user_agent_to_logs(client, site, caplog):
    caplog.set_level(logging.DEBUG)
    for path in ("/", "/no-such-page/", "/healthz", "/admin/login/"):
        client.get(path, REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT)
    client.post("/admin/login/", {"username": "x", "password": "y"}, REMOTE_ADDR=ADDRESS)
    assert caplog.records, "expected some log output to inspect"
    assert ADDRESS not in caplog.text
    assert "TrackMe" not in caplog.text


@override_settings(ADMIN_LOGIN_ATTEMPTS=3)
def test_admin_login_is_rate_limited(client, site):
    statuses = [
        client.post(
            "/admin/login/", {"username": "admin", "password": f"guess{i}"}, REMOTE_ADDR=ADDRESS
        ).status_code
        for i in range(5)
    ]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3:] == [429, 429]
    # Another client is not affected.
    other = client.post(
        "/admin/login/", {"username": "a", "password": "b"}, REMOTE_ADDR="192.0.2.1"
    )
    assert other.status_code == 200


def test_staff_sessions_expire(client, site):
    from django.conf import settings

    from tests.communitysafety.factories import UserFactory

    UserFactory(username="staffer", groups=["Editors"])
    client.post("/admin/login/", {"username": "staffer", "password": "a-long-test-password-1"})
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    stored = Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)
    assert stored.get_decoded()  # logged in
    lifetime = (stored.expire_date - timezone.now()).total_seconds()
    assert 0 < lifetime <= settings.SESSION_COOKIE_AGE


def test_staff_passwords_follow_django_validators():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("password", "12345678901234", "short1"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("a-much-longer-passphrase-7")


UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "communitysafety.common.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@override_settings(CACHES=UNREACHABLE_REDIS)
def test_site_still_serves_when_redis_is_unreachable(client, site, caplog):
    from communitysafety.common.cache import ResilientRedisCache

    ResilientRedisCache._last_logged = 0.0  # the outage is logged once a minute per process
    caches["default"].close()
    response = client.get("/")
    assert response.status_code == 200
    assert client.get("/healthz").status_code == 200
    assert "Redis cache unavailable" in caplog.text


@override_settings(CACHES=UNREACHABLE_REDIS)
def test_rate_limits_fail_open_without_redis(rf):
    request = rf.post("/", REMOTE_ADDR=ADDRESS)
    limit = Limit(scope="x", count=1, seconds=60)
    assert [is_limited(request, limit) for _ in range(3)] == [False, False, False]


def _redis_up() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_up(), reason="Redis is not running on 127.0.0.1:6379")
@override_settings(
    CACHES={
        "default": {
            "BACKEND": "communitysafety.common.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": "test-resilient",
        }
    }
)
def test_rate_limits_are_shared_through_a_real_redis(rf):
    cache = caches["default"]
    cache.clear()
    request = rf.post("/", REMOTE_ADDR=ADDRESS)
    limit = Limit(scope="redis", count=2, seconds=60)
    assert [is_limited(request, limit) for _ in range(3)] == [False, False, True]
    cache.clear()
