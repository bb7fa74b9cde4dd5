"""The one REST API router. Each app registers its own viewsets in `<app>/api/routes.py`."""

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import exception_handler as drf_exception_handler

from comms.api.routes import register as register_comms
from communitysafety.common.api_tokens.authentication import record_refusal
from perceptions.api.routes import register as register_perceptions
from surveys.api.routes import register as register_surveys

router = DefaultRouter()
router.include_root_view = True
for register in (register_surveys, register_perceptions, register_comms):
    register(router)


def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any unknown URL under /api/: a JSON 404 like the API's own, not the HTML page."""
    return JsonResponse({"detail": _("Not found.")}, status=404)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, and an audit-log entry when a partner token is refused an endpoint."""
    response = drf_exception_handler(exc, context)
    if isinstance(exc, exceptions.PermissionDenied) and "request" in context:
        record_refusal(context["request"])
    return response


def only_public_api(endpoints: list[tuple[str, str, str, Any]]) -> list[tuple[str, str, str, Any]]:
    """drf-spectacular hook: document only our `/api/v1/`, not Wagtail's admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


_ERROR = {
    "description": "",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "description": "`detail` for errors, or one list of messages per field.",
                "additionalProperties": True,
            }
        }
    },
}
_ERRORS = {
    "400": "Bad request: a message per field, or for a bad query parameter.",
    "401": "The API token is unknown, revoked or expired (only when one is sent).",
    "403": "Not allowed: staff endpoints need a staff log-in with the right role.",
    "404": "Not found.",
    "429": "Too many requests from this client: try again later.",
}
# A partner token over its rate (API_TOKEN_RATE): DRF's throttle says when to come back.
_TOKEN_OVER_RATE = {
    **_ERROR,
    "description": "Too many requests with this API token: try again after Retry-After seconds.",
    "headers": {
        "Retry-After": {
            "description": "Seconds to wait before the next request.",
            "schema": {"type": "integer", "minimum": 1},
        }
    },
}


def document_error_responses(result: dict, generator: Any, request: Any, public: bool) -> dict:
    """drf-spectacular hook: document the error answers every endpoint can give.

    Details, and lists filtered by an unknown object, can answer 404; anything taking
    input (a body or query parameters) can answer 400; POSTs are rate limited (429);
    anything not public can answer 403; anything taking a partner token can answer 401,
    and 429 once the token is over its rate.
    """
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            codes = []
            if "{" in path or method == "get":
                codes.append("404")  # a detail, or a list filtered by an unknown survey
            if method in {"post", "put", "patch"} or operation.get("parameters"):
                codes.append("400")
            if method == "post":
                codes.append("429")
            if operation.get("security") != [{}] and {} not in operation.get("security", [{}]):
                codes.append("403")
            takes_token = any("tokenAuth" in scheme for scheme in operation.get("security", []))
            if takes_token:
                codes.append("401")
            for code in codes:
                responses.setdefault(code, {**_ERROR, "description": _ERRORS[code]})
            if takes_token:
                responses.setdefault("429", _TOKEN_OVER_RATE)
    return result
