"""The write side of `import_responses`: batches of checked rows into the database.

PostgreSQL gets COPY text in large chunks with ids reserved from the sequence up
front; SQLite gets one JSON array per batch, unpacked by `json_each`. A second
thread writes each batch while the caller reads the next (`Background`). All of it
runs inside the caller's transaction, on the caller's connection.
"""

import itertools
import json
import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any

from django.db import connection


class Background:
    """Runs `write(item)` for each `put(item)` in a second thread, in order, at most `depth`
    items behind; leaving the block waits for the last write and re-raises its error."""

    def __init__(self, write: Callable[[Any], None], depth: int = 2):
        self.write = write
        self.queue: queue.Queue = queue.Queue(maxsize=depth)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="import-writer", daemon=True)

    def _run(self) -> None:
        while (item := self.queue.get()) is not None:
            if self.error is None:
                try:
                    self.write(item)
                except BaseException as exc:  # handed to the caller's thread
                    self.error = exc

    def put(self, item: Any) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put(item)

    def __enter__(self) -> "Background":
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None and exc_info[0] is None:
            raise self.error


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
# Answer rows are encoded once per (question, answer) as a token; the response id goes
# first in the COPY lines (pk + token) and last in the JSON arrays (token + pk + "]").
ANSWER_COLUMNS = ("question_code", "answer_code", "text")


def _tables() -> tuple[str, str]:
    from surveys.models import Answer, SurveyResponse

    return SurveyResponse._meta.db_table, Answer._meta.db_table


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value: str) -> str:
    """A value for PostgreSQL's COPY text format."""
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.translate(_COPY_ESCAPES)
    return value


class PostgresBatch:
    """Rows as COPY text: one string per response, and one per response for all its
    answers (`pk + pk.join(tokens)`, each token being `\\tquestion\\tanswer\\ttext\\n`)."""

    def __init__(self, wave_id: int, today: str):
        self.response_table, self.answer_table = _tables()
        self.suffix = f"\t{today}\t\t0\n"
        self.wave = f"\t{wave_id}\t"
        self.responses: list[str] = []
        self.answers: list[str] = []

    @staticmethod
    def token(question: str, answer: str, text: str) -> str:
        return f"\t{_copy_text(question)}\t{_copy_text(answer)}\t{_copy_text(text)}\n"

    def begin(self, count: int) -> Iterator[int]:
        """Set up the transaction; `count` response ids from the table's sequence (kept as
        runs of consecutive ids, so small however many rows; other sessions may take ids
        in between)."""
        with connection.cursor() as cursor:
            # Check foreign keys per COPY batch, not all at COMMIT: a deferred queue of
            # millions of checks makes the commit stall and grows the server's memory.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [self.response_table])
            (sequence,) = cursor.fetchone()
            cursor.execute(
                "SELECT min(id), max(id) FROM ("
                " SELECT id, id - row_number() OVER (ORDER BY id) AS run"
                " FROM (SELECT nextval(%s) AS id FROM generate_series(1, %s)) AS ids"
                ") AS numbered GROUP BY run ORDER BY 1",
                [sequence, count],
            )
            runs = cursor.fetchall()
        return itertools.chain.from_iterable(range(low, high + 1) for low, high in runs)

    def add(self, pk: int, row: tuple) -> None:
        respondent_id, date, ward_id, age_band, sex, mode, tokens = row
        pk = str(pk)
        ward = "\\N" if ward_id is None else ward_id
        self.responses.append(
            f"{pk}{self.wave}{_copy_text(respondent_id)}\t{date}\t{ward}\t{age_band}\t{sex}\t"
            f"{mode}{self.suffix}"
        )
        if tokens:
            self.answers.append(pk + pk.join(tokens))

    def __len__(self) -> int:
        return len(self.responses)

    def take(self) -> tuple[bytes, bytes]:
        taken = "".join(self.responses).encode(), "".join(self.answers).encode()
        self.responses, self.answers = [], []
        return taken

    def writer(self) -> Callable[[tuple[bytes, bytes]], None]:
        raw = connection.connection  # psycopg's own, usable from the writer thread
        copy_responses = f"COPY {self.response_table} ({', '.join(RESPONSE_COLUMNS)}) FROM STDIN"
        copy_answers = (
            f"COPY {self.answer_table} (response_id, {', '.join(ANSWER_COLUMNS)}) FROM STDIN"
        )

        def write(batch: tuple[bytes, bytes]) -> None:
            responses, answers = batch
            with raw.cursor() as cursor:
                with cursor.copy(copy_responses) as copy:
                    copy.write(responses)
                if answers:
                    with cursor.copy(copy_answers) as copy:
                        copy.write(answers)

        return write


class SQLiteBatch:
    """Responses as executemany parameters; answers as one JSON array per batch, unpacked
    by SQLite's json_each (binding parameters for each answer row from Python costs more
    than SQLite's own insert). The import's transaction holds SQLite's write lock, so ids
    can follow the table's highest."""

    def __init__(self, wave_id: int, today: str):
        self.response_table, self.answer_table = _tables()
        self.wave_id = wave_id
        self.today = today
        self.responses: list[tuple] = []
        self.answers: list[str] = []

    @staticmethod
    def token(question: str, answer: str, text: str) -> str:
        """`["question","answer","text",`: the answer's JSON array without its response."""
        return json.dumps([question, answer, text], separators=(",", ":"))[:-1] + ","

    def begin(self, count: int) -> Iterator[int]:
        """`count` ids after the highest the table has had (SQLite AUTOINCREMENT does not
        reuse the ids of deleted rows, so neither do we)."""
        with connection.cursor() as cursor:
            table = self.response_table
            used = "(SELECT seq FROM sqlite_sequence WHERE name = %s)"
            cursor.execute(
                f"SELECT MAX(COALESCE({used}, 0), COALESCE((SELECT MAX(id) FROM {table}), 0))",  # noqa: S608
                [table],
            )
            (highest,) = cursor.fetchone()
        return iter(range(highest + 1, highest + 1 + count))

    def add(self, pk: int, row: tuple) -> None:
        respondent_id, date, ward_id, age_band, sex, mode, tokens = row
        self.responses.append(
            (pk, self.wave_id, respondent_id, date, ward_id, age_band, sex, mode, self.today, "", 0)
        )
        if tokens:
            close = f"{pk}],"
            self.answers.append(close.join(tokens) + close)

    def __len__(self) -> int:
        return len(self.responses)

    def take(self) -> tuple[list[tuple], str]:
        taken = self.responses, "[" + "".join(self.answers)[:-1] + "]"
        self.responses, self.answers = [], []
        return taken

    def writer(self) -> Callable[[tuple[list[tuple], str]], None]:
        raw = connection.connection  # sqlite3's own (Django opens it shareable by threads)
        insert_responses = (
            f"INSERT INTO {self.response_table} ({', '.join(RESPONSE_COLUMNS)}) "  # noqa: S608
            f"VALUES ({', '.join(['?'] * len(RESPONSE_COLUMNS))})"
        )
        insert_answers = (
            f"INSERT INTO {self.answer_table} ({', '.join(ANSWER_COLUMNS)}, response_id) "  # noqa: S608
            "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
            "json_extract(value, '$[2]'), json_extract(value, '$[3]') FROM json_each(?)"
        )  # json_each walks the array in order, so ids follow the file (no ORDER BY sort)

        def write(batch: tuple[list[tuple], str]) -> None:
            responses, answers = batch
            cursor = raw.cursor()
            try:
                cursor.executemany(insert_responses, responses)
                cursor.execute(insert_answers, [answers])
            finally:
                cursor.close()

        return write
