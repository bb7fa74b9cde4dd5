"""The one REST API router. Each app registers its own viewsets in `<app>/api/routes.py`."""

from typing import Any

from rest_framework.routers import DefaultRouter

from comms.api.routes import register as register_comms
from perceptions.api.routes import register as register_perceptions
from surveys.api.routes import register as register_surveys

router = DefaultRouter()
router.include_root_view = True
for register in (register_surveys, register_perceptions, register_comms):
    register(router)


def only_public_api(endpoints: list[tuple[str, str, str, Any]]) -> list[tuple[str, str, str, Any]]:
    """drf-spectacular hook: document only our `/api/v1/`, not Wagtail's admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
