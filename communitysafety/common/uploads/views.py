"""Admin pages: choose what to upload, the upload form, and the job's status page.

Only the kinds the user's role allows are offered (``UploadKind.permission``); the
status page of an upload is shown to whoever may upload that kind.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from communitysafety.common.uploads.jobs import start_upload
from communitysafety.common.uploads.models import UploadJob
from communitysafety.common.uploads.registry import UploadKind, allowed_kinds, kind_for

RECENT = 25
REFRESH_SECONDS = 2


def _kind_or_404(code: str) -> UploadKind:
    kind = kind_for(code)
    if kind is None:
        raise Http404
    return kind


def upload_index(request: HttpRequest) -> HttpResponse:
    """The kinds of file this user may upload, and the latest uploads of those kinds."""
    kinds = allowed_kinds(request.user)
    if not kinds:
        raise PermissionDenied
    jobs = UploadJob.objects.of_kinds([k.code for k in kinds]).select_related("created_by")
    labels = {kind.code: kind.label for kind in kinds}
    recent = list(jobs[:RECENT])
    for job in recent:
        job.kind_label = labels.get(job.kind, job.kind)
    return TemplateResponse(request, "uploads/admin/index.html", {"kinds": kinds, "jobs": recent})


def upload_form(request: HttpRequest, code: str) -> HttpResponse:
    """The kind's form; a valid upload is stored and queued, then its status page shown."""
    kind = _kind_or_404(code)
    if not kind.allowed(request.user):
        raise PermissionDenied
    form = kind.form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = start_upload(kind, form, request.user)
        return redirect("uploads_status", pk=job.pk)
    return TemplateResponse(
        request,
        "uploads/admin/form.html",
        {"kind": kind, "form": form},
        status=400 if form.is_bound else 200,
    )


def _job_for(request: HttpRequest, pk: int) -> tuple[UploadJob, UploadKind]:
    job = get_object_or_404(UploadJob.objects.select_related("created_by"), pk=pk)
    kind = kind_for(job.kind)
    if kind is None or not kind.allowed(request.user):
        raise PermissionDenied
    return job, kind


def upload_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress while the task runs (the page refreshes itself, no script needed), then
    every error line, or the summary and a link to what changed."""
    job, kind = _job_for(request, pk)
    return TemplateResponse(
        request,
        "uploads/admin/status.html",
        {"job": job, "kind": kind, "refresh": None if job.finished else REFRESH_SECONDS},
    )


def upload_status_json(request: HttpRequest, pk: int) -> JsonResponse:
    """The same status for a script that polls (automation, or the page's enhancement)."""
    job, _kind = _job_for(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "finished": job.finished,
            "phase": job.phase,
            "rows_done": job.rows_done,
            "rows_total": job.rows_total,
            "error_count": job.error_count,
            "errors": job.errors if job.finished else [],
            "summary": job.summary,
            "result_url": job.result_url,
        }
    )
