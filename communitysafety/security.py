"""Response headers the whole site shares.

Public pages get the strict `SECURE_CSP` (no inline script or style); the Wagtail
admin and API docs need inline code, so they get `ADMIN_CSP` instead.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware


class PathContentSecurityPolicyMiddleware(ContentSecurityPolicyMiddleware):
    """Django's CSP middleware, choosing the policy by path prefix."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if request.path.startswith(settings.ADMIN_CSP_PATH_PREFIXES) and not hasattr(
            response, "_csp_config"
        ):
            response._csp_config = settings.ADMIN_CSP
        return super().process_response(request, response)


class SecurityHeadersMiddleware:
    """Adds the headers Django's SecurityMiddleware does not set itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class AdminLoginThrottleMiddleware:
    """Rate-limits POSTs to the admin log-in page (password guessing).

    Keys on the salted client hash from `communitysafety.common.ratelimit`, so no address
    is stored. After `ADMIN_LOGIN_ATTEMPTS` in 15 minutes the form answers 429.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.shortcuts import render

        from communitysafety.common.ratelimit import Limit, is_limited

        if request.method == "POST" and request.path == settings.ADMIN_LOGIN_PATH:
            limit = Limit(scope="admin-login", count=settings.ADMIN_LOGIN_ATTEMPTS, seconds=900)
            if is_limited(request, limit):
                return render(request, "429.html", status=429)
        return self.get_response(request)
