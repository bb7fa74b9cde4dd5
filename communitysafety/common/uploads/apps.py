from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UploadsConfig(AppConfig):
    """Upload jobs: the file, its progress and outcome, until the retention purge."""

    name = "communitysafety.common.uploads"
    label = "uploads"
    verbose_name = _("Data file uploads")
    default_auto_field = "django.db.models.BigAutoField"

    def retention_purges(self) -> dict:
        """Uploaded files left behind and old upload records (the retention hook)."""
        from communitysafety.common.uploads.retention import purge_upload_files, purge_upload_jobs

        return {
            "uploaded files after processing": purge_upload_files,
            "upload records": purge_upload_jobs,
        }
