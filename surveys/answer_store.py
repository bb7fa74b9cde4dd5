"""Where the annual survey's answers are stored: the one module that reads and writes them.

Today each answer is one `surveys.Answer` row (response, question code, answer code,
text). Issue 19.3 asks the import to reach half the speed of PostgreSQL's own `COPY`
floor, and one row per answer cannot get there however it is keyed: the per-answer
foreign-key check alone costs more (`benchmarks/answer_storage.py`; docs/annual-survey.md,
"How answers are stored"). Only packing a response's answers into its own row can. So
that the change of storage is a change to this module (and a migration), every reader and
writer of answers goes through the operations below, and none of them hands out an
`Answer` row or a QuerySet of them: callers see question codes and answer codes.

The vocabulary:

- a response's answers: question code → answer codes (a free-text answer under its
  text), as the journey shows and checks them; a multiple-choice question's codes come in
  no promised order (today the unique index's, by code);
- an answer triple: (question code, answer code, text), where a free-text answer has the
  code `TEXT_ANSWER_CODE` and its text, and a coded answer has empty text (the import's
  and the export's form);
- counts: grouped in SQL by a cell of response fields, question and answer code.

Deleting a response deletes its answers (today by the foreign key's cascade); the counts
are taken out first by `surveys.annual.counts`, which reads them through this module.
Lives at the app's level, beside `surveys.models`, so the analysis bridge
(`perceptions.queries`, `perceptions.results.trials`) reads answers through it as it read
the model before.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from typing import Any

from django.db.models import Count, QuerySet

from communitysafety.common.imports import copy_text
from surveys.models import Answer, Survey, SurveyResponse, Wave
from surveys.models.questions import TEXT_ANSWER_CODE

AnswerTriple = tuple[str, str, str]
"""(question code, answer code, text): free text has the code TEXT_ANSWER_CODE."""

AnswerRow = tuple[int, str, str, str]
"""(response id, question code, answer code, text): an answer with its response."""


# Reading one response (the journey: resume, the check page, the final submit)


def _as_answers(triples: Iterable[AnswerTriple]) -> dict[str, list[str]]:
    answers: dict[str, list[str]] = {}
    for code, answer_code, text in triples:
        answers.setdefault(code, []).append(
            text if answer_code == TEXT_ANSWER_CODE else answer_code
        )
    return answers


def answers_of(response: SurveyResponse) -> dict[str, list[str]]:
    """One response's answers: question code → answer codes (free text under its text)."""
    return _as_answers(response.answers.values_list("question_code", "answer_code", "text"))


def answers_and_coded_pairs(
    response: SurveyResponse,
) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """`answers_of` and the response's (question, answer code) pairs that are counted (no
    free text), from one read: what the final submit checks and then counts."""
    triples = list(response.answers.values_list("question_code", "answer_code", "text"))
    pairs = [(q, a) for q, a, _ in triples if a != TEXT_ANSWER_CODE]
    return _as_answers(triples), pairs


# Writing (the journey's sections, test and benchmark set-up)


def replace_answers(
    response: SurveyResponse, question_codes: Sequence[str], triples: Iterable[AnswerTriple]
) -> None:
    """Replace the response's answers to `question_codes` by `triples` (each of one of
    those questions): one delete and one insert. Call inside a transaction."""
    response.answers.filter(question_code__in=question_codes).delete()
    Answer.objects.bulk_create(
        Answer(response=response, question_code=q, answer_code=a, text=t) for q, a, t in triples
    )


def drop_answers(response: SurveyResponse, question_codes: Sequence[str]) -> None:
    """Forget the response's answers to `question_codes` (questions no longer asked)."""
    response.answers.filter(question_code__in=question_codes).delete()


def add_answers(rows: Iterable[AnswerRow], *, batch_size: int | None = None) -> None:
    """Store answers of responses that have none to these questions yet: (response id,
    question code, answer code, text) rows in one bulk insert (`batch_size` rows a
    statement). For set-up that bypasses the journey and the import: tests, benchmarks."""
    Answer.objects.bulk_create(
        (Answer(response_id=pk, question_code=q, answer_code=a, text=t) for pk, q, a, t in rows),
        batch_size=batch_size,
    )


# Reading many responses (export, the analysis bridge, trials)


def wave_answers_by_response(
    wave: Wave, *, chunk_size: int
) -> Iterator[tuple[int, list[AnswerTriple]]]:
    """The answers of the wave's completed responses, streamed in response id order:
    (response id, its answer triples in the order stored); responses without answers are
    not listed. `chunk_size` answers are fetched at a time."""
    rows = (
        Answer.objects.filter(response__wave=wave, response__completed_on__isnull=False)
        .order_by("response_id", "pk")
        .values_list("response_id", "question_code", "answer_code", "text")
        .iterator(chunk_size=chunk_size)
    )
    for pk, answers in groupby(rows, key=lambda row: row[0]):
        yield pk, [(q, a, t) for _, q, a, t in answers]


def coded_answers(
    responses: QuerySet[SurveyResponse], question_codes: Sequence[str], *, chunk_size: int
) -> Iterator[tuple[int, str, str]]:
    """(response id, question code, answer code) of `responses`' answers to
    `question_codes`, streamed in no particular order, `chunk_size` at a time."""
    return (
        Answer.objects.filter(response__in=responses, question_code__in=list(question_codes))
        .values_list("response_id", "question_code", "answer_code")
        .iterator(chunk_size=chunk_size)
    )


