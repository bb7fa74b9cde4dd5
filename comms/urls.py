"""Public URLs of the comms app (mounted before Wagtail's page routes)."""

from django.urls import path

from comms.alerts import notify_callbacks
from comms.alerts import views as subscriptions
from comms.content import views
from comms.content.feeds import NewsAtomFeed, NewsRssFeed
from comms.plan import public as plan_public
from communitysafety.wards.views import boundaries_geojson

app_name = "comms"
urlpatterns: list = [
    path("alerts/", subscriptions.subscribe, name="alerts_subscribe"),
    path("alerts/check-your-email/", subscriptions.check_email, name="alerts_check_email"),
    path("alerts/new-link/", subscriptions.new_link, name="alerts_new_link"),
    path("alerts/confirm/<str:token>/", subscriptions.confirm, name="alerts_confirm"),
    path("alerts/manage/<str:token>/", subscriptions.manage, name="alerts_manage"),
    path("alerts/unsubscribe/<str:token>/", subscriptions.unsubscribe, name="alerts_unsubscribe"),
    path(
        "alerts/unsubscribe/<str:token>/one-click/",
        subscriptions.one_click_unsubscribe,
        name="alerts_one_click",
    ),
    path(
        "alerts/notify/callback/",
        notify_callbacks.delivery_status,
        name="alerts_notify_callback",
    ),
    path("you-said-we-did/", plan_public.you_said_we_did, name="you_said_we_did"),
    # Content (issue 4)
    path("search/", views.search, name="search"),
    path("events/feed.ics", views.events_feed, name="events_feed"),
    path("events/<slug:slug>.ics", views.event_ics, name="event_ics"),
    path("events/wards.geojson", boundaries_geojson, name="ward_boundaries"),
    path("news/feed/", NewsRssFeed(), name="news_rss"),
    path("news/feed/atom/", NewsAtomFeed(), name="news_atom"),
]
