"""Public URLs of the perceptions app (mounted before Wagtail's page routes)."""

from django.urls import path  # noqa: F401

from perceptions.crime_urls import urlpatterns as crime_urlpatterns

app_name = "perceptions"
urlpatterns: list = []

# Recorded crime (issue 10): /crime/...
urlpatterns += crime_urlpatterns
