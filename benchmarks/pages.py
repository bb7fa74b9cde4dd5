"""Public pages per second, cached and uncached, beside a plain Wagtail site's home page.

Builds two throwaway SQLite databases: the demo data of this site, and the site that
`wagtail start` generates (`benchmarks/plain_wagtail/`, migrated here, which creates its
home page). Both are served by the same gunicorn settings (2 sync workers, or
`--threads N` for gthread; DEBUG off, `--no-control-socket`) and loaded with `wrk`
(16 connections, fixed duration).

- cached: the page cache on (PAGE_CACHE_SECONDS=300); home, an advice page and the
  events index against a Django hello-world view under the same middleware.
- uncached: the page cache off (PAGE_CACHE_SECONDS=0, so `PageCacheMiddleware` and
  `cached_public_view` neither answer nor store; the per-process Site and restriction
  look-ups and the data caches stay on, as they do after a publish), every public page,
  each run right after the plain Wagtail home page so a neighbour's load shifts both
  figures of a pair alike.

Goals (issue 19.5), uncached: every page >= 1.0x the plain Wagtail home page and p99 <
100 ms at 16 connections, no error. Exits 1 when one is missed.

Run: `.venv/bin/python benchmarks/pages.py [--duration 10] [--connections 16]
[--threads 1] [--only home,events] [--cache-url redis://127.0.0.1:6379/3] [--port 9300]`
(the site on --port, the plain Wagtail peer on the next port; needs /usr/bin/wrk).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import gunicorn, load_average, wrk

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
PORT = 9300  # the default --port; the plain Wagtail peer listens on the next one
CACHED = [
    ("home", "/"),
    ("advice page", "/advice/protect-your-home-from-burglary/"),
    ("events index", "/events/"),
]
PUBLIC = [  # every public page residents reach from the home page, plus a filtered listing
    ("home", "/"),
    ("advice index", "/advice/"),
    ("advice filtered", "/advice/?topic=burglary"),
    ("advice page", "/advice/protect-your-home-from-burglary/"),
    ("events index", "/events/"),
    ("event page", "/events/romford-market-roadshow/"),
    ("news index", "/news/"),
    ("news page", "/news/roadshows-return/"),
    ("search", "/search/?q=burglary"),
    ("results", "/results/"),
    ("crime", "/crime/"),
    ("crime by ward", "/crime/wards/"),
    ("unsafe places", "/unsafe-places/"),
    ("report form", "/unsafe-places/report/"),
]
GOAL_RATIO = 1.0
GOAL_P99_MS = 100.0


def _env(db_path: Path, cache_seconds: int, cache_url: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.pages_settings",
        DATABASE_URL=f"sqlite:///{db_path}",
        PAGE_CACHE_SECONDS=str(cache_seconds),
        PYTHONPATH=str(ROOT),
    )
    env.pop("REDIS_URL", None)
    if cache_url:
        env["REDIS_URL"] = cache_url
    return env


def _peer_env(db_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.plain_wagtail.settings",
        "PLAIN_WAGTAIL_DB": str(db_path),
        "PYTHONPATH": str(ROOT),
    }


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def build_databases(db_path: Path, peer_db: Path) -> None:
    env = _env(db_path, 0, None)
    _manage(env, "migrate", "--no-input", "-v0")
    _manage(env, "load_demo_data")
    _manage(_peer_env(peer_db), "migrate", "--no-input", "-v0")


def run_wrk(url: str, duration: int, connections: int) -> dict[str, float]:
    """req/s, p50, p99 (ms), errors and the load average just before the run."""
    load = load_average().removeprefix("load average ")
    result = wrk(url, seconds=duration, connections=connections)
    return {**result, "load": load}


def warm(base: str, path: str, expect_cache: bool) -> None:
    """Both workers (and, with the cache on, the cache) warm; every page must answer 200."""
    for _ in range(6):
        with urllib.request.urlopen(base + path, timeout=20) as response:
            cache_header = response.headers.get("X-Page-Cache")
    if expect_cache and cache_header != "hit":
        raise RuntimeError(f"{path} is not served from the cache ({cache_header})")
    if not expect_cache and cache_header is not None:
        raise RuntimeError(f"{path} answered from the page cache in the uncached run")


def measure_cached(
    db_path: Path, cache_url: str | None, duration: int, connections: int, threads: int, port: int
) -> dict[str, dict]:
    results = {}
    env = _env(db_path, 300, cache_url)
    with gunicorn("communitysafety.wsgi:application", port, env=env, threads=threads) as base:
        for _, path in CACHED:
            warm(base, path, expect_cache=True)
        warm(base, "/hello/", expect_cache=False)
        for name, path in CACHED:
            results[f"hello ({name})"] = run_wrk(base + "/hello/", duration, connections)
            results[name] = run_wrk(base + path, duration, connections)
    return results


def measure_uncached(
    db_path: Path,
    peer_db: Path,
    pages: list[tuple[str, str]],
    duration: int,
    connections: int,
    threads: int,
    cache_url: str | None,
    port: int,
) -> dict[str, dict]:
    results = {}
    env = _env(db_path, 0, cache_url)
    peer_app = "benchmarks.plain_wagtail.wsgi:application"
    with (
        gunicorn("communitysafety.wsgi:application", port, env=env, threads=threads) as base,
        gunicorn(peer_app, port + 1, env=_peer_env(peer_db), threads=threads) as peer,
    ):
        warm(peer, "/", expect_cache=False)
        for _, path in pages:
            warm(base, path, expect_cache=False)
        for name, path in pages:
            results[f"peer ({name})"] = run_wrk(peer + "/", duration, connections)
            results[name] = run_wrk(base + path, duration, connections)
    return results


def report(runs: dict[str, dict[str, dict]]) -> list[str]:
    """Print both tables; return the goals missed."""
    header = (
        f"{'run':<9} {'page':<26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} "
        f"{'ratio':>7}  load before the run"
    )
    print(header)
    print("-" * len(header))
    missed = []
    for run, results in runs.items():
        base = 0.0
        for name, r in results.items():
            if name.startswith(("hello", "peer")):
                base, ratio = r["rps"], ""
            else:
                ratio = f"{r['rps'] / base:6.2f}x" if base else ""
            print(
                f"{run:<9} {name:<26} {r['rps']:>8.0f} {r['p50']:>8.2f} {r['p99']:>8.2f} "
                f"{r['errors']:>6.0f} {ratio:>7}  {r['load']}"
            )
            if run == "uncached" and not name.startswith("peer"):
                if r["rps"] < GOAL_RATIO * base:
                    missed.append(f"{name}: {r['rps'] / base:.2f}x the plain Wagtail home page")
                if r["p99"] >= GOAL_P99_MS:
                    missed.append(f"{name}: p99 {r['p99']:.0f} ms")
            if r["errors"]:
                missed.append(f"{run} {name}: {r['errors']:.0f} errors")
    if "cached" in runs and "uncached" in runs:
        print()
        for name, _ in CACHED:
            if name in runs["uncached"]:
                speedup = runs["cached"][name]["rps"] / runs["uncached"][name]["rps"]
                print(f"{name:<13} cached / uncached: {speedup:5.1f}x")
    return missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1, help=">1: gthread workers")
    parser.add_argument(
        "--only", default="", help="comma-separated page names, e.g. home,crime-by-ward"
    )
    parser.add_argument("--skip-cached", action="store_true", help="the uncached run only")
    parser.add_argument("--cache-url", default=None, help="e.g. redis://127.0.0.1:6379/3")
    parser.add_argument(
        "--port", type=int, default=PORT, help="the site's port; the peer uses the next one"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed (apt-get install wrk)")
    # Names as printed ("crime by ward") or with hyphens ("crime-by-ward"), easier in a shell.
    wanted = {name.strip().replace("-", " ") for name in args.only.split(",") if name.strip()}
    unknown = wanted - {name for name, _ in PUBLIC}
    if unknown:
        sys.exit(f"unknown page names: {', '.join(sorted(unknown))}")
    pages = [(n, p) for n, p in PUBLIC if not wanted or n in wanted]
    tmp = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    try:
        db_path, peer_db = tmp / "bench.sqlite3", tmp / "plain_wagtail.sqlite3"
        print("building the demo database and the plain Wagtail site…", flush=True)
        build_databases(db_path, peer_db)
        workers = f"2 gthread workers × {args.threads} threads" if args.threads > 1 else "2 sync"
        cache_name = "Redis" if args.cache_url else "per-process memory"
        print(
            f"gunicorn {workers}, DEBUG off, wrk -t1 -c{args.connections} "
            f"-d{args.duration}s; cache: {cache_name}; {load_average()}",
            flush=True,
        )
        runs = {}
        if not args.skip_cached:
            runs["cached"] = measure_cached(
                db_path, args.cache_url, args.duration, args.connections, args.threads, args.port
            )
        runs["uncached"] = measure_uncached(
            db_path,
            peer_db,
            pages,
            args.duration,
            args.connections,
            args.threads,
            args.cache_url,
            args.port,
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    missed = report(runs)
    print(
        f"\ngoals (uncached): >= {GOAL_RATIO:.1f}x the plain Wagtail home page, "
        f"p99 < {GOAL_P99_MS:.0f} ms, 0 errors"
    )
    if missed:
        print("MISSED: " + "; ".join(missed))
        sys.exit(1)
    print("all goals met")


if __name__ == "__main__":
    main()
