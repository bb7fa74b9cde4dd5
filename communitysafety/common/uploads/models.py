"""One uploaded data file and what became of it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UploadStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Checking and importing")
    SUCCEEDED = "succeeded", _("Imported")
    FAILED = "failed", _("Rejected: nothing was stored")


FINISHED = (UploadStatus.SUCCEEDED, UploadStatus.FAILED)
# The phases the imports name in `communitysafety.common.imports.progress(desc=...)`.
PHASES = {"checking": _("Checking"), "storing": _("Storing")}


class UploadJobQuerySet(models.QuerySet):
    def finished(self) -> "UploadJobQuerySet":
        """Jobs whose outcome is known."""
        return self.filter(status__in=FINISHED)

    def of_kinds(self, codes: list[str]) -> "UploadJobQuerySet":
        return self.filter(kind__in=codes)


def upload_path(instance: "UploadJob", filename: str) -> str:
    """Uploads live apart from public media, one folder per day; the name is kept for
    the error messages (the PAS import names the file in each one)."""
    return f"uploads/{timezone.now():%Y/%m/%d}/{filename}"


class UploadJob(models.Model):
    """A file a member of staff uploaded, checked and imported by a background task.

    The file is read only through the storage API (S3 in production), and deleted once
    processed; the record keeps the outcome for the status page until the retention purge.
    """

    kind = models.CharField(_("kind"), max_length=50)
    file = models.FileField(_("file"), upload_to=upload_path, max_length=255, blank=True)
    second_file = models.FileField(
        _("second file"), upload_to=upload_path, max_length=255, blank=True
    )
    file_name = models.CharField(_("file name"), max_length=255)
    options = models.JSONField(_("options"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=UploadStatus.choices, default=UploadStatus.QUEUED
    )
    phase = models.CharField(_("phase"), max_length=50, blank=True)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    rows_total = models.PositiveIntegerField(_("rows in the file"), null=True, blank=True)
    errors = models.JSONField(_("error lines"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    summary = models.TextField(_("summary"), blank=True)
    result_url = models.CharField(_("link to what changed"), max_length=500, blank=True)
    result_label = models.CharField(_("label of the link"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = UploadJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("upload")
        verbose_name_plural = _("uploads")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.kind})"

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def phase_label(self) -> str:
        return str(PHASES.get(self.phase or "checking", self.phase))

    @property
    def percent(self) -> int | None:
        """Rows done as a whole percentage, when the total is known."""
        if not self.rows_total:
            return None
        return min(100, round(100 * self.rows_done / self.rows_total))
