"""The GOV.UK Notify backend against a local fake Notify HTTP server, and its status callbacks."""

import json
import socket

import pytest
from django.urls import reverse
from django.utils import timezone

from comms.alerts.delivery import PermanentFailure, TemporaryFailure
from comms.alerts.delivery.base import EmailContent
from comms.alerts.delivery.notify import NotifyBackend
from comms.alerts.tasks import fan_out
from comms.models import Alert, AlertStatus, Delivery, DeliveryStatus
from tests.comms.alert_factories import (
    AlertFactory,
    DeliveryFactory,
    SubscriberFactory,
    TopicFactory,
)
from tests.comms.notify_server import API_KEY, FakeNotify

pytestmark = pytest.mark.django_db
NOTIFY_PORT = 8201


@pytest.fixture
def notify(settings):
    with FakeNotify(NOTIFY_PORT) as fake:
        settings.COMMS_DELIVERY_BACKEND = "comms.alerts.delivery.notify.NotifyBackend"
        settings.COMMS_NOTIFY_BASE_URL = fake.base_url
        settings.COMMS_NOTIFY_API_KEY = API_KEY
        settings.COMMS_NOTIFY_EMAIL_TEMPLATE_ID = "email-template"
        settings.COMMS_NOTIFY_SMS_TEMPLATE_ID = "sms-template"
        settings.COMMS_NOTIFY_CALLBACK_TOKEN = "callback-secret"
        yield fake


def _alert(send_sms=False):
    topic = TopicFactory()
    subscriber = SubscriberFactory(topics=[topic], mobile="+447700900123")
    alert = AlertFactory(topics=[topic], status=AlertStatus.SENDING, send_sms=send_sms)
    Alert.objects.filter(pk=alert.pk).update(sending_started_at=timezone.now())
    return alert, subscriber


def test_an_alert_reaches_notify_as_email_and_sms_with_templates_and_one_click_unsubscribe(
    notify,
):
    alert, subscriber = _alert(send_sms=True)
    fan_out.call(alert.pk)
    calls = dict(notify.requests)
    assert set(calls) == {"email", "sms"} and notify.refused_auth == 0
    assert calls["email"]["email_address"] == subscriber.email
    assert calls["email"]["template_id"] == "email-template"
    assert calls["email"]["personalisation"]["subject"] == alert.title
    assert calls["email"]["one_click_unsubscribe_url"].endswith("/one-click/")
    assert calls["sms"]["phone_number"] == "+447700900123"
    assert calls["sms"]["template_id"] == "sms-template"
    assert alert.title in calls["sms"]["personalisation"]["body"]
    deliveries = Delivery.objects.all()
    assert {d.status for d in deliveries} == {DeliveryStatus.SENT}
    assert {calls["email"]["reference"], calls["sms"]["reference"]} == {
        f"delivery-{d.pk}" if d.channel == "email" else str(d.pk) for d in deliveries
    }
    references = {d.provider_reference for d in deliveries}
    assert len(references) == 2 and "" not in references
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.SENT


def test_a_wrong_api_key_is_refused_by_notify_and_retried_not_failed(notify, settings):
    settings.COMMS_NOTIFY_API_KEY = API_KEY[:-4] + "0000"  # the secret is wrong
    alert, _ = _alert()
    fan_out.call(alert.pk)
    assert notify.refused_auth == 1 and notify.requests == []
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.QUEUED and delivery.attempts == 1


@pytest.mark.parametrize("status", [429, 500, 403])
def test_notify_rate_limits_errors_and_refusals_are_temporary(notify, status):
    notify.fail_with = status
    alert, _ = _alert()
    fan_out.call(alert.pk)
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.QUEUED and delivery.attempts == 1
    assert str(status) in delivery.error


def test_notify_refusing_the_address_is_permanent(notify):
    notify.fail_with = 400
    notify.fail_message = "email_address Not a valid email address"
    alert, _ = _alert()
    fan_out.call(alert.pk)
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and "400" in delivery.error


def test_a_bad_request_not_about_the_recipient_is_retried(notify):
    notify.fail_with = 400
    notify.fail_message = "Missing personalisation: body"
    with pytest.raises(TemporaryFailure):
        NotifyBackend().send_email(EmailContent("r@example.org", "s", "t", "<p>t</p>"))
    notify.fail_message = "phone_number Not a UK mobile number"
    with pytest.raises(PermanentFailure):
        NotifyBackend().send_sms("+447700900123", "hello")


def test_notify_unreachable_or_too_slow_is_temporary(settings):
    settings.COMMS_NOTIFY_API_KEY = API_KEY
    settings.COMMS_NOTIFY_BASE_URL = f"http://127.0.0.1:{NOTIFY_PORT}"  # nothing listens
    with pytest.raises(TemporaryFailure):
        NotifyBackend().send_sms("+447700900123", "hello")
    with socket.create_server(("127.0.0.1", NOTIFY_PORT + 1)):  # accepts, never answers
        settings.COMMS_NOTIFY_BASE_URL = f"http://127.0.0.1:{NOTIFY_PORT + 1}"
        settings.COMMS_NOTIFY_TIMEOUT_SECONDS = 0.5
        with pytest.raises(TemporaryFailure):
            NotifyBackend().send_sms("+447700900123", "hello")


def _callback(client, payload, token="callback-secret"):  # noqa: S107
    return client.post(
        reverse("comms:alerts_notify_callback"),
        data=json.dumps(payload),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_callback_marks_a_permanent_failure_as_bounced(client, notify):
    delivery = DeliveryFactory(status="sent", provider_reference="notify-77")
    response = _callback(client, {"id": "notify-77", "status": "permanent-failure"})
    assert response.status_code == 204
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.BOUNCED
    assert delivery.alert.figures()["bounced"] == 1


def test_callback_with_a_wrong_token_changes_nothing(client, notify):
    delivery = DeliveryFactory(status="sent", provider_reference="notify-78")
    response = _callback(client, {"id": "notify-78", "status": "permanent-failure"}, "guess")
    assert response.status_code == 401
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT


def test_callback_refuses_everything_when_no_token_is_configured(client, settings):
    settings.COMMS_NOTIFY_CALLBACK_TOKEN = ""
    response = _callback(client, {"id": "x", "status": "delivered"}, "")
    assert response.status_code == 401


def test_callback_rejects_malformed_json(client, notify):
    response = client.post(
        reverse("comms:alerts_notify_callback"),
        data="{not json",
        content_type="application/json",
        headers={"Authorization": "Bearer callback-secret"},
    )
    assert response.status_code == 400
