"""Filters for unsafe-place reports, shared by the admin list and the exports,
so an export holds exactly the reports the moderator was looking at."""

import django_filters
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from communitysafety.wards.models import Ward
from surveys.models.unsafe_places import UnsafePlaceReport
from surveys.unsafe_places.enums import SAFEGUARDING_GROUP, Reason, ReportStatus, TimeOfDay


class UnsafePlaceReportFilterSet(WagtailFilterSet):
    ward = django_filters.ModelChoiceFilter(queryset=Ward.objects.all(), label=_("Ward"))
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices, label=_("Status"))
    reason = django_filters.ChoiceFilter(
        choices=Reason.choices, label=_("Reason"), method="filter_reason"
    )
    time_of_day = django_filters.ChoiceFilter(choices=TimeOfDay.choices, label=_("Time of day"))
    submitted_on = django_filters.DateFromToRangeFilter(
        label=_("Submitted"), widget=DateRangePickerWidget
    )

    class Meta:
        model = UnsafePlaceReport
        fields = ["ward", "status", "reason", "time_of_day", "submitted_on"]

    def filter_reason(self, queryset, name, value):
        return queryset.filter(reasons__code=value) if value else queryset


def is_safeguarding_lead(user) -> bool:
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=SAFEGUARDING_GROUP).exists()


def visible_to(user):
    """Every report the user may open (general queue, plus flagged ones for leads)."""
    reports = UnsafePlaceReport.objects.select_related("ward", "referred_to", "duplicate_group")
    return reports if is_safeguarding_lead(user) else reports.general_queue()
