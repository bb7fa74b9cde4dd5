"""Public URLs for unsafe-place reports, mounted at /unsafe-places/ by surveys/urls.py."""

from django.urls import path

from communitysafety.wards.views import boundaries_geojson
from surveys.unsafe_places import views

app_name = "unsafe_places"
urlpatterns = [
    path("", views.public_map, name="map"),
    path("report/", views.report, name="report"),
    path("check/", views.lookup, name="lookup"),
    path("wards.geojson", boundaries_geojson, name="wards_geojson"),
]
