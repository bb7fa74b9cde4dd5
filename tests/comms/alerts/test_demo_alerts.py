"""The alerts demo data loads from the real wards and is idempotent."""

import pytest

from comms.alerts import demo as demo_alerts
from comms.models import Alert, Delivery, Subscriber

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicates(wards, site):
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
    assert "deliveries" in messages[-1]
