"""Responses and typed answers keyed by stable question codes (no JSON blobs)."""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from communitysafety.wards.enums import AgeBand
from surveys.enums import Mode, Sex
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

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    respondent_id = models.CharField(_("respondent id"), max_length=64)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    ward = models.ForeignKey(
        "wards.Ward", on_delete=models.PROTECT, null=True, blank=True, related_name="responses"
    )
    age_band = models.CharField(_("age band"), max_length=5, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=20, choices=Sex.choices, blank=True)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.ONLINE)
    created_on = models.DateField(_("started on"), auto_now_add=True)
    # Resume support for partial responses (issue 5): the code's SHA-256 only, the
    # date of the last save (for the retention purge) and how far the resident got.
    resume_code_hash = models.CharField(
        _("resume code hash"), max_length=64, blank=True, db_index=True, editable=False
    )
    saved_on = models.DateField(_("last saved on"), null=True, blank=True, editable=False)
    furthest_step = models.PositiveSmallIntegerField(_("furthest step"), default=0)

    objects = SurveyResponseQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "respondent_id"], name="unique_respondent_per_wave"
            )
        ]
        indexes = [models.Index(fields=["wave", "completed_on"])]
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


class Answer(models.Model):
    """One answer code to one question (a multiple-choice question has several rows).

    Indexes: only the primary key and the unique (response, question, answer) one, which
    also serves every lookup by response. Each extra index on this table costs a bulk
    import about as much as the table itself (benchmarks/import.py), and no query filters
    answers by question or answer code without the response.
    """

    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    question_code = models.CharField(_("question code"), max_length=50)
    answer_code = models.CharField(_("answer code"), max_length=50)
    # Free-text questions only (answer_code "text"): plain text, markup stripped.
    text = models.TextField(_("text"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question_code", "answer_code"], name="unique_answer"
            )
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.question_code}={self.answer_code}"
