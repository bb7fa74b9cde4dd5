"""Background work for alerts: dispatch, fan-out, sending, retries, the sweeper, the purge.

Every task takes ids and is idempotent: deliveries are unique per (alert,
subscriber, channel), created with ignore_conflicts and claimed before sending,
so a duplicated or re-run task never sends twice. The tasks API has no retry
and a killed database-backed task stays RUNNING, so retries (`run_after`) and
the sweeper that re-queues what a dead worker left behind are ours.
"""

from datetime import datetime, timedelta

from django.db.models import Max, Min
from django.utils import timezone
from django_tasks import default_task_backend, task

from comms.alerts import conf
from comms.alerts.delivery import get_backend
from comms.alerts.sending import (
    claim,
    create_deliveries,
    finish_if_done,
    release_stale,
    send_claimed,
)
from comms.models import Alert, AlertStatus, Channel, Delivery, DeliveryStatus, Subscriber
from surveys.pulse.storage import unlink

AUDIENCE_PAGE = 10_000  # subscriber ids and mobiles: about 1 MB


def _enqueue(task_obj, *args, run_after: datetime | None = None) -> None:
    if run_after is not None and default_task_backend.supports_defer:
        task_obj.using(run_after=run_after).enqueue(*args)
    elif run_after is None:
        task_obj.enqueue(*args)
    # A backend without run_after (the immediate one in tests): the sweeper picks it up.


@task()
def send_subscriber_email(subscriber_id: int, kind: str) -> None:
    """The confirmation email, or the manage-link email for someone already subscribed."""
    from comms.alerts.messages import confirmation_email, manage_link_email

    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return
    message = confirmation_email(subscriber) if kind == "confirm" else manage_link_email(subscriber)
    get_backend().send_email(message)


@task()
def dispatch_due_alerts() -> int:
    """Start every approved alert whose time has come; returns how many started."""
    started = 0
    for alert_id in Alert.objects.due().values_list("pk", flat=True):
        if Alert.objects.filter(pk=alert_id, status=AlertStatus.APPROVED).update(
            status=AlertStatus.SENDING, sending_started_at=timezone.now()
        ):
            started += 1
            fan_out.enqueue(alert_id)
    return started


@task()
def fan_out(alert_id: int) -> int:
    """Create the alert's deliveries in batches, enqueueing their sending batch by batch.

    Sending starts while the rest are still being created, so a second worker is
    busy from the first batch rather than after the whole audience is in.
    """
    alert = Alert.objects.filter(pk=alert_id, status=AlertStatus.SENDING).first()
    if alert is None:
        return 0
    batch = conf.get("COMMS_BATCH_SIZE")
    with_sms = alert.send_sms and get_backend().supports_sms
    audience = alert.audience().order_by("pk")
    last = 0
    enqueued_up_to = 0
    while True:
        # Each audience query costs about as much as the whole audience (its subqueries
        # are evaluated in full), so read it in pages much larger than a batch.
        page = list(
            audience.filter(pk__gt=last).values_list("pk", "mobile", "mobile_consented_at")[
                :AUDIENCE_PAGE
            ]
        )
        if not page:
            break
        for start in range(0, len(page), batch):
            rows = page[start : start + batch]
            wanted = [(pk, Channel.EMAIL) for pk, _, _ in rows]
            if with_sms:  # text messages only to numbers given with consent
                wanted += [(pk, Channel.SMS) for pk, mobile, agreed in rows if mobile and agreed]
            create_deliveries(alert_id, wanted)
            enqueued_up_to = enqueue_sending(alert_id, after=enqueued_up_to)[1]
        last = page[-1][0]
    enqueue_sending(alert_id, after=enqueued_up_to)
    Alert.objects.filter(pk=alert_id).update(fanned_out_at=timezone.now())
    finish_if_done(alert_id)
    return last


