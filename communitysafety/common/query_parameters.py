"""Query parameters checked by django-filter FilterSets: a 400 naming each bad parameter.

Lists backed by a QuerySet use `FilterBackend` (django-filter's, with our error shape);
endpoints that answer from stored tables (no QuerySet) call `cleaned` with a FilterSet
whose filters only validate. Either way the 400 body is
`{"detail": "name: message", "name": ["message", ...]}`, so a client sees at once which
parameter was wrong, and endpoints documented with a `detail` error keep it.

Text parameters are `BoundedCharFilter`s: a maximum length (and a pattern where the value
has a shape, such as a ward's GSS code or a slug), checked with a 400 and stated in the
OpenAPI schema, so a client (or a fuzzer such as schemathesis) knows the bounds and a
megabyte string never reaches a query.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

# A GSS code (ONS): a letter and eight digits; wards are E05…, W05… or S13….
GSS_CODE_LENGTH = 9
GSS_CODE_PATTERN = r"^[A-Z][0-9]{8}$"
# Django's SlugField: at most 50 ASCII letters, digits, hyphens and underscores.
SLUG_LENGTH = 50
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (django-filter's NumberFilter takes decimals such as `2023.5`)."""

    field_class = forms.IntegerField


class BoundedCharFilter(django_filters.CharFilter):
    """A text parameter of at most `max_length` characters, optionally matching `pattern`.

    Too long or malformed is a 400 naming the parameter; the same bounds are the
    parameter's schema (`schema`), so the documentation cannot drift from the check.
    """

    def __init__(
        self,
        *args: Any,
        max_length: int,
        pattern: str | None = None,
        pattern_message: str | None = None,
        **kwargs: Any,
    ):
        validators = list(kwargs.pop("validators", []))
        if pattern:
            validators.append(RegexValidator(pattern, pattern_message or _("Enter a valid value.")))
        super().__init__(*args, max_length=max_length, validators=validators, **kwargs)
        self.schema: dict[str, Any] = {"type": "string", "maxLength": max_length}
        if pattern:
            self.schema["pattern"] = pattern
        if kwargs.get("help_text"):
            self.schema["description"] = str(kwargs["help_text"])
        extend_schema_field(self.schema)(self)

    def parameter(self, name: str) -> OpenApiParameter:
        """This filter as an OpenAPI parameter, for views that validate with `cleaned`."""
        schema = {key: value for key, value in self.schema.items() if key != "description"}
        return OpenApiParameter(name, schema, description=self.schema.get("description", ""))


def gss_code_filter(**kwargs: Any) -> BoundedCharFilter:
    """A ward (or other area) GSS code: nine characters, such as `E05013983`."""
    return BoundedCharFilter(
        max_length=GSS_CODE_LENGTH,
        pattern=GSS_CODE_PATTERN,
        pattern_message=_("Enter a GSS code: a capital letter and 8 digits, such as E05013983."),
        **kwargs,
    )


def slug_filter(**kwargs: Any) -> BoundedCharFilter:
    """A slug (topic, priority, survey): letters, digits, hyphens and underscores."""
    return BoundedCharFilter(
        max_length=SLUG_LENGTH,
        pattern=SLUG_PATTERN,
        pattern_message=_("Enter a slug: letters, digits, hyphens and underscores."),
        **kwargs,
    )


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
