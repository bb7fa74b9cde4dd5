"""Responses, each with its answers packed into its own row (issue 19.3).

Coded answers are one integer per question (`surveys.models.packed`), placed and
numbered by the wave's append-only `answer_layout` (`surveys.answer_layout`), so they
stay keyed by stable question and answer codes; free text is a JSON object beside them.
Only `surveys.answer_store` reads or writes either.
"""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from communitysafety.wards.enums import AgeBand
from surveys.enums import Mode, Sex
from surveys.models.packed import PackedAnswersField
from surveys.models.waves import Wave


class SurveyResponseQuerySet(models.QuerySet):
    def complete(self) -> "SurveyResponseQuerySet":
        return self.filter(completed_on__isnull=False)

    def partial(self) -> "SurveyResponseQuerySet":
        """Started but not submitted: kept for resume, purged after the retention period."""
        return self.filter(completed_on__isnull=True)

    def delete(self) -> tuple[int, dict[str, int]]:
        """Delete, first taking completed responses out of the per-cell counts."""
        from surveys.annual.counts import subtract_responses  # counts imports these models

        with transaction.atomic():
            subtract_responses(self)
            return super().delete()


class SurveyResponse(models.Model):
    """One respondent's answers to one wave. Only the completion date is kept (no time,
    no IP address, no user agent); partial responses wait for resume and are purged."""

    # No index of its own: the unique (wave, respondent) index serves lookups by wave.
    # No per-row key check by the database either (with the ward's, it cost the import
    # most of its time, docs/annual-survey.md): the journey creates a response for the
    # wave it has just read, and the import locks its wave until it commits; deleting a
    # wave deletes its responses (Django's cascade).
    wave = models.ForeignKey(
        Wave,
        on_delete=models.CASCADE,
        related_name="responses",
        db_index=False,
        db_constraint=False,
    )
    respondent_id = models.CharField(_("respondent id"), max_length=64)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    # Checked by the writers, not per row by the database: the journey's form offers
    # only stored wards and the import looks each code up and locks the wards against
    # deletion until it commits (a per-row foreign-key check halved the import's speed,
    # docs/annual-survey.md). PROTECT still stops a ward with responses being deleted.
    ward = models.ForeignKey(
        "wards.Ward",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses",
        db_constraint=False,
        db_index=False,
    )
    age_band = models.CharField(_("age band"), max_length=5, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=20, choices=Sex.choices, blank=True)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.ONLINE)
    created_on = models.DateField(_("started on"), auto_now_add=True)
    # Resume support for partial responses (issue 5): the code's SHA-256 only, the
    # date of the last save (for the retention purge) and how far the resident got.
    resume_code_hash = models.CharField(
        _("resume code hash"), max_length=64, blank=True, editable=False
    )
    saved_on = models.DateField(_("last saved on"), null=True, blank=True, editable=False)
    furthest_step = models.PositiveSmallIntegerField(_("furthest step"), default=0)
    answers = PackedAnswersField(_("coded answers"))
    # Free-text answers: question code → plain text (markup stripped).
    text_answers = models.JSONField(_("free-text answers"), default=dict, editable=False)

    objects = SurveyResponseQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "respondent_id"], name="unique_respondent_per_wave"
            )
        ]
        # Partial indexes: only the few rows a resident can still resume are in them, so
        # an import of completed responses writes none (each index an import maintains
        # costs it about as much as the table's own rows, benchmarks/import.py).
        indexes = [
            models.Index(
                fields=["resume_code_hash"],
                condition=~models.Q(resume_code_hash=""),
                name="response_resume_code",
            ),
            models.Index(
                fields=["saved_on"],
                condition=models.Q(completed_on__isnull=True),
                name="response_partial_saved_on",
            ),
        ]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self) -> str:
        return f"{self.wave} #{self.respondent_id}"

    def delete(self, *args, **kwargs) -> tuple[int, dict[str, int]]:
        """Delete, first taking a completed response out of the per-cell counts."""
        from surveys.annual.counts import subtract_responses  # counts imports these models

        with transaction.atomic():
            subtract_responses(SurveyResponse.objects.filter(pk=self.pk))
            return super().delete(*args, **kwargs)
