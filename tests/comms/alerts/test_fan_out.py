"""Fan-out: batches, one delivery per subscriber, idempotent re-runs, retries, the sweeper."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comms.alerts.delivery.recording import RecordingBackend
from comms.alerts.sending import claim, retry_delay
from comms.alerts.tasks import fan_out, send_deliveries, sweep
from comms.models import Alert, AlertStatus, Delivery, DeliveryStatus
from tests.comms.alert_factories import AlertFactory, SubscriberFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorder(settings):
    settings.COMMS_DELIVERY_BACKEND = "comms.alerts.delivery.recording.RecordingBackend"
    settings.COMMS_BATCH_SIZE = 3
    RecordingBackend.reset()
    yield RecordingBackend
    RecordingBackend.reset()


def _sending_alert(n=7, **kwargs):
    topic = TopicFactory()
    people = SubscriberFactory.create_batch(n, topics=[topic])
    alert = AlertFactory(topics=[topic], status=AlertStatus.SENDING, **kwargs)
    Alert.objects.filter(pk=alert.pk).update(sending_started_at=timezone.now())
    return alert, people


def test_fan_out_sends_each_subscriber_once_in_batches(recorder):
    alert, people = _sending_alert(7)
    fan_out.call(alert.pk)
    assert sorted(address for address, _ in recorder.sent) == sorted(p.email for p in people)
    assert Delivery.objects.filter(alert=alert, status=DeliveryStatus.SENT).count() == 7
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.SENT


def test_a_duplicated_fan_out_task_never_sends_twice(recorder):
    alert, people = _sending_alert(5)
    fan_out.call(alert.pk)
    Alert.objects.filter(pk=alert.pk).update(status=AlertStatus.SENDING)
    fan_out.call(alert.pk)  # the same task delivered twice
    assert len(recorder.sent) == 5
    assert Delivery.objects.filter(alert=alert).count() == 5


def test_a_second_claim_of_the_same_rows_gets_nothing(recorder):
    alert, _ = _sending_alert(4)
    Delivery.objects.bulk_create(
        [Delivery(alert=alert, subscriber=s) for s in alert.audience()], ignore_conflicts=True
    )
    first, last = Delivery.objects.order_by("pk").first().pk, Delivery.objects.last().pk
    mine = claim(alert.pk, first, last)
    theirs = claim(alert.pk, first, last)
    assert Delivery.objects.filter(claim=mine).count() == 4
    assert Delivery.objects.filter(claim=theirs).count() == 0


def test_sms_goes_to_subscribers_with_a_mobile_when_asked(recorder):
    alert, people = _sending_alert(2, send_sms=True)
    people[0].mobile = "+447700900001"
    people[0].mobile_consented_at = timezone.now()
    people[0].save()
    fan_out.call(alert.pk)
    numbers = [address for address, item in recorder.sent if isinstance(item, str)]
    assert numbers == ["+447700900001"]


def test_temporary_failure_is_retried_with_back_off_then_sent(recorder, settings):
    settings.COMMS_RETRY_BASE_SECONDS = 60
    alert, people = _sending_alert(2)
    recorder.failures = {people[0].email: "temporary"}
    before = timezone.now()
    fan_out.call(alert.pk)
    delivery = Delivery.objects.get(subscriber=people[0])
    assert delivery.status == DeliveryStatus.QUEUED and delivery.attempts == 1
    assert delivery.next_attempt_at >= before + timedelta(seconds=60)
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.SENDING
    # The retry time comes; the sweeper (or the run_after task) sends it.
    recorder.failures = {}
    Delivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - timedelta(hours=1)
    )
    sweep.call()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 2
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.SENT


def test_after_the_last_try_a_delivery_shows_failed(recorder, settings):
    settings.COMMS_MAX_ATTEMPTS = 2
    alert, people = _sending_alert(1)
    recorder.failures = {people[0].email: "temporary"}
    fan_out.call(alert.pk)
    delivery = Delivery.objects.get()
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    send_deliveries.call(alert.pk, delivery.pk, delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 2
    assert alert.figures()["failed"] == 1
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.SENT


def test_permanent_failure_is_not_retried(recorder):
    alert, people = _sending_alert(1)
    recorder.failures = {people[0].email: "permanent"}
    fan_out.call(alert.pk)
    assert Delivery.objects.get().status == DeliveryStatus.FAILED


def test_back_off_doubles():
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]


def test_sweeper_requeues_deliveries_a_dead_worker_left_sending(recorder, settings):
    settings.COMMS_SENDING_TIMEOUT_SECONDS = 60
    alert, people = _sending_alert(3)
    Delivery.objects.bulk_create([Delivery(alert=alert, subscriber=s) for s in people])
    Alert.objects.filter(pk=alert.pk).update(fanned_out_at=timezone.now())
    first, last = Delivery.objects.order_by("pk").first().pk, Delivery.objects.last().pk
    claim(alert.pk, first, last)  # a worker claimed them, then was killed
    Delivery.objects.update(claimed_at=timezone.now() - timedelta(minutes=5))
    result = sweep.call()
    assert result["released"] == 3
    assert len(recorder.sent) == 3
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.SENT


def test_sweeper_restarts_a_fan_out_that_died_before_finishing(recorder, settings):
    settings.COMMS_SENDING_TIMEOUT_SECONDS = 60
    alert, people = _sending_alert(4)
    Delivery.objects.create(alert=alert, subscriber=people[0])  # one batch made, then killed
    Alert.objects.filter(pk=alert.pk).update(
        sending_started_at=timezone.now() - timedelta(minutes=5)
    )
    assert sweep.call()["restarted"] == 1
    assert sorted(a for a, _ in recorder.sent) == sorted(p.email for p in people)


def test_subscriber_leaving_mid_send_keeps_the_row_without_the_person(recorder):
    alert, people = _sending_alert(2)
    Delivery.objects.bulk_create([Delivery(alert=alert, subscriber=s) for s in people])
    people[0].delete()
    Alert.objects.filter(pk=alert.pk).update(fanned_out_at=timezone.now())
    send_deliveries.call(alert.pk, 0, 10**9)
    assert [a for a, _ in recorder.sent] == [people[1].email]
    assert Delivery.objects.filter(subscriber__isnull=True).count() == 1


def test_email_carries_rfc8058_headers_and_a_stable_message_id(settings):
    from django.core import mail

    alert, people = _sending_alert(1)
    fan_out.call(alert.pk)
    message = mail.outbox[0]
    delivery = Delivery.objects.get()
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/alerts/")
    assert message.extra_headers["List-Unsubscribe"].endswith("/one-click/>")
    assert message.extra_headers["Message-ID"] == f"<delivery-{delivery.pk}@example.org>"
    assert message.alternatives[0].mimetype == "text/html"
    assert "<strong>shed</strong>" in message.alternatives[0].content
    assert "Lock your shed." in message.body


def test_sweeper_leaves_a_fan_out_alone_while_workers_make_progress(recorder, settings):
    settings.COMMS_SENDING_TIMEOUT_SECONDS = 60
    alert, people = _sending_alert(3)
    Delivery.objects.bulk_create([Delivery(alert=alert, subscriber=s) for s in people])
    old = timezone.now() - timedelta(minutes=5)
    Delivery.objects.update(next_attempt_at=old)
    Alert.objects.filter(pk=alert.pk).update(fanned_out_at=old)
    Delivery.objects.filter(subscriber=people[0]).update(
        status=DeliveryStatus.SENT, claimed_at=timezone.now()
    )
    assert sweep.call()["requeued"] == 0
    assert recorder.sent == []
    Delivery.objects.filter(subscriber=people[0]).update(claimed_at=old)  # progress stopped
    assert sweep.call()["requeued"] == 1
    assert len(recorder.sent) == 2
