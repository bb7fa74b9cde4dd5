"""Whole-page caching for public crime pages, invalidated by the crime generation.

Anonymous GET requests are answered from the cache (the page, its downloads
and map data only change when figures are imported); signed-in staff always get
a fresh page, so nothing personal (the Wagtail user bar) is ever cached.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from perceptions.crime_cache import TIMEOUT, cache_key

#: Browsers and proxies may keep a page this long; the server cache is exact.
BROWSER_MAX_AGE = 300


#: The only query parameters the crime pages read. Others are left out of the key, so
#: ``?x=1``, ``?x=2``… cannot fill the cache with copies of one page.
PAGE_PARAMETERS = ("category", "end", "periods")


def _key(request: HttpRequest) -> str:
    query = "&".join(f"{k}={request.GET.get(k, '')}" for k in PAGE_PARAMETERS)
    return cache_key("page", request.path, query)


def cached_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve anonymous GETs from the cache; store successful, fully rendered answers."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        anonymous = request.method == "GET" and not request.user.is_authenticated
        key = _key(request) if anonymous else ""
        if anonymous:
            hit = cache.get(key)
            if hit is not None:
                status, headers, content = hit
                response = HttpResponse(content, status=status)
                for name, value in headers:
                    response[name] = value
                patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
                return response
        response = view(request, *args, **kwargs)
        if anonymous and response.status_code == 200 and not response.streaming:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            headers = [
                (name, response[name])
                for name in ("Content-Type", "Content-Disposition")
                if name in response
            ]
            cache.set(key, (response.status_code, headers, response.content), timeout=TIMEOUT)
            patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
        return response

    return wrapper
