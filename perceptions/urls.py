"""Public URLs of the perceptions app (mounted before Wagtail's page routes)."""

from django.urls import path

from perceptions.crime.urls import urlpatterns as crime_urlpatterns
from perceptions.results import coverage_views, views

app_name = "perceptions"
urlpatterns = [
    path("results/", views.results_page, name="results"),
    path("results/data.json", views.chart_json, name="chart_json"),
    path("results/download.<str:fmt>", views.download, name="download"),
    path("results/methodology/", views.methodology_page, name="methodology"),
    path("results/staff/", views.staff_results_page, name="staff_results"),
    path("results/staff/data.json", views.staff_chart_json, name="staff_chart_json"),
    path("results/staff/download.<str:fmt>", views.staff_download, name="staff_download"),
    # Who we have not heard (issue 20)
    path("results/who-we-have-heard/", coverage_views.coverage_page, name="coverage"),
    path(
        "results/who-we-have-heard/download.<str:fmt>",
        coverage_views.coverage_download,
        name="coverage_download",
    ),
    path(
        "results/staff/representativeness/",
        coverage_views.staff_coverage_page,
        name="staff_coverage",
    ),
    path(
        "results/staff/representativeness/download.<str:fmt>",
        coverage_views.staff_coverage_download,
        name="staff_coverage_download",
    ),
    path(
        "results/staff/export/<int:year>.<str:fmt>",
        views.analyst_export,
        name="analyst_export",
    ),
]

# Recorded crime (issue 10): /crime/...
urlpatterns += crime_urlpatterns
