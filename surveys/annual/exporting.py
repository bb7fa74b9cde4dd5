"""Responses and the codebook in the contract's import format (docs/survey-data-contract.md §1).

Exports use exactly the columns `import_responses` reads, so a file exported from
one installation imports into another (and back) unchanged.
"""

from collections.abc import Iterator

from surveys import answer_store, contract
from surveys.models import Wave
from surveys.models.questions import TEXT_ANSWER_CODE, QuestionKind

CODEBOOK_HEADER = ("wave", "section", "question_code", "wording", "kind", "answer_code", "label")


def question_codes(wave: Wave) -> list[str]:
    """The wave's question columns in bank order (the contract's when it has no bank)."""
    codes = list(wave.questions.values_list("code", flat=True))
    return codes or list(contract.QUESTIONS)


def response_header(wave: Wave) -> list[str]:
    return [*contract.IMPORT_FIXED_COLUMNS, *question_codes(wave)]


def response_rows(wave: Wave, chunk_size: int = 2000) -> Iterator[list[str]]:
    """One row per completed response, streamed (responses and answers merge-joined by id)."""
    codes = question_codes(wave)
    text_codes = set(wave.questions.filter(kind=QuestionKind.TEXT).values_list("code", flat=True))
    responses = (
        wave.responses.complete()
        .order_by("pk")
        .values_list("pk", "respondent_id", "completed_on", "ward__code", "age_band", "sex", "mode")
        .iterator(chunk_size=chunk_size)
    )
    grouped = answer_store.wave_answers_by_response(wave, chunk_size=chunk_size)
    pending = next(grouped, None)
    for pk, respondent_id, completed_on, ward_code, age_band, sex, mode in responses:
        while pending is not None and pending[0] < pk:
            pending = next(grouped, None)
        values: dict[str, list[str]] = {}
        if pending is not None and pending[0] == pk:
            for question_code, answer_code, text in pending[1]:
                cell = (
                    text
                    if question_code in text_codes and answer_code == TEXT_ANSWER_CODE
                    else answer_code
                )
                values.setdefault(question_code, []).append(cell)
            pending = next(grouped, None)
        yield [
            respondent_id,
            completed_on.isoformat() if completed_on else "",
            ward_code or "",
            age_band,
            sex,
            mode,
            *(";".join(values.get(code, [])) for code in codes),
        ]


def codebook_rows(wave: Wave) -> Iterator[list[str]]:
    """Each question's wording and every answer code's label, for this wave."""
    from surveys.annual.bank import LABELS

    questions = wave.questions.select_related("section").prefetch_related("options")
    for question in questions:
        base = [str(wave.year), question.section.title, question.code, question.wording]
        if question.kind == QuestionKind.TEXT:
            yield [*base, question.kind, "", "(free text)"]
            continue
        for option in question.options.all():
            yield [*base, question.kind, option.code, option.label]
        for extra, offered in (
            (contract.DONT_KNOW, question.offers_dont_know),
            (contract.REFUSED, question.offers_refused),
        ):
            if offered:
                yield [*base, question.kind, extra, str(LABELS[extra])]
