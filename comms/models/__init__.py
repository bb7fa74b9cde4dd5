"""Comms models, one module per concern, re-exported here: content pages (advice,
events, news) and the site banner; subscribers, alerts and the communications plan."""

from .advice import AdviceIndexPage, AdvicePage, AdvicePageTag
from .alerts import Alert, AlertKind, AlertQuerySet, AlertStatus, Channel, Delivery, DeliveryStatus
from .banners import BannerLevel, SiteBanner
from .events import EventIndexPage, EventPage, EventPageTag, EventStatus
from .news import NewsIndexPage, NewsPage, NewsPageTag
from .plans import CommunicationsPlan, PlanChannel, PlanItem, PlanItemStatus, PlanStatus
from .subscribers import Subscriber, SubscriberQuerySet

__all__ = [
    "AdviceIndexPage",
    "AdvicePage",
    "AdvicePageTag",
    "Alert",
    "AlertKind",
    "AlertQuerySet",
    "AlertStatus",
    "BannerLevel",
    "Channel",
    "CommunicationsPlan",
    "Delivery",
    "DeliveryStatus",
    "EventIndexPage",
    "EventPage",
    "EventPageTag",
    "EventStatus",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "PlanChannel",
    "PlanItem",
    "PlanItemStatus",
    "PlanStatus",
    "SiteBanner",
    "Subscriber",
    "SubscriberQuerySet",
]
