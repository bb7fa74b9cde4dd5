"""Staff views for the plan: draft from findings, and CSV/XLSX/iCalendar exports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.log_actions import log

from comms.models import CommunicationsPlan
from comms.plan.drafting import PlanAlreadyApproved, create_draft, findings_for
from comms.plan.exports import HEADER, plan_calendar, plan_rows
from comms.plan.rules import evaluate
from comms.plan.trials import item_verdict, trial_of
from communitysafety.common.exports import csv_response, xlsx_response


def draft_from_findings(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("comms.add_communicationsplan"):
        raise PermissionDenied
    year = timezone.now().year
    if request.method == "POST":
        try:
            year = int(request.POST.get("year", year))
        except ValueError:
            year = timezone.now().year
        findings = findings_for(year)
        if findings is None:
            messages.error(request, f"No released survey results to draft the {year} plan from.")
        else:
            try:
                plan = create_draft(findings)
            except PlanAlreadyApproved:
                messages.error(request, f"The {year} plan is approved: it cannot be redrafted.")
            else:
                log(instance=plan, action="wagtail.edit", user=request.user, data={"drafted": 1})
                messages.success(request, "Draft plan built from the findings. Review every item.")
                return redirect("comms_plan:edit", plan.pk)
    return TemplateResponse(request, "comms/plan/admin/draft.html", {"year": year})


def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if not request.user.has_perm("comms.view_communicationsplan"):
        raise PermissionDenied
    plan = get_object_or_404(CommunicationsPlan, pk=pk)
    name = f"communications-plan-{plan.year}"
    if fmt == "csv":
        return csv_response(f"{name}.csv", HEADER, plan_rows(plan))
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", str(plan.year), HEADER, plan_rows(plan))
    if fmt == "ics":
        response = HttpResponse(plan_calendar(plan), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
        return response
    raise Http404


def evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    """Each item beside next wave's change in its measure and wards: which actions worked."""
    if not request.user.has_perm("comms.view_communicationsplan"):
        raise PermissionDenied
    plan = get_object_or_404(CommunicationsPlan, pk=pk)
    next_wave = findings_for(plan.year + 1)
    rows = []
    for item in plan.items.prefetch_related("audience_wards"):
        codes = tuple(ward.code for ward in item.audience_wards.all())
        results = evaluate(item.measure, codes, next_wave) if next_wave and item.measure else []
        names = {ward.code: ward.name for ward in item.audience_wards.all()}
        rows.append((item, [(names.get(r.ward_code, r.ward_name), r) for r in results]))
    trials = [
        (item, trial_of(item), item_verdict(item))
        for item in plan.items.select_related("trial").order_by("starts_on", "pk")
    ]
    context = {
        "plan": plan,
        "rows": rows,
        "has_results": next_wave is not None,
        "trials": trials,
    }
    return TemplateResponse(request, "comms/plan/admin/evaluation.html", context)
