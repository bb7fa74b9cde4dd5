"""How fast PostgreSQL stores one wave's answers under each storage design (issue 19.3).

Issue 19.3 asks the import to reach >= 0.5x the speed of the database's own floor: COPY
of the wave's answer rows into an UNLOGGED table with no index or constraint. Before
changing the storage, this measures what each design costs the database alone, on the
same generated wave (`benchmarks/survey_file.py`: N respondents x 14 answers), each in
its own transaction with a durable COMMIT, beside that floor:

1. floor: answer rows, UNLOGGED, no index, no constraint;
2. the same rows, logged (WAL), no index;
3. the former `surveys.Answer` (one row per answer, until 2026-12-08): bigserial id
   primary key, unique (response, question, answer), foreign key to the response;
4. composite primary key (response, question, answer), no id column, foreign key;
5. as 4 without the foreign key, checked instead by one anti-join after the COPY
   (set-based; it does not guard against other writers);
6. integer-coded: (response, question id, option id) smallints, composite key, FK;
7. one row per response with the answers as a smallint[] of option ids in the wave's
   question order (primary key, unique (wave, respondent), FK to the wave);
8. one row per response with the answers as jsonb {question: answer};
9. the whole import in the server: COPY the raw CSV into a temporary table, check every
   code with joins, then one INSERT ... SELECT into design 7;
10. the whole import in Python for design 7, end to end: read the generated CSV, check
    every cell as `surveys/annual/importing.py` does (respondent ids: present, printable,
    at most 64 characters, not repeated; completed dates; ward codes; age bands, sexes,
    modes; every answer code valid for its question), keep the per-cell counts that
    `surveys/annual/counts.py` keeps (respondents per ward x age-band cell, answers per
    question and code per cell), encode each response as one COPY row with its answers
    packed (one smallint per question: the option's index, a bitmask for a multiple-choice
    question, NULL when unanswered), COPY each batch on a writer thread while the main
    thread parses (as `import_storage.Background` does), upsert the counts, durable COMMIT;
11. as 10, with the Python done by columns, 200 lines at a time (`ColumnarImport`).

Beside 10 and 11 it prints Python's time alone (the same code, batches dropped, no
database), per respondent; the counts are checked against a plain `csv.DictReader` tally.

Rows 7-9 write the response rows too (they are the response rows); rows 3-6 write answers
only, so the former import paid row "responses" on top of row 3. Python's own share of an
import (reading and checking each CSV row, ~12 us per respondent in benchmarks/import.py)
is not in rows 1-8; row 9 has no Python per row; rows 10 and 11 are all of it.

Run: `.venv/bin/python benchmarks/answer_storage.py [--respondents 100000] [--rounds 3]
[--database NAME]` (needs the local PostgreSQL; creates and drops the database
answer_storage_bench, or NAME). Prints seconds and
speed as a multiple of the floor's; exits 0 (a measurement of designs, not a goal).
"""

import argparse
import csv
import datetime
import json
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from itertools import islice, repeat
from pathlib import Path

