"""Public URLs of the surveys app (mounted before Wagtail's page routes)."""

from django.urls import include, path

app_name = "surveys"
urlpatterns: list = [
    # Unsafe-place reports (issue 6).
    path("unsafe-places/", include("surveys.urls_unsafe")),
]
