"""Keeping `ResponseCount` and `AnswerCount` equal to the completed responses they count.

Every path that makes a response count or stop counting changes the tables in its own
transaction, so a reader never sees answers without their counts:

- the import tallies its rows in Python while it parses them (`Tally`), then adds the
  tally with one upsert per table at the end of its transaction;
- a resident completing the online survey adds their cell and answers with one
  multi-row upsert per table, from the answers the submit has already read
  (`add_completed`); other paths add stored responses with two grouped upserts
  (`add_responses`);
- deleting completed responses subtracts them first (`subtract_responses`, called by
  `SurveyResponse.delete` and `SurveyResponseQuerySet.delete`); deleting a wave deletes
  its counts by cascade.

Upserts use `INSERT ... ON CONFLICT (...) DO UPDATE SET n = n + excluded.n`, which both
SQLite and PostgreSQL have: two sessions adding to the same new cell cannot both insert
it, and rows are written in key order so concurrent writers lock them in the same order.
`rebuild_counts` recomputes everything from the stored answers (repairs, the data
migration). Answers are read only through `surveys.answer_store`, which does the grouping.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, QuerySet

from surveys import answer_store
from surveys.models import AnswerCount, ResponseCount, SurveyResponse, Wave
from surveys.models.questions import TEXT_ANSWER_CODE

# The cell key as the unique indexes spell it (the ON CONFLICT target must match).
_CELL = "wave_id, COALESCE(ward_id, 0), age_band"
_RESPONDENTS = object()  # the key under which a cell's Counter holds its respondents

Cell = tuple[int | None, str]
"""(ward id or None, age band or ""): a cell within one wave."""


def _upsert_sql(model: type, key_columns: tuple[str, ...], total: str, rows: str) -> str:
    """INSERT of ``rows`` (a SELECT, or VALUES) that adds to the counts of existing cells."""
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(("wave_id", "ward_id", "age_band", *key_columns, total))
    target = ", ".join((_CELL, *key_columns))
    return (
        f"INSERT INTO {table} ({columns}) {rows} "
        f"ON CONFLICT ({target}) DO UPDATE SET {total} = {table}.{total} + excluded.{total}"
    )


def _select(sql: str) -> str:
    # "WHERE true": SQLite needs it to read ON CONFLICT after a SELECT as the upsert clause.
    return f"SELECT * FROM ({sql}) AS counted WHERE true"  # noqa: S608


def _remove_empty_cells(waves: Iterable[int]) -> None:
    waves = list(waves)
    ResponseCount.objects.filter(wave_id__in=waves, respondents__lte=0).delete()
    AnswerCount.objects.filter(wave_id__in=waves, answers__lte=0).delete()


def _apply(responses: QuerySet[SurveyResponse], sign: int) -> None:
    """Add (`sign` 1) or subtract (-1) the completed of ``responses`` to the counts: the
    respondents grouped in SQL, the answers tallied from the packed rows."""
    completed = responses.filter(completed_on__isnull=False)
    respondents = (
        completed.values_list("wave_id", "ward_id", "age_band")
        .annotate(total=Count("id") * sign)
        .order_by("wave_id", "ward_id", "age_band")
    )
    respondent_sql, respondent_params = respondents.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            _upsert_sql(ResponseCount, (), "respondents", _select(respondent_sql)),
            respondent_params,
        )
    tally = answer_store.coded_answer_counts(completed, "wave_id", "ward_id", "age_band")
    _insert_rows(
        AnswerCount,
        ("question_code", "answer_code"),
        "answers",
        sorted(((*key, count * sign) for key, count in tally.items()), key=_cell_order),
    )


def add_responses(responses: QuerySet[SurveyResponse]) -> None:
    """Count ``responses`` (the completed ones): call in the transaction that completes them.

    Two statements; no savepoint of its own inside the caller's transaction."""
    with transaction.atomic(savepoint=False):
        _apply(responses, 1)


def add_completed(
    wave_id: int, ward_id: int | None, age_band: str, answers: Iterable[tuple[str, str]]
) -> None:
    """Count one response as it is completed, from its (question, answer code) pairs.

    Call in the completing transaction. One `INSERT ... VALUES ... ON CONFLICT` per
    table from values already in memory: the grouped `INSERT ... SELECT` of
    `add_responses` re-read the answers and cost a third of the submit's Python time
    to build. Text answers are not counted."""
    pairs = sorted({(q, a) for q, a in answers if a != TEXT_ANSWER_CODE})
    _insert_rows(ResponseCount, (), "respondents", [(wave_id, ward_id, age_band, 1)])
    _insert_rows(
        AnswerCount,
        ("question_code", "answer_code"),
        "answers",
        [(wave_id, ward_id, age_band, q, a, 1) for q, a in pairs],
    )


def subtract_responses(responses: QuerySet[SurveyResponse]) -> None:
    """Stop counting ``responses`` (the completed ones): call in the deleting transaction,
    before the rows go."""
    with transaction.atomic(savepoint=False):
        waves = set(responses.filter(completed_on__isnull=False).values_list("wave_id", flat=True))
        if not waves:
            return
        _apply(responses, -1)
        _remove_empty_cells(waves)


