"""Mixed load against gunicorn: survey submits, report submits, page views and API reads.

Run by hand: `.venv/bin/python benchmarks/load.py` (32 connections, 60 s, PostgreSQL at
postgres://postgres@127.0.0.1:5432/load_bench; `--database-url` for another database,
which is dropped and re-created). `--db sqlite` uses a fresh file in a temporary directory,
so runs side by side never share a database. CI runs a 5-second smoke on SQLite
(`--seconds 5 --connections 8 --db sqlite`, tests/security/test_load_smoke.py).

Prints throughput, p99 and errors per kind, and checks the goals: no server errors, and
the count of stored submissions equals the count of 2xx answers (exact: every client
waits for its answer, so nothing is in flight when counting). Exit status 1 if not.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.harness import Result, gunicorn, load  # noqa: E402

PY = sys.executable
POSTGRES = "postgres://postgres@127.0.0.1:5432/load_bench"
SLUG = "bench-survey"  # made by benchmarks/submit.py --prepare
CSRF = "benchcsrfsecretbenchcsrfsecret12"
REPORT = json.dumps(
    {
        "ward": "E05013983",
        "place": "Station underpass",
        "reasons": ["badly_lit"],
        "time_of_day": "after_dark",
    }  # fmt: skip
).encode()
PAGES = ["/", "/unsafe-places/", "/privacy/", "/survey/bench-survey/start/"]
READS = ["/api/v1/unsafe-places/summary/", "/api/v1/events/", "/api/v1/crime/ward-rates/"]


def env_for(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "benchmarks.bench_settings",
        "PYTHONPATH": str(ROOT),
    }


def reset_database(database_url: str) -> None:
    if database_url.startswith("postgres"):
        import psycopg

        name = database_url.rsplit("/", 1)[1]
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise SystemExit(f"not a plain database name: {name!r}")
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            c.execute(f"CREATE DATABASE {name}")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(database_url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)


def stored(database_url: str) -> dict[str, int]:
    code = (
        "import django,json;django.setup();"
        "from surveys.models import SurveyResponse, UnsafePlaceReport;"
        "print(json.dumps({'survey': SurveyResponse.objects.filter("
        f"wave__survey__slug='{SLUG}', completed_on__isnull=False).count(),"
        "'report': UnsafePlaceReport.objects.count()}))"
    )
    out = subprocess.run(
        [PY, "-c", code], env=env_for(database_url), capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--port", type=int, default=9850)
    parser.add_argument(
        "--database-url", help="PostgreSQL URL to use instead (the database is re-created)"
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="loadbench"))
    if args.database_url:
        database_url, args.db = args.database_url, "postgres"
    elif args.db == "postgres":
        database_url = POSTGRES
    else:
        database_url = f"sqlite:///{workdir / 'load_bench.sqlite3'}"
    env = env_for(database_url)

    reset_database(database_url)
    subprocess.run([PY, "manage.py", "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [PY, "benchmarks/submit.py", "--prepare", database_url, str(workdir)],
        env=env, check=True, cwd=ROOT,
    )  # fmt: skip
    keys = (workdir / "keys.txt").read_text().split()
    before = stored(database_url)

    # One request kind per slot in ten: 2 survey submits, 2 report submits, 4 pages, 2 reads.
    def request(i: int):
        slot = i % 10
        if slot < 2:
            key = keys[((i // 10) * 2 + slot) % len(keys)]  # each saved response once
            return ("POST", f"/survey/{SLUG}/check/", b"", {
                "Cookie": f"sessionid={key}; csrftoken={CSRF}", "X-CSRFToken": CSRF,
                "Content-Type": "application/x-www-form-urlencoded",
            })  # fmt: skip
        if slot < 4:
            return ("POST", "/api/v1/unsafe-places/", REPORT, {"Content-Type": "application/json"})
        if slot < 8:
            return ("GET", PAGES[i % len(PAGES)], None, {})
        return ("GET", READS[i % len(READS)], None, {})

    kinds: dict[str, Result] = {}
    with gunicorn("communitysafety.wsgi:application", args.port, env=env) as base:
        # gunicorn accepts connections before its workers have imported Django: warm both
        # workers (reads only, so the stored counts stay exact) before anything is timed.
        warm = PAGES + READS + ["/bench/hello/"]
        load(base, "warm-up", lambda i: ("GET", warm[i % len(warm)], None, {}),
             args.connections, 3)  # fmt: skip
        hello = load(base, "baseline: hello-world", lambda _: ("GET", "/bench/hello/", None, {}),
                     args.connections, min(args.seconds, 10))  # fmt: skip
        recorded: list[tuple[int, int, float]] = []
        mixed = load(base, "mixed load", request, args.connections, args.seconds, record=recorded)
    after = stored(database_url)
    for i, status, latency in recorded:
        slot = i % 10
        kind = (
            "survey submit"
            if slot < 2
            else "report submit"
            if slot < 4
            else ("page view" if slot < 8 else "API read")
        )
        result = kinds.setdefault(kind, Result(kind, args.seconds))
        result.latencies.append(latency)
        result.statuses[status] = result.statuses.get(status, 0) + 1

    load_1, load_5, _load_15 = os.getloadavg()
    print(
        f"\ngunicorn 2 sync workers, {args.connections} connections, {args.seconds:g} s, "
        f"{args.db}; load average {load_1:.2f} (1 min) {load_5:.2f} (5 min) at the end"
    )
    print(hello.line())
    print(mixed.line(hello))
    for result in kinds.values():
        print("  " + result.line())
    survey_ok = sum(n for s, n in kinds.get("survey submit", Result("", 1)).statuses.items()
                    if 200 <= s < 400)  # fmt: skip
    report_ok = kinds.get("report submit", Result("", 1)).statuses.get(201, 0)
    survey_stored = after["survey"] - before["survey"]
    report_stored = after["report"] - before["report"]
    # A saved response is completed once (a repeat submit would store nothing new), so
    # count the distinct sessions that were answered successfully.
    unique_survey = len(
        {((i // 10) * 2 + i % 10) % len(keys) for i, s, _ in recorded if i % 10 < 2 and s < 400}
    )
    print(f"survey: {survey_ok} answered, {survey_stored} stored ({unique_survey} distinct)")
    print(f"reports: {report_ok} accepted (201), {report_stored} stored")
    failures = []
    if mixed.server_errors or mixed.errors:
        failures.append(f"{mixed.server_errors} server errors, {mixed.errors} connection errors")
    if report_stored != report_ok:
        failures.append("stored reports differ from 201 answers")
    if survey_stored != unique_survey:
        failures.append("stored survey responses differ from distinct successful submits")
    print("RESULT: " + ("OK" if not failures else "FAILED: " + "; ".join(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
