"""The plan's demo drafts a plan from the real wards, with owners, and is idempotent."""

import pytest

from comms.models import CommunicationsPlan
from comms.plan import demo

pytestmark = pytest.mark.django_db


def test_demo_drafts_an_owned_plan_twice_without_duplicates(wards, site):
    messages = []
    demo.load(messages.append)
    demo.load(messages.append)
    plan = CommunicationsPlan.objects.get(year=demo.DEMO_PLAN_YEAR)
    assert plan.status == "draft" and plan.items.count() >= 5
    assert plan.items.filter(owner__isnull=False).exists()
    assert f"draft plan {plan.year}" in messages[-1]
