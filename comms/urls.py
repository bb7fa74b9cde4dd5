"""Public URLs of the comms app (mounted before Wagtail's page routes)."""

from django.urls import include, path

from comms.content import views
from comms.content.feeds import NewsAtomFeed, NewsRssFeed
from comms.plan import public
from communitysafety.wards.views import boundaries_geojson

app_name = "comms"
urlpatterns: list = [
    path("", include("comms.alerts.urls")),
    path("you-said-we-did/", public.you_said_we_did, name="you_said_we_did"),
    # Content (issue 4)
    path("search/", views.search, name="search"),
    path("events/feed.ics", views.events_feed, name="events_feed"),
    path("events/<slug:slug>.ics", views.event_ics, name="event_ics"),
    path("events/wards.geojson", boundaries_geojson, name="ward_boundaries"),
    path("news/feed/", NewsRssFeed(), name="news_rss"),
    path("news/feed/atom/", NewsAtomFeed(), name="news_atom"),
]
