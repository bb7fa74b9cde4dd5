"""The write side of `import_responses`: batches of checked rows into the database.

Each response is one row with its answers packed (`answer_store.ImportEncoder`).
PostgreSQL gets COPY text in large chunks with ids reserved from the sequence up
front; SQLite gets one `executemany` per batch. A second
thread writes each batch while the caller reads the next
(`communitysafety.common.imports.Background`). All of it
runs inside the caller's transaction, on the caller's connection.
"""

import itertools
from collections.abc import Callable, Iterator

from django.db import connection

from communitysafety.common.imports import copy_text
from surveys.answer_store import ImportEncoder
from surveys.models import SurveyResponse

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
    "answers",
    "text_answers",
)


class PostgresBatch:
    """Rows as COPY text: one string per response, its answers packed by `encoder`."""

    def __init__(self, wave_id: int, today: str, encoder: ImportEncoder):
        self.response_table = SurveyResponse._meta.db_table
        self.created = f"\t{today}\t\t0\t"
        self.wave = f"\t{wave_id}\t"
        self.responses: list[str] = []
        # The packed column's text inlined (`ImportEncoder.packed`): a call less per row.
        self.element = encoder.texts.__getitem__
        self.texts = encoder.text_answers

    def begin(self, count: int) -> Iterator[int]:
        """`count` response ids from the table's sequence (kept as
        runs of consecutive ids, so small however many rows; other sessions may take ids
        in between)."""
        with connection.cursor() as cursor:
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
        respondent_id, date, ward_id, age_band, sex, mode, ids, texts = row
        ward = "\\N" if ward_id is None else ward_id
        packed = ",".join(map(self.element, ids))
        text = self.texts(texts) if texts else "{}"
        self.responses.append(
            f"{pk}{self.wave}{copy_text(respondent_id)}\t{date}\t{ward}\t{age_band}\t{sex}\t"
            f"{mode}{self.created}{{{packed}}}\t{text}\n"
        )

    def __len__(self) -> int:
        return len(self.responses)

    def take(self) -> bytes:
        taken = "".join(self.responses).encode()
        self.responses = []
        return taken

    def writer(self) -> Callable[[bytes], None]:
        raw = connection.connection  # psycopg's own, usable from the writer thread
        copy_responses = f"COPY {self.response_table} ({', '.join(RESPONSE_COLUMNS)}) FROM STDIN"

        def write(responses: bytes) -> None:
            with raw.cursor() as cursor, cursor.copy(copy_responses) as copy:
                copy.write(responses)

        return write


class SQLiteBatch:
    """Responses as executemany parameters, their answers packed by `encoder`. The
    import's transaction holds SQLite's write lock, so ids can follow the table's
    highest."""

    def __init__(self, wave_id: int, today: str, encoder: ImportEncoder):
        self.response_table = SurveyResponse._meta.db_table
        self.wave_id = wave_id
        self.today = today
        self.responses: list[tuple] = []
        self.packed, self.texts = encoder.packed, encoder.text_answers

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
        respondent_id, date, ward_id, age_band, sex, mode, ids, texts = row
        self.responses.append(
            (pk, self.wave_id, respondent_id, date, ward_id, age_band, sex, mode, self.today)
            + ("", 0, self.packed(ids), self.texts(texts))
        )

    def __len__(self) -> int:
        return len(self.responses)

    def take(self) -> list[tuple]:
        taken = self.responses
        self.responses = []
        return taken

    def writer(self) -> Callable[[list[tuple]], None]:
        raw = connection.connection  # sqlite3's own (Django opens it shareable by threads)
        insert_responses = (
            f"INSERT INTO {self.response_table} ({', '.join(RESPONSE_COLUMNS)}) "  # noqa: S608
            f"VALUES ({', '.join(['?'] * len(RESPONSE_COLUMNS))})"
        )

        def write(responses: list[tuple]) -> None:
            cursor = raw.cursor()
            try:
                cursor.executemany(insert_responses, responses)
            finally:
                cursor.close()

        return write
