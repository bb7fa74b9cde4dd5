"""Where a resident is in the survey: steps, stored answers, resume codes, submit.

Partial answers live server-side as ordinary answers (`surveys.answer_store`) of a
SurveyResponse that has no completion date yet, so a resident can resume on another
device with a resume code. Only the code's SHA-256 is kept.
"""

import hashlib
import secrets
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from surveys import answer_store
from surveys.annual import counts, rules_cache
from surveys.models import Question, Section, SurveyResponse, Wave
from surveys.models.questions import TEXT_ANSWER_CODE, QuestionKind

ABOUT_YOU = "about-you"
# No 0/O, 1/I/L: codes are read aloud and typed on phones.
RESUME_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RESUME_LENGTH = 12


@dataclass(frozen=True, slots=True)
class SectionRef:
    """What submitting needs of a section: its key and title (no description)."""

    pk: int
    title: str


@dataclass(frozen=True, slots=True)
class Rule:
    """What submitting needs of a question: whether it is asked and must be answered.

    Checking a submission needs only codes, wordings (for error messages) and skip
    rules, read in one query as plain tuples rather than ~90 model instances with
    their answer options: that load was most of the submit's server time.
    """

    code: str
    wording: str
    required: bool
    show_if_code: str
    trigger_answers: frozenset[str]

    def applies_to(self, answers: dict[str, list[str]]) -> bool:
        if not self.show_if_code:
            return True
        return bool(self.trigger_answers.intersection(answers.get(self.show_if_code, [])))


@dataclass(frozen=True, slots=True)
class Step:
    """One page of the journey: a section of questions, or the About you page."""

    key: str  # str(section pk) or ABOUT_YOU
    title: str
    section: Section | SectionRef | None
    questions: tuple[Question | Rule, ...]


def load_bank(wave: Wave) -> list[tuple[Section, list[Question]]]:
    questions = list(wave.questions.active().prefetch_related("options"))
    by_section: dict[int, list[Question]] = {}
    for question in questions:
        by_section.setdefault(question.section_id, []).append(question)
    return [(s, by_section.get(s.pk, [])) for s in wave.sections.all()]


def load_rules(wave: Wave) -> tuple[tuple[SectionRef, tuple[Rule, ...]], ...]:
    """The bank as `load_bank` orders it, reduced to what `submit` checks.

    One query per wave and bank revision in each process (`rules_cache`); the value is
    immutable because every request of the process shares it."""
    return rules_cache.cached(wave, lambda: _query_rules(wave))


def _query_rules(wave: Wave) -> tuple[tuple[SectionRef, tuple[Rule, ...]], ...]:
    rows = (
        Question.objects.active()
        .filter(wave=wave, section__wave=wave)
        .order_by("section__sort_order", "section_id", "sort_order", "pk")
        .values_list(
            "section_id",
            "section__title",
            "code",
            "wording",
            "required",
            "show_if_code",
            "show_if_answers",
        )
    )
    bank: list[tuple[SectionRef, list[Rule]]] = []
    for section_id, title, code, wording, required, show_if, triggers in rows:
        if not bank or bank[-1][0].pk != section_id:
            bank.append((SectionRef(section_id, title), []))
        answers = frozenset(c for c in triggers.split(";") if c.strip())
        bank[-1][1].append(Rule(code, wording, required, show_if, answers))
    return tuple((section, tuple(rules)) for section, rules in bank)


def stored_answers(response: SurveyResponse) -> dict[str, list[str]]:
    """question code → answer codes (free text under its text)."""
    return answer_store.answers_of(response)


def steps_for(bank, answers: dict[str, list[str]]) -> list[Step]:
    """The pages this resident sees, given the skip rules and their answers so far."""
    steps = []
    for section, questions in bank:
        applicable = tuple(q for q in questions if q.applies_to(answers))
        if applicable:
            steps.append(Step(str(section.pk), section.title, section, applicable))
    steps.append(Step(ABOUT_YOU, "About you", None, ()))
    return steps


def unanswered(steps: list[Step], answers: dict[str, list[str]]) -> list[tuple[Step, Question]]:
    return [
        (step, q)
        for step in steps
        for q in step.questions
        if q.required and not answers.get(q.code)
    ]


def new_response(wave: Wave, mode: str) -> SurveyResponse:
    """A partial response with a random respondent id (web responses carry no identity)."""
    return SurveyResponse.objects.create(
        wave=wave,
        respondent_id=f"web-{uuid.uuid4().hex}",
        mode=mode,
        saved_on=timezone.localdate(),
    )


