"""Models of the comms app, one module per concern, re-exported here."""

from .alerts import Alert, AlertKind, AlertQuerySet, AlertStatus, Channel, Delivery, DeliveryStatus
from .plans import CommunicationsPlan, PlanChannel, PlanItem, PlanItemStatus, PlanStatus
from .subscribers import Subscriber, SubscriberQuerySet

__all__ = [
    "Alert",
    "AlertKind",
    "AlertQuerySet",
    "AlertStatus",
    "Channel",
    "CommunicationsPlan",
    "Delivery",
    "DeliveryStatus",
    "PlanChannel",
    "PlanItem",
    "PlanItemStatus",
    "PlanStatus",
    "Subscriber",
    "SubscriberQuerySet",
]
