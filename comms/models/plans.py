"""The annual communications plan: what the partnership will do about what residents said.

Items can be drafted from perceptions findings (see comms/plan/rules.py); each
keeps the finding that motivated it, shown on the public "You said, we did" page.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

from communitysafety.common.sanitise import plain_text
from perceptions.labels import MEASURE_LABELS
from surveys.contract import QUESTIONS

MEASURE_CHOICES = [(code, MEASURE_LABELS[code]) for code in QUESTIONS]


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class PlanChannel(models.TextChoices):
    ALERT = "alert", _("Alert")
    ROADSHOW = "roadshow", _("Roadshow")
    SOCIAL_MEDIA = "social_media", _("Social media")
    PRESS = "press", _("Press")
    NEWSLETTER = "newsletter", _("Newsletter")
    PARTNER = "partner", _("Partner action")


class PlanItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class CommunicationsPlan(ClusterableModel):
    """One year's communications plan, drafted by staff (or from findings) and approved."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(_("status"), max_length=10, choices=PlanStatus, default="draft")
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("communications plan")
        verbose_name_plural = _("communications plans")

    def __str__(self) -> str:
        return _("Communications plan %(year)s") % {"year": self.year}

    def save(self, *args, **kwargs) -> None:
        # Staff text is plain text like residents': markup stripped, escaped on output.
        self.summary = plain_text(self.summary)
        super().save(*args, **kwargs)


class PlanItem(ClusterableModel):
    """One action in a plan: who it is for, what it should move, and what happened."""

    plan = ParentalKey(CommunicationsPlan, on_delete=models.CASCADE, related_name="items")
    objective = models.CharField(_("objective"), max_length=255)
    audience_wards = ParentalManyToManyField(
        "wards.Ward", related_name="+", blank=True, verbose_name=_("audience wards")
    )
    audience_groups = models.CharField(_("audience groups"), max_length=255, blank=True)
    measure = models.CharField(_("measure"), max_length=40, choices=MEASURE_CHOICES, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=PlanChannel)
    key_message = models.TextField(_("key message"), blank=True)
    owner = models.ForeignKey(
        "vocabularies.PartnerOrganisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PlanItemStatus, default=PlanItemStatus.PLANNED
    )
    finding_kind = models.CharField(_("finding kind"), max_length=40, blank=True)
    finding = models.TextField(
        _("finding"), blank=True, help_text=_("What residents said that motivated this action.")
    )
    result = models.TextField(_("result next year"), blank=True)

    class Meta:
        ordering = ["plan", "starts_on", "pk"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")

    def __str__(self) -> str:
        return self.objective

    TEXT_FIELDS = ("objective", "audience_groups", "key_message", "finding", "result")

    def clean(self) -> None:
        super().clean()
        if self.objective and not plain_text(self.objective):
            raise ValidationError({"objective": _("Write the objective as plain text.")})

    def save(self, *args, **kwargs) -> None:
        # Plain text (markup and control characters stripped): the items are shown on the
        # public "You said, we did" page and exported to CSV, XLSX and iCalendar.
        for field in self.TEXT_FIELDS:
            setattr(self, field, plain_text(getattr(self, field)))
        super().save(*args, **kwargs)
