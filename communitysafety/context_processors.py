"""Values every page template needs (site name, borough)."""

from django.conf import settings
from django.http import HttpRequest


def site_shell(request: HttpRequest) -> dict[str, str]:
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "BOROUGH_NAME": settings.BOROUGH_NAME,
    }
