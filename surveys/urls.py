"""Public URLs of the surveys app (mounted before Wagtail's page routes)."""

from django.urls import path  # noqa: F401

app_name = "surveys"
urlpatterns: list = []
