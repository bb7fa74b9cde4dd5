"""Results pages: the public "What you told us", the staff dashboard, methodology, data.

Every view reads stored results (:class:`SurveyResults`); none computes a report. Public
views show released waves only; staff views (Analysts) show every wave and the analysts'
export. Charts fetch ``data.json`` from the same origin; the tables work without it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth.decorators import login_required, permission_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from communitysafety.common.exports import csv_response
from perceptions.models import Release, SurveyResults
from perceptions.results.analyst_export import (
    XLSX_CONTENT_TYPE,
    ExportError,
    codebook,
    weighted_responses,
    workbook_bytes,
)
from perceptions.results.charts import chart_data
from perceptions.results.panels import controls, public_dashboard, public_revisions
from perceptions.results.presentation import dashboard, visible
from perceptions.results.stored import chosen, computed, public_results
from perceptions.results.tables import changes_table, estimates_table

STAFF_PERMISSION = "perceptions.view_surveyresults"
FORMATS = ("csv", "xlsx")


def _results(request: HttpRequest) -> SurveyResults | None:
    """The chosen survey's stored results (``?survey=slug``), else the first computed."""
    return chosen(computed(), request.GET.get("survey"))


def _page(request: HttpRequest, *, staff: bool) -> HttpResponse:
    measure, ward = request.GET.get("measure"), request.GET.get("ward")
    # The public content is cached: the report is read only to rebuild it.
    results = _results(request) if staff else public_results(request.GET.get("survey"))
    context: dict[str, Any] = {"staff": staff, "results": results}
    if results is not None and staff:
        context.update(dashboard(results, measure=measure, ward=ward, staff=True))
        context.update(
            controls=controls(context),
            chosen_survey=request.GET.get("survey", ""),
            chart_query=request.GET.urlencode(),
        )
        context["releases"] = Release.objects.filter(wave__survey=results.survey)
        context["mdc"] = [
            {**row, "points": 100 * row["minimum_detectable_change"]}
            for row in results.report.get("minimum_detectable_change", [])
        ]
    elif results is not None:
        context.update(public_dashboard(results, request, measure=measure, ward=ward))
    return render(request, "perceptions/results.html", context)


def results_page(request: HttpRequest) -> HttpResponse:
    """`/results/`: what residents told us, released waves only."""
    return _page(request, staff=False)


@login_required
@permission_required(STAFF_PERMISSION, raise_exception=True)
def staff_results_page(request: HttpRequest) -> HttpResponse:
    """`/results/staff/`: every wave, errors, planning figures and the analysts' export."""
    return _page(request, staff=True)


def methodology_page(request: HttpRequest) -> HttpResponse:
    return render(request, "perceptions/methodology.html", {"revisions": public_revisions()})


def _chart_json(request: HttpRequest, *, staff: bool) -> JsonResponse:
    results = _results(request)
    if results is None:
        raise Http404(_("No results have been computed yet."))
    measure, ward = request.GET.get("measure"), request.GET.get("ward")
    data = visible(results, staff=staff)
    scope = "staff" if staff else "-".join(map(str, data.years))
    selection = hashlib.sha256(f"{scope}|{measure}|{ward}".encode()).hexdigest()[:32]
    key = f"{results.cache_key}:chart:{selection}"
    payload = cache.get(key)
    if payload is None:
        payload = chart_data(dashboard(results, measure=measure, ward=ward, staff=staff))
        cache.set(key, payload, 60 * 60)
    return JsonResponse(payload)


def chart_json(request: HttpRequest) -> JsonResponse:
    return _chart_json(request, staff=False)


@login_required
@permission_required(STAFF_PERMISSION, raise_exception=True)
def staff_chart_json(request: HttpRequest) -> JsonResponse:
    return _chart_json(request, staff=True)


def _download(request: HttpRequest, fmt: str, *, staff: bool) -> HttpResponse:
    results = _results(request)
    if results is None or fmt not in FORMATS:
        raise Http404(_("No results have been computed yet."))
    data = visible(results, staff=staff)
    document = {"estimates": data.estimates, "changes": data.changes}
    slug = results.survey.slug
    if fmt == "xlsx":
        response = HttpResponse(
            workbook_bytes(
                [("estimates", *estimates_table(document)), ("changes", *changes_table(document))]
            ),
            content_type=XLSX_CONTENT_TYPE,
        )
        response["Content-Disposition"] = f'attachment; filename="{slug}-results.xlsx"'
        return response
    if request.GET.get("table") == "changes":
        header, rows = changes_table(document)
        return csv_response(f"{slug}-changes.csv", header, rows)
    header, rows = estimates_table(document)
    return csv_response(f"{slug}-results.csv", header, rows)


def download(request: HttpRequest, fmt: str) -> HttpResponse:
    """`/results/download.csv|xlsx`: released estimates (suppression applied) and changes."""
    return _download(request, fmt, staff=False)


@login_required
@permission_required(STAFF_PERMISSION, raise_exception=True)
def staff_download(request: HttpRequest, fmt: str) -> HttpResponse:
    return _download(request, fmt, staff=True)


@login_required
@permission_required(STAFF_PERMISSION, raise_exception=True)
def analyst_export(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    """Staff only: one wave's responses with final weights, and the codebook."""
    results = _results(request)
    if fmt not in FORMATS or results is None or not results.survey.waves.filter(year=year).exists():
        raise Http404(_("No such wave."))
    try:
        header, rows = weighted_responses(results.survey, year)
    except ExportError as error:
        return HttpResponse(
            _("Wave %(year)s cannot be weighted: %(error)s") % {"year": year, "error": error},
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    # Raw responses leaving the system: the audit log records who took which wave, and how.
    log(
        instance=results.survey.waves.get(year=year),
        action="surveys.export",
        user=request.user,
        data={"format": fmt, "weighted": True},
    )
    name = f"{results.survey.slug}-{year}-weighted"
    if fmt == "xlsx":
        response = HttpResponse(
            workbook_bytes([("responses", header, rows), ("codebook", *codebook())]),
            content_type=XLSX_CONTENT_TYPE,
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    if request.GET.get("part") == "codebook":
        return csv_response(f"{results.survey.slug}-codebook.csv", *codebook())
    return csv_response(f"{name}.csv", header, rows)
