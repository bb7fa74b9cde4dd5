"""One whole-response cache for public pages, invalidated by named generations.

Many public pages are the same for every anonymous visitor (advice, events, the
crime tables). They are stored whole in the shared cache under a key that holds
the current value of every *generation*: a named counter that an app bumps from
its own signals when what its pages show changes (comms bumps "content" when an
editor publishes or a banner changes; perceptions bumps "crime" after an
import). A bump makes every stored page unreachable at once, in every process,
without deleting keys one by one; old entries simply expire. Banners appear on
every page, so any generation invalidates every page rather than only its own.

Two entry points share the rules:
- `mark_cacheable(request)` from a view or a Wagtail hook, with
  `PageCacheMiddleware` (just inside WhiteNoise) serving stored pages before
  sessions, auth or Wagtail routing run;
- `cached_public_view(...)` for a Django view that names the query parameters it
  reads, so `?utm_source=1`, `?utm_source=2`… share one stored page.

Requests with a session or messages cookie (staff, a resident mid-survey) are
never served from or stored in the cache, nor are responses that set a cookie.
Apps may bound how long a page is kept (a banner that starts or expires at a
known time) with `limit_lifetime`. A bump reaches other processes only through a
shared cache (REDIS_URL); without one, `kept_for` bounds how stale anything may be.

A generation made with ``retires_pages=False`` keys only its app's data caches (a
rendered panel) and is left out of page keys: use it only for data that no
whole-page-cached page shows, so that its bump need not retire every stored page.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

DEFAULT_SECONDS = 300
DAY = 24 * 60 * 60
SKIP_PREFIXES = ("/admin/", "/api/", "/documents/", "/static/", "/media/", "/healthz")
MAX_QUERY_LENGTH = 200
HEADERS_KEPT = ("Content-Type", "Content-Disposition", "Content-Language", "Cache-Control")

_GENERATIONS: dict[str, Generation] = {}
_LIFETIME_LIMITS: list[Callable[[], datetime | None]] = []


class Generation:
    """A named counter in the shared cache; bumping it retires every key built on it."""

    def __init__(self, name: str, *, retires_pages: bool = True) -> None:
        self.name = name
        self.cache_key = f"generation:{name}"
        self.retires_pages = retires_pages
        _GENERATIONS[name] = self

    def current(self) -> int:
        value = cache.get(self.cache_key)
        if value is None:
            cache.add(self.cache_key, time.time_ns(), timeout=None)
            value = cache.get(self.cache_key, time.time_ns())
        return int(value)

    def bump(self, **kwargs: Any) -> None:
        """Retire everything cached under this generation (a signal receiver, hence kwargs)."""
        cache.set(self.cache_key, time.time_ns(), timeout=None)

    def key(self, *parts: object) -> str:
        """``<name>:<generation>:<hash of the parts>``: short and safe whatever visitors typed."""
        return f"{self.name}:{self.current()}:{_digest(parts)}"

    def cached(self, parts: tuple[object, ...], build: Callable[[], Any], timeout: int = DAY):
        """The value stored for `parts` in this generation, built and stored on a miss."""
        key = self.key(*parts)
        value = cache.get(key)
        if value is None:
            value = build()
            cache.set(key, value, timeout=kept_for(timeout))
        return value


def kept_for(seconds: int) -> int:
    """How long a value built from the database may be kept: `seconds`, or less when the
    cache is this process's own.

    A bump reaches every process only through a cache they share (Redis: `CACHE_SHARED`).
    Without one, as under `make run` (runserver beside a task worker, each with its own
    memory), a bump made by the worker or a command (results recomputed, crime imported)
    never reaches the web process, so nothing there outlives `UNSHARED_CACHE_SECONDS`.
    """
    if getattr(settings, "CACHE_SHARED", False):
        return seconds
    return min(seconds, getattr(settings, "UNSHARED_CACHE_SECONDS", 5))


#: What editors publish: pages, sites and site settings here, banners in comms. Its
#: receivers are in `communitysafety.home.signals`; the page shell is cached under it.
SITE_CONTENT = Generation("content")


def limit_lifetime(next_change: Callable[[], datetime | None]) -> None:
    """Register a function giving the next moment stored pages become wrong (or None)."""
    if next_change not in _LIFETIME_LIMITS:
        _LIFETIME_LIMITS.append(next_change)


def cache_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", DEFAULT_SECONDS)


def mark_cacheable(request: HttpRequest, browser_max_age: int = 0) -> None:
    """Called by views whose anonymous response is the same for everyone."""
    request._page_cacheable = True
    request._page_browser_max_age = browser_max_age


def is_anonymous_read(request: HttpRequest) -> bool:
    """A GET/HEAD from someone with no session: the only requests a stored page may answer."""
    if request.method not in ("GET", "HEAD") or cache_seconds() <= 0:
        return False
    if request.path.startswith(SKIP_PREFIXES):
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _digest(parts: Iterable[object]) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:32]


def _page_key(request: HttpRequest, path_and_query: str) -> str:
    names = sorted(n for n, generation in _GENERATIONS.items() if generation.retires_pages)
    stored = cache.get_many([_GENERATIONS[n].cache_key for n in names])
    generations = [
        stored.get(_GENERATIONS[n].cache_key) or _GENERATIONS[n].current() for n in names
    ]
    return f"page:{_digest([*generations, request.get_host(), path_and_query])}"


def _lifetime(seconds: int) -> int:
    """Seconds to keep a page: never past the next registered change (a banner expiring)."""
    now = timezone.now()
    for next_change in _LIFETIME_LIMITS:
        change = next_change()
        if change is not None:
            seconds = min(seconds, max(1, int((change - now).total_seconds())))
    return seconds


def _thaw(stored: tuple[int, list[tuple[str, str]], bytes]) -> HttpResponse:
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def _store(key: str, response: HttpResponse, seconds: int, browser_max_age: int) -> None:
    if response.status_code != 200 or response.streaming or response.cookies:
        return
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if browser_max_age:
        patch_cache_control(response, public=True, max_age=browser_max_age)
    headers = [(h, response[h]) for h in HEADERS_KEPT if h in response]
    cache.set(key, (response.status_code, headers, response.content), kept_for(_lifetime(seconds)))
    response["X-Page-Cache"] = "miss"


class PageCacheMiddleware:
    """Serves stored anonymous pages before sessions, auth or Wagtail routing run."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_anonymous_read(request):
            return self.get_response(request)
        try:
            key = _page_key(request, request.get_full_path())
        except DisallowedHost:
            return self.get_response(request)  # Django answers 400 further in
        stored = cache.get(key)
        if stored is not None:
            return _thaw(stored)
        response = self.get_response(request)
        if getattr(request, "_page_cacheable", False):
            _store(key, response, cache_seconds(), request._page_browser_max_age)
        return response


def cached_public_view(
    parameters: tuple[str, ...] = (), seconds: int = DAY, browser_max_age: int = 0
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view that reads only `parameters` from the query string.

    Its pages live `seconds` at most (bounded by `PAGE_CACHE_SECONDS` being 0,
    which switches all page caching off), since a generation bump retires them.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not is_anonymous_read(request):
                return view(request, *args, **kwargs)
            query = "&".join(f"{name}={request.GET.get(name, '')}" for name in parameters)
            key = _page_key(request, f"{request.path}?{query}")
            stored = cache.get(key)
            if stored is not None:
                return _thaw(stored)
            response = view(request, *args, **kwargs)
            _store(key, response, seconds, browser_max_age)
            return response

        return wrapper

    return decorator
