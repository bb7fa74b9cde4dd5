"""Read-only API for recorded crime aggregates: the borough table, ward tables and ward rates.

Public, because everything here is already published (MPS and ONS open data);
answers come from the same cached tables as the pages, so they always agree.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from perceptions.crime import queries
from perceptions.crime.tables import CrimeTable
from perceptions.crime.ward_tables import WardTable


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


class WardTableSerializer(serializers.Serializer):
    category = serializers.CharField()
    end_month = serializers.DateField()
    windows = WindowSerializer(many=True)
    rows = WardRowSerializer(many=True)


class WardRateSerializer(serializers.Serializer):
    code = serializers.CharField()
    rate = serializers.FloatField()


END = OpenApiParameter("end", OpenApiTypes.STR, description="End month YYYY-MM (default latest)")
PERIODS = OpenApiParameter("periods", OpenApiTypes.INT, description="12-month periods, 1–3")
CATEGORY = OpenApiParameter(
    "category", OpenApiTypes.STR, description="'tno', an MPS major category or 'partner:NAME'"
)


def _periods(request: Request, default: int) -> int | None:
    text = request.query_params.get("periods", "")
    if not text:
        return default
    return int(text) if text.isdigit() and 1 <= int(text) <= queries.MAX_WINDOWS else None


def _not_found(exc: Exception) -> Response:
    return Response({"detail": str(exc)}, status=status.HTTP_404_NOT_FOUND)


def _bad_periods() -> Response:
    return Response({"detail": "periods must be 1, 2 or 3"}, status=status.HTTP_400_BAD_REQUEST)


class CrimeBoroughTableViewSet(viewsets.ViewSet):
    """The strategic assessment table: our borough ranked among the 32 London boroughs."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        parameters=[END, PERIODS],
        responses={200: CrimeTableSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
    )
    def list(self, request: Request) -> Response:
        periods = _periods(request, queries.MAX_WINDOWS)
        if periods is None:
            return _bad_periods()
        try:
            table: CrimeTable = queries.borough_table(request.query_params.get("end"), periods)
        except (LookupError, ValueError) as exc:
            return _not_found(exc)
        return Response(CrimeTableSerializer(table).data)


class CrimeWardTableViewSet(viewsets.ViewSet):
    """Our wards ranked by rate per 1,000 residents for one category."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        parameters=[CATEGORY, END, PERIODS],
        responses={200: WardTableSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
    )
    def list(self, request: Request) -> Response:
        periods = _periods(request, 2)
        if periods is None:
            return _bad_periods()
        category = request.query_params.get("category", queries.TNO)
        try:
            table: WardTable = queries.ward_table(
                category, request.query_params.get("end"), min(periods, 2)
            )
        except (LookupError, ValueError) as exc:
            return _not_found(exc)
        return Response(WardTableSerializer(table).data)


class CrimeWardRateViewSet(viewsets.ViewSet):
    """Recorded crime (TNO) per 1,000 residents by ward, latest 12 months (the fear gap's input)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(parameters=[END], responses={200: WardRateSerializer(many=True)})
    def list(self, request: Request) -> Response:
        try:
            rates = queries.ward_crime_rates(request.query_params.get("end"))
        except (LookupError, ValueError):
            rates = {}
        data = [{"code": code, "rate": rate} for code, rate in sorted(rates.items())]
        return Response(WardRateSerializer(data, many=True).data)


def register_crime(router) -> None:
    """Add the crime endpoints under /api/v1/crime/ (called from ``routes.register``)."""
    router.register("crime/borough-table", CrimeBoroughTableViewSet, basename="crime-borough-table")
    router.register("crime/ward-table", CrimeWardTableViewSet, basename="crime-ward-table")
    router.register("crime/ward-rates", CrimeWardRateViewSet, basename="crime-ward-rates")
