"""The question bank of a wave: sections, questions, answer options and skip rules.

Each wave has its own copy of the bank (copied from the previous wave), so a
question keeps its code year after year while its wording may be revised.
Once a wave has responses, codes are frozen: analysis joins years on them.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from surveys import contract
from surveys.models.waves import Wave

code_validator = RegexValidator(
    r"^[a-z][a-z0-9_]*$", _("Use lower-case letters, digits and underscores.")
)


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("One answer (radios)")
    MULTIPLE = "multiple", _("Several answers (checkboxes)")
    TEXT = "text", _("Free text")


# A free-text answer's code where answers are (question, answer code, text) triples.
TEXT_ANSWER_CODE = "text"


def _wave_has_responses(wave_id: int | None) -> bool:
    return bool(wave_id) and Wave.objects.filter(pk=wave_id, responses__isnull=False).exists()


class Section(models.Model):
    """One page of the resident's journey: a titled group of questions."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["wave", "sort_order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return f"{self.wave}: {self.title}"


class QuestionQuerySet(models.QuerySet):
    def active(self) -> "QuestionQuerySet":
        """Questions residents are asked this wave (retired ones stay for the codebook)."""
        return self.filter(retired=False)


class Question(ClusterableModel):
    """A question of one wave, keyed by a stable code (the contract's or a local one).

    `show_if_code`/`show_if_answers` is the skip rule: the question is asked only
    when the earlier question `show_if_code` was answered with one of those codes.
    """

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(_("code"), max_length=50, validators=[code_validator])
    wording = models.CharField(_("wording"), max_length=300)
    hint = models.CharField(_("hint"), max_length=300, blank=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.SINGLE
    )
    required = models.BooleanField(_("answer required"), default=True)
    offers_dont_know = models.BooleanField(_("offer \u201cDon't know\u201d"), default=True)
    offers_refused = models.BooleanField(_("offer \u201cPrefer not to say\u201d"), default=True)
    max_length = models.PositiveIntegerField(_("maximum length of free text"), default=500)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    retired = models.BooleanField(_("retired"), default=False)
    show_if_code = models.CharField(
        _("ask only if question"), max_length=50, blank=True, validators=[code_validator]
    )
    show_if_answers = models.CharField(
        _("was answered with one of"),
        max_length=300,
        blank=True,
        help_text=_("Answer codes separated by ';'."),
    )

    objects = QuestionQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("wave"), FieldPanel("section")]),
        FieldPanel("code"),
        FieldPanel("wording"),
        FieldPanel("hint"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required"), FieldPanel("sort_order")]),
        FieldRowPanel([FieldPanel("offers_dont_know"), FieldPanel("offers_refused")]),
        FieldPanel("max_length"),
        MultiFieldPanel(
            [FieldPanel("show_if_code"), FieldPanel("show_if_answers")], heading=_("Skip rule")
        ),
        FieldPanel("retired"),
        InlinePanel("options", label=_("Answer options")),
    ]

    class Meta:
        ordering = ["wave", "section__sort_order", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "code"], name="unique_question_code_per_wave")
        ]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return f"{self.code}: {self.wording}"

    def save(self, *args, **kwargs) -> None:
        if self.pk and _wave_has_responses(self.wave_id):
            stored = Question.objects.filter(pk=self.pk).values_list("code", flat=True).first()
            if stored is not None and stored != self.code:
                raise ValidationError(_("This wave has responses: question codes are frozen."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if _wave_has_responses(self.wave_id):
            raise ValidationError(
                _("This wave has responses: retire the question instead of deleting it.")
            )
        return super().delete(*args, **kwargs)

    def clean(self) -> None:
        if self.pk and _wave_has_responses(self.wave_id):
            stored = Question.objects.filter(pk=self.pk).values_list("code", flat=True).first()
            if stored is not None and stored != self.code:
                raise ValidationError(
                    {"code": _("This wave has responses: question codes can no longer change.")}
                )
        if self.section_id and self.wave_id and self.section.wave_id != self.wave_id:
            raise ValidationError({"section": _("Choose a section of the same wave.")})
        if self.show_if_code:
            controller = (
                Question.objects.filter(wave_id=self.wave_id, code=self.show_if_code)
                .select_related("section")
                .first()
            )
            if controller is None:
                raise ValidationError({"show_if_code": _("No question with this code.")})
            if self.section_id and controller.section.sort_order >= self.section.sort_order:
                raise ValidationError(
                    {"show_if_code": _("The question it depends on must be in an earlier section.")}
                )
            if not self.trigger_answers:
                raise ValidationError({"show_if_answers": _("Give at least one answer code.")})

    @property
    def trigger_answers(self) -> frozenset[str]:
        return frozenset(code for code in self.show_if_answers.split(";") if code.strip())

    def answer_codes(self) -> list[str]:
        """Every code this question accepts (its options, then Don't know / Prefer not to say)."""
        codes = [option.code for option in self.options.all()]
        if self.offers_dont_know:
            codes.append(contract.DONT_KNOW)
        if self.offers_refused:
            codes.append(contract.REFUSED)
        return codes

    def applies_to(self, answers: dict[str, list[str]]) -> bool:
        """Whether the skip rule asks this question, given the answers so far."""
        if not self.show_if_code:
            return True
        return bool(self.trigger_answers.intersection(answers.get(self.show_if_code, [])))


class AnswerOption(models.Model):
    """One answer a resident can choose, with its stable code and the label they read."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    code = models.CharField(_("code"), max_length=50, validators=[code_validator])
    label = models.CharField(_("label"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("code"), FieldPanel("label"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["question", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="unique_option_code")
        ]
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")

    def __str__(self) -> str:
        return f"{self.code}: {self.label}"

    def save(self, *args, **kwargs) -> None:
        if self.pk:
            stored = AnswerOption.objects.filter(pk=self.pk).values_list(
                "code", "question__wave_id"
            )
            for code, wave_id in stored:
                if code != self.code and _wave_has_responses(wave_id):
                    raise ValidationError(_("This wave has responses: answer codes are frozen."))
        super().save(*args, **kwargs)
