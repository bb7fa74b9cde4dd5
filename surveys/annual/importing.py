"""Importing responses collected elsewhere, exactly as docs/survey-data-contract.md §1 says.

One pass over the file, in one transaction: each row is checked and, while the file has
no error, stored; after the first bad line the rest is only checked, so every error is
reported, and the transaction then undoes what was written. A rejected file stores
nothing, not even the survey or wave that `--create` would have made, and a failure
while storing rolls everything back. (Reading the file twice, first to check it, cost
a third of the import's time: issue 19.3.)

Why it is shaped like this (a 1,000,000-row file; figures in benchmarks/import.py):

- Each column's accepted values are looked up in a dict or set built once from the header,
  so an ordinary row costs one membership test per cell. Only a row the fast check does
  not accept goes through `ResponseFile.parse`, the exact checker, so every error message
  comes from one place.
- The pass gives each distinct answer of a question a value id once, with its
  packed element's text (`answer_store.ImportEncoder`), so a row's answers are one
  `map` of dict lookups in the wave layout's order, written as one column of the
  response's own row (no answer rows: docs/annual-survey.md, "How answers are stored").
- Batches are written (`import_storage.py`) by a second thread while this one reads
  the next batch: the database works (PostgreSQL in its own process, SQLite with the
  GIL released) while Python parses, so the slower of the two sets the pace.
"""

import csv
import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, TextIO

from django.db import connection, transaction
from django.utils import timezone

from communitysafety.common.imports import (
    Background,
    ImportRejected,
    LineError,
    UsageError,
    gc_paused,
    open_csv_text,
    progress,
)
from communitysafety.common.sanitise import has_control_characters, plain_text
from communitysafety.wards.models import Ward
from surveys import contract
from surveys.annual.bank import STANDARD_BANK, ensure_wave
from surveys.annual.counts import Tally
from surveys.annual.import_storage import PostgresBatch, SQLiteBatch
from surveys.answer_store import ImportEncoder, import_layout
from surveys.models import Survey, Wave
from surveys.models.questions import TEXT_ANSWER_CODE, QuestionKind
from surveys.signals import announce_responses_imported

REQUIRED_COLUMNS = ("respondent_id", "completed_at")
MAX_ID_LENGTH = 64
BATCH_SIZE = 5_000  # the last batch is written after the file is read: keep it short
# Distinct completed_at values remembered (dates repeat; full timestamps may not).
DATE_CACHE_SIZE = 20_000
# Accepted cell → stored value, for the fast path's lookups (KeyError: not accepted).
_AGE_BANDS = {band: band for band in ("", *contract.AGE_BANDS)}
_SEXES = {sex: sex for sex in ("", *contract.SEXES)}
_MODES = {"": "online", **{mode: mode for mode in contract.MODES}}


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

    def summary(self) -> str:
        """The one line `import_responses` prints, and the admin upload shows."""
        created = " (wave created)" if self.created_wave else ""
        skipped = f", {len(self.skipped)} error(s) skipped" if self.skipped else ""
        return f"Stored {self.stored} responses{created}{skipped}."


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


def answer_cell(rule: QuestionRule, code: str, value: str) -> list[tuple[str, str, str]] | str:
    """One question cell → its (question, answer, text) triples, or the error message."""
    value = value.strip()
    if not value:
        return []
    if rule.kind == QuestionKind.TEXT:
        text = plain_text(value)
        if len(text) > rule.max_length:
            return f"longer than {rule.max_length} characters"
        return [(code, TEXT_ANSWER_CODE, text)] if text else []
    parts = value.split(";") if rule.kind == QuestionKind.MULTIPLE else [value]
    answers = []
    for part in parts:
        part = part.strip()
        if part not in rule.codes:
            return f"unknown answer code {part!r}"
        if (code, part, "") not in answers:
            answers.append((code, part, ""))
    return answers


