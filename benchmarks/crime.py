"""Recorded crime: import the full London files, build every table, serve pages from cache.

Run: `.venv/bin/python benchmarks/crime.py [--serve]` (a throwaway SQLite database in a
temporary directory; reads only the repository's files; no network).

Goal (issue 10): importing the full London ward file (18,707 rows × 24 months, other
boroughs skipped) and the borough file, then building every table, in under 5 s in
total; table pages served from cache. Baselines measured in the same run: reading the
same two files with `csv.reader` alone (import cost), and `/robots.txt` through the same
middleware (request cost). `--serve` also loads the pages through gunicorn (2 sync
workers, DEBUG off) against the Django hello-world baseline, on port 9600 and 9601.
"""

from __future__ import annotations

import csv
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "perceptions" / "data" / "crime"
WARD_FILE = DATA / "mps_ward_level_crime_2024-01_2025-12.csv"
BOROUGH_FILE = DATA / "mps_borough_level_crime_2024-01_2025-12.csv"
PORT = 9600  # engineer k=6: 9000 + 100 × 6


def _setup(database: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "communitysafety.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django

    django.setup()
    from io import StringIO

    from django.conf import settings
    from django.core.management import call_command

    from communitysafety.wards.loading import DEFAULT_BOUNDARIES, DEFAULT_CENSUS, load_wards

    call_command("migrate", verbosity=0, stdout=StringIO())
    load_wards(
        DEFAULT_BOUNDARIES,
        DEFAULT_CENSUS,
        borough_code=settings.BOROUGH_CODE,
        borough_name=settings.BOROUGH_NAME,
    )


def _timed(label: str, func, results: dict[str, float]):
    start = time.perf_counter()
    value = func()
    results[label] = time.perf_counter() - start
    return value


def _read_only(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.reader(handle))


def _import_and_build() -> dict[str, float]:
    from perceptions.crime import queries
    from perceptions.crime.cache import bump_crime_generation
    from perceptions.crime.imports import ensure_borough_populations, import_crime_file

    results: dict[str, float] = {}
    _timed("baseline: csv.reader over both files", lambda: (
        _read_only(WARD_FILE), _read_only(BOROUGH_FILE)), results)  # fmt: skip
    ensure_borough_populations()
    ward = _timed("import full London ward file", lambda: import_crime_file(WARD_FILE), results)
    borough = _timed("import borough file", lambda: import_crime_file(BOROUGH_FILE), results)
    print(f"  {ward}\n  {borough}")
    bump_crime_generation()

    def build_latest() -> int:
        tables = [queries.borough_table()]
        tables += [queries.ward_table(value) for value, _label in queries.ward_categories()]
        return len(tables)

    count = _timed("build every table (latest 12 months)", build_latest, results)
    bump_crime_generation()

    def build_all_months() -> int:
        months = queries.coverage("borough").end_months()  # type: ignore[union-attr]
        n = 0
        for end in months:
            queries.borough_table(end)
            n += 1
            for value, _label in queries.ward_categories():
                queries.ward_table(value, end)
                n += 1
        return n

    every = _timed("build every table for every end month", build_all_months, results)
    print(f"  tables: {count} for the latest period, {every} for every end month")
    return results


def _requests() -> None:
    from django.test import Client

    client = Client()
    urls = [
        "/crime/",
        "/crime/wards/",
        "/crime/recorded-crime.csv",
        "/crime/recorded-crime.xlsx",
        "/crime/wards/map.geojson",
    ]

    def one(url: str) -> float:
        start = time.perf_counter()
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: {response.status_code}")
        return (time.perf_counter() - start) * 1000

    one("/robots.txt")
    baseline = statistics.median(one("/robots.txt") for _ in range(50))
    print(f"\nDjango test client (same process; baseline /robots.txt {baseline:.2f} ms median)")
    print(f"  {'page':<30} {'first (built)':>14} {'cached median':>14} {'× baseline':>11}")
    for url in urls:
        first = one(url)
        cached = statistics.median(one(url) for _ in range(50))
        print(f"  {url:<30} {first:11.1f} ms {cached:11.2f} ms {cached / baseline:10.1f}×")


def _serve(database: Path) -> None:
    from benchmarks.harness import get, gunicorn, load

    env = {
        "DJANGO_SETTINGS_MODULE": "communitysafety.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    print("\ngunicorn, 2 sync workers, 16 connections, 5 s each (per-process cache)")
    with gunicorn("benchmarks.hello_django:application", PORT + 1) as url:
        baseline = load(url, "hello-world baseline", get("/"), seconds=5)
    print("  " + baseline.line())
    with gunicorn("communitysafety.wsgi:application", PORT, env=env) as url:
        load(url, "warm-up", get("/robots.txt"), connections=4, seconds=2)
        robots = load(url, "/robots.txt (site middleware)", get("/robots.txt"), seconds=5)
        print("  " + robots.line(baseline))
        for path in ("/crime/", "/crime/wards/", "/crime/recorded-crime.csv"):
            # Warm-up, not measured: each worker's first request imports pandas and
            # builds the table (timed above through the test client).
            load(url, path, get(path), connections=4, seconds=3)
            result = load(url, path, get(path), seconds=5)
            print("  " + result.line(baseline) + f"  {result.rate / robots.rate:5.2f}× robots.txt")


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        database = Path(directory) / "crime-benchmark.sqlite3"
        _setup(database)
        results = _import_and_build()
        print("\nImport and build (SQLite, one process)")
        for label, seconds in results.items():
            print(f"  {label:<42} {seconds:7.3f} s")
        total = sum(
            seconds
            for label, seconds in results.items()
            if label.startswith(("import", "build every table (latest"))
        )
        print(f"  {'total (goal < 5 s)':<42} {total:7.3f} s")
        _requests()
        if "--serve" in sys.argv:
            from django.db import connections

            connections.close_all()
            _serve(database)


if __name__ == "__main__":
    main()