def answer_to(responses: QuerySet[SurveyResponse], question_code: str) -> dict[int, str]:
    """Response id → answer code of `responses`' answers to one single-choice question."""
    return dict(
        Answer.objects.filter(response__in=responses, question_code=question_code).values_list(
            "response_id", "answer_code"
        )
    )


def answer_count(responses: QuerySet[SurveyResponse]) -> int:
    """How many answers `responses` have stored, all questions: one for each (question,
    answer code) of a response, a free-text answer counting one. For checks and
    benchmarks (no production caller needs it)."""
    return Answer.objects.filter(response__in=responses).count()


# Counting in SQL (the per-cell counts, and the reference they are checked against)

_CELL_FIELDS = ("wave_id", "ward_id", "age_band")


def coded_answer_counts_sql(
    completed: QuerySet[SurveyResponse], sign: int
) -> tuple[str, tuple[Any, ...]]:
    """SQL and parameters of a SELECT of (wave id, ward id, age band, question code, answer
    code, count × `sign`) over the coded answers (no free text) of `completed`, in that
    key order: what `surveys.annual.counts` adds to (or takes from) the per-cell counts in
    one `INSERT ... SELECT`."""
    cell = [f"response__{field}" for field in _CELL_FIELDS]
    keys = (*cell, "question_code", "answer_code")
    counted = (
        Answer.objects.filter(response__in=completed.values("pk"))
        .exclude(answer_code=TEXT_ANSWER_CODE)
        .values_list(*keys)
        .annotate(total=Count("id") * sign)
        .order_by(*keys)
    )
    return counted.query.sql_with_params()


def survey_answer_counts(
    survey: Survey, question_codes: Sequence[str]
) -> Iterable[tuple[int, str | None, str, str, str, int]]:
    """(wave year, ward code, age band, question code, answer code, answers) of the
    completed responses of `survey`, grouped in SQL, for `question_codes` only."""
    return (
        Answer.objects.filter(
            response__completed_on__isnull=False,
            response__wave__survey=survey,
            question_code__in=list(question_codes),
        )
        .values_list(
            "response__wave__year",
            "response__ward__code",
            "response__age_band",
            "question_code",
            "answer_code",
        )
        .annotate(total=Count("id"))
        .order_by()
    )


# The import's writer (`surveys.annual.import_storage`): answers encoded once per
# (question, answer) as a token while the file is read, gathered per response and written
# per batch after the batch's responses, on the import's connection and in its transaction.

_ANSWER_COLUMNS = ("question_code", "answer_code", "text")


class PostgresAnswerRows:
    """A batch's answers as COPY text: one string per response for all its answers
    (`pk + pk.join(tokens)`, each token being `\\tquestion\\tanswer\\ttext\\n`)."""

    def __init__(self) -> None:
        self.rows: list[str] = []
        self.copy_sql = (
            f"COPY {Answer._meta.db_table} (response_id, {', '.join(_ANSWER_COLUMNS)}) FROM STDIN"
        )

    @staticmethod
    def token(question: str, answer: str, text: str) -> str:
        return f"\t{copy_text(question)}\t{copy_text(answer)}\t{copy_text(text)}\n"

    def add(self, pk: str, tokens: list[str]) -> None:
        """The answers (tokens) of the response whose id is `pk` (as text)."""
        if tokens:
            self.rows.append(pk + pk.join(tokens))

    def take(self) -> bytes:
        taken = "".join(self.rows).encode()
        self.rows = []
        return taken

    def write(self, cursor: Any, taken: bytes) -> None:
        """Write what `take` returned with a psycopg cursor (after the batch's responses)."""
        if taken:
            with cursor.copy(self.copy_sql) as copy:
                copy.write(taken)


class SQLiteAnswerRows:
    """A batch's answers as one JSON array, unpacked by SQLite's json_each (binding
    parameters for each answer row from Python costs more than SQLite's own insert)."""

    def __init__(self) -> None:
        self.rows: list[str] = []
        # json_each walks the array in order, so ids follow the file (no ORDER BY sort).
        self.insert_sql = (
            f"INSERT INTO {Answer._meta.db_table} ({', '.join(_ANSWER_COLUMNS)}, response_id) "  # noqa: S608
            "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
            "json_extract(value, '$[2]'), json_extract(value, '$[3]') FROM json_each(?)"
        )

    @staticmethod
    def token(question: str, answer: str, text: str) -> str:
        """`["question","answer","text",`: the answer's JSON array without its response."""
        return json.dumps([question, answer, text], separators=(",", ":"))[:-1] + ","

    def add(self, pk: int, tokens: list[str]) -> None:
        """The answers (tokens) of the response whose id is `pk`."""
        if tokens:
            close = f"{pk}],"
            self.rows.append(close.join(tokens) + close)

    def take(self) -> str:
        taken = "[" + "".join(self.rows)[:-1] + "]"
        self.rows = []
        return taken

    def write(self, cursor: Any, taken: str) -> None:
        """Write what `take` returned with a sqlite3 cursor (after the batch's responses)."""
        cursor.execute(self.insert_sql, [taken])
