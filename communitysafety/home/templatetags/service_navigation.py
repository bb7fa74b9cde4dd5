"""The service navigation's sections, with the one the resident is in marked as current.

GOV.UK's service navigation marks the active item with `--active`, an `aria-current` and a
bold fallback: `aria-current="page"` on the section's own page, `"true"` on a page inside it
(an advice article is in Advice), so a screen reader says where the resident is.
"""

from dataclasses import dataclass

from django import template
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

register = template.Library()

SECTIONS: tuple[tuple[str, Promise], ...] = (
    ("/advice/", _("Advice")),
    ("/events/", _("Events")),
    ("/news/", _("News")),
    ("/unsafe-places/", _("Unsafe places")),
    ("/results/", _("What you told us")),
    ("/crime/", _("Crime figures")),
    ("/search/", _("Search")),
)


@dataclass(frozen=True, slots=True)
class NavigationItem:
    href: str
    label: Promise
    current: str  # "page", "true" or "" (not current)


def navigation_items(path: str) -> list[NavigationItem]:
    """The sections for a page at `path`; at most one is current."""
    items = []
    for href, label in SECTIONS:
        if path == href:
            current = "page"
        elif path.startswith(href):
            current = "true"
        else:
            current = ""
        items.append(NavigationItem(href, label, current))
    return items


@register.simple_tag(takes_context=True)
def service_navigation_items(context) -> list[NavigationItem]:
    """The sections, the current one marked from the request's path (none without one)."""
    request = context.get("request")
    return navigation_items(request.path if request is not None else "")


@register.simple_tag(takes_context=True)
def service_navigation_state(context) -> str:
    """Which section is current and how (`navigation_items`' marks): all the markup varies
    on, so base.html keeps one rendered navigation per state (`{% content_cache %}`)."""
    return "|".join(item.current for item in service_navigation_items(context))