@transaction.atomic
def save_section(
    response: SurveyResponse, questions, cleaned: dict[str, object], bank, step_index: int
) -> None:
    """Replace this section's answers, then drop answers the skip rules no longer ask for."""
    triples: list[answer_store.AnswerTriple] = []
    for question in questions:
        value = cleaned.get(question.code)
        if not value:
            continue
        if question.kind == QuestionKind.TEXT:
            triples.append((question.code, TEXT_ANSWER_CODE, value))
        elif question.kind == QuestionKind.MULTIPLE:
            triples.extend((question.code, code, "") for code in value)
        else:
            triples.append((question.code, value, ""))
    answer_store.replace_answers(response, [q.code for q in questions], triples)
    answers = stored_answers(response)
    asked = {q.code for step in steps_for(bank, answers) for q in step.questions}
    stale = [code for code in answers if code not in asked]
    if stale:
        answer_store.drop_answers(response, stale)
    response.saved_on = timezone.localdate()
    response.furthest_step = max(response.furthest_step, step_index + 1)
    response.save(update_fields=["saved_on", "furthest_step"])


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def hash_code(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def issue_resume_code(response: SurveyResponse) -> str:
    """A fresh code for this response (any earlier code stops working); shown once."""
    raw = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(RESUME_LENGTH))
    response.resume_code_hash = hash_code(raw)
    response.saved_on = timezone.localdate()
    response.save(update_fields=["resume_code_hash", "saved_on"])
    return "-".join(raw[i : i + 4] for i in range(0, RESUME_LENGTH, 4))


def find_by_code(wave: Wave, code: str) -> SurveyResponse | None:
    if len(normalise_code(code)) != RESUME_LENGTH:
        return None
    return wave.responses.filter(resume_code_hash=hash_code(code)).first()


class Incomplete(Exception):
    def __init__(self, missing, response: SurveyResponse | None = None):
        super().__init__("incomplete")
        self.missing = missing
        self.response = response


def submit(response_id: int, bank, wave: Wave | None = None) -> tuple[SurveyResponse, bool]:
    """Complete the response once: a double click or a resubmit finds it completed
    and stores nothing more. Returns (response, newly_completed).

    `bank` is `load_bank` or (cheaper) `load_rules`; with `wave`, a response of
    another wave is not found (SurveyResponse.DoesNotExist)."""
    rows = SurveyResponse.objects.select_for_update()
    if wave is not None:
        rows = rows.filter(wave=wave)
    with transaction.atomic():
        response = rows.get(pk=response_id)
        return response, _complete(response, bank)


def submit_to_open_wave(slug: str, response_id: int, day) -> tuple[SurveyResponse, bool]:
    """The resident's final submit: `submit` with the open wave read in the locking query.

    The response is found only in the survey's open wave on `day`; when two waves are
    open at once, that is the one of the latest year (as every step view picks it), so
    a response of the older wave is not found either. Raises SurveyResponse.DoesNotExist
    (the caller tells a closed survey from a stale session only on that path). The
    wave and survey come with the locked row (`select_related`, locking the response
    row only), and the rules from `load_rules`' per-process cache: no query of its own."""
    newer = Wave.objects.open_on(day).filter(
        survey_id=OuterRef("wave__survey_id"), year__gt=OuterRef("wave__year")
    )
    rows = (
        SurveyResponse.objects.select_for_update(of=("self",))
        .select_related("wave__survey")
        .filter(
            Q(wave__closes_on__isnull=True) | Q(wave__closes_on__gte=day),
            pk=response_id,
            wave__survey__slug=slug,
            wave__opens_on__lte=day,
        )
        .exclude(Exists(newer))
    )
    with transaction.atomic():
        response = rows.get()
        return response, _complete(response, load_rules(response.wave))


def _complete(response: SurveyResponse, bank) -> bool:
    """Inside the locking transaction: complete and count `response`, or raise Incomplete."""
    if response.completed_on is not None:
        return False
    answers, counted = answer_store.answers_and_coded_pairs(response)
    steps = steps_for(bank, answers)
    missing = unanswered(steps, answers)
    if missing or response.furthest_step < len(steps):
        raise Incomplete(missing, response)
    response.completed_on = response.saved_on = timezone.localdate()
    # update() rather than save(): no reference-index signal work on the hot path.
    SurveyResponse.objects.filter(pk=response.pk).update(
        completed_on=response.completed_on, saved_on=response.saved_on
    )
    # Counted in the same transaction, from the answers read above.
    counts.add_completed(response.wave_id, response.ward_id, response.age_band, counted)
    return True
