"""Alert email through Django's SMTP mailer against a real SMTP server (the local sink,
which offers PIPELINING and refuses a display name on the envelope as Postfix does):
what arrives, how refusals map to failures, and the per-subscriber links."""

import dataclasses
import smtplib
from email import policy
from email.parser import BytesParser

import pytest
from django.utils import timezone

from comms.alerts import links
from comms.alerts.delivery import PermanentFailure, TemporaryFailure
from comms.alerts.delivery.django_mail import DjangoMailBackend
from comms.alerts.messages import AlertEmailTemplate
from comms.alerts.tasks import fan_out
from comms.models import Alert, AlertStatus, Delivery, DeliveryStatus
from tests.comms.alert_factories import AlertFactory, SubscriberFactory, TopicFactory
from tests.comms.smtp_sink import SmtpSink

pytestmark = pytest.mark.django_db
SMTP_PORT = 8203
SENDER = "Havering Community Safety <alerts@example.org>"


def _smtp(settings, port=SMTP_PORT, **options):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5, **options},
        }
    }


@pytest.fixture
def sink(settings):
    _smtp(settings)
    settings.DEFAULT_FROM_EMAIL = SENDER
    settings.COMMS_DELIVERY_BACKEND = "comms.alerts.delivery.django_mail.DjangoMailBackend"
    with SmtpSink(SMTP_PORT) as running:
        yield running


def _email(subscriber, delivery_id):
    return AlertEmailTemplate(AlertFactory()).for_subscriber(subscriber, f"delivery-{delivery_id}")


def _sending_alert(subscribers):
    topic = TopicFactory()
    for subscriber in subscribers:
        subscriber.topics.add(topic)
    alert = AlertFactory(topics=[topic], status=AlertStatus.SENDING)
    Alert.objects.filter(pk=alert.pk).update(sending_started_at=timezone.now())
    return alert


def test_an_alert_from_a_display_name_sender_reaches_the_relay_with_its_from_intact(sink):
    people = SubscriberFactory.create_batch(3)
    alert = _sending_alert(people)
    fan_out.call(alert.pk)
    assert sink.handler.per_recipient == {person.email: 1 for person in people}
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.SENT
    assert sink.handler.senders == ["alerts@example.org"] * 3  # the bare address on the envelope
    parsed = BytesParser(policy=policy.default).parsebytes(sink.handler.messages[0].as_bytes())
    assert parsed["From"] == SENDER
    assert parsed["From"].addresses[0].display_name == "Havering Community Safety"
    delivery = Delivery.objects.get(subscriber__email=parsed["To"])
    assert parsed["Message-ID"] == f"<delivery-{delivery.pk}@example.org>"
    assert parsed["List-Unsubscribe"].endswith("/one-click/>")
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsed["Subject"] == alert.title
    assert "<strong>shed</strong>" in parsed.get_body(("html",)).get_content()
    assert "/alerts/manage/" in parsed.get_body(("plain",)).get_content()


def test_one_connection_serves_a_whole_batch(sink, monkeypatch):
    opened = []
    real_init = smtplib.SMTP.__init__

    def counting_init(self, *args, **kwargs):
        opened.append(args)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(smtplib.SMTP, "__init__", counting_init)
    people = SubscriberFactory.create_batch(5)
    fan_out.call(_sending_alert(people).pk)
    assert sink.handler.total == 5 and len(opened) == 1


@pytest.mark.parametrize(("code", "failure"), [(550, PermanentFailure), (451, TemporaryFailure)])
def test_a_refused_recipient_fails_that_message_only(sink, code, failure):
    refused, accepted = SubscriberFactory.create_batch(2)
    sink.handler.refuse = {refused.email: code}
    backend = DjangoMailBackend()
    backend.open()
    try:
        with pytest.raises(failure):
            backend.send_email(_email(refused, 1))
        backend.send_email(_email(accepted, 2))
    finally:
        backend.close()
    assert sink.handler.per_recipient == {accepted.email: 1}


def test_permanent_and_temporary_refusals_in_a_fan_out(sink):
    gone, busy, fine = SubscriberFactory.create_batch(3)
    sink.handler.refuse = {gone.email: 550, busy.email: 452}
    fan_out.call(_sending_alert([gone, busy, fine]).pk)
    status = dict(Delivery.objects.values_list("subscriber__email", "status"))
    assert status == {
        gone.email: DeliveryStatus.FAILED,
        busy.email: DeliveryStatus.QUEUED,  # retried later
        fine.email: DeliveryStatus.SENT,
    }
    assert Delivery.objects.get(subscriber=busy).attempts == 1


@pytest.mark.parametrize(
    "sender",
    [
        "Havering <alerts>",  # Django sends MAIL FROM:<alerts>; the relay answers 501
        "not an address",  # Django cannot write it at all
    ],
)
def test_a_sender_the_relay_refuses_is_retried_not_a_permanent_failure(sink, settings, sender):
    settings.DEFAULT_FROM_EMAIL = sender
    person = SubscriberFactory()
    fan_out.call(_sending_alert([person]).pk)
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.QUEUED and delivery.attempts == 1
    assert sink.handler.total == 0


def test_no_relay_listening_or_a_dropped_connection_is_temporary(settings):
    _smtp(settings, port=SMTP_PORT + 1)  # nothing listens there
    backend = DjangoMailBackend()
    backend.open()
    try:
        with pytest.raises(TemporaryFailure):
            backend.send_email(_email(SubscriberFactory(), 1))
    finally:
        backend.close()


def test_a_line_break_in_a_header_is_refused_before_anything_is_sent(sink):
    message = _email(SubscriberFactory(), 1)
    hostile = dataclasses.replace(message, to="r@example.org\r\nBcc: x@example.org")
    backend = DjangoMailBackend()
    with pytest.raises(PermanentFailure):
        backend.send_email(hostile)
    assert sink.handler.total == 0


def test_per_subscriber_links_match_the_link_functions():
    subscriber = SubscriberFactory()
    message = AlertEmailTemplate(AlertFactory()).for_subscriber(subscriber)
    token = message.one_click_url.split("/alerts/unsubscribe/")[1].removesuffix("/one-click/")
    assert links.read_token(token, links.Purpose.MANAGE) == subscriber
    assert message.one_click_url == links.one_click_url(subscriber, token)
    assert links.manage_url(subscriber, token) in message.text
    assert links.unsubscribe_url(subscriber, token) in message.text
    assert links.manage_url(subscriber, token) in message.html