def _getter(indices: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """`operator.itemgetter` that always returns a tuple (also for none or one index)."""
    if not indices:
        return lambda cells: ()
    if len(indices) == 1:
        (index,) = indices
        return lambda cells: (cells[index],)
    return itemgetter(*indices)


class _Layout:
    """Where each column is and what it accepts, built once per file from its header.

    Every row gets one empty cell appended, at index `width`: an optional column the file
    lacks reads from there, so the per-row code needs no "is the column present" tests.
    """

    def __init__(self, header: list[str], rules: dict[str, QuestionRule]):
        position = {name: index for index, name in enumerate(header)}
        self.width = len(header)
        self.position = {
            name: position.get(name, self.width) for name in contract.IMPORT_FIXED_COLUMNS
        }
        in_file = [(position[code], code, rule) for code, rule in rules.items() if code in position]
        in_file.sort()  # header order
        self.coded = [column for column in in_file if column[2].kind != QuestionKind.TEXT]
        self.texts = [column for column in in_file if column[2].kind == QuestionKind.TEXT]
        self.questions = in_file


_NO_ANSWER = {"": 0}  # a layout position the file has no column for


class _Packing:
    """How the write pass encodes a row's coded answers: one lookup per position of the
    wave's layout (`answer_store.ImportEncoder`), reading the row's cell for that
    question, or the row's extra empty cell where the file has no such column. A row's
    value ids are then one C-level `list(map(dict.__getitem__, lookups, cells))`, which
    also checks every code (KeyError: not in canonical form)."""

    def __init__(self, columns: _Layout, encoder: ImportEncoder):
        self.encoder = encoder
        positions = encoder.layout.position
        by_position = {positions[code]: (index, code, rule) for index, code, rule in columns.coded}
        width = max(by_position, default=-1) + 1
        self.codes: list[str | None] = [None] * width
        indices, self.lookups = [], []
        for position in range(width):
            if position not in by_position:
                indices.append(columns.width)
                self.lookups.append(_NO_ANSWER)
                continue
            index, code, rule = by_position[position]
            self.codes[position] = code
            indices.append(index)
            if rule.kind == QuestionKind.MULTIPLE:
                self.lookups.append(encoder.multiple(code, rule.codes))
            else:
                self.lookups.append(encoder.single(code, rule.codes))
        self.cells = _getter(indices)

    def ids_of(self, answers: Iterable[tuple[str, str, str]]) -> list[int]:
        """The value ids of a row `ResponseFile.parse` checked, from its coded answers."""
        coded: dict[str, list[str]] = {}
        for question, code, _text in answers:
            if code != TEXT_ANSWER_CODE:
                coded.setdefault(question, []).append(code)
        value = self.encoder.value
        return [value(code, coded.get(code, [])) if code else 0 for code in self.codes]


def _respondent_id_problem(respondent_id: str, ids_in_file: set[str], known_ids: set[str]) -> str:
    """What is wrong with a row's respondent id ("" when nothing is)."""
    if not respondent_id:
        return "required"
    if len(respondent_id) > MAX_ID_LENGTH:
        return f"longer than {MAX_ID_LENGTH}"
    if has_control_characters(respondent_id):
        return "contains a control character"
    if respondent_id in ids_in_file:
        return f"{respondent_id!r} repeated in file"
    if respondent_id in known_ids:
        return f"{respondent_id!r} already stored in this wave"
    return ""


def _code_errors(line: int, age_band: str, sex: str, mode: str) -> list[LineError]:
    """Errors for an age band, sex or mode that the codebook does not list."""
    errors = []
    if age_band and age_band not in contract.AGE_BANDS:
        errors.append(LineError(line, "age_band", f"unknown age band {age_band!r}"))
    if sex and sex not in contract.SEXES:
        errors.append(LineError(line, "sex", f"unknown code {sex!r}"))
    if mode not in contract.MODES:
        errors.append(LineError(line, "mode", f"unknown mode {mode!r}"))
    return errors


def _csv_records(stream: TextIO) -> Iterator[tuple[int, list[str] | csv.Error]]:
    """(last line number, cells or the csv.Error) of each record of a CSV stream, as
    `csv.reader` reads them.

    A line with no quote (nor NUL) is split on its commas, which is what csv.reader
    makes of it in about two thirds of the time. A line
    with one goes to csv.reader, fed from the stream for as many more lines as a quoted
    cell spans, so quoting, embedded newlines and every error are csv's own."""
    number = 0
    for line in stream:
        number += 1
        if '"' not in line and "\0" not in line:
            yield number, line.rstrip("\r\n").split(",")
            continue

        def more(first: str = line) -> Iterator[str]:
            nonlocal number
            yield first
            for extra in stream:  # pulled only while a quoted cell is open
                number += 1
                yield extra

        try:
            cells = next(csv.reader(more()))
        except csv.Error as exc:
            yield number, exc
            continue
        yield number, cells


class _Dates(dict):
    """completed_at cell → ISO date, parsed on first sight of each distinct cell and
    remembered (up to DATE_CACHE_SIZE: dates repeat, full timestamps may not); KeyError
    when it is not ISO 8601."""

    def __missing__(self, raw: str) -> str:
        try:
            iso = parse_completed(raw).isoformat()
        except ValueError:
            raise KeyError(raw) from None
        if len(self) < DATE_CACHE_SIZE:
            self[raw] = iso
        return iso


class ResponseFile:
    """Checks one file against a wave's rules as `records()` reads it: each row takes the
    fast path, and falls back to `parse()`, the exact checker, when it does not accept it.
    """

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

    def _open(self, stream: TextIO) -> tuple[Iterator[tuple[int, Any]], _Layout]:
        records = _csv_records(stream)
        number, header = next(records, (1, None))
        if header is None:
            raise ImportRejected([LineError(1, "-", "the file is empty")])
        if isinstance(header, csv.Error):
            raise ImportRejected([LineError(number, "-", f"malformed CSV: {header}")])
        errors = self.header_errors(header)
        if errors:
            raise ImportRejected(errors)
        return records, _Layout(header, self.rules)

    @staticmethod
    def _lines(
        records: Iterator[tuple[int, Any]], width: int
    ) -> Iterator[tuple[int, list[str] | LineError]]:
        """Each non-blank row (with the extra empty cell) or its structural error."""
        for line, cells in records:
            if isinstance(cells, csv.Error):
                yield line, LineError(line, "-", f"malformed CSV: {cells}")
                continue
            if not any(cells):
                continue
            if len(cells) != width:
                yield line, LineError(line, "-", f"expected {width} fields, found {len(cells)}")
                continue
            cells.append("")
            yield line, cells

    @staticmethod
    def _texts(columns: list, cells: list[str]) -> dict[str, str]:
        """A row's free texts (question code → plain text); KeyError when one is too long."""
        texts = {}
        for index, code, rule in columns:
            answers = answer_cell(rule, code, cells[index])
            if isinstance(answers, str):
                raise KeyError(code)
            if answers:
                texts[code] = answers[0][2]
        return texts

    def records(
        self, stream: TextIO, encoder: ImportEncoder, errors: list[LineError]
    ) -> Iterator[tuple[int, tuple[str, str, int | None, str, str, str, list[int], dict]]]:
        """The one pass over the file: (line, (respondent_id, completed ISO date, ward id,
        age band, sex, mode, coded answers' value ids, free texts)) for each good row,
        appending every error of each bad line to `errors` instead."""
        records, layout = self._open(stream)
        packing = _Packing(layout, encoder)
        ids_in_file: set[str] = set()
        known_ids = self.known_ids
        lookups, cells_of, getitem = packing.lookups, packing.cells, dict.__getitem__
        # The ward, age band, sex and mode cells checked and mapped in the same C-level
        # `map` as the answers; each distinct completed_at parsed once (`_Dates`).
        keys = ({"": None, **self.wards}, _AGE_BANDS, _SEXES, _MODES)
        keyed = itemgetter(
            *(layout.position[name] for name in ("ward_code", "age_band", "sex", "mode"))
        )
        respondent_at, completed_at = (layout.position[n] for n in REQUIRED_COLUMNS)
        dates = _Dates()
        text_columns = layout.texts
        for line, cells in self._lines(records, layout.width):
            if isinstance(cells, LineError):
                errors.append(cells)
                continue
            respondent_id = cells[respondent_at].strip()
            try:
                if not (
                    0 < len(respondent_id) <= MAX_ID_LENGTH
                    and respondent_id.isprintable()
                    and respondent_id not in ids_in_file
                    and respondent_id not in known_ids
                ):
                    raise KeyError(line)
                ward_id, age_band, sex, mode = map(getitem, keys, keyed(cells))
                row = (
                    respondent_id,
                    dates[cells[completed_at]],
                    ward_id,
                    age_band,
                    sex,
                    mode,
                    list(map(getitem, lookups, cells_of(cells))),
                    self._texts(text_columns, cells) if text_columns else {},
                )
            except KeyError:  # not in canonical form, or wrong: the exact parser says which
                parsed = self.parse(line, cells, layout, ids_in_file, known_ids)
                if isinstance(parsed, list):
                    errors.extend(parsed)
                    continue
                respondent_id, completed_on, ward_id, age_band, sex, mode, answers = parsed
                texts = {q: text for q, code, text in answers if code == TEXT_ANSWER_CODE}
                row = (
                    respondent_id,
                    completed_on.isoformat(),
                    ward_id,
                    age_band,
                    sex,
                    mode,
                    packing.ids_of(answers),
                    texts,
                )
                yield line, row
                continue
            ids_in_file.add(respondent_id)
            yield line, row

    def parse(
        self,
        line: int,
        cells: list[str],
        layout: _Layout,
        ids_in_file: set[str],
        known_ids: set[str],
    ) -> Row | list[LineError]:
        """The exact check of one row: its parsed form, or every error in it."""
        errors: list[LineError] = []

        def cell(name: str) -> str:
            return cells[layout.position[name]].strip()

        respondent_id = cell("respondent_id")
        problem = _respondent_id_problem(respondent_id, ids_in_file, known_ids)
        if problem:
            errors.append(LineError(line, "respondent_id", problem))
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
        age_band, sex, mode = cell("age_band"), cell("sex"), cell("mode") or "online"
        errors.extend(_code_errors(line, age_band, sex, mode))
        answers: list[tuple[str, str, str]] = []
        for index, code, rule in layout.questions:
            parsed = answer_cell(rule, code, cells[index])
            if isinstance(parsed, str):
                errors.append(LineError(line, code, parsed))
            else:
                answers.extend(parsed)
        if errors:
            return errors
        return (respondent_id, completed_on, ward_id, age_band, sex, mode, answers)


def _lock_keys(wave: Wave, wards: dict[str, int]) -> None:
    """Hold the wave and the wards the file is checked against until the import commits.

    Responses keep their wave and ward without a per-row foreign-key check (each halved
    the import's speed), so the import checks the keys as a set instead: each ward code
    is looked up in `wards`, read before the transaction, and here the wave and the wards
    are locked against deletion (PostgreSQL's FOR KEY SHARE; SQLite's write lock already
    excludes every other writer) and the wards read again, so a ward deleted in between
    rejects the file."""
    wards_table = Ward.objects.all()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {Wave._meta.db_table} WHERE id = %s FOR KEY SHARE",  # noqa: S608
                [wave.pk],
            )
            cursor.execute(f"SELECT id FROM {Ward._meta.db_table} FOR KEY SHARE")  # noqa: S608
    gone = set(wards.values()) - set(wards_table.values_list("pk", flat=True))
    if gone:
        raise ImportRejected(
            [LineError(1, "ward_code", "a ward was deleted while the file was being imported")]
        )


