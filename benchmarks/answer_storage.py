"""How fast PostgreSQL stores one wave's answers under each storage design (issue 19.3).

Issue 19.3 asks the import to reach >= 0.5x the speed of the database's own floor: COPY
of the wave's answer rows into an UNLOGGED table with no index or constraint. Before
changing the storage, this measures what each design costs the database alone, on the
same generated wave (`benchmarks/survey_file.py`: N respondents x 14 answers), each in
its own transaction with a durable COMMIT, beside that floor:

1. floor: answer rows, UNLOGGED, no index, no constraint;
2. the same rows, logged (WAL), no index;
3. today's `surveys.Answer`: bigserial id primary key, unique (response, question,
   answer), foreign key to the response;
4. composite primary key (response, question, answer), no id column, foreign key;
5. as 4 without the foreign key, checked instead by one anti-join after the COPY
   (set-based; it does not guard against other writers);
6. integer-coded: (response, question id, option id) smallints, composite key, FK;
7. one row per response with the answers as a smallint[] of option ids in the wave's
   question order (primary key, unique (wave, respondent), FK to the wave);
8. one row per response with the answers as jsonb {question: answer};
9. the whole import in the server: COPY the raw CSV into a temporary table, check every
   code with joins, then one INSERT ... SELECT into design 7.

Rows 7-9 write the response rows too (they are the response rows); rows 3-6 write answers
only, so today's import pays row "responses" on top of row 3. Python's own share of an
import (reading and checking each CSV row, ~12 us per respondent in benchmarks/import.py)
is not in rows 1-8; row 9 has no Python per row.

Run: `.venv/bin/python benchmarks/answer_storage.py [--respondents 100000] [--rounds 3]` (needs the
local PostgreSQL; creates and drops the database answer_storage_bench). Prints seconds and
speed as a multiple of the floor's; exits 0 (a measurement of designs, not a goal).
"""

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.survey_file import QUESTIONS, ward_codes, write_responses

SERVER = "postgresql://postgres@127.0.0.1:5432/"
DATABASE = "answer_storage_bench"


def load_average() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


class Wave:
    """One generated wave, encoded (untimed) for every design's COPY."""

    def __init__(self, respondents: int):
        self.csv = Path(tempfile.gettempdir()) / "answer_storage_wave.csv"
        write_responses(self.csv, respondents, ward_codes())
        self.questions = list(QUESTIONS)
        self.option_ids = {
            (q, option): n for q, options in QUESTIONS.items() for n, option in enumerate(options)
        }
        responses, answers, coded, arrays, documents = [], [], [], [], []
        with self.csv.open(encoding="utf-8") as stream:
            next(stream)
            for pk, line in enumerate(stream, start=1):
                respondent, done, ward, age, sex, mode, *codes = line.rstrip("\n").split(",")
                head = f"{pk}\t1\t{respondent}\t{done}\t{ward}\t{age}\t{sex}\t{mode}"
                responses.append(head + "\n")
                ids = []
                for number, (question, code) in enumerate(zip(self.questions, codes, strict=True)):
                    answers.append(f"{pk}\t{question}\t{code}\n")
                    option = self.option_ids[question, code]
                    coded.append(f"{pk}\t{number}\t{option}\n")
                    ids.append(str(option))
                arrays.append(f"{head}\t{{{','.join(ids)}}}\n")
                document = json.dumps(dict(zip(self.questions, codes, strict=True)))
                documents.append(f"{head}\t{document.replace(chr(92), chr(92) * 2)}\n")
        self.respondents = pk
        self.answer_count = len(answers)
        self.responses = "".join(responses).encode()
        self.answers = "".join(answers).encode()
        self.coded = "".join(coded).encode()
        self.arrays = "".join(arrays).encode()
        self.documents = "".join(documents).encode()


RESPONSE_COLUMNS = (
    "id bigint PRIMARY KEY, wave_id int NOT NULL REFERENCES wave, respondent_id varchar(64),"
    " completed_on date, ward_code varchar(9), age_band varchar(5), sex varchar(20),"
    " mode varchar(20)"
)


