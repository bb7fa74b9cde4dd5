"""Public URLs of the comms app (mounted before Wagtail's page routes)."""

from django.urls import path  # noqa: F401

app_name = "comms"
urlpatterns: list = []
