"""`perceptions_report` end to end on stored waves, beside the floors measured in the same run.

Generates W waves × N respondents in the contract's CSV shape, imports them with
`import_responses` (timed, as an archive is built), then measures on each database:

- **the real thing**: `manage.py perceptions_report --survey bench` in a fresh process,
  wall time and that process's peak RSS, from start-up to the JSON file written;
- **floor 1**: the pure `build_report` on the same respondents held in memory (read from
  the generated files, not the database): what the statistics cost;
- **floor 2**: one `SELECT count(*)` over the stored answers (the response rows, each
  holding its answers packed): one pass over them;
- **the results pages** once every wave is released: `/results/` for the borough, each
  measure and each ward, cold (cache cleared before each request) and warm.

Goals (issue 19): end to end < 10 s and < 2 GB on PostgreSQL, < 20 s on SQLite at
10 waves × 1,000,000; a results page < 1 s cold and < 100 ms p99 warm. Exits 1 when a
goal is missed at the full size; smaller runs print the same figures and say the goals
apply only at full size.

Run: `.venv/bin/python benchmarks/report_from_db.py [--waves 10] [--respondents 1000000]
[--db sqlite|postgres|both] [--name NAME]` (quick: `--waves 3 --respondents 20000`).
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.survey_file import ward_codes, write_responses

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
# --name (passed to the child steps as REPORT_BENCH_NAME) names the work directory and the
# PostgreSQL database, so two runs on one machine do not share them.
NAME = os.environ.get("REPORT_BENCH_NAME", "report_from_db_bench")
WORK = Path(tempfile.gettempdir()) / NAME
SQLITE = f"sqlite:///{WORK}/bench.sqlite3"
POSTGRES = f"postgres://postgres@127.0.0.1:5432/{NAME}"


def name(chosen: str) -> None:
    """Use ``chosen`` for the work directory and the database (this run and its children)."""
    global NAME, WORK, SQLITE, POSTGRES
    NAME = chosen
    WORK = Path(tempfile.gettempdir()) / NAME
    SQLITE = f"sqlite:///{WORK}/bench.sqlite3"
    POSTGRES = f"postgres://postgres@127.0.0.1:5432/{NAME}"


FIRST_YEAR = 2016
GOALS = {"PostgreSQL": (10.0, 2048.0), "SQLite": (20.0, None)}
FULL_SIZE = (10, 1_000_000)
COLD_MS, WARM_P99_MS = 1000.0, 100.0  # a results page, any wave and ward


def wave_file(year: int) -> Path:
    return WORK / f"wave_{year}.csv"


def years(waves: int) -> list[int]:
    return [FIRST_YEAR + i for i in range(waves)]


def child_env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "benchmarks.bench_settings",
        "PYTHONPATH": str(ROOT),
        "OPENBLAS_NUM_THREADS": "1",
        "REPORT_BENCH_NAME": NAME,
    }


def run_child(database_url: str, *args: str) -> dict:
    """Run this file's ``--child`` step in a fresh process; it prints one JSON line."""
    out = subprocess.run(
        [PY, __file__, "--child", *args],
        env=child_env(database_url),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        sys.exit(f"child {args[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def load_step(waves: int) -> dict:
    """Migrate, load the real wards and import every wave's file; time the imports."""
    from django.core.management import call_command

    from surveys.annual.importing import import_responses
    from surveys.models import Survey
    from tests.communitysafety.factories import load_real_wards

    call_command("migrate", verbosity=0)
    load_real_wards()
    Survey.objects.create(slug="bench", title="Benchmark")
    start = time.perf_counter()
    stored = 0
    for year in years(waves):
        stored += import_responses(str(wave_file(year)), "bench", year, create=True).stored
    return {"import_seconds": time.perf_counter() - start, "stored": stored}


def count_step() -> dict:
    """Floor 2: one `SELECT count(*)` over the stored answers: each response's row holds
    them (packed), so the pass the database makes over them counts those rows. (Decoding
    every answer in Python, `answer_store.answer_count`, took 160 s at full size: not a
    floor.)"""
    from surveys.models import SurveyResponse

    start = time.perf_counter()
    rows = SurveyResponse.objects.count()
    return {"seconds": time.perf_counter() - start, "rows": rows}


def memory_step(waves: int) -> dict:
    """Floor 1: the pure report on the same respondents, read from the files."""
    import pandas as pd

    from communitysafety.wards.enums import AgeBand
    from perceptions import queries
    from perceptions.analysis.measures import MEASURES
    from perceptions.analysis.report import build_report

    frames = []
    for year in years(waves):
        frame = pd.read_csv(wave_file(year), dtype=str, keep_default_na=False)
        frame.insert(0, "wave", year)
        frames.append(frame)
    responses = pd.concat(frames, ignore_index=True)
    responses["wave"] = pd.Categorical(responses["wave"])
    responses["ward_code"] = pd.Categorical(responses["ward_code"])
    responses["age_band"] = pd.Categorical(
        responses["age_band"].replace("", None), categories=list(AgeBand.values)
    )
    for measure in MEASURES:
        responses[measure.code] = pd.Categorical(
            responses[measure.code].replace("", None), categories=list(measure.accepted)
        )
    population = queries.population_totals()
    start = time.perf_counter()
    report = build_report(responses, population, survey="bench")
    return {"seconds": time.perf_counter() - start, "estimates": len(report.estimates)}


def pages_step(waves: int) -> dict:
    """The results pages on the stored waves: build the stored results, release every wave,
    then time `/results/` for the borough and every ward (and each measure for the
    borough): cold (cache cleared before each request) and warm (each URL again, 5 times).
    In-process through Django's test client, with the production middleware."""
    import logging

    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client
    from django.utils import timezone

    from perceptions.analysis.measures import MEASURES
    from perceptions.models import Release
    from perceptions.results.generation import refresh_results
    from surveys.models import Survey

    logging.disable(logging.WARNING)
    survey = Survey.objects.get(slug="bench")
    start = time.perf_counter()
    refresh_results(survey.id)
    build_seconds = time.perf_counter() - start
    analyst = get_user_model().objects.create(username="bench-analyst")
    for wave in survey.waves.all():
        Release.objects.create(wave=wave, signed_off_by=analyst, release_date=timezone.localdate())
    refresh_results(survey.id)
    base = "/results/?survey=bench"
    urls = [base, *(f"{base}&measure={m.code}" for m in MEASURES)]
    urls += [f"{base}&ward={code}" for code in ward_codes()]
    client = Client(HTTP_HOST="127.0.0.1")

    def timed_get(url: str) -> float:
        began = time.perf_counter()
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: {response.status_code}")
        return (time.perf_counter() - began) * 1000

    client.get(base)  # the process's first request imports templates and URLconfs
    cold = []
    for url in urls:
        cache.clear()
        cold.append(timed_get(url))
    warm = sorted(timed_get(url) for _ in range(5) for url in urls)
    return {
        "build_seconds": build_seconds,
        "urls": len(urls),
        "cold_max_ms": max(cold),
        "warm_p99_ms": warm[int(0.99 * (len(warm) - 1))],
    }


def end_to_end(database_url: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of `perceptions_report` in its own process."""
    output = WORK / "report.json"
    start = time.perf_counter()
    process = subprocess.Popen(
        [PY, "manage.py", "perceptions_report", "--survey", "bench", "--output", str(output)],
        env=child_env(database_url),
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status:
        sys.exit("perceptions_report failed")
    return seconds, usage.ru_maxrss / 1024


def fresh_database(database_url: str) -> None:
    if database_url.startswith("postgres"):
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {NAME}")
            c.execute(f"CREATE DATABASE {NAME}")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(SQLITE.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)


def measure(label: str, database_url: str, waves: int, respondents: int) -> list[str]:
    """Print one database's figures; return the goals it missed."""
    fresh_database(database_url)
    loaded = run_child(database_url, "load", str(waves))
    counted = run_child(database_url, "count")
    in_memory = run_child(database_url, "memory", str(waves))
    seconds, peak = end_to_end(database_url)
    pages = run_child(database_url, "pages", str(waves))
    load = "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    print(f"{label}: imported {loaded['stored']:,} responses in {loaded['import_seconds']:.1f} s")
    print(f"  perceptions_report end to end   {seconds:8.2f} s   peak RSS {peak:7.0f} MB")
    print(f"  floor: build_report in memory   {in_memory['seconds']:8.2f} s")
    rows = f"{counted['rows']:,} response rows, their answers packed"
    print(f"  floor: SELECT count(*)          {counted['seconds']:8.2f} s   ({rows})")
    ratio = seconds / max(in_memory["seconds"], 1e-9)
    print(f"  end to end / in-memory report: {ratio:.1f}×; {load}")
    print(
        f"  results pages ({pages['urls']} URLs: borough, each measure, each ward) after "
        f"building the stored results in {pages['build_seconds']:.1f} s: cold max "
        f"{pages['cold_max_ms']:.0f} ms (goal < {COLD_MS:.0f}), warm p99 "
        f"{pages['warm_p99_ms']:.0f} ms (goal < {WARM_P99_MS:.0f})"
    )
    if (waves, respondents) != FULL_SIZE:
        return []
    max_seconds, max_mb = GOALS[label]
    missed = []
    if pages["cold_max_ms"] >= COLD_MS:
        missed.append(f"{label}: results page cold {pages['cold_max_ms']:.0f} ms")
    if pages["warm_p99_ms"] >= WARM_P99_MS:
        missed.append(f"{label}: results page warm p99 {pages['warm_p99_ms']:.0f} ms")
    if seconds > max_seconds:
        missed.append(f"{label}: {seconds:.1f} s > {max_seconds:.0f} s")
    if max_mb is not None and peak > max_mb:
        missed.append(f"{label}: {peak:.0f} MB > {max_mb:.0f} MB")
    return missed


def child_main(step: str, *args: str) -> None:
    import django

    django.setup()
    steps = {"load": load_step, "count": count_step, "memory": memory_step, "pages": pages_step}
    print(json.dumps(steps[step](*(int(a) for a in args))))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--waves", type=int, default=FULL_SIZE[0])
    parser.add_argument("--respondents", type=int, default=FULL_SIZE[1])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--name", default=NAME, help="work directory and PostgreSQL database name")
    args = parser.parse_args()
    name(args.name)
    WORK.mkdir(exist_ok=True)
    wards = ward_codes()
    start = time.perf_counter()
    for i, year in enumerate(years(args.waves)):
        write_responses(wave_file(year), args.respondents, wards, year=year, seed=i + 1)
    print(
        f"generated {args.waves} waves × {args.respondents:,} respondents in "
        f"{time.perf_counter() - start:.1f} s (peak RSS of this process "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)"
    )
    missed: list[str] = []
    if args.db in ("postgres", "both"):
        missed += measure("PostgreSQL", POSTGRES, args.waves, args.respondents)
    if args.db in ("sqlite", "both"):
        missed += measure("SQLite", SQLITE, args.waves, args.respondents)
    if (args.waves, args.respondents) != FULL_SIZE:
        print("goals are checked at the full size (10 waves × 1,000,000) only")
    for line in missed:
        print(f"GOAL MISSED: {line}")
    for year in years(args.waves):
        wave_file(year).unlink(missing_ok=True)
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
