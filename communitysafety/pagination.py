"""The API's one pagination: `limit` (1–100, default 50) and `offset`, both validated.

DRF's own LimitOffsetPagination silently ignores a malformed `limit` or `offset` and has
no maximum unless one is set; here a malformed value is a 400 naming the parameter, and a
`limit` above the maximum is served as the maximum (DRF's convention), so no client can
ask for every row at once.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

MAX_LIMIT = 100
MAX_OFFSET = 2**31 - 1  # beyond SQLite's and PostgreSQL's integers; no list is that long


def _integer(request: Request, name: str, minimum: int, maximum: int | None) -> int | None:
    """The query parameter as an int, None when absent or blank; 400 when malformed."""
    text = request.query_params.get(name)
    if text is None or text == "":
        return None
    try:
        value = int(text)
    except ValueError:
        message = _("Enter a whole number.")
        raise ValidationError({"detail": f"{name}: {message}", name: [message]}) from None
    if value < minimum or (maximum is not None and value > maximum):
        high = maximum if maximum is not None else "any"
        message = _("Enter a whole number from %(low)s to %(high)s.") % {
            "low": minimum,
            "high": high,
        }
        raise ValidationError({"detail": f"{name}: {message}", name: [message]})
    return value


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """`limit` 1–100 (more is served as 100), `offset` from 0; malformed values are a 400."""

    default_limit = 50
    max_limit = MAX_LIMIT

    def get_limit(self, request: Request) -> int:
        limit = _integer(request, self.limit_query_param, 1, None)
        return self.default_limit if limit is None else min(limit, self.max_limit)

    def get_offset(self, request: Request) -> int:
        return _integer(request, self.offset_query_param, 0, MAX_OFFSET) or 0

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        """The parameters with their bounds, so clients (and schemathesis) know them."""
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            schema = parameter["schema"]
            if parameter["name"] == self.limit_query_param:
                schema.update(minimum=1, default=self.default_limit)
                parameter["description"] = _(
                    "Number of results to return per page: 1–%(max)s (more is served as %(max)s)."
                ) % {"max": self.max_limit}
            elif parameter["name"] == self.offset_query_param:
                schema.update(minimum=0, maximum=MAX_OFFSET, default=0)
        return parameters
