"""Demo data for alerts (called from comms/demo.py).

A few subscribers (example.org addresses only) and one sent alert with its delivery rows.
Idempotent. The plan's demos are in comms/plan/demo.py and trial_demo.py.
"""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.utils import timezone

from comms.models import Alert, AlertStatus, Delivery, DeliveryStatus, Subscriber
from communitysafety.vocabularies.models import Topic
from communitysafety.wards.models import Ward

DEMO_ALERT_TITLE = "Shed and garage break-ins"


def _subscribers(wards: list[Ward], topics: list[Topic]) -> list[Subscriber]:
    people = []
    now = timezone.now()
    for n in range(5):
        subscriber, created = Subscriber.objects.get_or_create(
            email=f"resident{n + 1}@example.org",
            defaults={
                "consent_wording": "2026-11",
                "confirmed_at": now,
                "wants_events": n % 2 == 0,
                "wants_survey_results": n % 3 == 0,
            },
        )
        if created:
            subscriber.topics.set(topics[: 1 + n % len(topics)])
            if n % 2 and wards:
                subscriber.wards.set([wards[n % len(wards)]])
        people.append(subscriber)
    return people


def _sent_alert(topic: Topic) -> Alert:
    users = get_user_model().objects
    author = users.filter(username="editor").first()
    approver = users.filter(username="admin").first()
    alert, created = Alert.objects.get_or_create(
        title=DEMO_ALERT_TITLE,
        defaults={
            "body": "<p>There have been break-ins to sheds and garages. "
            "<strong>Lock them and mark your tools.</strong></p>",
            "whole_borough": True,
            "author": author,
            "approved_by": approver,
            "status": AlertStatus.SENT,
            "approved_at": timezone.now(),
            "sending_started_at": timezone.now(),
            "fanned_out_at": timezone.now(),
        },
    )
    if created:
        alert.topics.add(topic)
        Delivery.objects.bulk_create(
            [
                Delivery(
                    alert=alert, subscriber=s, status=DeliveryStatus.SENT, sent_at=timezone.now()
                )
                for s in alert.audience()
            ],
            ignore_conflicts=True,
        )
    return alert


def load(out: Callable[[str], None]) -> None:
    wards = list(Ward.objects.order_by("code"))
    topics = list(Topic.objects.order_by("slug")[:3])
    if not topics:
        out("comms alerts demo: no topics (vocabularies not seeded); skipped")
        return
    people = _subscribers(wards, topics)
    alert = _sent_alert(next(t for t in topics))
    out(
        f"comms alerts: {len(people)} subscribers, alert '{alert.title}' with "
        f"{alert.deliveries.count()} deliveries"
    )
