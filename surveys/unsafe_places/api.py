"""The unsafe-places API: anonymous submit, public suppressed summary, staff-only raw reports.

The submit endpoint takes no session or cookie authentication, so a cross-site page
cannot post as a logged-in moderator and no CSRF token is needed (a partner's API token
is read-only: a POST with one is a 403); it is rate limited
per client with the salted, cache-only key of `communitysafety.common.ratelimit`.
"""

from django.conf import settings
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from communitysafety.common.api_tokens.authentication import PUBLIC_AUTHENTICATION
from communitysafety.common.ratelimit import Limit, is_limited
from surveys.models.unsafe_places import UnsafePlaceReport
from surveys.unsafe_places import aggregates, conf
from surveys.unsafe_places.enums import SAFEGUARDING_GROUP, Reason, TimeOfDay
from surveys.unsafe_places.serializers import (
    ReportCreatedSerializer,
    ReportSubmitSerializer,
    StaffReportSerializer,
)
from surveys.unsafe_places.submission import store_report

MAX_BODY_BYTES = 8 * 1024
# {field name: [messages]} (a nested field, like `location`, holds its own such object).
ERROR_SCHEMA = {
    "type": "object",
    "additionalProperties": {
        "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "object"}]
    },
}
DETAIL_SCHEMA = {"type": "object", "properties": {"detail": {"type": "string"}}}
STAFF_ONLY = OpenApiResponse(DETAIL_SCHEMA, description="Not logged in as a moderator.")


class IsModerator(permissions.BasePermission):
    """Staff who may view reports (Moderators, Administrators)."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(
            user and user.is_authenticated and user.has_perm("surveys.view_unsafeplacereport")
        )


class UnsafePlaceViewSet(viewsets.ViewSet):
    """Anonymous submit of a place where someone felt unsafe, and the public summary."""

    authentication_classes = PUBLIC_AUTHENTICATION
    permission_classes = [permissions.AllowAny]
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="unsafe_places_create",
        request=ReportSubmitSerializer,
        responses={
            201: ReportCreatedSerializer,
            400: OpenApiResponse(ERROR_SCHEMA, description="A message per field; nothing stored."),
            403: OpenApiResponse(DETAIL_SCHEMA, description="Sent with an API token (read-only)."),
            413: OpenApiResponse(ERROR_SCHEMA, description="The body is too large."),
            429: OpenApiResponse(ERROR_SCHEMA, description="Too many reports from this client."),
        },
        tags=["unsafe places"],
        auth=[],
    )
    def create(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_BODY_BYTES:
            return Response(
                {"non_field_errors": ["The report is too large: send at most 8 KB."]},
                status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            )
        count, seconds = conf.submit_limit()
        if is_limited(request, Limit("unsafe_places_submit", count, seconds)):
            return Response(
                {"non_field_errors": ["Too many reports from here: please try again later."]},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        try:
            data = request.data
        except ParseError:
            return Response(
                {"non_field_errors": ["The body must be a JSON object."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        if not isinstance(data, dict):
            return Response(
                {"non_field_errors": ["The body must be a JSON object."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        serializer = ReportSubmitSerializer(data=data)
        if not serializer.is_valid():
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        report = store_report(serializer.to_new_report())
        return Response(
            ReportCreatedSerializer(report).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        operation_id="unsafe_places_summary",
        parameters=[
            OpenApiParameter("reason", str, enum=Reason.values, required=False),
            OpenApiParameter("time_of_day", str, enum=TimeOfDay.values, required=False),
        ],
        responses={
            200: OpenApiResponse(description="Suppressed counts and a GeoJSON grid."),
            400: OpenApiResponse(ERROR_SCHEMA, description="An unknown reason or time of day."),
        },
        tags=["unsafe places"],
    )
    @action(detail=False, methods=["get"], url_path="summary")
    def summary(self, request):
        """Public aggregates: counts by ward × reason × time of day, suppressed, and a grid."""
        reason = request.query_params.get("reason")
        time_of_day = request.query_params.get("time_of_day")
        errors = {}
        if reason is not None and reason not in Reason.values:
            errors["reason"] = [f"Unknown reason “{reason[:40]}”."]
        if time_of_day is not None and time_of_day not in TimeOfDay.values:
            errors["time_of_day"] = [f"Unknown time of day “{time_of_day[:40]}”."]
        if errors:
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        response = Response(aggregates.summary(reason=reason or "", time_of_day=time_of_day or ""))
        response["Cache-Control"] = (
            f"public, max-age={getattr(settings, 'UNSAFE_PLACES_SUMMARY_MAX_AGE', 300)}"
        )
        return response


@extend_schema_view(
    list=extend_schema(responses={200: StaffReportSerializer(many=True), 403: STAFF_ONLY}),
    retrieve=extend_schema(
        responses={
            200: StaffReportSerializer,
            403: STAFF_ONLY,
            404: OpenApiResponse(DETAIL_SCHEMA, description="No such report."),
        }
    ),
)
@extend_schema(tags=["unsafe places"])
class StaffUnsafePlaceReportViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Raw reports for moderators (staff session or staff-scope token; view permission)."""

    serializer_class = StaffReportSerializer
    permission_classes = [IsModerator]
    lookup_field = "reference"

    def get_queryset(self):
        queryset = (
            UnsafePlaceReport.objects.select_related("ward", "referred_to", "duplicate_group")
            .prefetch_related("reasons")
            .order_by("-submitted_on", "-pk")
        )
        user = self.request.user
        if not user.is_superuser and not user.groups.filter(name=SAFEGUARDING_GROUP).exists():
            queryset = queryset.general_queue()
        return queryset
