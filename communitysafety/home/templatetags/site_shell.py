"""The partnership details every page shows (phase banner, footer), read once per site.

Rendering them straight from the settings cost a site look-up, the settings row and
one query per footer page on every page view. They change only when an editor saves
the settings or moves or unpublishes a page, all of which bump the site-content
generation, so they are cached under it.
"""

from django import template
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from wagtail.models import Site

from communitysafety.common.page_cache import SITE_CONTENT

register = template.Library()

SHELL_SECONDS = 3600


def _build(request: HttpRequest | None) -> dict[str, str]:
    from communitysafety.home.models import PartnershipSettings

    site = None
    if request is not None:
        try:
            site = Site.find_for_request(request)
        except DisallowedHost:
            site = None
    details = PartnershipSettings.for_site(site) if site else PartnershipSettings()
    shell = {
        "partnership_name": details.partnership_name,
        "contact_email": details.contact_email,
        "contact_phone": details.contact_phone,
    }
    for name in ("privacy_page", "accessibility_page", "cookies_page"):
        page = getattr(details, name)
        live = page is not None and page.live  # never link the footer to a withdrawn page
        shell[name.replace("_page", "_url")] = (page.get_url() or "") if live else ""
    return shell


@register.simple_tag(takes_context=True)
def site_shell(context) -> dict[str, str]:
    """Name, contact details and footer link URLs of the partnership for this site."""
    request = context.get("request")
    if request is None:
        return _build(None)
    host = request.META.get("HTTP_HOST", ""), request.META.get("SERVER_PORT", "")
    return SITE_CONTENT.cached(("shell", *host), lambda: _build(request), SHELL_SECONDS)
