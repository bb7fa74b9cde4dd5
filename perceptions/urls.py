"""Public URLs of the perceptions app (mounted before Wagtail's page routes)."""

from django.urls import path  # noqa: F401

app_name = "perceptions"
urlpatterns: list = []
