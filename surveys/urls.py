"""Public URLs of the surveys app (mounted before Wagtail's page routes)."""

from django.urls import include, path

from surveys.annual import resume_views as survey_resume
from surveys.annual import views as survey
from surveys.pulse import views as pulse

app_name = "surveys"
urlpatterns: list = [
    path("unsafe-places/", include("surveys.unsafe_places.urls")),
    path("pulse/", pulse.pulse, name="pulse"),
    path("survey/<slug:slug>/start/", survey.start, name="survey_start"),
    path("survey/<slug:slug>/assisted/", survey.assisted_start, name="survey_assisted"),
    path("survey/<slug:slug>/section/<int:section_id>/", survey.step, name="survey_step"),
    path("survey/<slug:slug>/about-you/", survey.about_you, name="survey_about"),
    path("survey/<slug:slug>/check/", survey.check, name="survey_check"),
    path("survey/<slug:slug>/done/", survey.done, name="survey_done"),
    path("survey/<slug:slug>/save/", survey_resume.save_for_later, name="survey_save"),
    path("survey/<slug:slug>/resume/", survey_resume.resume, name="survey_resume"),
]
