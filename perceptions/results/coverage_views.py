"""Who we have not heard: the analysts' coverage page, the public summary and downloads.

The public page shows released waves' ward and age margins; the analysts' page adds the
ward × age cells, the weights' spread and Kish effective sample sizes, and where the next
roadshows should go. Charts are drawn from the tables beside them (no separate JSON).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from communitysafety.common.exports import XLSX_CONTENT_TYPE, csv_response, xlsx_workbook_bytes
from perceptions.results.representativeness import (
    coverage_table,
    page_context,
    visible_coverage,
    weights_table,
)
from perceptions.results.views import FORMATS, STAFF_PERMISSION
from surveys.models import Survey


def _survey(request: HttpRequest) -> Survey | None:
    """The chosen survey (``?survey=slug``), else the first with responses, else the first."""
    surveys = Survey.objects.order_by("title")
    slug = request.GET.get("survey")
    if slug:
        return surveys.filter(slug=slug).first()
    return surveys.filter(waves__responses__isnull=False).distinct().first() or surveys.first()


def _year(request: HttpRequest) -> int | None:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return None


def _page(request: HttpRequest, *, staff: bool) -> HttpResponse:
    survey = _survey(request)
    context = {"staff": staff, "survey": survey}
    if survey is not None:
        context.update(page_context(survey, _year(request), staff=staff))
    return render(request, "perceptions/representativeness.html", context)


def coverage_page(request: HttpRequest) -> HttpResponse:
    """`/results/who-we-have-heard/`: released waves' sample against the population."""
    return _page(request, staff=False)


@login_required
@permission_required(STAFF_PERMISSION, raise_exception=True)
def staff_coverage_page(request: HttpRequest) -> HttpResponse:
    """`/results/staff/representativeness/`: every wave, every cell, weights and shortfalls."""
    return _page(request, staff=True)


def _download(request: HttpRequest, fmt: str, *, staff: bool) -> HttpResponse:
    survey = _survey(request)
    if survey is None or fmt not in FORMATS:
        raise Http404(_("There is no survey yet."))
    waves = visible_coverage(survey, staff=staff)
    header, rows = coverage_table(waves, staff=staff)
    name = f"{survey.slug}-representativeness"
    if fmt == "xlsx":
        sheets = [("coverage", header, rows)]
        if staff:
            sheets.append(("weights", *weights_table(waves)))
        response = HttpResponse(xlsx_workbook_bytes(sheets), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    if staff and request.GET.get("table") == "weights":
        return csv_response(f"{name}-weights.csv", *weights_table(waves))
    return csv_response(f"{name}.csv", header, rows)


def coverage_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """Released waves' ward and age margins (CSV, or Excel)."""
    return _download(request, fmt, staff=False)


@login_required
@permission_required(STAFF_PERMISSION, raise_exception=True)
def staff_coverage_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every wave's margins and cells, and the weights' spread (Excel: two sheets)."""
    return _download(request, fmt, staff=True)
