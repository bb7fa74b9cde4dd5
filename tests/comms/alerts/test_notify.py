"""The GOV.UK Notify backend against a recording fake client, and its status callbacks."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from comms.alerts.tasks import fan_out
from comms.models import Alert, AlertStatus, Delivery, DeliveryStatus
from tests.comms.alert_factories import (
    AlertFactory,
    DeliveryFactory,
    SubscriberFactory,
    TopicFactory,
)
from tests.comms.alerts.notify_fake import RecordingNotifyClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def notify(settings):
    settings.COMMS_DELIVERY_BACKEND = "comms.alerts.delivery.notify.NotifyBackend"
    settings.COMMS_NOTIFY_CLIENT = "tests.comms.alerts.notify_fake.RecordingNotifyClient"
    settings.COMMS_NOTIFY_API_KEY = "test-key"
    settings.COMMS_NOTIFY_EMAIL_TEMPLATE_ID = "email-template"
    settings.COMMS_NOTIFY_SMS_TEMPLATE_ID = "sms-template"
    settings.COMMS_NOTIFY_CALLBACK_TOKEN = "callback-secret"
    RecordingNotifyClient.reset()
    yield RecordingNotifyClient
    RecordingNotifyClient.reset()


def _alert(send_sms=False):
    topic = TopicFactory()
    subscriber = SubscriberFactory(topics=[topic], mobile="+447700900123")
    alert = AlertFactory(topics=[topic], status=AlertStatus.SENDING, send_sms=send_sms)
    Alert.objects.filter(pk=alert.pk).update(sending_started_at=timezone.now())
    return alert, subscriber


def test_notify_sends_email_and_sms_with_templates_and_one_click_unsubscribe(notify):
    alert, subscriber = _alert(send_sms=True)
    fan_out.call(alert.pk)
    calls = dict(notify.calls)
    assert calls["email"]["email_address"] == subscriber.email
    assert calls["email"]["template_id"] == "email-template"
    assert calls["email"]["personalisation"]["subject"] == alert.title
    assert calls["email"]["one_click_unsubscribe_url"].endswith("/one-click/")
    assert calls["sms"]["phone_number"] == "+447700900123"
    references = set(Delivery.objects.values_list("provider_reference", flat=True))
    assert all(ref.startswith("notify-") for ref in references) and len(references) == 2


def test_notify_rate_limit_is_a_temporary_failure(notify):
    notify.fail_with = 429
    alert, _ = _alert()
    fan_out.call(alert.pk)
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.QUEUED and delivery.attempts == 1


def test_notify_bad_request_is_permanent(notify):
    notify.fail_with = 400
    alert, _ = _alert()
    fan_out.call(alert.pk)
    assert Delivery.objects.get().status == DeliveryStatus.FAILED


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
