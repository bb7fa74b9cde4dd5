"""Admin views for analysts and editors: sample per ward, exports, copying a wave."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.log_actions import log

from communitysafety.common.exports import csv_response, xlsx_response
from communitysafety.wards.models import Ward
from surveys.annual.bank import copy_wave
from surveys.annual.exporting import CODEBOOK_HEADER, codebook_rows, response_header, response_rows
from surveys.models import Wave

analysts_only = permission_required("surveys.view_surveyresponse", raise_exception=True)


def _analyst_or_wave_editor(user) -> bool:
    return user.has_perm("surveys.view_surveyresponse") or user.has_perm("surveys.add_wave")


def wave_overview(request: HttpRequest) -> HttpResponse:
    """Analysts download and check samples here; editors copy a wave to next year."""
    if not _analyst_or_wave_editor(request.user):
        raise PermissionDenied
    waves = Wave.objects.select_related("survey").annotate(
        completed=Count("responses", filter=Q(responses__completed_on__isnull=False)),
        partial=Count("responses", filter=Q(responses__completed_on__isnull=True)),
    )
    return TemplateResponse(request, "surveys/survey/admin/wave_overview.html", {"waves": waves})


@analysts_only
def sample_by_ward(request: HttpRequest, pk: int) -> HttpResponse:
    """Completed responses per ward against the wave's target sample (shared by
    adult population), so fieldwork can boost under-sampled wards."""
    wave = get_object_or_404(Wave.objects.select_related("survey"), pk=pk)
    # Counted separately: annotating both would multiply rows through the joins.
    counts = dict(
        wave.responses.complete()
        .filter(ward__isnull=False)
        .values_list("ward_id")
        .annotate(n=Count("pk"))
        .values_list("ward_id", "n")
    )
    wards = list(Ward.objects.with_adult_population())
    for ward in wards:
        ward.completed = counts.get(ward.pk, 0)
    total_population = sum(w.adult_population or 0 for w in wards) or 1
    rows = []
    for ward in wards:
        target = (
            round(wave.target_sample * (ward.adult_population or 0) / total_population)
            if wave.target_sample
            else None
        )
        rows.append(
            {
                "ward": ward,
                "completed": ward.completed,
                "target": target,
                "share": round(100 * ward.completed / target) if target else None,
            }
        )
    no_ward = wave.responses.complete().filter(ward__isnull=True).count()
    return TemplateResponse(
        request,
        "surveys/survey/admin/sample_by_ward.html",
        {"wave": wave, "rows": rows, "no_ward": no_ward},
    )


@analysts_only
def export_responses(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    wave = get_object_or_404(Wave.objects.select_related("survey"), pk=pk)
    name = f"{wave.survey.slug}-{wave.year}-responses"
    log(instance=wave, action="surveys.export", user=request.user, data={"format": fmt})
    if fmt == "csv":
        return csv_response(f"{name}.csv", response_header(wave), response_rows(wave))
    if fmt == "xlsx":
        return xlsx_response(
            f"{name}.xlsx", "responses", response_header(wave), response_rows(wave)
        )
    raise Http404


@analysts_only
def export_codebook(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    wave = get_object_or_404(Wave.objects.select_related("survey"), pk=pk)
    name = f"{wave.survey.slug}-{wave.year}-codebook"
    if fmt == "csv":
        return csv_response(f"{name}.csv", CODEBOOK_HEADER, codebook_rows(wave))
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", "codebook", CODEBOOK_HEADER, codebook_rows(wave))
    raise Http404


class CopyWaveForm(forms.Form):
    year = forms.IntegerField(label=_("Year of the new wave"), min_value=2000, max_value=2100)
    opens_on = forms.DateField(label=_("Opens on"), required=False)
    closes_on = forms.DateField(label=_("Closes on"), required=False)


@permission_required("surveys.add_wave", raise_exception=True)
def copy_wave_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Build next year's wave from this one: every question keeps its code."""
    source = get_object_or_404(Wave.objects.select_related("survey"), pk=pk)
    form = CopyWaveForm(request.POST or None, initial={"year": source.year + 1})
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        if source.survey.waves.filter(year=year).exists():
            form.add_error("year", ValidationError(_("This survey already has a wave that year.")))
        else:
            wave = copy_wave(
                source,
                year,
                opens_on=form.cleaned_data["opens_on"],
                closes_on=form.cleaned_data["closes_on"],
            )
            log(instance=wave, action="wagtail.create", user=request.user)
            messages.success(request, _("Wave %(wave)s created.") % {"wave": wave})
            return redirect("surveys_wave_overview")
    return TemplateResponse(
        request, "surveys/survey/admin/copy_wave.html", {"source": source, "form": form}
    )
