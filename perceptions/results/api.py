"""Public read-only results API: released waves only, suppression applied.

Rows come from the stored results (never computed on request). Filter with ``survey``
(slug; default the first survey with results), ``wave``, ``measure``, ``group`` and
``group_value`` where they apply.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

import django_filters
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from communitysafety.common.query_parameters import (
    GSS_CODE_LENGTH,
    BoundedCharFilter,
    IntegerFilter,
    cleaned,
    gss_code_filter,
    slug_filter,
)
from communitysafety.pagination import LimitOffsetPagination
from perceptions.models import SurveyResults
from perceptions.results import serializers
from perceptions.results.presentation import Visible, visible

FIRST_YEAR, LAST_YEAR = 1900, 2200
WAVE = OpenApiParameter(
    "wave",
    {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
    description="survey year",
)
GROUPS = ["borough", "ward", "age_band"]
# A question code (`surveys.models.questions.code_validator`): at most 50 characters.
QUESTION_CODE_PATTERN = r"^[a-z][a-z0-9_]*$"


class ResultsFilter(django_filters.FilterSet):
    """Every parameter the results endpoints take, validated (each endpoint uses its own)."""

    survey = slug_filter(help_text="survey slug")
    measure = BoundedCharFilter(
        max_length=50,
        pattern=QUESTION_CODE_PATTERN,
        pattern_message=_("Enter a question code: lower-case letters, digits and underscores."),
        help_text="question code",
    )
    wave = IntegerFilter(min_value=FIRST_YEAR, max_value=LAST_YEAR)
    group = django_filters.ChoiceFilter(choices=[(group, group) for group in GROUPS])
    # A ward's GSS code (9) or an age band such as "65+" or "16-24".
    group_value = BoundedCharFilter(
        max_length=GSS_CODE_LENGTH, help_text="ward GSS code or age band"
    )
    ward = gss_code_filter(help_text="ward GSS code")

    class Meta:
        model = SurveyResults
        fields: list[str] = []


_FILTERS = ResultsFilter.base_filters
COMMON = [_FILTERS["survey"].parameter("survey"), _FILTERS["measure"].parameter("measure")]
GROUP = [
    OpenApiParameter("group", OpenApiTypes.STR, enum=GROUPS),
    _FILTERS["group_value"].parameter("group_value"),
]


class ResultsPagination(LimitOffsetPagination):
    """Stored aggregates, already in memory: pages up to 1,000 rows (a wave's estimates)."""

    max_limit = 1000


class ResultsViewSet(viewsets.GenericViewSet, ABC):
    """Base: rows of one part of the stored public results, filtered by query parameters."""

    permission_classes = [AllowAny]
    pagination_class = ResultsPagination
    filters: tuple[str, ...] = ("measure",)

    def visible_results(self, slug: str) -> Visible:
        results = SurveyResults.objects.filter(generation__gt=0).select_related("survey")
        results = results.filter(survey__slug=slug) if slug else results.order_by("survey__title")
        found = results.first()
        if found is None:
            raise Http404("no results")
        return visible(found, staff=False)

    @abstractmethod
    def rows(self, data: Visible) -> list[dict[str, Any]]:
        """The rows this endpoint lists, before the query-parameter filters."""

    def get_queryset(self):  # rows, not a QuerySet: the router and schema only need a list
        params = cleaned(ResultsFilter, self.request)  # a 400 naming any bad parameter
        rows = self.rows(self.visible_results(params["survey"]))
        for name in self.filters:
            value = params[name]
            if value not in (None, ""):
                rows = [row for row in rows if str(row.get(name)) == str(value)]
        return rows

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(parameters=[*COMMON, WAVE, *GROUP])
class EstimateViewSet(ResultsViewSet):
    """Weighted estimates per wave × question × group (suppressed below 10 answers)."""

    serializer_class = serializers.EstimateSerializer
    filters = ("measure", "wave", "group", "group_value")

    def rows(self, data: Visible) -> list[dict[str, Any]]:
        return data.estimates


@extend_schema(parameters=[*COMMON, *GROUP])
class ChangeViewSet(ResultsViewSet):
    """Year-on-year changes with Benjamini–Hochberg q-values between released waves."""

    serializer_class = serializers.ChangeSerializer
    filters = ("measure", "group", "group_value")

    def rows(self, data: Visible) -> list[dict[str, Any]]:
        return data.changes


@extend_schema(parameters=COMMON)
class BenchmarkViewSet(ResultsViewSet):
    """Our survey next to the MOPAC PAS borough and London figures, per measure and year."""

    serializer_class = serializers.BenchmarkSerializer

    def rows(self, data: Visible) -> list[dict[str, Any]]:
        return data.benchmarks


@extend_schema(
    parameters=[
        _FILTERS["survey"].parameter("survey"),
        WAVE,
        _FILTERS["ward"].parameter("ward"),
    ]
)
class FearGapViewSet(ResultsViewSet):
    """Per ward: share feeling unsafe after dark, crime and report rates, quadrant."""

    serializer_class = serializers.FearGapSerializer
    filters = ("wave", "ward")

    def rows(self, data: Visible) -> list[dict[str, Any]]:
        rows = []
        for wave in data.fear_gap.get("waves", {}).values():
            for ward in wave["wards"]:
                rows.append(
                    {
                        **ward,
                        "wave": wave["wave"],
                        "fear_threshold": wave["fear_threshold"],
                        "crime_threshold": wave["crime_threshold"],
                    }
                )
        return rows
