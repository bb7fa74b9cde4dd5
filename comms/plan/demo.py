"""Demo data for the communications plan (called from comms/demo.py).

A draft plan built by the real drafting rules from the released results the perceptions
demo stored (no finding is written here: with nothing released, no plan is drafted), each
item owned by a partner. Idempotent: an approved plan is left alone.
"""

from collections.abc import Callable

from comms.models import PlanChannel
from comms.plan.drafting import PlanAlreadyApproved, create_draft, findings_for
from communitysafety.vocabularies.models import PartnerOrganisation

DEMO_PLAN_YEAR = 2027
PARTNER_FOR_CHANNEL = {
    PlanChannel.ROADSHOW: "met-police-east-area",
    PlanChannel.ALERT: "havering-council-community-safety",
    PlanChannel.PRESS: "havering-council-community-safety",
    PlanChannel.PARTNER: "havering-council-street-lighting",
    PlanChannel.NEWSLETTER: "safer-neighbourhood-board",
}


def load(out: Callable[[str], None]) -> None:
    """Draft the demo year's plan from released results; give unowned items a partner."""
    findings = findings_for(DEMO_PLAN_YEAR)
    if findings is None:
        out("comms plan: no released survey results, so no plan was drafted")
        return
    try:
        plan = create_draft(findings)
    except PlanAlreadyApproved:
        out("comms plan demo: plan already approved, left alone")
        return
    partners = {p.slug: p for p in PartnerOrganisation.objects.all()}
    for item in plan.items.filter(owner__isnull=True):
        item.owner = partners.get(PARTNER_FOR_CHANNEL.get(item.channel, ""))
        item.save(update_fields=["owner"])
    out(f"comms plan: draft plan {plan.year} with {plan.items.count()} items")