def reset(cursor: psycopg.Cursor) -> None:
    cursor.execute(
        "DROP TABLE IF EXISTS floor, logged, answer_id, answer_pk, answer_nofk, answer_coded,"
        " response_array, response_json, response, staged CASCADE"
    )
    cursor.execute("DROP TABLE IF EXISTS wave, option CASCADE")
    cursor.execute("CREATE TABLE wave (id int PRIMARY KEY)")
    cursor.execute("INSERT INTO wave VALUES (1)")
    cursor.execute(
        "CREATE TABLE option (question_code varchar(50), number smallint, code varchar(50),"
        " PRIMARY KEY (question_code, code))"
    )


def copy(cursor: psycopg.Cursor, statement: str, data: bytes) -> None:
    with cursor.copy(statement) as stream:
        view = memoryview(data)
        for start in range(0, len(view), 1 << 20):
            stream.write(view[start : start + (1 << 20)])


def timed(connection: psycopg.Connection, work: Callable[[psycopg.Cursor], None]) -> float:
    """Seconds for `work` in one transaction, COMMIT included (synchronous_commit on)."""
    start = time.perf_counter()
    with connection.cursor() as cursor:
        work(cursor)
    connection.commit()
    return time.perf_counter() - start


def designs(wave: Wave, connection: psycopg.Connection, rounds: int) -> dict[str, float]:
    """Create every design's tables (untimed), then time each one's write: the best of
    `rounds` (each round writes every design once, so a burst of other load hits one
    round of a design, not all)."""
    with connection.cursor() as cursor:
        reset(cursor)
        copy(
            cursor,
            "COPY option FROM STDIN",
            "".join(f"{q}\t{n}\t{c}\n" for (q, c), n in wave.option_ids.items()).encode(),
        )
        answer = "response_id bigint NOT NULL, question_code varchar(50), answer_code varchar(50)"
        cursor.execute(f"CREATE UNLOGGED TABLE floor ({answer})")
        cursor.execute(f"CREATE TABLE logged ({answer})")
        cursor.execute(f"CREATE TABLE response ({RESPONSE_COLUMNS})")
        cursor.execute(
            "CREATE UNIQUE INDEX response_respondent ON response (wave_id, respondent_id)"
        )
        fk = "REFERENCES response DEFERRABLE INITIALLY IMMEDIATE"
        cursor.execute(
            "CREATE TABLE answer_id (id bigserial PRIMARY KEY, response_id bigint NOT NULL"
            f" {fk}, question_code varchar(50), answer_code varchar(50),"
            " UNIQUE (response_id, question_code, answer_code))"
        )
        cursor.execute(
            f"CREATE TABLE answer_pk (response_id bigint NOT NULL {fk}, question_code"
            " varchar(50), answer_code varchar(50),"
            " PRIMARY KEY (response_id, question_code, answer_code))"
        )
        cursor.execute(
            "CREATE TABLE answer_nofk (response_id bigint NOT NULL, question_code varchar(50),"
            " answer_code varchar(50), PRIMARY KEY (response_id, question_code, answer_code))"
        )
        cursor.execute(
            f"CREATE TABLE answer_coded (response_id bigint NOT NULL {fk}, question smallint,"
            " option smallint, PRIMARY KEY (response_id, question, option))"
        )
        for name, column in (("response_array", "smallint[]"), ("response_json", "jsonb")):
            cursor.execute(f"CREATE TABLE {name} ({RESPONSE_COLUMNS}, answers {column})")
            cursor.execute(
                f"CREATE UNIQUE INDEX {name}_respondent ON {name} (wave_id, respondent_id)"
            )
    connection.commit()

    def into(table: str, data: bytes, columns: str = "") -> Callable[[psycopg.Cursor], None]:
        return lambda cursor: copy(cursor, f"COPY {table} {columns} FROM STDIN", data)

    answer_columns = "(response_id, question_code, answer_code)"

    def anti_join(cursor: psycopg.Cursor) -> None:
        copy(cursor, f"COPY answer_nofk {answer_columns} FROM STDIN", wave.answers)
        cursor.execute(
            "SELECT count(*) FROM answer_nofk a WHERE NOT EXISTS"
            " (SELECT 1 FROM response r WHERE r.id = a.response_id)"
        )

    figures = {
        "1 floor: UNLOGGED, no index": into("floor", wave.answers, answer_columns),
        "2 logged, no index": into("logged", wave.answers, answer_columns),
        "responses only (today's response rows)": into("response", wave.responses),
        "3 today: id key + unique + FK": into("answer_id", wave.answers, answer_columns),
        "4 composite key + FK": into("answer_pk", wave.answers, answer_columns),
        "5 composite key, FK by one anti-join": anti_join,
        "6 integer-coded composite key + FK": into("answer_coded", wave.coded),
        "7 one row per response, smallint[]": into("response_array", wave.arrays),
        "8 one row per response, jsonb": into("response_json", wave.documents),
        "9 raw CSV staged and checked in SQL, into 7": lambda c: staged_import(c, wave),
    }
    results: dict[str, float] = {}
    for _ in range(rounds):
        for name, work in figures.items():
            with connection.cursor() as cursor:  # every design starts from an empty table
                cursor.execute(
                    "TRUNCATE floor, logged, answer_id, answer_pk, answer_nofk, answer_coded,"
                    " response_array, response_json, response CASCADE"
                )
            connection.commit()
            if not name.startswith(("1", "2", "responses", "7", "8", "9")):
                with connection.cursor() as cursor:  # the answers' responses, untimed
                    copy(cursor, "COPY response FROM STDIN", wave.responses)
                connection.commit()
            seconds = timed(connection, work)
            results[name] = min(seconds, results.get(name, seconds))
    return results


