"""The survey in the Wagtail admin: surveys, waves, question banks, responses, pulse answers.

Editors build the question bank; analysts (and only they) see responses and pulse
answers, the sample per ward, and download responses and the codebook.
"""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSetGroup

from communitysafety.common.admin_exports import SafeExportIndexView, SafeExportModelViewSet
from surveys.annual import admin_views
from surveys.models import PulseResponse, Question, Section, Survey, SurveyResponse, Wave


class SurveyViewSet(SafeExportModelViewSet):
    name = "survey_surveys"
    model = Survey
    icon = "form"
    menu_label = _("Surveys")
    list_display = ["title", "slug"]
    list_filter: list[str] = []
    search_fields = ["title", "slug"]
    list_export = ["title", "slug", "description"]
    form_fields = ["title", "slug", "description"]


class WaveViewSet(SafeExportModelViewSet):
    name = "survey_waves"
    model = Wave
    icon = "date"
    menu_label = _("Waves")
    list_display = ["__str__", "year", "opens_on", "closes_on", "mode", "target_sample"]
    list_filter = ["survey", "mode"]
    search_fields = ["survey__title"]
    list_export = ["survey", "year", "opens_on", "closes_on", "mode", "target_sample"]
    form_fields = ["survey", "year", "opens_on", "closes_on", "mode", "target_sample"]
    copy_view_enabled = False


class SectionViewSet(SafeExportModelViewSet):
    name = "survey_sections"
    model = Section
    icon = "list-ol"
    menu_label = _("Sections")
    list_display = ["title", "wave", "sort_order"]
    list_filter = ["wave"]
    search_fields = ["title"]
    list_export = ["wave", "title", "sort_order"]
    form_fields = ["wave", "title", "description", "sort_order"]


class QuestionViewSet(SafeExportModelViewSet):
    name = "survey_questions"
    model = Question
    icon = "help"
    menu_label = _("Question bank")
    list_display = ["code", "wording", "wave", "section", "kind", "retired"]
    list_filter = ["wave", "kind", "retired"]
    search_fields = ["code", "wording"]
    list_export = ["wave", "code", "wording", "kind", "required", "retired", "show_if_code"]
    copy_view_enabled = False


class ResponseFilterSet(WagtailFilterSet):
    completed = django_filters.BooleanFilter(
        field_name="completed_on", lookup_expr="isnull", exclude=True, label=_("Completed")
    )

    class Meta:
        model = SurveyResponse
        fields = ["wave", "ward", "mode", "age_band"]


class ResponseIndexView(SafeExportIndexView):
    """Respondent ids come from fieldwork files (free text): formula-safe CSV export."""


class SurveyResponseViewSet(SafeExportModelViewSet):
    """Read-only for analysts: responses are changed only by residents and imports."""

    name = "survey_responses"
    model = SurveyResponse
    index_view_class = ResponseIndexView
    icon = "table"
    menu_label = _("Responses")
    list_display = ["respondent_id", "wave", "ward", "age_band", "mode", "completed_on"]
    filterset_class = ResponseFilterSet
    search_fields = ["respondent_id"]
    list_export = ["wave", "respondent_id", "ward", "age_band", "sex", "mode", "completed_on"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["mode"]


class PulseFilterSet(WagtailFilterSet):
    completed_on = django_filters.DateFromToRangeFilter(
        label=_("Completed between"), widget=django_filters.widgets.DateRangeWidget
    )

    class Meta:
        model = PulseResponse
        fields = ["ward", "source", "age_band"]


class PulseResponseViewSet(SafeExportModelViewSet):
    """Read-only for analysts, to check and download what the trials evaluate. The link key
    (a consenting subscriber's) is never listed, shown or exported: on its own it names
    no-one, beside the subscriptions it would."""

    name = "survey_pulse"
    model = PulseResponse
    icon = "table"
    menu_label = _("Pulse answers")
    list_display = [
        "completed_on",
        "ward",
        "age_band",
        "source",
        "informed_local",
        "feel_safe_night",
        "trust_mps",
    ]
    filterset_class = PulseFilterSet
    list_export = list_display
    export_filename = "pulse-answers"
    inspect_view_enabled = True
    inspect_view_fields = list_display
    copy_view_enabled = False
    form_fields = list_display  # views need a form; only analysts' view permission is granted


class SurveyAdminGroup(ModelViewSetGroup):
    menu_label = _("Annual survey")
    menu_icon = "form"
    menu_order = 300
    items = (
        SurveyViewSet,
        WaveViewSet,
        SectionViewSet,
        QuestionViewSet,
        SurveyResponseViewSet,
        PulseResponseViewSet,
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return SurveyAdminGroup()


@hooks.register("register_admin_urls")
def register_survey_admin_urls():
    return [
        path("survey-waves/", admin_views.wave_overview, name="surveys_wave_overview"),
        path("survey-waves/<int:pk>/sample/", admin_views.sample_by_ward, name="surveys_sample"),
        path("survey-waves/<int:pk>/copy/", admin_views.copy_wave_view, name="surveys_copy_wave"),
        path(
            "survey-waves/<int:pk>/export.<str:fmt>",
            admin_views.export_responses,
            name="surveys_export",
        ),
        path(
            "survey-waves/<int:pk>/codebook.<str:fmt>",
            admin_views.export_codebook,
            name="surveys_codebook",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_wave_overview_menu_item():
    from wagtail.admin.menu import MenuItem

    class AnalystMenuItem(MenuItem):
        def is_shown(self, request):
            user = request.user
            return user.has_perm("surveys.view_surveyresponse") or user.has_perm("surveys.add_wave")

    return AnalystMenuItem(
        _("Survey waves: samples, exports, copy"),
        reverse("surveys_wave_overview"),
        icon_name="download",
        order=301,
    )


@hooks.register("register_log_actions")
def register_survey_log_actions(actions):
    actions.register_action("surveys.export", _("Export responses"), _("Responses exported"))


# Unsafe-place reports (issue 6) register their own viewsets.
import surveys.unsafe_places.admin  # noqa: E402, F401