import numpy
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.survey_file import QUESTIONS, ward_codes, write_responses
from communitysafety.common.imports import Background
from surveys import contract

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
        " response_array, response_json, response, staged, response_count, answer_count CASCADE"
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
        for statement in COUNT_TABLES:
            cursor.execute(statement)
    connection.commit()
    importer = PackedImport(QUESTIONS, frozenset(), ward_codes())
    columnar = ColumnarImport(QUESTIONS, frozenset(), ward_codes())

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
        "10 whole import (Python + COPY), into 7": lambda c: packed_import(c, importer, wave.csv),
        "11 as 10, Python by columns": lambda c: packed_import(c, columnar, wave.csv),
    }
    results: dict[str, float] = {}
    for _ in range(rounds):
        for name, work in figures.items():
            with connection.cursor() as cursor:  # every design starts from an empty table
                cursor.execute(
                    "TRUNCATE floor, logged, answer_id, answer_pk, answer_nofk, answer_coded,"
                    " response_array, response_json, response, response_count, answer_count CASCADE"
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


# Design 10: the whole import, Python included, into design 7's table. ----------------------

# The contract's codes; blank is allowed for each, as the real import allows it.
SEXES = frozenset({"", *contract.SEXES})
MODES = {"": "online", **{mode: mode for mode in contract.MODES}}
AGE_BANDS = ("", *contract.AGE_BANDS)
MAX_ID_LENGTH = 64  # surveys.annual.importing's (that module needs Django set up)
BATCH_ROWS = 10_000
MISSING = chr(48)  # a packed answer is one character: chr(49 + option index), chr(48) none


class MultipleLookup(dict):
    """A multiple-choice column: cell text ("a;b") -> one character for its option bitmask,
    computed on the first sight of each distinct cell text (KeyError: an unknown code)."""

    def __init__(self, options: tuple[str, ...]):
        super().__init__({"": MISSING})
        self.bits = {option: 1 << n for n, option in enumerate(options)}

    def __missing__(self, text: str) -> str:
        mask = 0
        for part in text.split(";"):
            mask |= self.bits[part.strip()]
        if len(self) < 4096:
            self[text] = chr(49 + mask)
        return chr(49 + mask)


class PackedImport:
    """What `import_responses` checks and keeps, precomputed for one wave, and the import
    itself for the packed layout: one COPY row per response, its answers one smallint per
    question in the wave's question order (option index; a bitmask for multiple choice;
    NULL when not answered).

    Per row the fast path is: one `str.split`, set and dict lookups for the fixed columns
    (the (ward, age band) cell key checks both), and one C-level
    `"".join(map(dict.__getitem__, lookups, codes))` that checks and encodes every answer
    to one character each (`str.translate` turns those into the array's text). A line the
    fast path does not accept (quotes, spaces, an unknown code, a new date) goes through
    `exact`, which checks it field by field as `ResponseFile.parse` does and either
    accepts it or records its errors. The per-cell counts are made per batch: each cell
    keeps its rows' packed strings, and `zip(*rows)` + `Counter.update` counts each
    question's column at C speed.
    """

    def __init__(self, questions: dict, multiple: frozenset[str], wards: list[str], wave_id=1):
        self.questions = list(questions)
        self.wave = f"\t{wave_id}\t"
        self.lookups: list[dict] = []
        self.decode: list[dict[str, tuple[str, ...]]] = []
        widest = 0
        for question, options in questions.items():
            if question in multiple:
                self.lookups.append(MultipleLookup(options))
                self.decode.append(
                    {
                        chr(49 + mask): tuple(o for n, o in enumerate(options) if mask >> n & 1)
                        for mask in range(1, 1 << len(options))
                    }
                )
                widest = max(widest, 1 << len(options))
            else:
                self.lookups.append(
                    {"": MISSING, **{o: chr(49 + n) for n, o in enumerate(options)}}
                )
                self.decode.append({chr(49 + n): (o,) for n, o in enumerate(options)})
                widest = max(widest, len(options))
        self.array_text = str.maketrans(
            {MISSING: ",NULL", **{chr(49 + n): f",{n}" for n in range(widest)}}
        )
        self.header = ["respondent_id", "completed_at", "ward_code", "age_band", "sex", "mode"]
        self.header += self.questions
        self.width = len(self.header)
        self.ward_copy = {"": "\\N", **{code: code for code in wards}}
        self.known_ids: set[str] = set()  # the wave's stored respondent ids (none here)

    def start(self) -> None:
        self.ids: set[str] = set()
        self.dates: dict[str, str] = {}
        self.errors: list[tuple[int, str, str]] = []
        self.by_cell = {(w, a): [] for w in self.ward_copy for a in AGE_BANDS}
        self.respondents: Counter = Counter()
        self.counted = {cell: [Counter() for _ in self.questions] for cell in self.by_cell}

    def records(self, lines: Iterator[str], more, number: int = 1) -> Iterator[tuple[int, str]]:
        """(line number, line) of each CSV record of `lines`; a quoted field may span
        lines (read on from `more`)."""
        for line in lines:
            number += 1
            if '"' in line:
                while line.count('"') % 2:
                    extra = next(lines, None) or next(more, None)
                    if extra is None:
                        break
                    line += extra
            yield number, line

    def run(self, path: Path, put: Callable[[bytes], None]) -> int:
        """Check, encode and count every row of `path`, `put`ting COPY text per batch;
        returns the rows accepted (`errors` lists the rest)."""
        self.start()
        lookups, getitem, array_text = self.lookups, dict.__getitem__, self.array_text
        ward_copy, by_cell, dates, ids = self.ward_copy, self.by_cell, self.dates, self.ids
        known, wave, width = self.known_ids, self.wave, self.width
        sexes, modes = SEXES, MODES
        chunk: list[str] = []
        pk = 0
        with path.open(encoding="utf-8-sig", newline="") as stream:
            if next(csv.reader([next(stream)])) != self.header:
                raise ValueError("the header is not the wave's columns")  # (real: per column)
            for number, line in self.records(stream, stream):
                cells = line.rstrip("\r\n").split(",")
                try:
                    if '"' in line or len(cells) != width:
                        raise KeyError(number)
                    rid, done, ward, age, sex, mode, *codes = cells
                    if (
                        not rid
                        or rid in ids
                        or rid in known
                        or len(rid) > MAX_ID_LENGTH
                        or not rid.isprintable()  # also "" (no), tabs, newlines
                        or " " in rid
                        or "\\" in rid
                        or sex not in sexes
                    ):
                        raise KeyError(number)
                    row = (
                        rid,
                        dates[done],
                        ward_copy[ward],
                        age,
                        sex,
                        modes[mode],
                        "".join(map(getitem, lookups, codes)),
                    )
                    cell = by_cell[ward, age]
                except KeyError:
                    row = self.exact(number, line)
                    if row is None:
                        continue
                    cell = by_cell[row[-2], row[3]]
                    row = row[:-2] + row[-1:]
                rid, iso, ward_text, age, sex, mode, packed = row
                ids.add(rid)
                cell.append(packed)
                pk += 1
                chunk.append(
                    f"{pk}{wave}{rid}\t{iso}\t{ward_text}\t{age}\t{sex}\t{mode}"
                    f"\t{{{packed.translate(array_text)[1:]}}}\n"
                )
                if len(chunk) >= BATCH_ROWS:
                    put("".join(chunk).encode())
                    chunk = []
                    self.count_batch()
        if chunk:
            put("".join(chunk).encode())
        self.count_batch()
        return pk

    def count_batch(self) -> None:
        for cell, rows in self.by_cell.items():
            if rows:
                self.respondents[cell] += len(rows)
                for counter, column in zip(
                    self.counted[cell], zip(*rows, strict=True), strict=True
                ):
                    counter.update(column)
                rows.clear()

    def exact(self, number: int, line: str) -> tuple | None:  # noqa: C901
        """The field-by-field check of one record (`ResponseFile.parse`'s rules): the row
        to store (with its raw ward code last), or None with its errors recorded."""
        errors = len(self.errors)

        def error(column: str, message: str) -> None:
            self.errors.append((number, column, message))

        try:
            cells = next(csv.reader([line]))
        except (csv.Error, StopIteration) as exc:
            error("-", f"malformed CSV: {exc}")
            return None
        if len(cells) != self.width:
            error("-", f"expected {self.width} fields, found {len(cells)}")
            return None
        rid, done, ward, age, sex, mode, *codes = (cell.strip() for cell in cells)
        if not rid or len(rid) > MAX_ID_LENGTH or not rid.isprintable():
            error("respondent_id", "missing, too long or not printable")
        elif rid in self.ids or rid in self.known_ids:
            error("respondent_id", f"{rid!r} repeated")
        iso = self.dates.get(done) or self.iso_date(done)
        if iso is None:
            error("completed_at", f"{done!r} is not an ISO 8601 date")
        if ward not in self.ward_copy:
            error("ward_code", f"unknown ward code {ward!r}")
        if age not in AGE_BANDS:
            error("age_band", f"unknown age band {age!r}")
        if sex not in SEXES:
            error("sex", f"unknown code {sex!r}")
        if mode not in MODES:
            error("mode", f"unknown mode {mode!r}")
        packed = []
        for question, lookup, code in zip(self.questions, self.lookups, codes, strict=True):
            try:
                packed.append(lookup[code])
            except KeyError:
                error(question, f"unknown answer code {code!r}")
        if len(self.errors) > errors:
            return None
        rid = rid.replace("\\", "\\\\")  # the COPY text escape (printable: no tab, newline)
        return rid, iso, self.ward_copy[ward], age, sex, MODES[mode], ward, "".join(packed)

    def iso_date(self, raw: str) -> str | None:
        """The ISO date of a completed_at cell (remembered), or None when it is not one."""
        try:
            if "T" in raw or " " in raw:  # (the real import converts to local time first)
                iso = datetime.datetime.fromisoformat(raw.replace("Z", "+00:00"))
                iso = iso.date().isoformat()
            else:
                iso = datetime.date.fromisoformat(raw).isoformat()
        except ValueError:
            return None
        if len(self.dates) < 20_000:
            self.dates[raw] = iso
        return iso

    def answer_rows(self) -> list[tuple]:
        """(ward, age band, question, answer code, answers) for every counted answer."""
        rows: Counter = Counter()
        for (ward, age), counters in self.counted.items():
            for question, decode, counter in zip(
                self.questions, self.decode, counters, strict=True
            ):
                for char, count in counter.items():
                    for answer in decode.get(char, ()):  # MISSING: not counted
                        rows[ward, age, question, answer] += count
        return [(*key, count) for key, count in sorted(rows.items())]

    def respondent_rows(self) -> list[tuple]:
        return [(ward, age, n) for (ward, age), n in sorted(self.respondents.items()) if n]


class ColumnarImport(PackedImport):
    """Design 11: the same checks, encoding and counts as `PackedImport`, a batch of
    10,000 lines at a time by columns, so no Python bytecode runs per row: the lines are
    split and transposed (`zip(*rows)`), each column is checked with one set comparison
    or one `map(dict.__getitem__)` (which also encodes it), the COPY text is assembled
    with `map(str.join, zip(...))`, and the counts are one `numpy.bincount` per question
    over (cell, answer) indices. A batch any check fails (quotes, a new date, an unknown
    code, a repeated id...) goes through `PackedImport`'s row-by-row path instead, which
    reports the errors exactly; nothing is kept from the failed columnar attempt.
    """

    block = 200  # lines per columnar pass, so its objects stay in the CPU cache (10,000: 2x slower)

    def start(self) -> None:
        super().start()
        self.cell_list = list(self.by_cell)
        self.cell_of = {cell: n for n, cell in enumerate(self.cell_list)}
        self.widths = [max(map(ord, lookup.values())) - 47 for lookup in self.lookups]
        for n, lookup in enumerate(self.lookups):
            if isinstance(lookup, MultipleLookup):
                self.widths[n] = (1 << len(lookup.bits)) + 1
        cells = len(self.cell_list)
        self.cell_respondents = numpy.zeros(cells, numpy.int64)
        self.cell_answers = [numpy.zeros(cells * w, numpy.int64) for w in self.widths]
        self.array_table = str.maketrans(
            {MISSING: "NULL", **{chr(49 + n): str(n) for n in range(max(self.widths))}}
        )
        self.pk = 0
        self.pending: list[tuple] = []  # (cells, packed columns) of blocks not yet counted

    def run(self, path: Path, put: Callable[[bytes], None]) -> int:
        self.start()
        with path.open(encoding="utf-8-sig", newline="") as stream:
            if next(csv.reader([next(stream)])) != self.header:
                raise ValueError("the header is not the wave's columns")
            number = 1
            texts: list[str] = []
            while lines := list(islice(stream, self.block)):
                text = self.columns(lines)
                if text is None:
                    text = self.row_by_row(number, lines, stream)
                number += len(lines)
                texts.append(text)
                if len(texts) * self.block >= BATCH_ROWS:
                    put("".join(texts).encode())
                    texts = []
                    self.count_pending()
            if texts:
                put("".join(texts).encode())
            self.count_pending()
        return self.pk

    def columns(self, lines: list[str]) -> str | None:
        """One batch by columns: its COPY text, or None when any check fails."""
        rows = list(map(str.split, map(str.rstrip, lines, repeat("\r\n")), repeat(",")))
        if set(map(len, rows)) != {self.width} or any(map(str.__contains__, lines, repeat('"'))):
            return None
        rid, done, ward, age, sex, mode, *answers = zip(*rows, strict=True)
        ids = set(rid)
        joined = "".join(rid)
        if (
            len(ids) != len(rid)
            or not ids.isdisjoint(self.ids)
            or not ids.isdisjoint(self.known_ids)
            or min(map(len, rid)) == 0
            or max(map(len, rid)) > MAX_ID_LENGTH
            or not joined.isprintable()
            or " " in joined
            or "\\" in joined
            or not set(sex) <= SEXES
        ):
            return None
        for raw in set(done) - self.dates.keys():
            if self.iso_date(raw) is None:
                return None
        try:
            cells = numpy.fromiter(
                map(self.cell_of.__getitem__, zip(ward, age, strict=True)), numpy.int64
            )
            modes = map(MODES.__getitem__, mode)
            packed = [
                "".join(map(lookup.__getitem__, column))
                for lookup, column in zip(self.lookups, answers, strict=True)
            ]
        except KeyError:
            return None
        self.ids |= ids
        first, self.pk = self.pk + 1, self.pk + len(rows)
        self.pending.append((cells, packed))
        arrays = map(
            "{%s}".__mod__,
            map(str.translate, map(",".join, zip(*packed, strict=True)), repeat(self.array_table)),
        )
        fields = (
            map(str, range(first, self.pk + 1)),
            repeat(self.wave[1:-1]),
            rid,
            map(self.dates.__getitem__, done),
            map(self.ward_copy.__getitem__, ward),
            age,
            sex,
            modes,
            arrays,
        )
        return "\n".join(map("\t".join, zip(*fields, strict=False))) + "\n"  # repeat(): endless

    def count_pending(self) -> None:
        """Count the blocks since the last call: one `bincount` per question."""
        if not self.pending:
            return
        cells = numpy.concatenate([cells for cells, _packed in self.pending])
        self.cell_respondents += numpy.bincount(cells, minlength=len(self.cell_list))
        columns = zip(*(packed for _cells, packed in self.pending), strict=True)
        for width, counts, chars in zip(self.widths, self.cell_answers, columns, strict=True):
            codes = numpy.frombuffer("".join(chars).encode("utf-32-le"), numpy.uint32) - 48
            counts += numpy.bincount(cells * width + codes, minlength=counts.size)
        self.pending = []

    def row_by_row(self, number: int, lines: list[str], stream) -> str:
        """A batch the columnar checks refused: each record checked exactly."""
        out = []
        for line_number, line in self.records(iter(lines), stream, number):
            row = self.exact(line_number, line)
            if row is None:
                continue
            rid, iso, ward_text, age, sex, mode, ward, chars = row
            self.ids.add(rid)
            cell = self.cell_of[ward, age]
            self.cell_respondents[cell] += 1
            for width, counts, char in zip(self.widths, self.cell_answers, chars, strict=True):
                counts[cell * width + ord(char) - 48] += 1
            self.pk += 1
            array = ",".join(chars).translate(self.array_table)
            out.append(
                f"{self.pk}{self.wave}{rid}\t{iso}\t{ward_text}\t{age}\t{sex}\t{mode}\t{{{array}}}\n"
            )
        return "".join(out)

    def answer_rows(self) -> list[tuple]:
        rows = []
        for question, lookup, width, counts in zip(
            self.questions, self.lookups, self.widths, self.cell_answers, strict=True
        ):
            options = list(lookup.bits) if isinstance(lookup, MultipleLookup) else None
            singles = {ord(char) - 48: code for code, char in lookup.items() if code}
            for index in numpy.flatnonzero(counts):
                cell, code = divmod(int(index), width)
                if code == 0:
                    continue  # not answered: not counted
                ward, age = self.cell_list[cell]
                if options is None:
                    answered = (singles[code],)
                else:
                    answered = tuple(o for n, o in enumerate(options) if (code - 1) >> n & 1)
                for answer in answered:
                    rows.append((ward, age, question, answer, int(counts[index])))
        totals: Counter = Counter()
        for ward, age, question, answer, count in rows:
            totals[ward, age, question, answer] += count
        return [(*key, count) for key, count in sorted(totals.items())]

    def respondent_rows(self) -> list[tuple]:
        return [
            (*self.cell_list[n], int(count))
            for n, count in enumerate(self.cell_respondents)
            if count
        ]


COUNT_TABLES = (
    "CREATE TABLE response_count (wave_id int, ward_code varchar(9), age_band varchar(5),"
    " respondents int)",
    "CREATE UNIQUE INDEX response_count_cell ON response_count"
    " (wave_id, COALESCE(ward_code, ''), age_band)",
    "CREATE TABLE answer_count (wave_id int, ward_code varchar(9), age_band varchar(5),"
    " question_code varchar(50), answer_code varchar(50), answers int)",
    "CREATE UNIQUE INDEX answer_count_cell ON answer_count"
    " (wave_id, COALESCE(ward_code, ''), age_band, question_code, answer_code)",
)


def packed_import(cursor: psycopg.Cursor, importer: PackedImport, path: Path) -> None:
    """Design 10: `importer.run` on this thread, each batch COPYed on a writer thread (the
    real import's `Background`), then the counts upserted; COMMIT by `timed`."""
    statement = "COPY response_array FROM STDIN"

    def write(batch: bytes) -> None:
        with cursor.connection.cursor() as writer, writer.copy(statement) as stream:
            stream.write(batch)

    with Background(write) as background:
        importer.run(path, background.put)
    if importer.errors:
        raise ValueError(f"rejected: {importer.errors[:3]}")  # the transaction rolls back
    write_counts(cursor, importer)


def write_counts(cursor: psycopg.Cursor, importer: PackedImport) -> None:
    """The per-cell counts added to the tables: each COPYed into a temporary table, then
    one INSERT ... SELECT ... ON CONFLICT DO UPDATE (row by row, 9,000 upserts cost more
    than the COPY of 100,000 responses)."""
    for table, keys, total, rows in (
        ("response_count", "", "respondents", importer.respondent_rows()),
        ("answer_count", ", question_code, answer_code", "answers", importer.answer_rows()),
    ):
        cursor.execute(f"CREATE TEMPORARY TABLE new_{table} (LIKE {table}) ON COMMIT DROP")
        text = "".join(
            "\t".join(["1", ward or "\\N", *map(str, rest)]) + "\n" for ward, *rest in rows
        )
        copy(cursor, f"COPY new_{table} FROM STDIN", text.encode())
        cursor.execute(
            f"INSERT INTO {table} SELECT * FROM new_{table} ORDER BY 1, 2, 3{keys}"  # noqa: S608
            f" ON CONFLICT (wave_id, COALESCE(ward_code, ''), age_band{keys})"
            f" DO UPDATE SET {total} = {table}.{total} + excluded.{total}"
        )


def python_only(importer: PackedImport, path: Path, rounds: int) -> float:
    """Best seconds of `importer.run` with no database (batches dropped), answer rows
    decoded; checks the counts against a plain `csv.DictReader` tally (untimed)."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        importer.run(path, lambda batch: None)
        importer.answer_rows()
        best = min(best, time.perf_counter() - start)
    expected: Counter = Counter()
    with path.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            for question in importer.questions:
                if row[question]:
                    expected[row["ward_code"], row["age_band"], question, row[question]] += 1
    got = {(w or "", a, q, c): n for w, a, q, c, n in importer.answer_rows()}
    if got != dict(expected) or importer.errors:
        raise AssertionError("the packed import's counts differ from a plain tally")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database", default=DATABASE, help="made and dropped by the run")
    args = parser.parse_args()
    with psycopg.connect(SERVER + "postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {args.database}")
        admin.execute(f"CREATE DATABASE {args.database}")
    start = time.perf_counter()
    wave = Wave(args.respondents)
    print(
        f"{wave.respondents:,} respondents, {wave.answer_count:,} answer rows "
        f"(encoded in {time.perf_counter() - start:.1f} s, untimed); {load_average()}"
    )
    try:
        python_seconds = {
            name: python_only(kind(QUESTIONS, frozenset(), ward_codes()), wave.csv, args.rounds)
            for name, kind in (("10", PackedImport), ("11", ColumnarImport))
        }
        with psycopg.connect(SERVER + args.database) as connection:
            results = designs(wave, connection, args.rounds)
    finally:
        wave.csv.unlink(missing_ok=True)
        with psycopg.connect(SERVER + "postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {args.database}")
    floor = results["1 floor: UNLOGGED, no index"]
    for name, seconds in results.items():
        print(f"{name:46} {seconds:7.2f} s   {floor / seconds:5.2f}x the floor's speed")
    per = 1e6 / wave.respondents
    print(f"floor {floor * per:.2f} us/respondent")
    for name, seconds in results.items():
        if name.startswith(("10", "11")):
            print(
                f"design {name[:2]}: {seconds * per:.2f} us/respondent end to end; Python alone"
                f" (parse, check, encode, count; no database) {python_seconds[name[:2]] * per:.2f}"
            )
    print(load_average())


if __name__ == "__main__":
    main()
