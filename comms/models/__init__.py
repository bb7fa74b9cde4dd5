"""Comms models: content pages (advice, events, news) and the site banner.

Each concern has its own module; import from `comms.models`.
"""

from .advice import AdviceIndexPage, AdvicePage, AdvicePageTag
from .banners import BannerLevel, SiteBanner
from .events import EventIndexPage, EventPage, EventPageTag, EventStatus
from .news import NewsIndexPage, NewsPage, NewsPageTag

__all__ = [
    "AdviceIndexPage",
    "AdvicePage",
    "AdvicePageTag",
    "BannerLevel",
    "EventIndexPage",
    "EventPage",
    "EventPageTag",
    "EventStatus",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "SiteBanner",
]
