"""Surveys and their yearly waves."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from surveys.enums import Mode


class Survey(models.Model):
    """A survey the partnership runs year after year (e.g. the annual crime survey)."""

    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.title


class WaveQuerySet(models.QuerySet):
    def open_on(self, day) -> "WaveQuerySet":
        """Waves taking online answers on `day`."""
        return self.filter(opens_on__lte=day).filter(
            models.Q(closes_on__isnull=True) | models.Q(closes_on__gte=day)
        )


class Wave(models.Model):
    """One year's run of a survey: its dates, mode and target sample."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="waves")
    year = models.PositiveSmallIntegerField(_("year"))
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    mode = models.CharField(
        _("main mode"), max_length=20, choices=Mode.choices, default=Mode.ONLINE
    )
    target_sample = models.PositiveIntegerField(_("target sample"), null=True, blank=True)
    # Bumped by every save or delete of one of its sections or questions, so web
    # processes can keep the rules a submission is checked against in memory
    # (surveys.annual.rules_cache) and still see an editor's change on the next request.
    bank_revision = models.PositiveIntegerField(default=0, editable=False)
    # Where each question's answer sits in a packed response, append-only
    # (surveys.answer_layout): [[question code, [answer codes]], ...].
    answer_layout = models.JSONField(default=list, editable=False)

    objects = WaveQuerySet.as_manager()

    class Meta:
        ordering = ["survey", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "year"], name="unique_survey_wave_year")
        ]
        verbose_name = _("wave")
        verbose_name_plural = _("waves")

    def __str__(self) -> str:
        return f"{self.survey} {self.year}"

    def is_open(self, day=None) -> bool:
        day = day or timezone.localdate()
        return bool(
            self.opens_on and self.opens_on <= day and (not self.closes_on or day <= self.closes_on)
        )
