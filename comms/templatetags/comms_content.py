"""Template tags for comms content: the site-wide banner."""

from django import template

from comms.models.banners import SiteBanner

register = template.Library()


@register.simple_tag
def site_banners() -> list[SiteBanner]:
    """Banners showing now (at most two: a wall of warnings is ignored)."""
    return list(SiteBanner.objects.showing()[:2])
