"""The standard question bank and copying a wave's bank to the next year.

`STANDARD_BANK` is the annual survey as first run: the contract's MOPAC PAS
questions (codes from `surveys.contract`) plus the partnership's local ones.
Later waves are built with `copy_wave`, so every question keeps its code.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from surveys import contract
from surveys.models import AnswerOption, Question, Section, Survey, Wave
from surveys.models.questions import QuestionKind

LABELS: dict[str, str] = {
    "excellent": _("Excellent"),
    "good": _("Good"),
    "fair": _("Fair"),
    "poor": _("Poor"),
    "very_poor": _("Very poor"),
    "strongly_agree": _("Strongly agree"),
    "tend_to_agree": _("Tend to agree"),
    "neither": _("Neither agree nor disagree"),
    "tend_to_disagree": _("Tend to disagree"),
    "strongly_disagree": _("Strongly disagree"),
    "very_well": _("Very well informed"),
    "fairly_well": _("Fairly well informed"),
    "not_at_all": _("Not at all informed"),
    "yes": _("Yes"),
    "no": _("No"),
    "very_safe": _("Very safe"),
    "fairly_safe": _("Fairly safe"),
    "fairly_unsafe": _("Fairly unsafe"),
    "very_unsafe": _("Very unsafe"),
    "do_not_go_out": _("I never go out alone"),
    "very_worried": _("Very worried"),
    "fairly_worried": _("Fairly worried"),
    "not_very_worried": _("Not very worried"),
    "not_at_all_worried": _("Not at all worried"),
    contract.DONT_KNOW: _("Don't know"),
    contract.REFUSED: _("Prefer not to say"),
}
WORRY_SCALE = ("very_worried", "fairly_worried", "not_very_worried", "not_at_all_worried")


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    wording: str
    options: tuple[str, ...] | tuple[tuple[str, str], ...] = ()
    hint: str = ""
    kind: str = QuestionKind.SINGLE
    required: bool = True
    show_if: tuple[str, tuple[str, ...]] | None = None


@dataclass(frozen=True)
class SectionSpec:
    title: str
    description: str
    questions: tuple[QuestionSpec, ...] = field(default_factory=tuple)


def _contract(code: str, wording: str, hint: str = "") -> QuestionSpec:
    return QuestionSpec(code, wording, contract.QUESTIONS[code][0], hint=hint)


STANDARD_BANK: tuple[SectionSpec, ...] = (
    SectionSpec(
        "Feeling safe",
        "How safe you feel in your local area, that is within 15 minutes' walk of your home.",
        (
            _contract(
                "feel_safe_day", "How safe do you feel walking alone in your area during the day?"
            ),
            _contract(
                "feel_safe_night", "How safe do you feel walking alone in your area after dark?"
            ),
            QuestionSpec(
                "worry_crime", "How worried are you about crime in your area?", WORRY_SCALE
            ),
            QuestionSpec(
                "worry_asb",
                "How worried are you about anti-social behaviour in your area?",
                WORRY_SCALE,
                hint="For example noisy neighbours, vandalism, or people drinking or "
                "using drugs in public.",
            ),
        ),
    ),
    SectionSpec(
        "Policing in your area",
        "What you think of the police in your area, even if you have had no contact with them.",
        (
            _contract("good_job", "How good a job do you think the police in your area are doing?"),
            _contract(
                "relied_on", "The police in this area can be relied on to be there when needed."
            ),
            _contract(
                "treat_fairly",
                "The police in this area treat everyone fairly regardless of who they are.",
            ),
            _contract(
                "dealing_issues",
                "The police in this area are dealing with the things that matter "
                "to this community.",
            ),
            _contract(
                "listen_concerns", "The police in this area listen to the concerns of local people."
            ),
            _contract(
                "understand_issues",
                "The police in this area understand the issues that affect this community.",
            ),
            _contract("trust_mps", "I trust the Metropolitan Police Service."),
        ),
    ),
    SectionSpec(
        "Keeping in touch",
        "How well informed you feel and whether you know how to reach your ward officers.",
        (
            _contract(
                "informed_local",
                "How well informed do you feel about what the police have been doing in your area?",
            ),
            _contract(
                "contact_ward_officer", "Do you know how to contact your local ward officer?"
            ),
            QuestionSpec(
                "victim_12m",
                "In the last 12 months, have you been a victim of crime in your area?",
                contract.YES_NO,
            ),
        ),
    ),
    SectionSpec(
        "About the crime",
        "You told us you were a victim of crime in the last 12 months.",
        (
            QuestionSpec(
                "victim_reported",
                "Did you report it to the police?",
                contract.YES_NO,
                show_if=("victim_12m", ("yes",)),
            ),
            QuestionSpec(
                "victim_types",
                "What kind of crime was it?",
                (
                    ("burglary", _("Burglary")),
                    ("vehicle", _("Theft of or from a vehicle")),
                    ("violence", _("Violence or threats")),
                    ("online", _("Fraud or online crime")),
                    ("other", _("Something else")),
                ),
                hint="Select all that apply.",
                kind=QuestionKind.MULTIPLE,
                show_if=("victim_12m", ("yes",)),
            ),
        ),
    ),
    SectionSpec(
        "Anything else",
        "",
        (
            QuestionSpec(
                "local_concerns",
                "Is there anything else you would like to tell us about crime or "
                "safety in your area?",
                hint="Do not include names, addresses or anything that could identify "
                "you or someone else.",
                kind=QuestionKind.TEXT,
                required=False,
            ),
        ),
    ),
)


@transaction.atomic
def build_standard_bank(wave: Wave) -> None:
    """Give a wave with no questions the standard bank."""
    for section_order, section_spec in enumerate(STANDARD_BANK):
        section = Section.objects.create(
            wave=wave,
            title=section_spec.title,
            description=section_spec.description,
            sort_order=section_order,
        )
        for order, spec in enumerate(section_spec.questions):
            question = Question.objects.create(
                wave=wave,
                section=section,
                code=spec.code,
                wording=spec.wording,
                hint=spec.hint,
                kind=spec.kind,
                required=spec.required,
                offers_dont_know=spec.kind == QuestionKind.SINGLE,
                offers_refused=spec.kind != QuestionKind.TEXT,
                sort_order=order,
                show_if_code=spec.show_if[0] if spec.show_if else "",
                show_if_answers=";".join(spec.show_if[1]) if spec.show_if else "",
            )
            AnswerOption.objects.bulk_create(
                AnswerOption(
                    question=question,
                    code=option if isinstance(option, str) else option[0],
                    label=str(LABELS[option]) if isinstance(option, str) else str(option[1]),
                    sort_order=index,
                )
                for index, option in enumerate(spec.options)
            )


@transaction.atomic
def copy_wave(source: Wave, year: int, **wave_fields) -> Wave:
    """A new wave of the same survey whose bank is a copy of `source`'s (codes kept).

    Retired questions are not copied; dates and mode come from `wave_fields`.
    """
    wave = Wave.objects.create(
        survey=source.survey,
        year=year,
        mode=wave_fields.pop("mode", source.mode),
        target_sample=wave_fields.pop("target_sample", source.target_sample),
        **wave_fields,
    )
    sections = {}
    for section in source.sections.all():
        sections[section.pk] = Section.objects.create(
            wave=wave,
            title=section.title,
            description=section.description,
            sort_order=section.sort_order,
        )
    for question in source.questions.active().prefetch_related("options"):
        options = list(question.options.all())
        question.pk = None
        question.wave = wave
        question.section = sections[question.section_id]
        question.save()
        AnswerOption.objects.bulk_create(
            AnswerOption(question=question, code=o.code, label=o.label, sort_order=o.sort_order)
            for o in options
        )
    return wave


def ensure_wave(survey: Survey, year: int, **defaults) -> tuple[Wave, bool]:
    """The survey's wave for `year`, created from the latest earlier wave's bank (or the
    standard bank) when missing."""
    existing = survey.waves.filter(year=year).first()
    if existing:
        return existing, False
    previous = survey.waves.filter(year__lt=year).order_by("-year").first()
    if previous is not None and previous.questions.exists():
        return copy_wave(previous, year, **defaults), True
    wave = Wave.objects.create(survey=survey, year=year, **defaults)
    build_standard_bank(wave)
    return wave, True
