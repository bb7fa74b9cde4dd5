"""Wards: the borough's electoral wards, their boundaries and Census populations.

Every app keys places on these: survey responses and weighting, unsafe-place
reports, events, alerts and the communications plan.
"""

from django.db import models
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from communitysafety.wards.enums import UNDER_16, AgeBand


class WardQuerySet(models.QuerySet):
    def with_adult_population(self) -> "WardQuerySet":
        """Annotate residents aged 16 and over (the survey's population)."""
        return self.annotate(
            adult_population=Sum(
                "populations__residents", filter=~models.Q(populations__age_group=UNDER_16)
            )
        )

    def with_population(self) -> "WardQuerySet":
        return self.annotate(population=Sum("populations__residents"))


class Ward(models.Model):
    """An electoral ward (GSS code) with its boundary as a GeoJSON geometry."""

    code = models.CharField(_("GSS code"), max_length=9, unique=True)
    name = models.CharField(_("name"), max_length=100)
    borough_code = models.CharField(_("borough code"), max_length=9)
    borough_name = models.CharField(_("borough name"), max_length=100)
    boundary = models.JSONField(_("boundary"), help_text=_("GeoJSON geometry, WGS84 lon/lat."))

    objects = WardQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("ward")
        verbose_name_plural = _("wards")

    def __str__(self) -> str:
        return self.name


class WardPopulation(models.Model):
    """Census 2021 usual residents of a ward in one age group (weighting margins, rates)."""

    AGE_GROUP_CHOICES = [(UNDER_16, _("15 and under")), *AgeBand.choices]

    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="populations")
    age_group = models.CharField(_("age group"), max_length=5, choices=AGE_GROUP_CHOICES)
    residents = models.PositiveIntegerField(_("usual residents"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ward", "age_group"], name="unique_ward_age_group")
        ]
        ordering = ["ward", "age_group"]
        verbose_name = _("ward population")
        verbose_name_plural = _("ward populations")

    def __str__(self) -> str:
        return f"{self.ward}: {self.age_group} = {self.residents}"
