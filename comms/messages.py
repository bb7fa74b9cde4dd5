"""Rendering alerts and sign-up emails into what a backend sends.

Alert emails have an HTML and a plain-text part and a one-click unsubscribe
link (RFC 8058); text messages are the title, a short body and the link.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from . import links
from .delivery import EmailContent
from .models import Alert, Subscriber

SMS_MAX = 459  # three text-message fragments


def alert_link(alert: Alert) -> str:
    if alert.page_id and alert.page and alert.page.url:
        return links.absolute(alert.page.url) if alert.page.url.startswith("/") else alert.page.url
    return ""


def alert_email(
    alert: Alert, subscriber: Subscriber | None, reference: str = "", link: str | None = None
) -> EmailContent:
    """The email for one subscriber (or a preview with placeholder links when None)."""
    if subscriber is None:
        manage = unsubscribe = one_click = links.absolute("/alerts/manage/preview/")
        to = "preview@example.org"
    else:
        manage = links.manage_url(subscriber)
        unsubscribe = links.unsubscribe_url(subscriber)
        one_click = links.one_click_url(subscriber)
        to = subscriber.email
    context = {
        "alert": alert,
        "body_text": alert.body_text,
        "link": alert_link(alert) if link is None else link,
        "manage_url": manage,
        "unsubscribe_url": unsubscribe,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    return EmailContent(
        to=to,
        subject=alert.title,
        text=render_to_string("comms/alerts/email/alert.txt", context),
        html=render_to_string("comms/alerts/email/alert.html", context),
        reference=reference,
        one_click_url=one_click,
    )


def alert_sms(alert: Alert, link: str | None = None) -> str:
    link = alert_link(alert) if link is None else link
    text = f"{alert.title}: {alert.body_text}"
    stop = _("Reply STOP to stop alerts.")
    room = SMS_MAX - len(link) - len(stop) - 3
    if len(text) > room:
        text = text[: max(room - 1, 0)].rstrip() + "…"
    return " ".join(part for part in (text, link, stop) if part)


def _simple(subscriber: Subscriber, template: str, subject: str, **extra) -> EmailContent:
    context = {"site_name": settings.WAGTAIL_SITE_NAME, **extra}
    return EmailContent(
        to=subscriber.email,
        subject=subject,
        text=render_to_string(f"comms/alerts/email/{template}.txt", context),
        html=render_to_string(f"comms/alerts/email/{template}.html", context),
    )


def confirmation_email(subscriber: Subscriber) -> EmailContent:
    return _simple(
        subscriber,
        "confirm",
        _("Confirm your local alerts"),
        confirm_url=links.confirm_url(subscriber),
        max_days=3,
    )


def manage_link_email(subscriber: Subscriber) -> EmailContent:
    """Sent when someone already subscribed signs up again or asks for a new link."""
    return _simple(
        subscriber,
        "manage_link",
        _("Your local alerts"),
        manage_url=links.manage_url(subscriber),
        unsubscribe_url=links.unsubscribe_url(subscriber),
    )
