"""Admin for comms content: the site banner snippet, the stale-advice report and the
page-cache hook. Imported by `wagtail_hooks.py`."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import PageReportView
from wagtail.snippets.models import register_snippet

from comms.content.cache import before_serve_page
from comms.content.roadshow import roadshow_planner
from comms.models import AdvicePage, SiteBanner
from communitysafety.common.admin_exports import SafeExportSnippetViewSet
from communitysafety.common.exports import SpreadsheetSafeExportMixin


class SiteBannerViewSet(SafeExportSnippetViewSet):
    model = SiteBanner
    icon = "warning"
    menu_label = _("Site banners")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "level", "is_enabled", "starts_at", "expires_at"]
    list_filter = ["level", "is_enabled"]
    search_fields = ["title", "message"]
    list_export = ["title", "message", "level", "is_enabled", "starts_at", "expires_at"]


register_snippet(SiteBannerViewSet)


class StaleAdviceReportView(SpreadsheetSafeExportMixin, PageReportView):
    """Advice pages whose review date has passed, oldest first, so none goes stale unnoticed."""

    page_title = _("Advice past its review date")
    header_icon = "time"
    results_template_name = "comms/admin/stale_advice_results.html"
    index_url_name = "comms_stale_advice"
    index_results_url_name = "comms_stale_advice_results"
    list_export = ["title", "last_reviewed", "review_due", "status_string"]
    export_headings = {
        "last_reviewed": _("Last reviewed"),
        "review_due": _("Review due"),
        "status_string": _("Status"),
    }
    any_permission_required = ["add", "change", "publish"]

    def get_queryset(self):
        self.queryset = AdvicePage.objects.filter(review_due__lt=timezone.localdate()).order_by(
            "review_due", "title"
        )
        return super().get_queryset()


@hooks.register("register_admin_urls")
def register_stale_advice_urls():
    return [
        path(
            "reports/advice-past-review/",
            StaleAdviceReportView.as_view(),
            name="comms_stale_advice",
        ),
        path(
            "reports/advice-past-review/results/",
            StaleAdviceReportView.as_view(results_only=True),
            name="comms_stale_advice_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_stale_advice_menu_item():
    return MenuItem(
        _("Advice past review date"),
        reverse("comms_stale_advice"),
        name="advice-past-review",
        icon_name="time",
        order=1150,
    )


hooks.register("before_serve_page", before_serve_page)


# The roadshow planner (issue 20): who the survey has not heard, an event draft per row.
@hooks.register("register_admin_urls")
def register_roadshow_planner_urls():
    return [path("roadshow-planner/", roadshow_planner, name="comms_roadshow_planner")]


class RoadshowPlannerMenuItem(MenuItem):
    """Shown to those who plan events or read results (the page checks the same)."""

    def is_shown(self, request):
        user = request.user
        return user.has_perm("comms.add_eventpage") or user.has_perm(
            "perceptions.view_surveyresults"
        )


@hooks.register("register_admin_menu_item")
def register_roadshow_planner_menu_item():
    return RoadshowPlannerMenuItem(
        _("Roadshow planner"),
        reverse("comms_roadshow_planner"),
        name="roadshow-planner",
        icon_name="date",
        order=250,
    )
