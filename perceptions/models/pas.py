"""MOPAC Public Attitude Survey series (London Datastore), imported by ``import_pas``.

Figures are rolling-12-month proportions at quarter ends; the benchmark uses the one
ending 31 December of a year as that year's PAS figure.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PasBoroughFigure(models.Model):
    """One borough's PAS proportion for one measure, rolling 12 months to ``period_end``."""

    period_end = models.DateField(_("period end"))
    borough = models.CharField(_("borough"), max_length=100)
    measure = models.CharField(_("PAS measure"), max_length=100)
    proportion = models.FloatField(_("proportion"))
    london_proportion = models.FloatField(_("London (MPS) proportion"))

    class Meta:
        ordering = ["borough", "measure", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["period_end", "borough", "measure"], name="unique_pas_borough_figure"
            )
        ]
        verbose_name = _("PAS borough figure")
        verbose_name_plural = _("PAS borough figures")

    def __str__(self) -> str:
        return f"{self.borough} {self.measure} {self.period_end}: {self.proportion}"


class PasLondonFigure(models.Model):
    """London-wide (MPS) PAS proportion for one measure, rolling 12 months to ``period_end``."""

    period_end = models.DateField(_("period end"))
    measure = models.CharField(_("PAS measure"), max_length=100)
    proportion = models.FloatField(_("proportion"))

    class Meta:
        ordering = ["measure", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["period_end", "measure"], name="unique_pas_london_figure"
            )
        ]
        verbose_name = _("PAS London figure")
        verbose_name_plural = _("PAS London figures")

    def __str__(self) -> str:
        return f"MPS {self.measure} {self.period_end}: {self.proportion}"
