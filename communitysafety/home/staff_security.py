"""Middleware that holds staff sessions to the security policy: 2FA and an idle timeout.

:class:`TwoFactorMiddleware` sends a staff member whose session has not passed the second
factor to the verification page (or to enrolment, when their role requires 2FA and they
have none) before any admin page, staff results page or API call. Staff whose role does
not require 2FA and who have not enrolled pass through. The 2FA pages themselves, log-in
and log-out stay open, or no one could ever verify.

:class:`StaffSessionTimeoutMiddleware` ends a staff session after
``STAFF_SESSION_IDLE_SECONDS`` without a request, so an unattended laptop does not stay
logged in for the whole ``SESSION_COOKIE_AGE``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from communitysafety.home import two_factor

LAST_SEEN_SESSION_KEY = "staff_last_seen"
# Writing the session on every request would cost a write per page: a minute is precise enough.
LAST_SEEN_RESOLUTION = 60
OPEN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/jsi18n/", "/admin/sprite/")


def _has_session(request: HttpRequest) -> bool:
    """Only a request with a session cookie can be a staff member's.

    Looking at ``request.user`` reads the session, which marks every response
    ``Vary: Cookie``; anonymous pages and API answers must stay cacheable.
    """
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _two_factor_paths() -> tuple[str, ...]:
    """The pages an unverified staff member must reach: enrol, verify, recover."""
    return tuple(
        reverse(name) for name in ("two_factor_enrol", "two_factor_verify", "two_factor_recovery")
    )


class StaffSessionTimeoutMiddleware:
    """Log staff out after ``STAFF_SESSION_IDLE_SECONDS`` of inactivity."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None) if _has_session(request) else None
        if user is not None and two_factor.is_staff_user(user):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_SESSION_KEY)
            if last_seen is not None and now - last_seen > settings.STAFF_SESSION_IDLE_SECONDS:
                logout(request)
            elif last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
                request.session[LAST_SEEN_SESSION_KEY] = now
        return self.get_response(request)


class TwoFactorMiddleware:
    """Keep unverified staff sessions out of the admin, staff pages and the API."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self._check(request)
        return response if response is not None else self.get_response(request)

    def _check(self, request: HttpRequest) -> HttpResponse | None:
        path = request.path
        if not path.startswith(settings.TWO_FACTOR_PROTECTED_PATH_PREFIXES):
            return None
        if not _has_session(request):
            return None
        if path.startswith(OPEN_PATHS) or path in _two_factor_paths():
            return None
        user = getattr(request, "user", None)
        if user is None or not two_factor.is_staff_user(user) or user.is_verified():
            return None
        has_device = two_factor.authenticator(user) is not None
        if not has_device and not two_factor.two_factor_required(user):
            return None
        if path.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Two-factor verification is required: sign in to the admin.")},
                status=403,
            )
        target = reverse("two_factor_verify" if has_device else "two_factor_enrol")
        return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
