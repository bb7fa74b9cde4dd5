"""Read-only API for recorded crime aggregates: the borough table, ward tables and ward rates.

Public, because everything here is already published (MPS and ONS open data);
answers come from the same cached tables as the pages, so they always agree.
"""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from communitysafety.common.api_tokens.authentication import PUBLIC_AUTHENTICATION
from communitysafety.common.query_parameters import IntegerFilter, cleaned
from perceptions.crime import queries
from perceptions.crime.tables import CrimeTable
from perceptions.crime.ward_tables import WardTable
from perceptions.models import CrimeCount


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class RankSerializer(serializers.Serializer):
    position = serializers.IntegerField(help_text="1 is the highest rate (worst).")
    tied = serializers.BooleanField(help_text="Shared with another area (shown '=2nd').")
    label = serializers.CharField()
    out_of = serializers.IntegerField()
    quarter = serializers.IntegerField(source="band.quarter", help_text="1 = highest quarter.")
    quarter_label = serializers.CharField(source="band.label")


class WindowSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    label = serializers.CharField()


class CrimeRowSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="major, minor, tno, fraud or partner.")
    major = serializers.CharField()
    minor = serializers.CharField(allow_null=True)
    label = serializers.CharField()
    volumes = serializers.ListField(
        child=serializers.IntegerField(allow_null=True), help_text="Latest period first."
    )
    variance = serializers.IntegerField(allow_null=True)
    share_of_tno = serializers.FloatField(allow_null=True)
    change_vs_previous = serializers.FloatField(allow_null=True, help_text="None: zero base.")
    change_vs_two_back = serializers.FloatField(allow_null=True)
    direction = serializers.CharField(allow_null=True)
    rate = serializers.FloatField(allow_null=True, help_text="Per 1,000 residents.")
    rank = RankSerializer(allow_null=True, help_text="None when there were no offences.")
    previous_rank = RankSerializer(allow_null=True)
    london_volumes = serializers.ListField(child=serializers.IntegerField(allow_null=True))
    london_rate = serializers.FloatField(allow_null=True)


@extend_schema_serializer(many=False)  # one table (an object), though served by `list`
class CrimeTableSerializer(serializers.Serializer):
    area = serializers.CharField()
    end_month = serializers.DateField()
    windows = WindowSerializer(many=True)
    residents = serializers.IntegerField(allow_null=True)
    ranked_areas = serializers.IntegerField()
    rows = CrimeRowSerializer(many=True)


class WardRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    residents = serializers.IntegerField()
    volumes = serializers.ListField(child=serializers.IntegerField())
    variance = serializers.IntegerField(allow_null=True)
    change_vs_previous = serializers.FloatField(allow_null=True)
    direction = serializers.CharField(allow_null=True)
    rate = serializers.FloatField()
    rank = RankSerializer(allow_null=True)
    previous_rank = RankSerializer(allow_null=True)


@extend_schema_serializer(many=False)
class WardTableSerializer(serializers.Serializer):
    category = serializers.CharField()
    end_month = serializers.DateField()
    windows = WindowSerializer(many=True)
    rows = WardRowSerializer(many=True)


class WardRateSerializer(serializers.Serializer):
    code = serializers.CharField()
    rate = serializers.FloatField()


END = OpenApiParameter(
    "end", {"type": "string", "maxLength": 20}, description="End month YYYY-MM (default latest)"
)
PERIODS = OpenApiParameter(
    "periods",
    {"type": "integer", "minimum": 1, "maximum": queries.MAX_WINDOWS},
    description="12-month periods, 1–3",
)
CATEGORY = OpenApiParameter(
    "category",
    {"type": "string", "maxLength": 200},
    description="'tno', an MPS major category or 'partner:NAME'",
)


class CrimeFilter(django_filters.FilterSet):
    """The crime endpoints' parameters, validated (a month no table ends on is a 404 later)."""

    end = django_filters.CharFilter(max_length=20)
    periods = IntegerFilter(min_value=1, max_value=queries.MAX_WINDOWS)
    category = django_filters.CharFilter(max_length=200)

    class Meta:
        model = CrimeCount  # the tables are built from these; only the form is used
        fields: list[str] = []


def _not_found(exc: Exception) -> Response:
    return Response({"detail": str(exc)}, status=status.HTTP_404_NOT_FOUND)


class CrimeBoroughTableViewSet(viewsets.ViewSet):
    """The strategic assessment table: our borough ranked among the 32 London boroughs."""

    permission_classes = [AllowAny]
    authentication_classes = PUBLIC_AUTHENTICATION

    @extend_schema(
        parameters=[END, PERIODS],
        responses={200: CrimeTableSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
    )
    def list(self, request: Request) -> Response:
        params = cleaned(CrimeFilter, request)
        try:
            table: CrimeTable = queries.borough_table(
                params["end"], params["periods"] or queries.MAX_WINDOWS
            )
        except (LookupError, ValueError) as exc:
            return _not_found(exc)
        return Response(CrimeTableSerializer(table).data)


class CrimeWardTableViewSet(viewsets.ViewSet):
    """Our wards ranked by rate per 1,000 residents for one category."""

    permission_classes = [AllowAny]
    authentication_classes = PUBLIC_AUTHENTICATION

    @extend_schema(
        parameters=[CATEGORY, END, PERIODS],
        responses={200: WardTableSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
    )
    def list(self, request: Request) -> Response:
        params = cleaned(CrimeFilter, request)
        try:
            table: WardTable = queries.ward_table(
                params["category"] or queries.TNO, params["end"], min(params["periods"] or 2, 2)
            )
        except (LookupError, ValueError) as exc:
            return _not_found(exc)
        return Response(WardTableSerializer(table).data)


class CrimeWardRateViewSet(viewsets.ViewSet):
    """Recorded crime (TNO) per 1,000 residents by ward, latest 12 months (the fear gap's input)."""

    permission_classes = [AllowAny]
    authentication_classes = PUBLIC_AUTHENTICATION

    @extend_schema(
        parameters=[END],
        responses={200: WardRateSerializer(many=True), 400: ErrorSerializer},
    )
    def list(self, request: Request) -> Response:
        params = cleaned(CrimeFilter, request)
        try:
            rates = queries.ward_crime_rates(params["end"])
        except (LookupError, ValueError):
            rates = {}
        data = [{"code": code, "rate": rate} for code, rate in sorted(rates.items())]
        return Response(WardRateSerializer(data, many=True).data)


def register_crime(router) -> None:
    """Add the crime endpoints under /api/v1/crime/ (called from ``routes.register``)."""
    router.register("crime/borough-table", CrimeBoroughTableViewSet, basename="crime-borough-table")
    router.register("crime/ward-table", CrimeWardTableViewSet, basename="crime-ward-table")
    router.register("crime/ward-rates", CrimeWardRateViewSet, basename="crime-ward-rates")
