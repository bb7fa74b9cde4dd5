"""Public URLs for unsafe-place reports, mounted at /unsafe-places/ by surveys/urls.py."""

from django.urls import path

from .views import unsafe_places as views

app_name = "unsafe_places"
urlpatterns = [
    path("", views.public_map, name="map"),
    path("report/", views.report, name="report"),
    path("check/", views.lookup, name="lookup"),
    path("wards.geojson", views.wards_geojson, name="wards_geojson"),
]
