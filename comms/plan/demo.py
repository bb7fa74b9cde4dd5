"""Demo data for the communications plan (called from comms/demo.py).

A draft plan built by the real drafting rules from illustrative findings over the real
wards, each item owned by a partner. Idempotent: an approved plan is left alone.
"""

from collections.abc import Callable

from comms.models import PlanChannel
from comms.plan.drafting import PlanAlreadyApproved, create_draft
from comms.plan.rules import Findings, MeasureChange, PasGap, WardFearGap, WardMeasure
from communitysafety.vocabularies.models import PartnerOrganisation
from communitysafety.wards.models import Ward

DEMO_PLAN_YEAR = 2027
PARTNER_FOR_CHANNEL = {
    PlanChannel.ROADSHOW: "met-police-east-area",
    PlanChannel.ALERT: "havering-council-community-safety",
    PlanChannel.PRESS: "havering-council-community-safety",
    PlanChannel.PARTNER: "havering-council-street-lighting",
    PlanChannel.NEWSLETTER: "safer-neighbourhood-board",
}


def demo_findings(year: int, wards: list[Ward]) -> Findings:
    """Illustrative findings (not real survey results) to show what the rules draft."""
    ranked = sorted(wards, key=lambda w: w.code)
    return Findings(
        year,
        changes=(MeasureChange("trust_mps", 0.74, 0.68, significant=True),),
        pas_gaps=(PasGap("informed_local", 0.38, 0.45),),
        fear_gaps=tuple(WardFearGap(w.code, w.name, "high_fear_low_crime") for w in ranked[:2]),
        ward_measures=tuple(
            WardMeasure(w.code, w.name, "contact_ward_officer", 0.10 + 0.02 * n)
            for n, w in enumerate(ranked)
        ),
    )


def load(out: Callable[[str], None]) -> None:
    """Draft the demo year's plan and give each unowned item the partner for its channel."""
    wards = list(Ward.objects.order_by("code"))
    try:
        plan = create_draft(demo_findings(DEMO_PLAN_YEAR, wards))
    except PlanAlreadyApproved:
        out("comms plan demo: plan already approved, left alone")
        return
    partners = {p.slug: p for p in PartnerOrganisation.objects.all()}
    for item in plan.items.filter(owner__isnull=True):
        item.owner = partners.get(PARTNER_FOR_CHANNEL.get(item.channel, ""))
        item.save(update_fields=["owner"])
    out(f"comms plan: draft plan {plan.year} with {plan.items.count()} items")
