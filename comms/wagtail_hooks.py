"""Admin for alerts and the communications plan, grouped under one "Alerts and plan" menu."""

from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup

from comms.alerts import admin_views
from comms.models import Alert, CommunicationsPlan, PlanItem
from comms.plan import trial_views, views
from communitysafety.common.admin_exports import SafeExportIndexView, SafeExportModelViewSet


class ReviewColumn(Column):
    def get_value(self, instance):
        return format_html(
            '<a href="{}">{}</a>', reverse("comms_alert:review", args=[instance.pk]), _("Review")
        )


class PlanLinksColumn(Column):
    """Exports and "draft from findings" beside each plan."""

    def get_value(self, instance):
        links = [
            (reverse("comms_plan:export", args=[instance.pk, fmt]), label)
            for fmt, label in (("csv", "CSV"), ("xlsx", "XLSX"), ("ics", _("Calendar")))
        ]
        links.append((reverse("comms_plan:evaluation", args=[instance.pk]), _("Evaluation")))
        links.append((reverse("comms_plan:draft"), _("Draft from findings")))
        return format_html_join(" · ", '<a href="{}">{}</a>', links)


class TrialColumn(Column):
    """ "Run as a trial" beside an action, or a link to its trial."""

    def get_value(self, instance):
        trial = getattr(instance, "trial", None)  # the reverse one-to-one raises AttributeError
        if trial is not None:
            url, label = reverse("comms_plan_item:trial", args=[trial.pk]), _("Trial")
        else:
            url, label = (
                reverse("comms_plan_item:trial_create", args=[instance.pk]),
                _("Run as a trial"),
            )
        return format_html('<a href="{}">{}</a>', url, label)


class AlertViewSet(SafeExportModelViewSet):
    model = Alert
    icon = "mail"
    url_prefix = "comms/alerts"
    url_namespace = "comms_alert"
    menu_label = _("Alerts")
    add_view_class = admin_views.AlertCreateView
    edit_view_class = admin_views.AlertEditView
    list_display = ["title", "status", "urgent", "send_at", ReviewColumn("review", label="")]
    list_filter = ["status", "urgent", "kind"]
    search_fields = ["title"]
    list_export = ["title", "status", "kind", "urgent", "send_at", "approved_at", "created_at"]
    panels = [
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("page"),
        FieldPanel("kind"),
        FieldPanel("topics"),
        MultiFieldPanel([FieldPanel("whole_borough"), FieldPanel("wards")], heading=_("Where")),
        FieldRowPanel([FieldPanel("send_sms"), FieldPanel("urgent"), FieldPanel("send_at")]),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("review/<int:pk>/", admin_views.review, name="review"),
            path("informed/", admin_views.informed_by_alerts, name="informed"),
        ]


class PlanViewSet(SafeExportModelViewSet):
    model = CommunicationsPlan
    icon = "list-ol"
    url_prefix = "comms/plans"
    url_namespace = "comms_plan"
    menu_label = _("Communications plans")
    list_display = ["__str__", "year", "status", PlanLinksColumn("links", label=_("Exports"))]
    list_filter = ["status"]
    search_fields = ["summary"]
    list_export = ["year", "status", "summary"]
    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("status")]),
        FieldPanel("summary"),
        InlinePanel("items", heading=_("Items"), label=_("Item")),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("draft-from-findings/", views.draft_from_findings, name="draft"),
            path("export/<int:pk>/<str:fmt>/", views.export, name="export"),
            path("evaluation/<int:pk>/", views.evaluation, name="evaluation"),
        ]


class PlanItemIndexView(SafeExportIndexView):
    """The plan items listing: each row's plan, owner and trial come with the row (no N+1)."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("plan", "owner", "trial")


class PlanItemViewSet(SafeExportModelViewSet):
    model = PlanItem
    index_view_class = PlanItemIndexView
    icon = "tasks"
    url_prefix = "comms/plan-items"
    url_namespace = "comms_plan_item"
    menu_label = _("Plan items")
    list_display = [
        "objective",
        "plan",
        "channel",
        "measure",
        "owner",
        "status",
        TrialColumn("trial", label=_("Trial")),
    ]
    list_filter = ["plan", "channel", "measure", "status", "owner"]
    search_fields = ["objective", "key_message"]
    list_export = [
        "plan",
        "objective",
        "audience_groups",
        "measure",
        "channel",
        "key_message",
        "owner",
        "starts_on",
        "ends_on",
        "status",
        "finding",
        "result",
    ]
    form_fields = [
        "plan",
        "objective",
        "audience_wards",
        "audience_groups",
        "measure",
        "channel",
        "key_message",
        "owner",
        "starts_on",
        "ends_on",
        "status",
        "finding_kind",
        "finding",
        "result",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("trial/new/<int:pk>/", trial_views.trial_create, name="trial_create"),
            path("trial/<int:pk>/", trial_views.trial_detail, name="trial"),
            path("trial/<int:pk>/evaluate/", trial_views.trial_evaluate, name="trial_evaluate"),
        ]


class CommsGroup(ViewSetGroup):
    menu_label = _("Alerts and plan")
    menu_icon = "mail"
    menu_order = 300
    items = (AlertViewSet, PlanViewSet, PlanItemViewSet)


@hooks.register("register_admin_viewset")
def register_comms_viewsets():
    return CommsGroup()


@hooks.register("register_log_actions")
def register_alert_log_actions(actions):
    actions.register_action(
        "comms.alert.submit", _("Send alert for approval"), _("Sent for approval")
    )
    actions.register_action("comms.alert.approve", _("Approve alert"), _("Approved"))
    actions.register_action("comms.plan.trial", _("Run as a trial"), _("Run as a trial"))
    actions.register_action(
        "comms.alert.return_to_draft", _("Return alert to draft"), _("Returned to draft")
    )


# Content pages (issue 4) register their admin in their own module.
import comms.content.admin  # noqa: E402, F401
