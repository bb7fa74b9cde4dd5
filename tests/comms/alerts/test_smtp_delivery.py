"""The SMTP fast path against a real SMTP server (the local sink, which offers PIPELINING):
what arrives, how refusals map to failures, and the per-subscriber links."""

from email import message_from_bytes

import pytest

from comms.alerts import links
from comms.alerts.delivery import PermanentFailure, TemporaryFailure
from comms.alerts.delivery.smtp import SmtpBackend
from comms.alerts.messages import AlertEmailTemplate
from tests.comms.alert_factories import AlertFactory, SubscriberFactory
from tests.comms.smtp_sink import SmtpSink

pytestmark = pytest.mark.django_db
SMTP_PORT = 9403


@pytest.fixture
def sink(settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": SMTP_PORT},
        }
    }
    with SmtpSink(SMTP_PORT) as running:
        yield running


def _email(subscriber, delivery_id):
    return AlertEmailTemplate(AlertFactory()).for_subscriber(subscriber, f"delivery-{delivery_id}")


def test_alert_email_arrives_whole_with_its_headers_over_pipelined_smtp(sink):
    received = []
    accept = sink.handler.accept
    sink.handler.accept = lambda rcpts, content: received.append(content) or accept(rcpts, content)
    people = SubscriberFactory.create_batch(3)
    backend = SmtpBackend()
    backend.open()
    try:
        for n, person in enumerate(people):
            assert backend.send_email(_email(person, n)) == f"delivery-{n}"
    finally:
        backend.close()
    assert sink.handler.per_recipient == {person.email: 1 for person in people}
    parsed = message_from_bytes(received[0])
    assert parsed["Message-ID"] == "<delivery-0@example.org>"
    assert parsed["List-Unsubscribe"].endswith("/one-click/>")
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = next(p for p in parsed.walk() if p.get_content_type() == "text/html")
    assert "<strong>shed</strong>" in html.get_payload(decode=True).decode()


@pytest.mark.parametrize(("code", "failure"), [(550, PermanentFailure), (451, TemporaryFailure)])
def test_a_refused_recipient_fails_that_message_only(sink, code, failure):
    refused, accepted = SubscriberFactory.create_batch(2)
    sink.handler.refuse = {refused.email: code}
    backend = SmtpBackend()
    backend.open()
    try:
        with pytest.raises(failure):
            backend.send_email(_email(refused, 1))
        backend.send_email(_email(accepted, 2))
    finally:
        backend.close()
    assert sink.handler.per_recipient == {accepted.email: 1}


def test_a_server_inviting_content_after_a_refusal_gets_none_and_no_hang(sink):
    refused, accepted = SubscriberFactory.create_batch(2)
    sink.handler.refuse = {refused.email: 550}
    sink.handler.lax_data = True
    backend = SmtpBackend()
    backend.open()
    try:
        with pytest.raises(PermanentFailure):
            backend.send_email(_email(refused, 1))
        backend.send_email(_email(accepted, 2))  # on a new connection
    finally:
        backend.close()
    assert sink.handler.per_recipient == {accepted.email: 1}


def test_per_subscriber_links_match_the_link_functions():
    subscriber = SubscriberFactory()
    message = AlertEmailTemplate(AlertFactory()).for_subscriber(subscriber)
    token = message.one_click_url.split("/alerts/unsubscribe/")[1].removesuffix("/one-click/")
    assert links.read_token(token, links.Purpose.MANAGE) == subscriber
    assert message.one_click_url == links.one_click_url(subscriber, token)
    assert links.manage_url(subscriber, token) in message.text
    assert links.unsubscribe_url(subscriber, token) in message.text
    assert links.manage_url(subscriber, token) in message.html
