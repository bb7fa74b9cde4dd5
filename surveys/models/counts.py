"""Completed responses counted per cell, kept up to date as responses are stored.

The report needs nothing finer than respondents per wave × ward × age band and, per
question, answers per code in each of those cells. Grouping ten million answer rows for
every report took 13 s of a 16.7 s report (3 waves × 100,000 respondents on SQLite);
these tables hold the same counts in a few thousand rows per wave. They are changed in
the same transaction as the responses they count (``surveys.annual.counts``): by the
import, by a resident completing the online survey and by deleting completed responses.
Partial responses are not counted. ``rebuild_response_counts`` recomputes them from the
answer rows (after a repair, or to check them).
"""

from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from communitysafety.wards.enums import AgeBand
from surveys.models.waves import Wave


class Cell(models.Model):
    """A wave × ward (or none) × age band (or none) cell, as the report weights them."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="+")
    ward = models.ForeignKey(
        "wards.Ward", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    age_band = models.CharField(_("age band"), max_length=5, choices=AgeBand.choices, blank=True)

    class Meta:
        abstract = True


class ResponseCount(Cell):
    """Completed responses of one wave in one ward (or none) and age band (or none)."""

    # Signed: a deletion adds negative counts (a CHECK would reject them before the upsert).
    respondents = models.IntegerField(_("respondents"))

    class Meta:
        constraints = [
            # A respondent without a ward is counted in the cell whose ward is NULL: the
            # COALESCE makes that one cell (NULLs are otherwise distinct in a unique index),
            # and it is the target of the counting upserts' ON CONFLICT.
            models.UniqueConstraint(
                "wave", Coalesce("ward", 0), "age_band", name="unique_response_count_cell"
            )
        ]
        verbose_name = _("response count")
        verbose_name_plural = _("response counts")

    def __str__(self) -> str:
        return f"{self.wave_id}/{self.ward_id}/{self.age_band}: {self.respondents}"


class AnswerCount(Cell):
    """How many completed responses of one cell gave ``answer_code`` to ``question_code``.

    Free-text answers are not counted (their code is the same for every text)."""

    question_code = models.CharField(_("question code"), max_length=50)
    answer_code = models.CharField(_("answer code"), max_length=50)
    answers = models.IntegerField(_("answers"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "wave",
                Coalesce("ward", 0),
                "age_band",
                "question_code",
                "answer_code",
                name="unique_answer_count_cell",
            )
        ]
        verbose_name = _("answer count")
        verbose_name_plural = _("answer counts")

    def __str__(self) -> str:
        return f"{self.question_code}={self.answer_code}: {self.answers}"
