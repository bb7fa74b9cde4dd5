"""Public views that are not Wagtail pages: site search, calendar feed, map boundaries."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.models import Page

from comms.content.calendar import calendar_response, feed_events
from comms.content.filters import SearchForm
from comms.models.base import paginate
from comms.models.events import EventPage
from communitysafety.common.page_cache import mark_cacheable

MAX_QUERY = 200


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Site-wide search over live public pages (PostgreSQL full-text search on PostgreSQL)."""
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    results = None
    count = 0
    if query:
        found = Page.objects.live().public().specific().search(query)
        results = paginate(request, found)
        count = results.paginator.count
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
