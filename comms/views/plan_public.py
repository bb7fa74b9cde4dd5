"""The public "You said, we did" page: approved plan items next to what residents said."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..models import PlanItem, PlanStatus


def you_said_we_did(request: HttpRequest) -> HttpResponse:
    items = (
        PlanItem.objects.filter(plan__status=PlanStatus.APPROVED)
        .select_related("plan", "owner")
        .prefetch_related("audience_wards")
        .order_by("-plan__year", "starts_on", "pk")
    )
    context = {"items": items, "report_outcomes": _report_outcomes()}
    return render(request, "comms/plan/you_said_we_did.html", context)


def _report_outcomes() -> list:
    """Moderators' public outcome notes on unsafe-place reports, when that app provides them."""
    try:
        from surveys.models import UnsafePlaceReport
    except ImportError:
        return []
    fields = {f.name for f in UnsafePlaceReport._meta.get_fields()}
    if "outcome_note" not in fields:
        return []
    return list(UnsafePlaceReport.objects.exclude(outcome_note="").order_by("-pk")[:20])
