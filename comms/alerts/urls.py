"""Public URLs of alerts: sign-up, confirmation, preferences, unsubscribing and the GOV.UK
Notify delivery callback (included from comms/urls.py, names under `comms:`)."""

from django.urls import path

from comms.alerts import notify_callbacks, views

urlpatterns: list = [
    path("alerts/", views.subscribe, name="alerts_subscribe"),
    path("alerts/check-your-email/", views.check_email, name="alerts_check_email"),
    path("alerts/new-link/", views.new_link, name="alerts_new_link"),
    path("alerts/confirm/<str:token>/", views.confirm, name="alerts_confirm"),
    path("alerts/manage/<str:token>/", views.manage, name="alerts_manage"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="alerts_unsubscribe"),
    path(
        "alerts/unsubscribe/<str:token>/one-click/",
        views.one_click_unsubscribe,
        name="alerts_one_click",
    ),
    path(
        "alerts/notify/callback/",
        notify_callbacks.delivery_status,
        name="alerts_notify_callback",
    ),
]
