"""Whole-response cache for public Wagtail pages, purged when an editor publishes.

Anonymous GETs of the page types in `PAGE_CACHE_MODELS` are stored under a
*generation* key: publishing, unpublishing, moving or deleting a page, or changing
a site banner or site setting, bumps the generation, so the next request renders
afresh (old entries simply expire). Public pages carry no inline script or CSP
nonce, so a stored page is valid for every anonymous resident.

Requests with a session cookie (staff, a resident mid-survey) are never served
from or stored in the cache, nor are responses that set a cookie.

With several web processes the cache must be shared (REDIS_URL), or a publish
only purges the process that handled it; `PAGE_CACHE_SECONDS` bounds staleness.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

GENERATION_KEY = "comms:page-cache:generation"
DEFAULT_SECONDS = 300
DEFAULT_MODELS = (
    "home.homepage",
    "home.informationpage",
    "comms.adviceindexpage",
    "comms.advicepage",
    "comms.eventindexpage",
    "comms.eventpage",
    "comms.newsindexpage",
    "comms.newspage",
)
SKIP_PREFIXES = ("/admin/", "/api/", "/documents/", "/static/", "/media/", "/healthz")
MAX_QUERY_LENGTH = 200
HEADERS_KEPT = ("Content-Type", "Content-Disposition", "Content-Language")


def cache_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", DEFAULT_SECONDS)


def cached_models() -> frozenset[str]:
    return frozenset(getattr(settings, "PAGE_CACHE_MODELS", DEFAULT_MODELS))


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = int(timezone.now().timestamp() * 1000)
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return value


def bump(**kwargs: Any) -> None:
    """Purge every cached page (signal receiver, so it takes any keyword arguments)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, int(timezone.now().timestamp() * 1000), timeout=None)


def mark_cacheable(request: HttpRequest) -> None:
    """Called by views whose anonymous response is the same for everyone."""
    request._comms_page_cacheable = True


def _is_candidate(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or cache_seconds() <= 0:
        return False
    if request.path.startswith(SKIP_PREFIXES):
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _key(request: HttpRequest, gen: int) -> str:
    return f"comms:page:{gen}:{request.get_host()}:{request.get_full_path()}"


def _ttl() -> int:
    """Seconds to keep a page: never past the moment a site banner starts or expires."""
    from comms.models.banners import SiteBanner

    seconds = cache_seconds()
    change = SiteBanner.objects.next_change_after()
    if change is not None:
        seconds = min(seconds, max(1, int((change - timezone.now()).total_seconds())))
    return seconds


class PageCacheMiddleware:
    """Serves stored anonymous page responses before sessions, auth or Wagtail routing run."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _is_candidate(request):
            return self.get_response(request)
        try:
            key = _key(request, generation())
        except DisallowedHost:
            return self.get_response(request)  # Django answers 400 further in

        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if (
            getattr(request, "_comms_page_cacheable", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            headers = [(h, response[h]) for h in HEADERS_KEPT if h in response]
            cache.set(key, (response.status_code, headers, response.content), _ttl())
            response["X-Page-Cache"] = "miss"
        return response


def before_serve_page(page, request: HttpRequest, serve_args, serve_kwargs) -> None:
    """Wagtail hook: mark public pages of the cached types for the middleware."""
    if page.specific_class._meta.label_lower not in cached_models():
        return
    if getattr(request, "is_preview", False) or page.get_view_restrictions().exists():
        return
    mark_cacheable(request)


def bump_on_save(sender, instance, **kwargs: Any) -> None:
    """post_save/post_delete: any page, site, site setting or banner change purges the cache."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Page, Site

    from comms.models.banners import SiteBanner

    if isinstance(instance, Page | Site | SiteBanner | BaseSiteSetting | BaseGenericSetting):
        bump()