class Tally:
    """Counts of the responses an import stores into one wave, made while it parses them.

    Each cell keeps its rows' value ids (`answer_store.ImportEncoder`: one per distinct
    answer to a question, `pairs[id]` being what it counts) until `flush`, which counts
    them per cell in one C-level `Counter.update` over the chained lists: adding a row is
    one dict lookup and an append.
    """

    def __init__(self, wave_id: int, pairs: Sequence[tuple[tuple[str, str], ...]]):
        self.wave_id = wave_id
        self.pairs = pairs  # grows as the import meets new combinations
        self.rows: defaultdict[Cell, list[list[int]]] = defaultdict(list)
        self.cells: dict[Cell, Counter] = {}
        self._totals: tuple[list[tuple], list[tuple]] | None = None

    def add(self, ward_id: int | None, age_band: str, ids: list[int]) -> None:
        """One stored response of the cell and its coded answers' value ids."""
        self.rows[(ward_id, age_band)].append(ids)

    def flush(self) -> None:
        """Count the rows added since the last flush (each batch: memory stays flat)."""
        for cell, rows in self.rows.items():
            counter = self.cells.get(cell)
            if counter is None:
                counter = self.cells[cell] = Counter()
            counter[_RESPONDENTS] += len(rows)
            counter.update(chain.from_iterable(rows))
        self.rows.clear()

    def respondent_rows(self) -> list[tuple]:
        self.flush()
        rows = [
            (self.wave_id, ward, age, counter[_RESPONDENTS])
            for (ward, age), counter in self.cells.items()
        ]
        return sorted(rows, key=_cell_order)

    def answer_rows(self) -> list[tuple]:
        self.flush()
        totals: Counter = Counter()
        for (ward, age), counter in self.cells.items():
            for value, count in counter.items():
                if value is _RESPONDENTS:
                    continue
                for question, answer in self.pairs[value]:  # id 0, no answer: none
                    totals[(self.wave_id, ward, age, question, answer)] += count
        return sorted(((*key, count) for key, count in totals.items()), key=_cell_order)

    def close(self) -> None:
        """Total the rows to write now (the import does it while its writer thread stores
        the last batch), so `write` only writes."""
        self._totals = (self.respondent_rows(), self.answer_rows())

    def write(self) -> None:
        """Add the tally to the tables (inside the import's transaction)."""
        respondents, answers = self._totals or (self.respondent_rows(), self.answer_rows())
        _insert_rows(ResponseCount, (), "respondents", respondents)
        _insert_rows(AnswerCount, ("question_code", "answer_code"), "answers", answers)


def _cell_order(row: tuple) -> tuple:
    """Rows in the unique index's order (no ward sorts as 0), so writers lock alike."""
    wave, ward, *rest = row
    return (wave, ward or 0, *rest)


def _bulk_rows(width: int, rows: list[tuple]) -> tuple[str, list[Any]]:
    """A SELECT of `rows` (in order) from a single parameter per column on PostgreSQL
    (`unnest` of typed arrays) or one JSON array on SQLite (`json_each`): binding a
    parameter per value cost an import of 200,000 responses 0.8 s for its counts."""
    if connection.vendor == "postgresql":
        types = ["integer", "integer", *["text"] * (width - 3), "integer"]
        arrays = ", ".join(f"%s::{kind}[]" for kind in types)
        columns = [list(column) for column in zip(*rows, strict=True)]
        return f"SELECT * FROM unnest({arrays}) WHERE true", columns  # noqa: S608
    values = ", ".join(f"json_extract(value, '$[{index}]')" for index in range(width))
    return f"SELECT {values} FROM json_each(%s) WHERE true", [json.dumps(rows)]  # noqa: S608


def _insert_rows(model: type, key_columns: tuple[str, ...], total: str, rows: list[tuple]):
    """Upsert counted rows: a few as one multi-row VALUES statement (a resident's submit),
    many as one statement of `_bulk_rows` (an import, a recount)."""
    width = 4 + len(key_columns)
    per_statement = max(1, 900 // width)  # under SQLite's limit of bound parameters
    with connection.cursor() as cursor:
        if len(rows) > per_statement:
            select, params = _bulk_rows(width, rows)
            cursor.execute(_upsert_sql(model, key_columns, total, select), params)
            return
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            values = ", ".join(["(" + ", ".join(["%s"] * width) + ")"] * len(chunk))
            cursor.execute(
                _upsert_sql(model, key_columns, total, f"VALUES {values}"),
                [value for row in chunk for value in row],
            )


def rebuild_counts(waves: QuerySet[Wave] | None = None) -> int:
    """Recount the tables of ``waves`` (every wave by default) from the stored answers.

    Returns the number of counted respondents. For repairs and migrations: the counts are
    otherwise kept up to date by the paths that store and delete responses."""
    waves = Wave.objects.all() if waves is None else waves
    with transaction.atomic():
        wave_ids = list(waves.values_list("pk", flat=True))
        ResponseCount.objects.filter(wave_id__in=wave_ids).delete()
        AnswerCount.objects.filter(wave_id__in=wave_ids).delete()
        add_responses(SurveyResponse.objects.filter(wave_id__in=wave_ids))
        return sum(
            ResponseCount.objects.filter(wave_id__in=wave_ids).values_list("respondents", flat=True)
        )
