"""`{% content_cache "name" part… %}…{% endcontent_cache %}`: a fragment kept until editors
publish.

An uncached page (the first view after a publish, a filtered or paginated listing, staff)
rendered its listing cards, filter selects and event details from the database on every
view, though they change only when a page, a setting or a taxonomy snippet is saved, all of
which bump the site-content generation (`communitysafety.home.signals`). The fragment is
stored under that generation, the active language and the parts given (the page id, the
query string), for at most `LISTING_SECONDS`, which bounds what depends on the clock (an
event that has just ended). Previews are never cached: a draft shares its page's id.
"""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from communitysafety.common.page_cache import SITE_CONTENT, kept_for

register = template.Library()

DEFAULT_SECONDS = 300


def listing_seconds() -> int:
    return getattr(settings, "LISTING_SECONDS", DEFAULT_SECONDS)


class ContentCacheNode(template.Node):
    def __init__(self, nodelist: template.NodeList, parts: list[template.base.FilterExpression]):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context: template.Context) -> str:
        request = context.get("request")
        seconds = listing_seconds()
        if seconds <= 0 or request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        parts = [part.resolve(context) for part in self.parts]
        key = SITE_CONTENT.key("fragment", translation.get_language(), *parts)
        fragment = cache.get(key)
        if fragment is None:
            fragment = self.nodelist.render(context)
            cache.set(key, fragment, kept_for(seconds))
        return fragment


@register.tag
def content_cache(parser: template.base.Parser, token: template.base.Token) -> ContentCacheNode:
    """The enclosed template, rendered once per generation, language and parts."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a fragment name")
    nodelist = parser.parse(("endcontent_cache",))
    parser.delete_first_token()
    return ContentCacheNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])
