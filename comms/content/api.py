"""Read-only API for published events and advice (`/api/v1/events/`, `/api/v1/advice/`).

Only what the public pages already show: live, public pages, explicit fields.
"""

from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from comms.models import AdvicePage, EventPage
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


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("ward", OpenApiTypes.STR, description="Ward GSS code"),
            OpenApiParameter(
                "when", OpenApiTypes.STR, enum=["upcoming", "past"], description="Default: all"
            ),
        ]
    )
)
class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """Published roadshows and community events, soonest first."""

    serializer_class = EventSerializer
    permission_classes = [AllowAny]
    lookup_field = "slug"

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
        ward = self.request.query_params.get("ward")
        if ward:
            events = events.filter(ward__code=ward)
        when = self.request.query_params.get("when")
        if when == "upcoming":
            events = events.upcoming()
        elif when == "past":
            events = events.past()
        return events


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("topic", OpenApiTypes.STR, description="Topic slug"),
            OpenApiParameter("priority", OpenApiTypes.STR, description="Priority slug"),
            OpenApiParameter("ward", OpenApiTypes.STR, description="Ward GSS code"),
        ]
    )
)
class AdviceViewSet(viewsets.ReadOnlyModelViewSet):
    """Published crime-prevention advice, by title."""

    serializer_class = AdviceSerializer
    permission_classes = [AllowAny]
    lookup_field = "slug"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request
            return AdvicePage.objects.none()
        pages = (
            AdvicePage.objects.live()
            .public()
            .prefetch_related("topics", "priorities", "wards")
            .order_by("title", "pk")
        )
        params = self.request.query_params
        if params.get("topic"):
            pages = pages.filter(topics__slug=params["topic"])
        if params.get("priority"):
            pages = pages.filter(priorities__slug=params["priority"])
        if params.get("ward"):
            pages = pages.filter(Q(wards__code=params["ward"]) | Q(wards__isnull=True))
        return pages.distinct()
