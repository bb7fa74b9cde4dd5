"""Comms models, one module per concern, re-exported here: content pages (advice,
events, news) and the site banner; subscribers, alerts and the communications plan."""

from comms.models.advice import AdviceIndexPage, AdvicePage, AdvicePageTag
from comms.models.alerts import (
    Alert,
    AlertKind,
    AlertQuerySet,
    AlertStatus,
    Channel,
    Delivery,
    DeliveryStatus,
)
from comms.models.banners import BannerLevel, SiteBanner
from comms.models.events import EventIndexPage, EventPage, EventPageTag, EventStatus
from comms.models.news import NewsIndexPage, NewsPage, NewsPageTag
from comms.models.plans import CommunicationsPlan, PlanChannel, PlanItem, PlanItemStatus, PlanStatus
from comms.models.subscribers import Subscriber, SubscriberQuerySet
from comms.models.trials import PlanTrial

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
    "PlanTrial",
    "SiteBanner",
    "Subscriber",
    "SubscriberQuerySet",
]