def staged_import(cursor: psycopg.Cursor, wave: Wave) -> None:
    """COPY the file as it is, check each code against the codebook, store design 7."""
    questions = wave.questions
    cursor.execute(
        "CREATE TEMPORARY TABLE staged (line bigint GENERATED ALWAYS AS IDENTITY,"
        " respondent_id text, completed_at text, ward_code text, age_band text, sex text,"
        f" mode text, {', '.join(f'{q} text' for q in questions)}) ON COMMIT DROP"
    )
    copy(
        cursor,
        "COPY staged (respondent_id, completed_at, ward_code, age_band, sex, mode, "
        f"{', '.join(questions)}) FROM STDIN (FORMAT csv, HEADER true)",
        wave.csv.read_bytes(),
    )
    joins = " ".join(
        f"LEFT JOIN option o{n} ON o{n}.question_code = '{q}' AND o{n}.code = s.{q}"
        for n, q in enumerate(questions)
    )
    bad = " OR ".join(f"o{n}.code IS NULL" for n in range(len(questions)))
    cursor.execute(f"SELECT count(*) FROM staged s {joins} WHERE {bad}")  # noqa: S608
    if cursor.fetchone()[0]:
        raise ValueError("a generated code is not in the codebook")
    array = ", ".join(f"o{n}.number" for n in range(len(questions)))
    cursor.execute(
        "INSERT INTO response_array SELECT s.line, 1, s.respondent_id,"  # noqa: S608
        " s.completed_at::date, s.ward_code, s.age_band, s.sex, s.mode,"
        f" ARRAY[{array}]::smallint[] FROM staged s {joins}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with psycopg.connect(SERVER + "postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    start = time.perf_counter()
    wave = Wave(args.respondents)
    print(
        f"{wave.respondents:,} respondents, {wave.answer_count:,} answer rows "
        f"(encoded in {time.perf_counter() - start:.1f} s, untimed); {load_average()}"
    )
    try:
        with psycopg.connect(SERVER + DATABASE) as connection:
            results = designs(wave, connection, args.rounds)
    finally:
        wave.csv.unlink(missing_ok=True)
        with psycopg.connect(SERVER + "postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
    floor = results["1 floor: UNLOGGED, no index"]
    for name, seconds in results.items():
        print(f"{name:46} {seconds:7.2f} s   {floor / seconds:5.2f}x the floor's speed")
    print(load_average())


if __name__ == "__main__":
    main()