def enqueue_sending(
    alert_id: int, due_before: datetime | None = None, retries_only: bool = False, after: int = 0
) -> tuple[int, int]:
    """Enqueue one send task per batch of queued delivery ids above `after`.

    Returns how many tasks, and the last delivery id enqueued (or `after`).
    """
    batch = conf.get("COMMS_BATCH_SIZE")
    queued = Delivery.objects.filter(alert_id=alert_id, status=DeliveryStatus.QUEUED)
    if due_before is not None:
        queued = queued.filter(next_attempt_at__lte=due_before)
    if retries_only:
        queued = queued.filter(attempts__gt=0)
    ids = queued.order_by("pk").values_list("pk", flat=True)
    tasks = 0
    last = after
    while True:
        chunk = ids.filter(pk__gt=last)[:batch].aggregate(first=Min("pk"), last=Max("pk"))
        if chunk["first"] is None:
            break
        # Min/Max over a sliced queryset: Django wraps it in a subquery, so this is the batch.
        send_deliveries.enqueue(alert_id, chunk["first"], chunk["last"])
        last = chunk["last"]
        tasks += 1
    return tasks, last


@task()
def send_deliveries(alert_id: int, first_id: int, last_id: int) -> dict[str, int]:
    """Claim the due deliveries in an id range and send them."""
    alert = Alert.objects.filter(pk=alert_id).first()
    if alert is None:
        return {}
    token = claim(alert_id, first_id, last_id)
    outcome = send_claimed(alert, token)
    finish_if_done(alert_id)
    return outcome


def schedule_retry(alert_id: int, delivery_id: int, run_after: datetime) -> None:
    _enqueue(send_deliveries, alert_id, delivery_id, delivery_id, run_after=run_after)


@task()
def sweep() -> dict[str, int]:
    """Re-queue what dead workers left behind; restart stalled fan-outs; finish alerts.

    Run it every minute or so (`manage.py run_alert_sweeper --every 60`).
    """
    now = timezone.now()
    timeout = timedelta(seconds=conf.get("COMMS_SENDING_TIMEOUT_SECONDS"))
    released = release_stale(now)
    restarted = 0
    for alert_id in Alert.objects.filter(
        status=AlertStatus.SENDING, fanned_out_at__isnull=True, sending_started_at__lt=now - timeout
    ).values_list("pk", flat=True):
        fan_out.enqueue(alert_id)
        restarted += 1
    requeued = 0
    pending = (
        Delivery.objects.filter(status=DeliveryStatus.QUEUED, alert__fanned_out_at__isnull=False)
        .values_list("alert_id", flat=True)
        .distinct()
    )
    for alert_id in list(pending):
        progressing = Delivery.objects.filter(
            alert_id=alert_id, claimed_at__gte=now - timeout
        ).exists()
        # Released rows are due now; others only once overdue (their task was lost).
        # While workers are still draining an alert's first sends, only overdue retries.
        cutoff = now if released else now - timeout
        retries_only = progressing and not released
        requeued += enqueue_sending(alert_id, due_before=cutoff, retries_only=retries_only)[0]
    for alert_id in Alert.objects.filter(status=AlertStatus.SENDING).values_list("pk", flat=True):
        finish_if_done(alert_id)
    started = dispatch_due_alerts.call()
    return {"released": released, "restarted": restarted, "requeued": requeued, "started": started}


def purge_unconfirmed_subscribers() -> int:
    """Delete sign-ups never confirmed within the retention period; returns how many."""
    cutoff = timezone.now() - timedelta(days=conf.get("COMMS_UNCONFIRMED_RETENTION_DAYS"))
    expired = Subscriber.objects.unconfirmed_before(cutoff)
    unlink(list(expired.exclude(pulse_link_key="").values_list("pulse_link_key", flat=True)))
    deleted, _ = expired.delete()
    return deleted


@task()
def purge_unconfirmed() -> int:
    """The purge of unconfirmed sign-ups as a task (:func:`purge_unconfirmed_subscribers`)."""
    return purge_unconfirmed_subscribers()
