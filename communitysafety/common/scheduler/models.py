from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PeriodicJobState(models.Model):
    """One row per periodic job, created when the scheduler first sees it.

    ``last_slot`` is the last slot enqueued: the scheduler claims a slot with
    ``UPDATE … WHERE last_slot < slot``, so only one scheduler enqueues it. `/healthz`
    reads ``last_succeeded`` (or ``first_seen`` before any success) to spot overdue jobs.
    """

    name = models.CharField(_("name"), max_length=100, primary_key=True)
    last_slot = models.BigIntegerField(_("last slot enqueued"))
    first_seen = models.DateTimeField(_("first seen"), default=timezone.now)
    last_enqueued = models.DateTimeField(_("last enqueued"), null=True, blank=True)
    last_started = models.DateTimeField(_("last started"), null=True, blank=True)
    last_succeeded = models.DateTimeField(_("last succeeded"), null=True, blank=True)
    last_failed = models.DateTimeField(_("last failed"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("periodic job state")
        verbose_name_plural = _("periodic job states")

    def __str__(self) -> str:
        return self.name
