"""Importing responses collected elsewhere, exactly as docs/survey-data-contract.md §1 says.

Two passes over the file: a streaming validation pass that keeps only the ids
seen and the errors (memory stays flat apart from the id set), then, if the
file is accepted, a write pass in one transaction that inserts in batches
(COPY on PostgreSQL, executemany on SQLite). A rejected file stores nothing,
not even the survey or wave that `--create` would have made.
"""

import csv
import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from django.db import connection, transaction
from django.utils import timezone

from communitysafety.imports import ImportRejected, LineError, UsageError, open_csv_text, progress
from communitysafety.sanitise import plain_text
from communitysafety.wards.models import Ward

from . import contract
from .bank import STANDARD_BANK, ensure_wave
from .models import Survey, Wave
from .models.questions import TEXT_ANSWER_CODE, QuestionKind
from .signals import responses_imported

REQUIRED_COLUMNS = ("respondent_id", "completed_at")
MAX_ID_LENGTH = 64
BATCH_SIZE = 5000


@dataclass(frozen=True, slots=True)
class QuestionRule:
    """What one question column accepts."""

    kind: str
    codes: frozenset[str]
    max_length: int = 500


@dataclass(slots=True)
class ImportResult:
    stored: int = 0
    skipped: list[LineError] = field(default_factory=list)
    created_wave: bool = False


# A parsed row: (respondent_id, completed_on, ward_id, age_band, sex, mode, answers)
# where answers are (question_code, answer_code, text) triples.
Row = tuple[str, datetime.date, int | None, str, str, str, list[tuple[str, str, str]]]


def rules_for(wave: Wave | None, survey: Survey | None, year: int) -> dict[str, QuestionRule]:
    """The question columns a file may hold: the wave's bank, or the bank the wave would
    get when `--create` makes it (the previous wave's, else the standard bank)."""
    source = wave
    if (source is None or not source.questions.exists()) and survey is not None:
        source = survey.waves.filter(year__lt=year).order_by("-year").first()
    if source is not None and source.questions.exists():
        return {
            q.code: QuestionRule(q.kind, frozenset(q.answer_codes()), q.max_length)
            for q in source.questions.prefetch_related("options")
        }
    rules = {}
    for section in STANDARD_BANK:
        for spec in section.questions:
            codes = {o if isinstance(o, str) else o[0] for o in spec.options}
            if spec.kind == QuestionKind.SINGLE:
                codes.add(contract.DONT_KNOW)
            if spec.kind != QuestionKind.TEXT:
                codes.add(contract.REFUSED)
            rules[spec.code] = QuestionRule(spec.kind, frozenset(codes))
    return rules


def parse_completed(value: str) -> datetime.date:
    """ISO 8601 date or datetime → the date (no finer timestamp is kept)."""
    if "T" in value or " " in value.strip():
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.date()
    return datetime.date.fromisoformat(value)


