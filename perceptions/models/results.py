"""Computed results per survey and the analyst sign-off that releases a wave.

Pages and the API never compute: they read the last good :class:`SurveyResults`, which a
background task replaces after an import or a wave change. A failed computation records
its error and leaves the stored report untouched.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SurveyResults(models.Model):
    """The last good contract report of one survey, with its generation key.

    ``generation`` goes up by one on every successful computation; caches of anything
    derived from the report are keyed on it, so a new report invalidates them at once.
    """

    survey = models.OneToOneField(
        "surveys.Survey", on_delete=models.CASCADE, related_name="results"
    )
    generation = models.PositiveIntegerField(_("generation"), default=0)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)
    fear_gap = models.JSONField(_("fear gap"), default=dict, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey results")
        verbose_name_plural = _("survey results")

    def __str__(self) -> str:
        return f"{self.survey} (generation {self.generation})"

    @property
    def cache_key(self) -> str:
        return f"perceptions:results:{self.survey_id}:{self.generation}"


class ReleaseQuerySet(models.QuerySet):
    def released(self, day: date | None = None) -> ReleaseQuerySet:
        """Releases whose date has come: their waves may appear on public pages."""
        return self.filter(release_date__lte=day or timezone.localdate())


class Release(models.Model):
    """An analyst's sign-off of one wave's results, public from ``release_date``."""

    wave = models.OneToOneField("surveys.Wave", on_delete=models.CASCADE, related_name="release")
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("signed off by"),
    )
    release_date = models.DateField(_("release date"))
    signed_off_at = models.DateTimeField(_("signed off at"), auto_now_add=True)
    revision_note = models.TextField(
        _("revision note"),
        blank=True,
        help_text=_("Shown on the methodology page when released figures were revised."),
    )
    # The release's false-discovery family, stored once so published q-values never move
    # when a later wave is imported (issue 18): None until the first computation after
    # sign-off; a revision clears it so the corrected figures are stored again.
    published_changes = models.JSONField(_("published changes"), null=True, blank=True)
    compared_with = models.PositiveIntegerField(_("compared with wave"), null=True, blank=True)
    changes_stored_at = models.DateTimeField(_("changes stored at"), null=True, blank=True)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-release_date"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")

    def __str__(self) -> str:
        return f"{self.wave} from {self.release_date:%d %B %Y}"


def released_years(survey_id: int, day: date | None = None) -> set[int]:
    """Years of the survey's waves that public pages and the API may show."""
    return set(
        Release.objects.released(day)
        .filter(wave__survey_id=survey_id)
        .values_list("wave__year", flat=True)
    )
