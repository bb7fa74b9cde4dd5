"""Template tags for comms content: the site-wide banner."""

from django import template
from django.utils import timezone

from comms.models.banners import SiteBanner
from communitysafety.common.page_cache import SITE_CONTENT

register = template.Library()


def _enabled_banners() -> list[SiteBanner]:
    now = timezone.now()
    return list(
        SiteBanner.objects.filter(is_enabled=True, expires_at__gt=now).order_by("-starts_at")
    )


@register.simple_tag
def site_banners() -> list[SiteBanner]:
    """Banners showing now (at most two: a wall of warnings is ignored).

    Every page shows them, so the enabled ones are cached under the site-content
    generation (a banner save bumps it) and the start/expiry times are checked here.
    """
    now = timezone.now()
    enabled = SITE_CONTENT.cached(("banners",), _enabled_banners, timeout=3600)
    return [banner for banner in enabled if banner.starts_at <= now < banner.expires_at][:2]