class ResponseFile:
    """Validates one file against a wave's rules; `rows()` yields (line, Row | errors)."""

    def __init__(self, rules: dict[str, QuestionRule], wards: dict[str, int], known_ids: set[str]):
        self.rules = rules
        self.wards = wards
        self.known_ids = known_ids

    def header_errors(self, header: list[str]) -> list[LineError]:
        errors = []
        seen: set[str] = set()
        for name in header:
            if name in seen:
                errors.append(LineError(1, name, "duplicate column"))
            seen.add(name)
            if name not in contract.IMPORT_FIXED_COLUMNS and name not in self.rules:
                errors.append(
                    LineError(1, name, "unknown column (not in the contract or the question bank)")
                )
        for name in REQUIRED_COLUMNS:
            if name not in seen:
                errors.append(LineError(1, name, "required column is missing"))
        return errors

    def rows(self, stream: TextIO, desc: str) -> Iterator[tuple[int, Row | list[LineError]]]:
        reader = csv.reader(stream)
        try:
            header = next(reader)
        except StopIteration:
            raise ImportRejected([LineError(1, "-", "the file is empty")]) from None
        except csv.Error as exc:
            raise ImportRejected([LineError(1, "-", f"malformed CSV: {exc}")]) from None
        errors = self.header_errors(header)
        if errors:
            raise ImportRejected(errors)
        position = {name: index for index, name in enumerate(header)}
        questions = [
            (index, name, self.rules[name])
            for name, index in position.items()
            if name in self.rules
        ]
        width = len(header)
        ids_in_file: set[str] = set()
        records = iter(reader)
        while True:
            try:
                cells = next(records)
            except StopIteration:
                return
            except csv.Error as exc:
                yield reader.line_num, [LineError(reader.line_num, "-", f"malformed CSV: {exc}")]
                continue
            line = reader.line_num
            if not any(cells):
                continue
            if len(cells) != width:
                yield line, [LineError(line, "-", f"expected {width} fields, found {len(cells)}")]
                continue
            yield line, self._parse(line, cells, position, questions, ids_in_file)

    def _parse(self, line, cells, position, questions, ids_in_file) -> Row | list[LineError]:
        errors: list[LineError] = []

        def cell(name: str) -> str:
            index = position.get(name)
            return cells[index].strip() if index is not None else ""

        respondent_id = cell("respondent_id")
        if not respondent_id:
            errors.append(LineError(line, "respondent_id", "required"))
        elif len(respondent_id) > MAX_ID_LENGTH:
            errors.append(LineError(line, "respondent_id", f"longer than {MAX_ID_LENGTH}"))
        elif respondent_id in ids_in_file:
            errors.append(LineError(line, "respondent_id", f"{respondent_id!r} repeated in file"))
        elif respondent_id in self.known_ids:
            errors.append(
                LineError(line, "respondent_id", f"{respondent_id!r} already stored in this wave")
            )
        else:
            ids_in_file.add(respondent_id)
        completed_on = None
        raw_completed = cell("completed_at")
        try:
            completed_on = parse_completed(raw_completed)
        except ValueError:
            errors.append(
                LineError(line, "completed_at", f"{raw_completed!r} is not an ISO 8601 date")
            )
        ward_code = cell("ward_code")
        ward_id = self.wards.get(ward_code) if ward_code else None
        if ward_code and ward_id is None:
            errors.append(LineError(line, "ward_code", f"unknown ward code {ward_code!r}"))
        age_band = cell("age_band")
        if age_band and age_band not in contract.AGE_BANDS:
            errors.append(LineError(line, "age_band", f"unknown age band {age_band!r}"))
        sex = cell("sex")
        if sex and sex not in contract.SEXES:
            errors.append(LineError(line, "sex", f"unknown code {sex!r}"))
        mode = cell("mode") or "online"
        if mode not in contract.MODES:
            errors.append(LineError(line, "mode", f"unknown mode {mode!r}"))
        answers: list[tuple[str, str, str]] = []
        for index, code, rule in questions:
            value = cells[index].strip()
            if not value:
                continue
            if rule.kind == QuestionKind.TEXT:
                text = plain_text(value)
                if len(text) > rule.max_length:
                    errors.append(
                        LineError(line, code, f"longer than {rule.max_length} characters")
                    )
                elif text:
                    answers.append((code, TEXT_ANSWER_CODE, text))
                continue
            parts = value.split(";") if rule.kind == QuestionKind.MULTIPLE else [value]
            seen = set()
            for part in parts:
                part = part.strip()
                if part not in rule.codes:
                    errors.append(LineError(line, code, f"unknown answer code {part!r}"))
                elif part not in seen:
                    seen.add(part)
                    answers.append((code, part, ""))
        if errors:
            return errors
        return (respondent_id, completed_on, ward_id, age_band, sex, mode, answers)


