"""Demo data for alerts and the communications plan (called from comms/demo.py).

A few subscribers (example.org addresses only), one sent alert with its
delivery rows, and a draft plan built by the real drafting rules from the
released results the perceptions demo stored (no finding is written here: with
nothing released, no plan is drafted). Idempotent.
"""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.utils import timezone

from comms.models import Alert, AlertStatus, Delivery, DeliveryStatus, PlanChannel, Subscriber
from comms.plan.drafting import PlanAlreadyApproved, create_draft, findings_for
from communitysafety.vocabularies.models import PartnerOrganisation, Topic
from communitysafety.wards.models import Ward

DEMO_ALERT_TITLE = "Shed and garage break-ins"
DEMO_PLAN_YEAR = 2027
PARTNER_FOR_CHANNEL = {
    PlanChannel.ROADSHOW: "met-police-east-area",
    PlanChannel.ALERT: "havering-council-community-safety",
    PlanChannel.PRESS: "havering-council-community-safety",
    PlanChannel.PARTNER: "havering-council-street-lighting",
    PlanChannel.NEWSLETTER: "safer-neighbourhood-board",
}


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
    findings = findings_for(DEMO_PLAN_YEAR)
    if findings is None:
        out(
            f"comms alerts: {len(people)} subscribers, alert '{alert.title}'; no released "
            "survey results, so no plan was drafted"
        )
        return
    try:
        plan = create_draft(findings)
    except PlanAlreadyApproved:
        out("comms alerts demo: plan already approved, left alone")
        return
    partners = {p.slug: p for p in PartnerOrganisation.objects.all()}
    for item in plan.items.filter(owner__isnull=True):
        item.owner = partners.get(PARTNER_FOR_CHANNEL.get(item.channel, ""))
        item.save(update_fields=["owner"])
    out(
        f"comms alerts: {len(people)} subscribers, alert '{alert.title}' with "
        f"{alert.deliveries.count()} deliveries, draft plan {plan.year} "
        f"with {plan.items.count()} items"
    )
