"""Alert delivery backends, chosen by the COMMS_DELIVERY_BACKEND dotted path."""

from django.utils.module_loading import import_string

from comms.alerts import conf
from comms.alerts.delivery.base import (
    DeliveryBackend,
    EmailContent,
    PermanentFailure,
    TemporaryFailure,
)


def get_backend() -> DeliveryBackend:
    return import_string(conf.get("COMMS_DELIVERY_BACKEND"))()


def sms_offered() -> bool:
    """Whether residents are offered text messages: only when the backend sends them
    (GOV.UK Notify; the recording fake in tests), so nobody gives a number for nothing."""
    return bool(import_string(conf.get("COMMS_DELIVERY_BACKEND")).supports_sms)


__all__ = [
    "DeliveryBackend",
    "EmailContent",
    "PermanentFailure",
    "TemporaryFailure",
    "get_backend",
    "sms_offered",
]
