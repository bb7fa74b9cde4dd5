"""Public URLs of the comms app (mounted before Wagtail's page routes)."""

from django.urls import path

from . import views
from .feeds import NewsAtomFeed, NewsRssFeed

app_name = "comms"
urlpatterns: list = [
    path("search/", views.search, name="search"),
    path("events/feed.ics", views.events_feed, name="events_feed"),
    path("events/<slug:slug>.ics", views.event_ics, name="event_ics"),
    path("events/wards.geojson", views.ward_boundaries, name="ward_boundaries"),
    path("news/feed/", NewsRssFeed(), name="news_rss"),
    path("news/feed/atom/", NewsAtomFeed(), name="news_atom"),
]
