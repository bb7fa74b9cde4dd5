"""RSS 2.0 and Atom feeds of news (`/news/feed/`, `/news/feed/atom/`) via Django syndication."""

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from comms.models.news import NewsPage
from communitysafety.common.page_cache import mark_cacheable

FEED_SIZE = 20


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    title = _("Havering Community Safety Partnership news")
    link = "/news/"
    description = _("News and updates from the Havering Community Safety Partnership.")
    language = "en-gb"

    def __call__(self, request, *args, **kwargs):
        mark_cacheable(request)
        return super().__call__(request, *args, **kwargs)

    def items(self):
        return NewsPage.objects.live().public().order_by("-date", "-pk")[:FEED_SIZE]

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        return item.summary

    def item_link(self, item: NewsPage) -> str:
        return item.url or "/news/"

    def item_guid(self, item: NewsPage) -> str:
        return f"news-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: NewsPage):
        return timezone.make_aware(
            timezone.datetime.combine(item.date, timezone.datetime.min.time().replace(hour=9))
        )

    def item_updateddate(self, item: NewsPage):
        return item.last_published_at or self.item_pubdate(item)


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
