"""Admin for analysts: releases (sign-off), stored results and PAS figures, one menu."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.log_actions import log

from communitysafety.common.admin_exports import SafeExportModelViewSet
from perceptions.crime.admin import CrimeViewSetGroup
from perceptions.models import PasBoroughFigure, PasLondonFigure, Release, SurveyResults


class SignOffMixin:
    """The signed-in analyst signs the release off; the sign-off is logged."""

    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.signed_off_by = self.request.user
        if "revision_note" in self.form.changed_data:
            # A revision republishes: the corrected figures' family is stored afresh.
            instance.published_changes = None
        instance.save()
        log(
            instance=instance,
            action="perceptions.release_signed_off",
            user=self.request.user,
            data={"wave": instance.wave.year, "release_date": instance.release_date.isoformat()},
        )
        from perceptions.results.generation import schedule

        schedule(instance.wave.survey_id)
        return instance


class ReleaseCreateView(SignOffMixin, CreateView):
    pass


class ReleaseEditView(SignOffMixin, EditView):
    pass


class ReleaseViewSet(SafeExportModelViewSet):
    name = "perceptions_release"
    model = Release
    icon = "tick-inverse"
    add_view_class = ReleaseCreateView
    edit_view_class = ReleaseEditView
    form_fields = ["wave", "release_date", "revision_note"]
    list_display = ["wave", "release_date", "signed_off_by", "signed_off_at"]
    list_filter = ["wave__survey"]
    search_fields = ["wave__survey__title"]
    list_export = ["wave", "release_date", "signed_off_by", "signed_off_at", "revision_note"]


class SurveyResultsViewSet(SafeExportModelViewSet):
    name = "perceptions_results"
    model = SurveyResults
    icon = "table"
    form_fields = ["survey"]
    list_display = ["survey", "generation", "computed_at", "failed_at", "last_error"]
    list_filter = ["survey"]
    search_fields = ["survey__title"]
    list_export = ["survey", "generation", "computed_at", "failed_at", "last_error"]
    inspect_view_enabled = True
    add_to_admin_menu = False


class PasBoroughFigureViewSet(SafeExportModelViewSet):
    name = "perceptions_pas_borough"
    model = PasBoroughFigure
    icon = "list-ul"
    form_fields = ["period_end", "borough", "measure", "proportion", "london_proportion"]
    list_display = ["period_end", "borough", "measure", "proportion", "london_proportion"]
    list_filter = ["measure", "borough"]
    search_fields = ["borough", "measure"]
    list_export = ["period_end", "borough", "measure", "proportion", "london_proportion"]


class PasLondonFigureViewSet(SafeExportModelViewSet):
    name = "perceptions_pas_london"
    model = PasLondonFigure
    icon = "list-ul"
    form_fields = ["period_end", "measure", "proportion"]
    list_display = ["period_end", "measure", "proportion"]
    list_filter = ["measure"]
    search_fields = ["measure"]
    list_export = ["period_end", "measure", "proportion"]


class PerceptionsGroup(ViewSetGroup):
    menu_label = _("Survey results")
    menu_icon = "table"
    menu_order = 300
    items = (ReleaseViewSet, SurveyResultsViewSet, PasBoroughFigureViewSet, PasLondonFigureViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return PerceptionsGroup()


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "perceptions.release_signed_off", _("Sign off release"), _("Release signed off")
    )


@hooks.register("register_admin_menu_item")
def register_dashboard_link():
    return MenuItem(
        _("Results dashboard"), reverse("perceptions:staff_results"), icon_name="view", order=301
    )


@hooks.register("register_admin_viewset")
def register_crime_viewsets() -> CrimeViewSetGroup:
    """Recorded crime (issue 10): imports, counts and populations, read-only."""
    return CrimeViewSetGroup()
