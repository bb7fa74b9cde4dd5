"""import_responses on a generated 1,000,000-row file, SQLite and PostgreSQL.

Baseline in the same run: reading the same file with csv.reader and nothing else
(the floor any importer pays). The import validates the whole file in a streaming
first pass, then writes in batches (COPY on PostgreSQL, json_each on SQLite) in one
transaction. Peak memory is sampled during the import to show it stays flat.

CPU seconds are printed beside the wall time (Python's process, and on a local
PostgreSQL the server backend's): on shared cores the wall time moves with load, and
the split shows which side sets the pace (measured 2026-11: the PostgreSQL backend,
~100-120 us per respondent of 14 answers, against ~12 us of Python).

Run: `.venv/bin/python benchmarks/import.py [--rows 1000000] [--db sqlite|postgres|both]`
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


def load_average() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def child(database_url: str, rows: int) -> None:
    """In a fresh process per database: migrate, import, report."""
    import django

    django.setup()
    from django.core.management import call_command

    from surveys.annual.bank import build_standard_bank
    from surveys.annual.importing import import_responses
    from surveys.models import Answer, Survey
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
    answers = Answer.objects.count()
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


def run(label: str, database_url: str, rows: int) -> None:
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
    print(f"{label:10} import_responses: {out.stdout.strip()}")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.path.insert(0, str(ROOT))
        child(sys.argv[2], int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
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
    if args.db in ("postgres", "both"):
        run("PostgreSQL", POSTGRES, args.rows)
    if args.db in ("sqlite", "both"):
        run("SQLite", SQLITE, args.rows)
    FILE.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
