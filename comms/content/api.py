"""Read-only API for published events and advice (`/api/v1/events/`, `/api/v1/advice/`).

Only what the public pages already show: live, public pages, explicit fields.
"""

import django_filters
from django.db.models import Q, QuerySet
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from comms.models import AdvicePage, EventPage
from communitysafety.common.query_parameters import FilterBackend, gss_code_filter, slug_filter
from communitysafety.wards.serializers import WardRefSerializer


class SlugNameSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class PrioritySerializer(serializers.Serializer):
    number = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()


class EventSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    ics_url = serializers.SerializerMethodField()
    ward = WardRefSerializer(allow_null=True)
    partners = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    outcome = serializers.SerializerMethodField()

    class Meta:
        model = EventPage
        fields = [
            "id",
            "title",
            "slug",
            "url",
            "ics_url",
            "summary",
            "start",
            "end",
            "status",
            "status_note",
            "is_online",
            "venue_name",
            "address",
            "ward",
            "accessibility",
            "booking_url",
            "partners",
            "outcome",
        ]

    def get_url(self, obj: EventPage) -> str:
        return obj.get_full_url(self.context.get("request")) or ""

    def get_ics_url(self, obj: EventPage) -> str:
        request = self.context.get("request")
        path = obj.ics_url()
        return request.build_absolute_uri(path) if request else path

    def get_outcome(self, obj: EventPage) -> str:
        """Only past events carry 'what happened / what you told us'."""
        return obj.outcome if obj.is_past else ""


class AdviceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    topics = SlugNameSerializer(many=True)
    priorities = PrioritySerializer(many=True)
    wards = WardRefSerializer(many=True)

    class Meta:
        model = AdvicePage
        fields = [
            "id",
            "title",
            "slug",
            "url",
            "summary",
            "topics",
            "priorities",
            "wards",
            "report_phone",
            "report_online_url",
            "last_reviewed",
        ]

    def get_url(self, obj: AdvicePage) -> str:
        return obj.get_full_url(self.context.get("request")) or ""


class EventFilter(django_filters.FilterSet):
    """`ward` (GSS code) and `when` (upcoming or past; default all); anything else is a 400."""

    ward = gss_code_filter(field_name="ward__code", help_text="Ward GSS code")
    when = django_filters.ChoiceFilter(
        choices=[("upcoming", "upcoming"), ("past", "past")],
        method="filter_when",
        help_text="Default: all",
    )

    class Meta:
        model = EventPage
        fields = ["ward", "when"]

    def filter_when(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.upcoming() if value == "upcoming" else queryset.past()


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """Published roadshows and community events, soonest first."""

    serializer_class = EventSerializer
    permission_classes = [AllowAny]
    lookup_field = "slug"
    filter_backends = [FilterBackend]
    filterset_class = EventFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request
            return EventPage.objects.none()
        events = (
            EventPage.objects.live()
            .public()
            .select_related("ward")
            .prefetch_related("partners")
            .order_by("start", "pk")
        )
        return events


class AdviceFilter(django_filters.FilterSet):
    """`topic`, `priority` (slugs) and `ward` (GSS code: its advice and borough-wide advice)."""

    topic = slug_filter(field_name="topics__slug", help_text="Topic slug")
    priority = slug_filter(field_name="priorities__slug", help_text="Priority slug")
    ward = gss_code_filter(method="filter_ward", help_text="Ward GSS code")

    class Meta:
        model = AdvicePage
        fields = ["topic", "priority", "ward"]

    def filter_ward(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(wards__code=value) | Q(wards__isnull=True))


class AdviceViewSet(viewsets.ReadOnlyModelViewSet):
    """Published crime-prevention advice, by title."""

    serializer_class = AdviceSerializer
    permission_classes = [AllowAny]
    lookup_field = "slug"
    filter_backends = [FilterBackend]
    filterset_class = AdviceFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request
            return AdvicePage.objects.none()
        return (
            AdvicePage.objects.live()
            .public()
            .prefetch_related("topics", "priorities", "wards")
            .order_by("title", "pk")
        )

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # A page in two matching topics (or wards) must be listed once.
        return super().filter_queryset(queryset).distinct()
