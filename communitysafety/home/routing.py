"""Wagtail's per-request look-ups that only change when editors publish, held per process.

Before a page is found Wagtail asks the database which Site answers the host (one
query whose SQL costs more to build than to run), then fetches the root page twice
(plain, then specific); before it is served it asks which view restrictions the page and
its ancestors carry (two queries). None of that changes between publishes, yet every page
the page cache cannot answer (the first view after a publish, a filtered or paginated
listing, search, staff) paid for it: a third of an uncached home page (issue 19.5).

Serving a child page walked the tree too: each level asked for the child by slug, then
for its specific row (four queries for /events/<slug>/). `CachedChildRoutesMixin` keeps,
per index page, which child page id and type each slug names, so each level costs one
query for the specific page; `public_pages` skips Wagtail's restriction look-up that
`.public()` runs on every listing while no page is restricted. The specific pages routed
to are kept too (copied per request), so a warm page runs no routing query at all.

So each web process keeps the Site (with its specific root page), whether any view
restriction exists and each index page's child routes under the site-content generation,
which is bumped on every page, site, setting, restriction or taxonomy change
(`communitysafety.home.signals`), and for at most `LIFETIME_SECONDS`, which bounds
staleness where processes share no cache.
"""

from __future__ import annotations

import contextlib
import copy
import time
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import InterfaceError, OperationalError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site

from communitysafety.common.page_cache import SITE_CONTENT

LIFETIME_SECONDS = 60
MAX_ENTRIES = 64  # distinct Host headers kept; visitors choose them, so keep few
# Requests that never route to a Wagtail page: no Site look-up, so the API schema and the
# health check answer without it (and a health check does not fill the per-process copy).
NO_SITE_PREFIXES = ("/api/", "/healthz", "/static/", "/media/")

_SITES: dict[tuple[str, int], tuple[int, float, Site | None]] = {}
_RESTRICTED: dict[str, tuple[int, float, bool]] = {}
ChildRoutes = dict[str, tuple[int, int]]  # slug: (page id, content type id)
_CHILD_ROUTES: dict[int, tuple[int, float, ChildRoutes]] = {}
_PAGES: dict[int, tuple[int, float, Page | None]] = {}
MAX_PAGES = 512  # specific pages kept per process; a page is a few KB


def site_for_request(request: HttpRequest) -> Site | None:
    """What `Site.find_for_request` answers, from this process's copy while it is current."""
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    generation, now = SITE_CONTENT.current(), time.monotonic()
    stored = _SITES.get(key)
    if stored is not None and stored[0] == generation and stored[1] > now:
        return stored[2]
    site = Site._find_for_request(request)
    if site is not None:
        # Wagtail routes from `site.root_page.localized.specific`: fetch it once here.
        site.root_page = site.root_page.specific
    if len(_SITES) >= MAX_ENTRIES:
        _SITES.clear()
    _SITES[key] = (generation, now + LIFETIME_SECONDS, site)
    return site


def any_view_restriction() -> bool:
    """Whether any page carries a view restriction (password, log-in or groups)."""
    generation, now = SITE_CONTENT.current(), time.monotonic()
    stored = _RESTRICTED.get("any")
    if stored is not None and stored[0] == generation and stored[1] > now:
        return stored[2]
    exists = PageViewRestriction.objects.exists()
    _RESTRICTED["any"] = (generation, now + LIFETIME_SECONDS, exists)
    return exists


class SiteLookupMiddleware:
    """Gives Wagtail the request's Site before anything asks (`request._wagtail_site`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(NO_SITE_PREFIXES):
            # On a lost database Wagtail asks again inside the view, where the 503 page answers.
            with contextlib.suppress(OperationalError, InterfaceError):
                request._wagtail_site = site_for_request(request)
        return self.get_response(request)


class CachedViewRestrictionsMixin:
    """For page models: no restriction queries while the site has no restricted page.

    Wagtail's `check_view_restrictions` hook iterates `get_view_restrictions()` before
    serving every page; with restrictions anywhere, Wagtail's own look-up runs unchanged.
    """

    def get_view_restrictions(self):
        if not any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def public_pages[Q: QuerySet](pages: Q) -> Q:
    """`pages.public()`, without its look-up of every restriction while there is none."""
    return pages.public() if any_view_restriction() else pages


def child_routes(parent: Page) -> ChildRoutes:
    """Each child of `parent` by slug: what `Page.route` asks the database for, level by level."""
    generation, now = SITE_CONTENT.current(), time.monotonic()
    stored = _CHILD_ROUTES.get(parent.pk)
    if stored is not None and stored[0] == generation and stored[1] > now:
        return stored[2]
    rows = Page.objects.child_of(parent).values_list("slug", "pk", "content_type_id")
    routes = {slug: (pk, content_type_id) for slug, pk, content_type_id in rows}
    if len(_CHILD_ROUTES) >= MAX_ENTRIES:
        _CHILD_ROUTES.clear()
    _CHILD_ROUTES[parent.pk] = (generation, now + LIFETIME_SECONDS, routes)
    return routes


class CachedChildRoutesMixin:
    """For pages with children: route to a child with one query for its specific row.

    A slug this process does not know (or a child gone since) takes Wagtail's own route,
    which answers 404 where there is no such page.
    """

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        child = child_routes(self).get(path_components[0])
        if child is None:
            return super().route(request, path_components)
        subpage = specific_page(*child)
        if subpage is None:
            return super().route(request, path_components)
        subpage._cached_parent_obj = self  # as Wagtail does: get_parent() needs no query
        return subpage.route(request, path_components[1:])


def specific_page(page_id: int, content_type_id: int) -> Page | None:
    """A copy of this process's specific page `page_id`, fetched once per generation.

    A copy, so that what one request sets on its page (the cached parent, prefetched
    relations) never reaches another request's.
    """
    generation, now = SITE_CONTENT.current(), time.monotonic()
    stored = _PAGES.get(page_id)
    if stored is None or stored[0] != generation or stored[1] <= now:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=page_id).first() if model is not None else None
        if len(_PAGES) >= MAX_PAGES:
            _PAGES.clear()
        stored = _PAGES[page_id] = (generation, now + LIFETIME_SECONDS, page)
    return copy.copy(stored[2]) if stored[2] is not None else None
