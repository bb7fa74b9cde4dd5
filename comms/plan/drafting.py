"""Storing a draft plan built by the pure rules, and where findings come from.

Findings come from the released results (`plan_findings.released_findings`, a typed
call into what perceptions stored): data flows surveys → perceptions → comms, so comms
reads perceptions directly; with nothing released the admin says there is nothing to
draft from.
"""

from django.db import transaction

from comms.models import CommunicationsPlan, PlanItem, PlanStatus
from comms.plan.findings import released_findings
from comms.plan.rules import Findings, draft_items
from communitysafety.wards.models import Ward


def findings_for(year: int) -> Findings | None:
    """The released findings of ``year``, or None when that wave is not released."""
    return released_findings(year)


class PlanAlreadyApproved(Exception):
    pass


@transaction.atomic
def create_draft(findings: Findings) -> CommunicationsPlan:
    """Replace the drafted items of the year's draft plan with fresh ones from `findings`.

    Items staff added by hand (no finding kind) are kept; an approved plan is never touched.
    """
    plan, _ = CommunicationsPlan.objects.get_or_create(year=findings.year)
    if plan.status == PlanStatus.APPROVED:
        raise PlanAlreadyApproved
    plan.items.exclude(finding_kind="").delete()
    wards = {ward.code: ward for ward in Ward.objects.all()}
    for draft in draft_items(findings):
        item = PlanItem.objects.create(
            plan=plan,
            objective=draft.objective[:255],
            channel=draft.channel,
            measure=draft.measure,
            key_message=draft.key_message,
            audience_groups=draft.audience_groups,
            finding_kind=draft.finding_kind,
            finding=draft.finding,
        )
        item.audience_wards.set([wards[code] for code in draft.ward_codes if code in wards])
        item.save()  # ParentalManyToManyField commits on save
    return plan
