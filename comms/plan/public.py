"""The public "You said, we did" page: approved plan items next to what residents said."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from comms.models import PlanItem, PlanStatus
from comms.plan.trials import item_verdict
from surveys.unsafe_places.moderation import public_outcome_notes


def you_said_we_did(request: HttpRequest) -> HttpResponse:
    items = (
        PlanItem.objects.filter(plan__status=PlanStatus.APPROVED)
        .select_related("plan", "owner", "trial")
        .prefetch_related("audience_wards")
        .order_by("-plan__year", "starts_on", "pk")
    )
    rows = [(item, item_verdict(item) if item.measure else "") for item in items]
    context = {"rows": rows, "items": rows, "report_outcomes": public_outcome_notes()}
    return render(request, "comms/plan/you_said_we_did.html", context)
