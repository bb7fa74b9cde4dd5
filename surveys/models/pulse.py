"""Short pulse survey answers: three contract questions between annual waves.

Offered to alert subscribers and at events, so a communications trial can measure its
groups before and after without waiting a year. Like the annual survey, only the date is
kept (no time, no IP address, no user agent).
"""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from communitysafety.wards.enums import AgeBand
from surveys import contract


class PulseSource(models.TextChoices):
    ONLINE = "online", _("Online")
    EVENT = "event", _("At an event")
    ALERT = "alert", _("From an alert")


def _choices(code: str) -> list[tuple[str, str]]:
    return [(answer, answer) for answer in contract.answer_codes(code)]


def new_link_key() -> str:
    """A random key that links a subscriber's pulse answers (never derived from the email)."""
    return secrets.token_hex(16)


class PulseResponseQuerySet(models.QuerySet):
    def between(self, first, before) -> "PulseResponseQuerySet":
        """Completed on or after ``first`` and before ``before`` (a trial period)."""
        return self.filter(completed_on__gte=first, completed_on__lt=before)

    def linked(self) -> "PulseResponseQuerySet":
        return self.exclude(link_key="")


class PulseResponse(models.Model):
    """One resident's pulse answers, read by the trial evaluation (perceptions/results)."""

    completed_on = models.DateField(_("completed on"))
    ward = models.ForeignKey("wards.Ward", on_delete=models.PROTECT, related_name="pulse_responses")
    age_band = models.CharField(_("age band"), max_length=5, choices=AgeBand.choices, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=PulseSource, default=PulseSource.ONLINE
    )
    informed_local = models.CharField(
        _("informed local"), max_length=20, choices=_choices("informed_local"), blank=True
    )
    feel_safe_night = models.CharField(
        _("safe after dark"), max_length=20, choices=_choices("feel_safe_night"), blank=True
    )
    trust_mps = models.CharField(
        _("trust"), max_length=20, choices=_choices("trust_mps"), blank=True
    )
    # Only with the subscriber's consent (comms/alerts): a random key, cleared when they
    # withdraw it or leave; blank means not linked.
    link_key = models.CharField(_("link key"), max_length=32, blank=True, db_index=True)

    objects = PulseResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_on", "pk"]
        indexes = [models.Index(fields=["completed_on", "ward"])]
        verbose_name = _("pulse response")
        verbose_name_plural = _("pulse responses")

    def __str__(self) -> str:
        return _("Pulse response %(id)s") % {"id": self.pk}
