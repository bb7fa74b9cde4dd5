"""Public views that are not Wagtail pages: site search, calendar feed, map boundaries."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.models import Page

from comms.content.calendar import calendar_response, feed_events
from comms.content.filters import SearchForm
from comms.content.search import displayed_query, search_terms
from comms.models.base import paginate
from comms.models.events import EventPage
from communitysafety.common.page_cache import mark_cacheable
from communitysafety.home.routing import public_pages


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Site-wide search over live public pages (PostgreSQL full-text search on PostgreSQL,
    FTS5 on SQLite).

    The backend is given only the query's words (`search_terms`), so any text a resident
    types is a valid query; a database error here is a real outage and answers 503.
    """
    query = displayed_query(request.GET.get("q", ""))
    results = None
    count = 0
    if query:
        terms = search_terms(query)
        pages = public_pages(Page.objects.live()).specific()
        found = pages.search(" ".join(terms)) if terms else pages.none()
        # Searched only when the results fragment is not stored (`{% content_cache %}`).
        results = SimpleLazyObject(lambda: paginate(request, found))
        count = SimpleLazyObject(lambda: results.paginator.count)
    mark_cacheable(request)
    return TemplateResponse(
        request,
        "comms/search.html",
        {
            "search_query": query,
            "form": SearchForm(initial={"q": query}),
            "results": results,
            "result_count": count,
            "page_title": _("Search"),
        },
    )


@require_GET
def events_feed(request: HttpRequest) -> HttpResponse:
    """/events/feed.ics: subscribe to every roadshow and community event."""
    mark_cacheable(request)
    return calendar_response(feed_events(), filename="events.ics", inline=True)


@require_GET
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """/events/<slug>.ics: add one event to a calendar."""
    event = get_object_or_404(EventPage.objects.live().public(), slug=slug)
    mark_cacheable(request)
    return calendar_response([event], filename=f"{event.slug}.ics")
