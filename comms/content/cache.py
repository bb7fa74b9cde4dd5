"""Which comms pages the site-wide page cache keeps, and what banners do to it.

Anonymous views of the page types in `PAGE_CACHE_MODELS` are stored by
`communitysafety.common.page_cache`. Publishing or changing a page, site or setting
bumps the site-content generation (`communitysafety.home.signals`), and so does
a banner change (here); a banner that starts or expires at a set time bounds how
long any page is kept.
"""

from django.conf import settings
from django.http import HttpRequest

from communitysafety.common.page_cache import cache_seconds, mark_cacheable

DEFAULT_MODELS = (
    "home.homepage",
    "home.informationpage",
    "comms.adviceindexpage",
    "comms.advicepage",
    "comms.eventindexpage",
    "comms.eventpage",
    "comms.newsindexpage",
    "comms.newspage",
)


def cached_models() -> frozenset[str]:
    return frozenset(getattr(settings, "PAGE_CACHE_MODELS", DEFAULT_MODELS))


def next_banner_change():
    """When the next banner starts or expires: no cached page may outlive it."""
    from comms.models.banners import SiteBanner

    return SiteBanner.objects.next_change_after()


def before_serve_page(page, request: HttpRequest, serve_args, serve_kwargs) -> None:
    """Wagtail hook: mark public pages of the cached types for the middleware."""
    if cache_seconds() <= 0 or page.specific_class._meta.label_lower not in cached_models():
        return
    if getattr(request, "is_preview", False) or page.get_view_restrictions().exists():
        return
    mark_cacheable(request)
