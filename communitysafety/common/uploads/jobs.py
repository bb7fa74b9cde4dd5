"""Starting an upload and running it: the one path both the view and the task take.

Every upload writes two entries to Wagtail's audit log (Reports → Site history): who
uploaded which file of which kind with which options when it was accepted, and the
outcome (rows stored, or how many errors) when the task finished.
"""

import logging
import time
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from communitysafety.common.imports import ImportRejected, UsageError, reporting_progress
from communitysafety.common.uploads.files import delete_files, local_copies
from communitysafety.common.uploads.forms import UploadForm
from communitysafety.common.uploads.models import UploadJob, UploadStatus
from communitysafety.common.uploads.registry import UploadKind, UploadRun, kind_for

logger = logging.getLogger(__name__)

ACTION_STARTED = "uploads.started"
ACTION_SUCCEEDED = "uploads.succeeded"
ACTION_FAILED = "uploads.failed"
# The status page lists every error; a file of errors beyond this is cut short (the
# count stays exact) so one job row never holds an unbounded list.
MAX_STORED_ERRORS = 10_000
# Progress is written at most this often (seconds): a row update per 1,000 rows would
# slow a million-row import for a figure nobody reads that fast.
PROGRESS_INTERVAL = 0.5


def start_upload(kind: UploadKind, form: UploadForm, user: Any) -> UploadJob:
    """Store the form's files, record the job and the audit entry, queue the import."""
    from communitysafety.common.uploads.tasks import process_upload

    uploads = form.uploads()
    names = [upload.name if upload else "" for upload in uploads]
    job = UploadJob(
        kind=kind.code,
        file_name=(names[0] or "")[:255],
        options={**form.options(), "file_names": names},
        created_by=user if user.is_authenticated else None,
    )
    with transaction.atomic():
        for field_name, upload in zip(("file", "second_file"), uploads, strict=False):
            if upload is not None:
                getattr(job, field_name).save(upload.name, upload, save=False)
        job.save()
        log(
            instance=job,
            action=ACTION_STARTED,
            user=job.created_by,
            data={
                "kind": kind.code,
                "files": [name for name in names if name],
                "size": sum(upload.size or 0 for upload in uploads if upload),
                "options": form.describe(),
            },
        )
        transaction.on_commit(lambda: process_upload.enqueue(job.pk))
    return job


def _count_rows(job: UploadJob) -> int | None:
    """Data rows of the first file (lines less the header), for "N of M rows"."""
    if not job.file or not job.file_name.lower().endswith(".csv"):
        return None
    lines = 0
    with job.file.storage.open(job.file.name, "rb") as handle:
        for _line in handle:
            lines += 1
    return max(lines - 1, 0)


class Progress:
    """Writes rows done to the job, no more often than PROGRESS_INTERVAL.

    Inside the import's own transaction (the store pass) a write on the import's
    connection would be invisible to the status page until the commit, and the survey
    import's writer thread is using that connection then. On PostgreSQL the store pass's
    progress goes through a second connection of its own, in autocommit, so the page
    moves while the rows are written; SQLite's one writer is the import itself, so there
    the page shows the outcome when it is done.
    """

    def __init__(self, job: UploadJob, total: int | None) -> None:
        self.job, self.total, self.written = job, total, 0.0
        self._side: BaseDatabaseWrapper | None = None

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        total = total or self.total
        now = time.monotonic()
        finished = total is not None and done >= total
        if done and not finished and now - self.written < PROGRESS_INTERVAL:
            return
        fields = {"phase": phase[:50], "rows_done": done, "rows_total": total}
        if not connection.in_atomic_block:
            UploadJob.objects.filter(pk=self.job.pk).update(**fields)
        elif connection.vendor == "postgresql":
            self._write_aside(fields)
        else:
            return
        self.written = now

    def _write_aside(self, fields: dict[str, Any]) -> None:
        if self._side is None:
            self._side = connections.create_connection(DEFAULT_DB_ALIAS)
        table = UploadJob._meta.db_table
        assignments = ", ".join(f"{connection.ops.quote_name(name)} = %s" for name in fields)
        with self._side.cursor() as cursor:  # autocommit: visible at once
            cursor.execute(
                f"UPDATE {table} SET {assignments} WHERE id = %s",  # noqa: S608 (our names)
                [*fields.values(), self.job.pk],
            )

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
            self._side = None


def _claim(job_id: int) -> UploadJob | None:
    """Move a queued job to running; None when another worker has it or it is gone."""
    claimed = UploadJob.objects.filter(pk=job_id, status=UploadStatus.QUEUED).update(
        status=UploadStatus.RUNNING, started_at=timezone.now()
    )
    return UploadJob.objects.select_related("created_by").get(pk=job_id) if claimed else None


def _finish(job: UploadJob, status: str, **fields: Any) -> None:
    fields.update(status=status, finished_at=timezone.now())
    UploadJob.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def process(job_id: int) -> str:
    """Check and import one queued upload; the outcome is on the job (and the audit log)."""
    job = _claim(job_id)
    if job is None:
        return "not queued"
    kind = kind_for(job.kind)
    try:
        if kind is None:
            raise UsageError(_("This kind of upload is no longer offered."))
        total = _count_rows(job)
        UploadJob.objects.filter(pk=job.pk).update(rows_total=total)
        progress = Progress(job, total)
        try:
            with (
                local_copies(job, kind.form_class.file_fields) as files,
                reporting_progress(progress),
            ):
                outcome = kind.run(
                    UploadRun(files=files, options=job.options, user_id=job.created_by_id)
                )
        finally:
            progress.close()
    except ImportRejected as rejected:
        lines = [str(error) for error in rejected.errors]
        _finish(
            job,
            UploadStatus.FAILED,
            errors=lines[:MAX_STORED_ERRORS],
            error_count=len(lines),
            summary=_("Rejected: %(count)s error(s); nothing was stored.") % {"count": len(lines)},
        )
    except UsageError as problem:
        _finish(
            job, UploadStatus.FAILED, errors=[str(problem)], error_count=1, summary=str(problem)
        )
    except Exception:
        logger.exception("Upload %s (%s) failed unexpectedly", job.pk, job.kind)
        message = _(
            "The file could not be imported because of an unexpected error; nothing was "
            "stored. The error has been logged for the administrators."
        )
        _finish(job, UploadStatus.FAILED, errors=[message], error_count=1, summary=message)
    else:
        done = {} if total is None else {"rows_done": total}  # all of them, written or not
        _finish(
            job,
            UploadStatus.SUCCEEDED,
            **done,
            summary=outcome.summary,
            result_url=outcome.url[:500],
            result_label=str(outcome.link_label)[:200],
            phase="",
        )
    finally:
        delete_files(job)
    log(
        instance=job,
        action=ACTION_SUCCEEDED if job.status == UploadStatus.SUCCEEDED else ACTION_FAILED,
        user=job.created_by,
        data={"kind": job.kind, "summary": job.summary, "errors": job.error_count},
    )
    return job.status
