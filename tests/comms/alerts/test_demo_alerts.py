"""The alerts demo data loads from the real wards, is idempotent, and drafts its plan
from the released results only (no finding is written by the demo)."""

import pytest

from comms.alerts import demo as demo_alerts
from comms.models import Alert, CommunicationsPlan, Delivery, Subscriber
from comms.plan.findings import released_findings
from comms.plan.rules import draft_items

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicates_and_drafts_from_released_results(
    wards, site, released_results
):
    messages = []
    demo_alerts.load(messages.append)
    demo_alerts.load(messages.append)
    assert Subscriber.objects.count() == 5
    assert all(
        email.endswith("@example.org")
        for email in Subscriber.objects.values_list("email", flat=True)
    )
    alert = Alert.objects.get(title=demo_alerts.DEMO_ALERT_TITLE)
    assert alert.status == "sent" and Delivery.objects.filter(alert=alert).count() >= 1
    plan = CommunicationsPlan.objects.get(year=demo_alerts.DEMO_PLAN_YEAR)
    drafted = draft_items(released_findings(demo_alerts.DEMO_PLAN_YEAR))
    assert plan.status == "draft" and plan.items.count() == len(drafted) > 0
    assert sorted(plan.items.values_list("finding", flat=True)) == sorted(
        d.finding for d in drafted
    )
    assert plan.items.filter(owner__isnull=False).exists()
    assert "deliveries" in messages[-1]


def test_without_released_results_the_demo_drafts_no_plan(wards, site):
    messages = []
    demo_alerts.load(messages.append)
    assert not CommunicationsPlan.objects.exists()
    assert "no plan was drafted" in messages[-1]
