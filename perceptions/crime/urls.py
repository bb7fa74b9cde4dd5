"""Public URLs of recorded crime, under /crime/ (included from perceptions/urls.py)."""

from django.urls import path, re_path

from perceptions.crime import views as crime

urlpatterns = [
    path("crime/", crime.borough_table, name="crime_borough_table"),
    re_path(
        r"^crime/recorded-crime\.(?P<extension>csv|xlsx)$",
        crime.borough_table_download,
        name="crime_borough_download",
    ),
    path("crime/wards/", crime.ward_table, name="crime_ward_table"),
    re_path(
        r"^crime/wards/recorded-crime-wards\.(?P<extension>csv|xlsx)$",
        crime.ward_table_download,
        name="crime_ward_download",
    ),
    path("crime/wards/map.geojson", crime.ward_map_data, name="crime_ward_map_data"),
]
