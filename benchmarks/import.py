"""import_responses on a generated 1,000,000-row file, SQLite and PostgreSQL.

Baselines in the same run: reading the same file with csv.reader and nothing else
(the floor any importer pays), and on PostgreSQL the database's own floor: `COPY` of the
same answer rows into an UNLOGGED table with no index or constraint (issue 19: goal, the
real import at >= 0.5x that floor's speed; exits 1 at the full size when it is not).
The import checks and stores the file in one streaming pass and one transaction, each
response one row with its answers packed (COPY on PostgreSQL, executemany on SQLite).
Peak memory is sampled during the import to show it stays flat.

CPU seconds are printed beside the wall time (Python's process, and on a local
PostgreSQL the server backend's): on shared cores the wall time moves with load, and
the split shows which side sets the pace (measured 2026-11, one row per answer: the
PostgreSQL backend ~100-120 us per respondent of 14 answers, Python ~12 us; 2026-12-08,
packed: PostgreSQL ~7-9 us, Python ~13-15 us).

Run: `.venv/bin/python benchmarks/import.py [--rows 1000000] [--db sqlite|postgres|both]`
(the per-cell counts of `surveys.annual.counts` are tallied and written inside the import).
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.survey_file import ward_codes, write_responses

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
SQLITE = "sqlite:////tmp/importperf_bench.sqlite3"
POSTGRES = "postgres://postgres@127.0.0.1:5432/importperf_bench"
FILE = Path(tempfile.gettempdir()) / "importperf_rows.csv"
FULL_ROWS = 1_000_000


def baseline() -> float:
    start = time.perf_counter()
    with FILE.open(encoding="utf-8", newline="") as stream:
        for _ in csv.reader(stream):
            pass
    return time.perf_counter() - start


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def server_cpu_seconds() -> float | None:
    """CPU time of this connection's PostgreSQL backend (local server only), else None."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def answer_rows_text() -> bytes:
    """The generated file's answers as the rows one-row-per-answer storage would hold
    (response number, question code, answer code, text), in COPY text: the floor's data."""
    out: list[str] = []
    with FILE.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        questions = next(reader)[6:]
        for number, cells in enumerate(reader, start=1):
            for question, code in zip(questions, cells[6:], strict=True):
                if code:
                    out.append(f"{number}\t{question}\t{code}\t\n")
    return "".join(out).encode()


def copy_floor() -> str:
    """PostgreSQL's COPY of the file's answer rows into an UNLOGGED, unindexed table.

    The rows are first encoded (not timed), then the timed COPY streams them in 1 MB
    chunks: the database's own write speed for these answers, with no validation, no
    WAL, no index and no constraint. Returns the seconds, as text."""
    from django.db import connection

    data = answer_rows_text()
    raw = connection.connection
    with raw.cursor() as cursor:
        cursor.execute(
            "CREATE UNLOGGED TABLE import_floor (response_id bigint, question_code"
            " varchar(50), answer_code varchar(50), text text)"
        )
    raw.commit()
    view = memoryview(data)
    start = time.perf_counter()
    with raw.cursor() as cursor, cursor.copy("COPY import_floor FROM STDIN") as copy:
        for offset in range(0, len(view), 1 << 20):
            copy.write(view[offset : offset + (1 << 20)])
    raw.commit()
    seconds = time.perf_counter() - start
    return f"{seconds:.2f}"


def load_average() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def child(database_url: str, rows: int) -> None:
    """In a fresh process per database: migrate, import, report."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from surveys.annual.bank import build_standard_bank
    from surveys.annual.importing import import_responses
    from surveys.answer_store import answer_count
    from surveys.models import Survey
    from tests.communitysafety.factories import load_real_wards

    call_command("migrate", verbosity=0)
    load_real_wards()
    survey = Survey.objects.create(slug="bench", title="Benchmark")
    build_standard_bank(survey.waves.create(year=2025))
    peak = [rss_mb()]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.5):
            peak.append(rss_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    before = rss_mb()
    server_before = server_cpu_seconds()
    python_before = time.process_time()
    start = time.perf_counter()
    result = import_responses(str(FILE), "bench", 2025)
    elapsed = time.perf_counter() - start
    python_cpu = time.process_time() - python_before
    server_after = server_cpu_seconds()
    done.set()
    answers = answer_count(survey.waves.get().responses.all())
    floor = copy_floor() if connection.vendor == "postgresql" else ""
    # CPU split: on 2 shared cores the wall time moves with load; CPU seconds much less.
    server = (
        f", PostgreSQL backend {server_after - server_before:.1f} s"
        if server_before is not None and server_after is not None
        else ""
    )
    print(
        f"{rows / elapsed:,.0f} rows/s ({result.stored:,} responses, {answers:,} answers "
        f"in {elapsed:.1f} s; CPU: Python {python_cpu:.1f} s{server}); "
        f"RSS {before:.0f} MB before, peak {max(peak):.0f} MB; {load_average()}"
    )
    print(f"RESULT {elapsed:.3f} {floor or '-'}")


def run(label: str, database_url: str, rows: int) -> float | None:
    """Print one database's import; return import speed / COPY floor speed (PostgreSQL)."""
    if database_url.startswith("postgres"):
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute("DROP DATABASE IF EXISTS importperf_bench")
            c.execute("CREATE DATABASE importperf_bench")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(SQLITE.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "benchmarks.bench_settings",
        "PYTHONPATH": str(ROOT),
    }
    out = subprocess.run(
        [PY, __file__, "--child", database_url, str(rows)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        print(out.stderr[-3000:])
        return None
    *lines, result = out.stdout.strip().splitlines()
    print(f"{label:10} import_responses: {' '.join(lines)}")
    _, elapsed, floor = result.split()
    if floor == "-":
        return None
    ratio = float(floor) / float(elapsed)
    print(
        f"{'':10} floor: COPY of the same answers into an UNLOGGED table without index or "
        f"constraint {float(floor):.1f} s; import at {ratio:.2f}x the floor's speed (goal >= 0.5)"
    )
    return ratio


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.path.insert(0, str(ROOT))
        child(sys.argv[2], int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=FULL_ROWS)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    start = time.perf_counter()
    write_responses(FILE, args.rows, ward_codes())
    print(
        f"generated {args.rows:,} rows ({FILE.stat().st_size / 1e6:.0f} MB) in "
        f"{time.perf_counter() - start:.1f} s"
    )
    seconds = baseline()
    print(f"baseline   csv.reader only: {args.rows / seconds:,.0f} rows/s; {load_average()}")
    ratio = None
    if args.db in ("postgres", "both"):
        ratio = run("PostgreSQL", POSTGRES, args.rows)
    if args.db in ("sqlite", "both"):
        run("SQLite", SQLITE, args.rows)
    FILE.unlink(missing_ok=True)
    if args.rows != FULL_ROWS:
        print("the goal is checked at the full size (1,000,000 rows) only")
    elif ratio is not None and ratio < 0.5:
        print(f"GOAL MISSED: PostgreSQL import at {ratio:.2f}x the COPY floor (< 0.5)")
        sys.exit(1)


if __name__ == "__main__":
    main()
