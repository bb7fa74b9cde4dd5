"""Admin views for moderating one unsafe-place report and exporting filtered reports.

Every change goes through `surveys.unsafe_places.moderation`, which validates the workflow
and writes the audit log; these views only parse forms and show results.
"""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from communitysafety.common.exports import csv_response
from surveys.unsafe_places import moderation
from surveys.unsafe_places.exports import (
    EXPORT_COLUMNS,
    csv_rows,
    export_filters,
    geojson,
    record_export,
)
from surveys.unsafe_places.filters import (
    UnsafePlaceReportFilterSet,
    is_safeguarding_lead,
    visible_to,
)
from surveys.unsafe_places.moderation_forms import (
    GroupForm,
    PublicNoteForm,
    RedactForm,
    SafeguardingForm,
    TransitionForm,
)


def _require(request: HttpRequest, codename: str) -> None:
    if not request.user.has_perm(f"surveys.{codename}"):
        raise PermissionDenied


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    """One report: details, workflow, redaction, notes, duplicates, safeguarding, history."""
    _require(request, "view_unsafeplacereport")
    report = get_object_or_404(visible_to(request.user).prefetch_related("reasons"), pk=pk)
    candidates = [c for c in moderation.near_duplicates(report) if c.pk != report.pk]
    forms = {
        "transition": TransitionForm(allowed=moderation.allowed_transitions(report)),
        "redact": RedactForm(initial={"description": report.description}),
        "note": PublicNoteForm(initial={"note": report.outcome_note}),
        "safeguarding": SafeguardingForm(),
        "group": GroupForm(candidates=candidates),
    }
    if request.method == "POST":
        _require(request, "change_unsafeplacereport")
        action = request.POST.get("action", "")
        if action not in forms:
            raise PermissionDenied
        form = _bound(action, request, report, candidates)
        forms[action] = form
        if form.is_valid():
            try:
                message = _apply(action, form, report, request.user)
            except ValidationError as error:
                _errors(request, error)
            else:
                messages.success(request, message)
                return redirect("unsafe_places_admin:moderate", pk=report.pk)
    history = ModelLogEntry.objects.for_instance(report).select_related("user")
    return TemplateResponse(
        request,
        "surveys/unsafe_places/admin/moderate.html",
        {
            "report": report,
            "forms": forms,
            "candidates": candidates,
            "history": history,
            "is_lead": is_safeguarding_lead(request.user),
            "page_title": report.reference,
        },
    )


def _bound(action: str, request: HttpRequest, report, candidates):
    data = request.POST
    if action == "transition":
        return TransitionForm(data, allowed=moderation.allowed_transitions(report))
    if action == "redact":
        return RedactForm(data)
    if action == "note":
        return PublicNoteForm(data)
    if action == "safeguarding":
        return SafeguardingForm(data)
    return GroupForm(data, candidates=candidates)


def _apply(action: str, form, report, user) -> str:
    data = form.cleaned_data
    if action == "transition":
        moderation.transition(report, data["status"], user, data["reason"], data["partner"])
        return _("Status changed.")
    if action == "redact":
        moderation.redact_description(report, data["description"], user)
        return _("Description redacted. The original is not kept.")
    if action == "note":
        moderation.set_public_note(report, data["note"], user)
        return _("Public outcome note saved.")
    if action == "safeguarding":
        if report.safeguarding:
            moderation.mark_safeguarding_handled(report, user, data["note"])
            return _("Recorded that you handled this safeguarding concern.")
        moderation.flag_safeguarding(report, user, data["note"])
        return _("Flagged: the safeguarding leads have been told.")
    group = moderation.group_duplicates([report, *data["reports"]], user, data["label"])
    return _("Grouped as “%(label)s”.") % {"label": group.label}


def _filtered(request: HttpRequest):
    """The reports the moderator is looking at, and the filters for the audit log."""
    _require(request, "view_unsafeplacereport")
    reports = visible_to(request.user)
    safeguarding = request.GET.get("safeguarding") == "1" and is_safeguarding_lead(request.user)
    reports = reports.safeguarding_queue() if safeguarding else reports.general_queue()
    filters = UnsafePlaceReportFilterSet(request.GET, queryset=reports)
    audit = export_filters(filters, safeguarding=safeguarding)
    return (filters.qs if filters.is_valid() else reports.none()), audit


def export_csv(request: HttpRequest) -> HttpResponse:
    reports, filters = _filtered(request)
    # Counted before streaming: the entry is written even if the download is cut short.
    record_export(request.user, fmt="csv", filters=filters, rows=reports.count())
    name = f"unsafe-places-{timezone.localdate().isoformat()}.csv"
    return csv_response(name, EXPORT_COLUMNS, csv_rows(reports))


def export_geojson(request: HttpRequest) -> HttpResponse:
    reports, filters = _filtered(request)
    collection = geojson(reports)
    record_export(request.user, fmt="geojson", filters=filters, rows=len(collection["features"]))
    response = HttpResponse(
        json.dumps(collection, ensure_ascii=False), content_type="application/geo+json"
    )
    name = f"unsafe-places-{timezone.localdate().isoformat()}.geojson"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
