"""Public URLs of recorded crime, under /crime/ (included from perceptions/urls.py)."""

from django.urls import path, re_path

from perceptions.crime import views

urlpatterns = [
    path("crime/", views.borough_table, name="crime_borough_table"),
    re_path(
        r"^crime/recorded-crime\.(?P<extension>csv|xlsx)$",
        views.borough_table_download,
        name="crime_borough_download",
    ),
    path("crime/wards/", views.ward_table, name="crime_ward_table"),
    re_path(
        r"^crime/wards/recorded-crime-wards\.(?P<extension>csv|xlsx)$",
        views.ward_table_download,
        name="crime_ward_download",
    ),
    path("crime/wards/map.geojson", views.ward_map_data, name="crime_ward_map_data"),
]