def _data_lines(path: str) -> int:
    """Lines after the header: at least the file's records (a quoted cell may span lines,
    a blank line holds none). Counted in one quick read, for the progress bar and the ids
    reserved up front."""
    newlines, last = 0, "\n"
    with open_csv_text(path) as stream:
        for chunk in iter(lambda: stream.read(1 << 20), ""):
            newlines, last = newlines + chunk.count("\n"), chunk[-1]
    return max(0, newlines - (last == "\n"))


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
    """Check and store the file in one pass and one transaction: every bad line's errors
    are reported (ImportRejected) and nothing is stored, or with `skip_invalid` the bad
    lines are skipped and listed."""
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
    errors: list[LineError] = []
    result = ImportResult(skipped=errors)
    expected = _data_lines(path)
    with transaction.atomic():
        if survey is None:
            survey = Survey.objects.create(
                slug=survey_slug, title=survey_slug.replace("-", " ").capitalize()
            )
        if wave is None:
            wave, result.created_wave = ensure_wave(survey, year)
        _lock_keys(wave, checker.wards)
        coded = {c: r.codes for c, r in checker.rules.items() if r.kind != QuestionKind.TEXT}
        encoder = ImportEncoder(import_layout(wave, coded), connection.vendor)
        store = PostgresBatch if connection.vendor == "postgresql" else SQLiteBatch
        batch = store(wave.pk, timezone.localdate().isoformat(), encoder)
        tally = Tally(wave.pk, encoder.pairs)
        ids = batch.begin(expected)  # at least one per record (a line may hold none)
        with (
            open_csv_text(path) as stream,
            gc_paused(),
            Background(batch.writer()) as background,
        ):
            rows = progress(
                checker.records(stream, encoder, errors), total=expected, desc="storing"
            )
            count = tally.add
            for _line, row in rows:
                if errors and not skip_invalid:
                    continue  # rejected: read on for every error, write nothing more
                batch.add(next(ids), row)
                count(row[2], row[3], row[6])
                result.stored += 1
                if len(batch) >= batch_size:
                    background.put(batch.take())
                    tally.flush()
            if errors and not skip_invalid:
                raise ImportRejected(errors)  # and the transaction undoes every write
            if len(batch):
                background.put(batch.take())
            tally.close()
        tally.write()  # the per-cell counts, in this transaction (surveys.annual.counts)
        transaction.on_commit(lambda: announce_responses_imported(wave))
    return result
