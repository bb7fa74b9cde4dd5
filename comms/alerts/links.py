"""Signed, expiring links for confirming, managing and leaving alerts.

A link carries the subscriber id and a short hash of the address, signed with
`TimestampSigner` and a salt per purpose, so a confirm link cannot be used to
unsubscribe someone else and a link stops working if the address changes.
"""

from enum import StrEnum

from django.core import signing
from django.urls import reverse

from comms.alerts import conf
from comms.models import Subscriber


class Purpose(StrEnum):
    CONFIRM = "confirm"
    MANAGE = "manage"


class LinkInvalid(Exception):
    """Tampered or malformed: the page offers a new link."""


class LinkExpired(LinkInvalid):
    """The signature is good but too old: the page offers a new link."""


class SubscriberGone(LinkInvalid):
    """A genuine link for someone who has already left (unsubscribing again is a no-op)."""


def _signer(purpose: Purpose) -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=f"comms.alerts.{purpose}")


def _max_age(purpose: Purpose) -> int:
    if purpose is Purpose.CONFIRM:
        return conf.get("COMMS_CONFIRM_LINK_MAX_AGE")
    return conf.get("COMMS_MANAGE_LINK_MAX_AGE")


def make_token(subscriber: Subscriber, purpose: Purpose) -> str:
    return _signer(purpose).sign(f"{subscriber.pk}.{subscriber.fingerprint}")


def read_token(token: str, purpose: Purpose) -> Subscriber:
    """The subscriber a token names, or LinkExpired / LinkInvalid."""
    try:
        value = _signer(purpose).unsign(token, max_age=_max_age(purpose))
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error
    pk, _, fingerprint = value.partition(".")
    subscriber = Subscriber.objects.filter(pk=pk).first() if pk.isdigit() else None
    if subscriber is None:
        raise SubscriberGone
    if subscriber.fingerprint != fingerprint:
        raise LinkInvalid
    return subscriber


def absolute(path: str) -> str:
    from django.conf import settings

    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def confirm_url(subscriber: Subscriber) -> str:
    return absolute(reverse("comms:alerts_confirm", args=[make_token(subscriber, Purpose.CONFIRM)]))


def manage_url(subscriber: Subscriber, token: str | None = None) -> str:
    token = token or make_token(subscriber, Purpose.MANAGE)
    return absolute(reverse("comms:alerts_manage", args=[token]))


def unsubscribe_url(subscriber: Subscriber, token: str | None = None) -> str:
    token = token or make_token(subscriber, Purpose.MANAGE)
    return absolute(reverse("comms:alerts_unsubscribe", args=[token]))


def one_click_url(subscriber: Subscriber, token: str | None = None) -> str:
    """The RFC 8058 List-Unsubscribe target: a POST here unsubscribes without a page."""
    token = token or make_token(subscriber, Purpose.MANAGE)
    return absolute(reverse("comms:alerts_one_click", args=[token]))
