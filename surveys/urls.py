"""Public URLs of the surveys app (mounted before Wagtail's page routes)."""

from django.urls import include, path

from surveys.annual import resume_views, views
from surveys.pulse import views as pulse

app_name = "surveys"
urlpatterns: list = [
    path("unsafe-places/", include("surveys.unsafe_places.urls")),
    path("pulse/", pulse.pulse, name="pulse"),
    path("survey/<slug:slug>/start/", views.start, name="survey_start"),
    path("survey/<slug:slug>/assisted/", views.assisted_start, name="survey_assisted"),
    path("survey/<slug:slug>/section/<int:section_id>/", views.step, name="survey_step"),
    path("survey/<slug:slug>/about-you/", views.about_you, name="survey_about"),
    path("survey/<slug:slug>/check/", views.check, name="survey_check"),
    path("survey/<slug:slug>/done/", views.done, name="survey_done"),
    path("survey/<slug:slug>/save/", resume_views.save_for_later, name="survey_save"),
    path("survey/<slug:slug>/resume/", resume_views.resume, name="survey_resume"),
]