def import_responses(
    path: str,
    survey_slug: str,
    year: int,
    *,
    create: bool = False,
    skip_invalid: bool = False,
    batch_size: int = BATCH_SIZE,
    log: Callable[[str], None] | None = None,
) -> ImportResult:
    """Validate the whole file, then store it in one transaction (or raise ImportRejected)."""
    survey = Survey.objects.filter(slug=survey_slug).first()
    if survey is None and not create:
        raise UsageError(f"no survey with slug {survey_slug!r} (use --create to make it)")
    wave = survey.waves.filter(year=year).first() if survey else None
    if wave is None and not create:
        raise UsageError(f"survey {survey_slug} has no {year} wave (use --create to make it)")
    known_ids = set(wave.responses.values_list("respondent_id", flat=True)) if wave else set()
    checker = ResponseFile(
        rules_for(wave, survey, year), dict(Ward.objects.values_list("code", "pk")), known_ids
    )
    invalid: dict[int, list[LineError]] = {}
    with open_csv_text(path) as stream:
        for line, parsed in progress(checker.rows(stream, "check"), total=None, desc="checking"):
            if isinstance(parsed, list):
                invalid[line] = parsed
    errors = [error for line_errors in invalid.values() for error in line_errors]
    if errors and not skip_invalid:
        raise ImportRejected(errors)
    result = ImportResult(skipped=errors)
    checker.known_ids = known_ids  # the write pass re-checks ids from scratch
    with transaction.atomic():
        if survey is None:
            survey = Survey.objects.create(
                slug=survey_slug, title=survey_slug.replace("-", " ").capitalize()
            )
        if wave is None:
            wave, result.created_wave = ensure_wave(survey, year)
        if connection.vendor == "postgresql":
            # Check foreign keys per COPY batch, not all at COMMIT: a deferred queue of
            # millions of checks makes the commit stall and grows the server's memory.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        writer = _writer()
        batch: list[Row] = []
        with open_csv_text(path) as stream:
            for line, parsed in progress(checker.rows(stream, "store"), total=None, desc="storing"):
                if line in invalid or isinstance(parsed, list):
                    continue
                batch.append(parsed)
                if len(batch) >= batch_size:
                    writer(wave, batch)
                    result.stored += len(batch)
                    batch = []
            if batch:
                writer(wave, batch)
                result.stored += len(batch)
        transaction.on_commit(lambda: responses_imported.send(sender=Wave, wave_id=wave.pk))
    return result


def _writer() -> Callable[[Wave, list[Row]], None]:
    return _write_copy if connection.vendor == "postgresql" else _write_executemany


RESPONSE_COLUMNS = (
    "id",
    "wave_id",
    "respondent_id",
    "completed_on",
    "ward_id",
    "age_band",
    "sex",
    "mode",
    "created_on",
    "resume_code_hash",
    "furthest_step",
)
ANSWER_COLUMNS = ("response_id", "question_code", "answer_code", "text")


def _response_records(wave: Wave, rows: list[Row], ids: list[int]):
    today = timezone.localdate()
    for pk, (respondent_id, completed_on, ward_id, age_band, sex, mode, _answers) in zip(
        ids, rows, strict=True
    ):
        yield (pk, wave.pk, respondent_id, completed_on, ward_id, age_band, sex, mode, today, "", 0)


def _answer_records(rows: list[Row], ids: list[int]):
    for pk, row in zip(ids, rows, strict=True):
        for question_code, answer_code, text in row[6]:
            yield (pk, question_code, answer_code, text)


def _write_executemany(wave: Wave, rows: list[Row]) -> None:
    """SQLite: ids follow the current maximum (the import holds the write lock)."""
    from .models import Answer, SurveyResponse

    response_table = SurveyResponse._meta.db_table
    answer_table = Answer._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {response_table}")  # noqa: S608
        start = cursor.fetchone()[0] + 1
        ids = list(range(start, start + len(rows)))
        cursor.executemany(
            f"INSERT INTO {response_table} ({', '.join(RESPONSE_COLUMNS)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(RESPONSE_COLUMNS))})",
            list(_response_records(wave, rows, ids)),
        )
        cursor.executemany(
            f"INSERT INTO {answer_table} ({', '.join(ANSWER_COLUMNS)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(ANSWER_COLUMNS))})",
            list(_answer_records(rows, ids)),
        )


def _write_copy(wave: Wave, rows: list[Row]) -> None:
    """PostgreSQL: ids reserved from the sequence, then COPY for both tables."""
    from .models import Answer, SurveyResponse

    response_table = SurveyResponse._meta.db_table
    answer_table = Answer._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [response_table, len(rows)],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
        raw = cursor.cursor
        with raw.copy(f"COPY {response_table} ({', '.join(RESPONSE_COLUMNS)}) FROM STDIN") as copy:
            for record in _response_records(wave, rows, ids):
                copy.write_row(record)
        with raw.copy(f"COPY {answer_table} ({', '.join(ANSWER_COLUMNS)}) FROM STDIN") as copy:
            for record in _answer_records(rows, ids):
                copy.write_row(record)
