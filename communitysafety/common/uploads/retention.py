"""Uploaded files do not outlive their import; upload records go after a while.

A file is deleted as soon as its task finishes. One left behind (a worker killed
mid-import) is deleted here once ``UPLOADS_FILE_RETENTION_HOURS`` have passed and its
job is marked failed, so nobody waits for it. Job records (their error lines can quote
what a file held) are deleted after ``UPLOADS_RECORD_RETENTION_DAYS``; the audit log
keeps who uploaded what and the outcome.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from communitysafety.common.uploads.files import delete_files
from communitysafety.common.uploads.models import FINISHED, UploadJob, UploadStatus


def purge_upload_files() -> int:
    """Delete files of jobs older than the file retention period; return how many jobs."""
    cutoff = timezone.now() - timedelta(hours=settings.UPLOADS_FILE_RETENTION_HOURS)
    stale = UploadJob.objects.filter(created_at__lt=cutoff).filter(
        ~Q(file="") | ~Q(second_file="") | ~Q(status__in=FINISHED)
    )
    purged = 0
    for job in stale:
        delete_files(job)
        if job.status not in FINISHED:
            message = _("The import was interrupted before it finished; upload the file again.")
            UploadJob.objects.filter(pk=job.pk).update(
                status=UploadStatus.FAILED,
                finished_at=timezone.now(),
                errors=[message],
                error_count=1,
                summary=message,
            )
        purged += 1
    return purged


def purge_upload_jobs() -> int:
    """Delete finished upload records older than the record retention period."""
    cutoff = timezone.now() - timedelta(days=settings.UPLOADS_RECORD_RETENTION_DAYS)
    deleted, _counts = UploadJob.objects.finished().filter(created_at__lt=cutoff).delete()
    return deleted
