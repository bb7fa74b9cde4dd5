from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulerConfig(AppConfig):
    """Holds the state of periodic jobs (one row per job) and the `run_scheduler` command."""

    name = "communitysafety.common.scheduler"
    label = "scheduler"
    verbose_name = _("Scheduled jobs")
    default_auto_field = "django.db.models.BigAutoField"
