"""What every comms page shares: preview sizes, Open Graph text and listing pagination."""

from collections.abc import Callable

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.paginator import Page as PaginatorPage
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

PAGE_SIZE = 10

# Editors check how a page looks on a phone first: most residents read on one.
PREVIEW_SIZES = [
    {"name": "mobile", "icon": "mobile-alt", "device_width": 375, "label": _("Preview on a phone")},
    {
        "name": "tablet",
        "icon": "tablet-alt",
        "device_width": 768,
        "label": _("Preview on a tablet"),
    },
    {"name": "desktop", "icon": "desktop", "device_width": 1280, "label": _("Preview on desktop")},
]


class ContentPageMixin:
    """Mixed into every comms page: preview sizes and the text used for link previews."""

    @property
    def preview_sizes(self) -> list[dict]:
        return PREVIEW_SIZES

    @property
    def default_preview_size(self) -> str:
        return "mobile"

    def og_description(self) -> str:
        """One line for social link previews: the search description, else the summary."""
        return self.search_description or getattr(self, "summary", "") or ""

    def og_type(self) -> str:
        return "article"


def paginate(request: HttpRequest, items, per_page: int = PAGE_SIZE) -> PaginatorPage:
    """The requested page of a listing; a bad or too-large page number shows the last page."""
    paginator = Paginator(items, per_page)
    number = request.GET.get("page") or 1
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def lazy_listing(request: HttpRequest, items) -> tuple[PaginatorPage, Callable[[], int]]:
    """`paginate`, run only when a template reads the page or its count (a callable).

    Listing bodies are fragment-cached (`{% content_cache %}`): a stored fragment reads
    neither, so a warm listing runs no count or page query.
    """
    results = SimpleLazyObject(lambda: paginate(request, items()))
    return results, lambda: results.paginator.count
