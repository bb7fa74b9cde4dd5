"""A plan action run as a trial: its wards split at random into an early and a late group.

Staff create one from a plan item (comms/plan/trials.py); the evaluation (a difference in
differences from perceptions.results.trials) is stored here with the action, and the plan
pages and "You said, we did" show its verdict.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comms.models.plans import PlanItem


class PlanTrial(models.Model):
    """The random split, its seed and dates, and the last evaluation of one plan item.

    Periods: *before* runs from ``before_from`` to the day before ``starts_on`` (when the
    early group starts); *after* from ``starts_on`` to the day before ``late_starts_on``
    (when the late group starts too, ending the comparison).
    """

    item = models.OneToOneField(PlanItem, on_delete=models.CASCADE, related_name="trial")
    seed = models.BigIntegerField(_("seed"), help_text=_("Rerun the split with this seed."))
    early_wards = models.ManyToManyField(
        "wards.Ward", related_name="+", verbose_name=_("early wards")
    )
    late_wards = models.ManyToManyField(
        "wards.Ward", related_name="+", verbose_name=_("late wards")
    )
    before_from = models.DateField(_("before period starts on"))
    starts_on = models.DateField(_("early group starts on"))
    late_starts_on = models.DateField(_("late group starts on"))
    created_at = models.DateTimeField(_("randomised at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("randomised by"),
    )
    evaluated_at = models.DateTimeField(_("evaluated at"), null=True, blank=True)
    estimate = models.FloatField(_("effect (proportion)"), null=True, blank=True)
    se = models.FloatField(_("standard error"), null=True, blank=True)
    ci_low = models.FloatField(_("95% interval, low"), null=True, blank=True)
    ci_high = models.FloatField(_("95% interval, high"), null=True, blank=True)
    cells = models.JSONField(_("group and period shares"), default=list, blank=True)
    reason = models.TextField(_("why there is no estimate"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("plan trial")
        verbose_name_plural = _("plan trials")

    def __str__(self) -> str:
        return _("Trial of %(item)s") % {"item": self.item}

    def clean(self) -> None:
        super().clean()
        if self.before_from and self.starts_on and self.before_from >= self.starts_on:
            raise ValidationError({"starts_on": _("The start must be after the before period.")})
        if self.starts_on and self.late_starts_on and self.starts_on >= self.late_starts_on:
            raise ValidationError(
                {"late_starts_on": _("The late group must start after the early group.")}
            )

    @property
    def is_evaluated(self) -> bool:
        return self.evaluated_at is not None
