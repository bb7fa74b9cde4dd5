"""Query parameters checked by django-filter FilterSets: a 400 naming each bad parameter.

Lists backed by a QuerySet use `FilterBackend` (django-filter's, with our error shape);
endpoints that answer from stored tables (no QuerySet) call `cleaned` with a FilterSet
whose filters only validate. Either way the 400 body is
`{"detail": "name: message", "name": ["message", ...]}`, so a client sees at once which
parameter was wrong, and endpoints documented with a `detail` error keep it.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (django-filter's NumberFilter takes decimals such as `2023.5`)."""

    field_class = forms.IntegerField


def _error(errors: dict[str, list[str]]) -> ValidationError:
    detail = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items())
    return ValidationError({"detail": detail, **errors})


def cleaned(filterset_class: type[django_filters.FilterSet], request: Request) -> dict[str, Any]:
    """The validated query parameters (blank ones as None or ''), or a 400 naming the bad ones."""
    model = filterset_class._meta.model  # any model: only the form is used
    filterset = filterset_class(request.query_params, queryset=model._default_manager.none())
    if not filterset.is_valid():
        raise _error(
            {name: [str(m) for m in messages] for name, messages in filterset.errors.items()}
        )
    return filterset.form.cleaned_data


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend with the error shape above (its own answers `{name: [...]}`)."""

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise _error(
                {name: [str(m) for m in messages] for name, messages in filterset.errors.items()}
            )
        return filterset.qs
