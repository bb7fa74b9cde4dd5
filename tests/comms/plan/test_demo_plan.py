"""The plan's demo drafts from the released results only (no finding is written by the demo),
with owners, and is idempotent."""

import pytest

from comms.models import CommunicationsPlan
from comms.plan import demo
from comms.plan.findings import released_findings
from comms.plan.rules import draft_items

pytestmark = pytest.mark.django_db


def test_demo_drafts_an_owned_plan_from_released_results_twice_without_duplicates(
    wards, site, released_results
):
    messages = []
    demo.load(messages.append)
    demo.load(messages.append)
    plan = CommunicationsPlan.objects.get(year=demo.DEMO_PLAN_YEAR)
    drafted = draft_items(released_findings(demo.DEMO_PLAN_YEAR))
    assert plan.status == "draft" and plan.items.count() == len(drafted) > 0
    assert sorted(plan.items.values_list("finding", flat=True)) == sorted(
        d.finding for d in drafted
    )
    assert plan.items.filter(owner__isnull=False).exists()
    assert f"draft plan {plan.year}" in messages[-1]


def test_without_released_results_the_demo_drafts_no_plan(wards, site):
    messages = []
    demo.load(messages.append)
    assert not CommunicationsPlan.objects.exists()
    assert "no plan was drafted" in messages[-1]
