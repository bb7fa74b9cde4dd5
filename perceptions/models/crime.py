"""Recorded crime: monthly counts by area and category, borough populations, and imports.

The strategic assessment tables, the fear-gap view and the communications plan
all read recorded crime from here, so the board papers and the website agree.
Figures arrive as files (`manage.py import_crime`); each import replaces the
months it holds, because the Metropolitan Police revise recent months.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaKind(models.TextChoices):
    """Which kind of file a count came from, and so what its area code means."""

    BOROUGH = "borough", _("London borough (MPS borough file)")
    WARD = "ward", _("Ward (MPS ward file)")
    PARTNER = "partner", _("Partner dataset (long format)")


class CrimeCountQuerySet(models.QuerySet):
    def of_kind(self, kind: str) -> "CrimeCountQuerySet":
        """Counts imported from one kind of file."""
        return self.filter(area_kind=kind)


class CrimeCount(models.Model):
    """How many offences of one category were recorded in one area in one month.

    Used by the strategic assessment tables (borough rank among the 32 London
    boroughs, ward table and map) and by the fear gap (ward rates). ``area_code``
    is the GSS code (E09 borough, E05 ward) or, for MPS areas that have none
    (the airports, "Unknown"), the name as the MPS spells it. Months with no
    offences are not stored: a missing count is zero, as in the MPS files.
    For partner data ``major`` and ``minor`` are both the partner's category.
    """

    area_kind = models.CharField(_("area kind"), max_length=8, choices=AreaKind.choices)
    area_code = models.CharField(_("area code"), max_length=100)
    area_name = models.CharField(_("area name"), max_length=100)
    borough = models.CharField(_("borough in the source file"), max_length=100, blank=True)
    major = models.CharField(_("major category"), max_length=100)
    minor = models.CharField(_("minor category"), max_length=100)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    count = models.PositiveIntegerField(_("offences"))

    objects = CrimeCountQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["area_kind", "area_code", "major", "minor", "month"],
                name="unique_crime_count",
            )
        ]
        indexes = [models.Index(fields=["area_kind", "month"], name="crime_count_kind_month")]
        ordering = ["area_kind", "area_name", "major", "minor", "month"]
        verbose_name = _("recorded crime count")
        verbose_name_plural = _("recorded crime counts")

    def __str__(self) -> str:
        return f"{self.area_name} {self.minor} {self.month:%Y-%m}: {self.count}"


class CrimeImport(models.Model):
    """One accepted crime file: which months it replaced, for the audit trail and coverage.

    Analysts read it to see when the figures were last refreshed; the tables read
    the months covered (the MPS files omit all-zero rows, so counts alone cannot
    say whether a month was imported).
    """

    area_kind = models.CharField(_("area kind"), max_length=8, choices=AreaKind.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    first_month = models.DateField(_("first month"))
    last_month = models.DateField(_("last month"))
    categories = models.JSONField(
        _("categories"), default=list, blank=True, help_text=_("Partner datasets only.")
    )
    rows_read = models.PositiveIntegerField(_("rows read"))
    counts_stored = models.PositiveIntegerField(_("counts stored"))
    counts_replaced = models.PositiveIntegerField(_("counts replaced"))
    skipped_other_boroughs = models.PositiveIntegerField(_("rows of other boroughs skipped"))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("crime import")
        verbose_name_plural = _("crime imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.first_month:%Y-%m} to {self.last_month:%Y-%m})"


class BoroughPopulation(models.Model):
    """Usual residents of a London borough: the denominator of crime rates per 1,000.

    Loaded from Census 2021 TS007 and replaced with ``import_borough_populations``
    when new estimates are published. The City of London is kept (it is in the
    file) but never ranked: it has its own police force.
    """

    code = models.CharField(_("GSS code"), max_length=9, unique=True)
    name = models.CharField(_("name"), max_length=100)
    residents = models.PositiveIntegerField(_("usual residents"))
    source = models.CharField(_("source"), max_length=255)

    class Meta:
        ordering = ["name"]
        verbose_name = _("borough population")
        verbose_name_plural = _("borough populations")

    def __str__(self) -> str:
        return f"{self.name}: {self.residents:,}"
