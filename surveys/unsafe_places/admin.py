"""The "Unsafe places" admin menu: report queues, duplicate groups, followed wards,
the moderation page and exports, and the audit-log actions they write.

Imported by `surveys/wagtail_hooks.py` (the hooks below register on import).
"""

from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

from communitysafety.common.admin_exports import SafeExportIndexView, SafeExportModelViewSet
from communitysafety.common.sanitise import spreadsheet_safe
from surveys.models.unsafe_places import DuplicateGroup, UnsafePlaceReport, WardFollow
from surveys.unsafe_places import admin_views, moderation
from surveys.unsafe_places.enums import ReportStatus
from surveys.unsafe_places.exports import ACTION_EXPORT, export_filters, record_export
from surveys.unsafe_places.filters import UnsafePlaceReportFilterSet, is_safeguarding_lead


class ReportIndexView(SafeExportIndexView):
    """The queue: rows open the moderation page; CSV export is formula-safe."""

    safeguarding = False

    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("ward").prefetch_related("reasons")
        if self.safeguarding:
            if not is_safeguarding_lead(self.request.user):
                return queryset.none()
            return queryset.safeguarding_queue()
        return queryset.general_queue()

    def get_edit_url(self, instance):
        return reverse("unsafe_places_admin:moderate", args=[instance.pk])

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """The list's own CSV/XLSX export is audited like the tasking exports."""
        record_export(
            self.request.user,
            fmt=spreadsheet_format,
            filters=export_filters(
                self.filters, safeguarding=self.safeguarding, searched=bool(self.search_query)
            ),
            rows=queryset.count(),
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        return {key: spreadsheet_safe(value) for key, value in row.items()}

    @cached_property
    def header_buttons(self):
        query = self.request.GET.urlencode()
        suffix = "?" + query if query else ""
        if self.safeguarding:
            suffix = "?safeguarding=1" + ("&" + query if query else "")
        return [
            HeaderButton(
                _("GeoJSON for tasking"),
                url=reverse("unsafe_places_admin:export_geojson") + suffix,
                icon_name="download",
            ),
            HeaderButton(
                _("CSV for tasking"),
                url=reverse("unsafe_places_admin:export_csv") + suffix,
                icon_name="download",
            ),
        ]


class SafeguardingIndexView(ReportIndexView):
    safeguarding = True


_REPORT_LIST = [
    "reference",
    "submitted_on",
    "ward",
    "place",
    "status",
    "reason_labels",
    "time_of_day",
]
_REPORT_EXPORT = [
    "reference",
    "submitted_on",
    "ward.code",
    "ward.name",
    "place",
    "latitude",
    "longitude",
    "reason_labels",
    "time_of_day",
    "description",
    "status",
    "status_reason",
    "referred_to",
    "public_note",
]


class UnsafePlaceReportViewSet(SafeExportModelViewSet):
    model = UnsafePlaceReport
    index_view_class = ReportIndexView
    icon = "warning"
    menu_label = _("Reports")
    url_prefix = "unsafe-places/reports"
    name = "unsafe_place_reports"
    add_to_admin_menu = False
    list_display = _REPORT_LIST
    filterset_class = UnsafePlaceReportFilterSet
    search_fields = ["reference", "place"]
    list_export = _REPORT_EXPORT
    export_headings = {"ward.code": _("Ward code"), "ward.name": _("Ward")}
    export_filename = "unsafe-place-reports"
    form_fields = ["ward", "place", "time_of_day"]
    inspect_view_enabled = True
    copy_view_enabled = False


class SafeguardingReportViewSet(UnsafePlaceReportViewSet):
    """The same reports, flagged ones only, for the safeguarding leads."""

    index_view_class = SafeguardingIndexView
    menu_label = _("Safeguarding")
    icon = "warning"
    url_prefix = "unsafe-places/safeguarding"
    name = "unsafe_place_safeguarding"
    list_display = [*_REPORT_LIST, "safeguarding_flagged_by", "safeguarding_handled_by"]


class DuplicateGroupViewSet(SafeExportModelViewSet):
    model = DuplicateGroup
    icon = "link"
    menu_label = _("Duplicate groups")
    url_prefix = "unsafe-places/groups"
    name = "unsafe_place_groups"
    add_to_admin_menu = False
    list_display = ["label", "created_on"]
    list_filter = ["created_on"]
    search_fields = ["label"]
    list_export = ["label", "public_note", "created_on"]
    form_fields = ["label", "public_note"]
    copy_view_enabled = False


class WardFollowViewSet(SafeExportModelViewSet):
    model = WardFollow
    icon = "mail"
    menu_label = _("Wards I follow (daily digest)")
    url_prefix = "unsafe-places/follows"
    name = "unsafe_place_follows"
    add_to_admin_menu = False
    list_display = ["user", "ward"]
    list_filter = ["ward"]
    search_fields = ["user__username"]
    list_export = ["user", "ward"]
    form_fields = ["user", "ward"]
    copy_view_enabled = False


class UnsafePlacesGroup(ModelViewSetGroup):
    menu_label = _("Unsafe places")
    menu_icon = "warning"
    menu_order = 250
    items = (
        UnsafePlaceReportViewSet,
        SafeguardingReportViewSet,
        DuplicateGroupViewSet,
        WardFollowViewSet,
    )


@hooks.register("register_admin_viewset")
def register_unsafe_places_viewsets():
    return UnsafePlacesGroup()


@hooks.register("register_admin_urls")
def register_unsafe_places_urls():
    urls = [
        path("<int:pk>/moderate/", admin_views.moderate, name="moderate"),
        path("export.csv", admin_views.export_csv, name="export_csv"),
        path("export.geojson", admin_views.export_geojson, name="export_geojson"),
    ]
    return [path("unsafe-places/", include((urls, "unsafe_places_admin")))]


@hooks.register("register_log_actions")
def register_unsafe_place_log_actions(actions):
    from wagtail.log_actions import LogFormatter

    @actions.register_action(moderation.ACTION_TRANSITION)
    class TransitionFormatter(LogFormatter):
        label = _("Change status")

        def format_message(self, log_entry):
            data = log_entry.data
            labels = dict(ReportStatus.choices)
            message = _("Status changed from “%(from)s” to “%(to)s”") % {
                "from": labels.get(data.get("from"), data.get("from")),
                "to": labels.get(data.get("to"), data.get("to")),
            }
            if data.get("partner"):
                message += _(", referred to %(partner)s") % {"partner": data["partner"]}
            if data.get("reason"):
                message += _(": %(reason)s") % {"reason": data["reason"]}
            return message

    @actions.register_action(ACTION_EXPORT)
    class ExportFormatter(LogFormatter):
        label = _("Export unsafe-place reports")

        def format_message(self, log_entry):
            data = log_entry.data
            filters = data.get("filters") or {}
            rows = data.get("rows", 0)
            message = ngettext(
                "Exported %(rows)s report as %(format)s",
                "Exported %(rows)s reports as %(format)s",
                rows,
            ) % {"rows": rows, "format": str(data.get("format", "")).upper()}
            if filters:
                message += _(" (filters: %(filters)s)") % {
                    "filters": ", ".join(f"{key}={value}" for key, value in filters.items())
                }
            return message

    actions.register_action(
        moderation.ACTION_REDACT, _("Redact description"), _("Description redacted")
    )
    actions.register_action(
        moderation.ACTION_NOTE, _("Public outcome note"), _("Public outcome note written")
    )
    actions.register_action(
        moderation.ACTION_GROUP, _("Group duplicates"), _("Grouped with near-duplicates")
    )
    actions.register_action(
        moderation.ACTION_UNGROUP, _("Ungroup"), _("Removed from a duplicate group")
    )
    actions.register_action(
        moderation.ACTION_SAFEGUARDING,
        _("Flag safeguarding"),
        _("Flagged as a safeguarding concern and sent to the safeguarding leads"),
    )
    actions.register_action(
        moderation.ACTION_SAFEGUARDING_HANDLED,
        _("Safeguarding handled"),
        _("Safeguarding concern handled"),
    )
    actions.register_action(
        moderation.ACTION_PURGE,
        _("Purge description"),
        _("Description purged at the end of the retention period"),
    )
