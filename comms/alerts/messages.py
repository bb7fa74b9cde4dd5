"""Rendering alerts and sign-up emails into what a backend sends.

Alert emails have an HTML and a plain-text part and a one-click unsubscribe
link (RFC 8058); text messages are the title, a short body and the link.
"""

from urllib.parse import quote

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from comms.alerts import linking, links
from comms.alerts.delivery import EmailContent
from comms.models import Alert, Subscriber

SMS_MAX = 459  # three text-message fragments


def alert_link(alert: Alert) -> str:
    if alert.page_id and alert.page and alert.page.url:
        return links.absolute(alert.page.url) if alert.page.url.startswith("/") else alert.page.url
    return ""


MANAGE_SENTINEL = "https://sentinel.invalid/manage/"
UNSUBSCRIBE_SENTINEL = "https://sentinel.invalid/unsubscribe/"
PULSE_SENTINEL = "https://sentinel.invalid/pulse/"
LINK_SENTINEL = "LINKSENTINEL"
# What reverse() leaves unquoted in a path argument (django.urls.resolvers).
URL_SAFE = "!$&'()*+,;=/~:@"


def _link_parts(name: str) -> tuple[str, str]:
    """An alert link split around its token, reversed once per alert, not per message."""
    url = links.absolute(reverse(name, args=[LINK_SENTINEL]))
    before, _, after = url.partition(LINK_SENTINEL)
    return before, after


class AlertEmailTemplate:
    """An alert rendered once, with placeholder links filled in per subscriber.

    Rendering the templates and cleaning the body once per batch rather than
    once per message is most of the fan-out's speed.
    """

    def __init__(self, alert: Alert, link: str | None = None) -> None:
        self.alert = alert
        context = {
            "alert": alert,
            "body_text": alert.body_text,
            "link": alert_link(alert) if link is None else link,
            "manage_url": MANAGE_SENTINEL,
            "unsubscribe_url": UNSUBSCRIBE_SENTINEL,
            "pulse_url": PULSE_SENTINEL,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        self.text = render_to_string("comms/alerts/email/alert.txt", context)
        self.html = render_to_string("comms/alerts/email/alert.html", context)
        self._manage = _link_parts("comms:alerts_manage")
        self._unsubscribe = _link_parts("comms:alerts_unsubscribe")
        self._one_click = _link_parts("comms:alerts_one_click")
        # `at=alert` records the answer's source as an alert even when it is not linked.
        self._pulse = links.absolute(reverse("surveys:pulse")) + "?at=alert"

    def _fill(self, body: str, manage: str, unsubscribe: str, pulse: str) -> str:
        return (
            body.replace(MANAGE_SENTINEL, manage)
            .replace(UNSUBSCRIBE_SENTINEL, unsubscribe)
            .replace(PULSE_SENTINEL, pulse)
        )

    def for_subscriber(self, subscriber: Subscriber | None, reference: str = "") -> EmailContent:
        if subscriber is None:
            manage = unsubscribe = one_click = links.absolute("/alerts/manage/preview/")
            pulse = self._pulse
            to = "preview@example.org"
        else:
            # The same URLs as links.manage_url() and friends, without three reverse() calls.
            token = quote(links.make_token(subscriber, links.Purpose.MANAGE), safe=URL_SAFE)
            manage = token.join(self._manage)
            unsubscribe = token.join(self._unsubscribe)
            one_click = token.join(self._one_click)
            parameter = linking.pulse_link_parameter(subscriber)
            pulse = f"{self._pulse}&{parameter}" if parameter else self._pulse
            to = subscriber.email
        return EmailContent(
            to=to,
            subject=self.alert.title,
            text=self._fill(self.text, manage, unsubscribe, pulse),
            html=self._fill(self.html, manage, unsubscribe, pulse),
            reference=reference,
            one_click_url=one_click,
        )


def alert_email(
    alert: Alert, subscriber: Subscriber | None, reference: str = "", link: str | None = None
) -> EmailContent:
    """The email for one subscriber (or a preview with placeholder links when None)."""
    return AlertEmailTemplate(alert, link).for_subscriber(subscriber, reference)


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
