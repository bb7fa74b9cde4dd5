"""Public pages per second with and without the page cache, against Django hello-world.

Builds a throwaway SQLite database with the demo data, then serves the site with
gunicorn (2 sync workers, DEBUG off, `--no-control-socket`) twice: once with the page
cache on and once with it off (PAGE_CACHE_SECONDS=0). In each run it loads a Django
hello-world view under the same server and middleware, the home page, an advice page
and the events index with `wrk` (16 connections, fixed duration) and prints req/s,
p50, p99, the ratio to hello-world and the cached/uncached speed-up.

Run: `.venv/bin/python benchmarks/pages.py [--duration 10] [--connections 16]
[--cache-url redis://127.0.0.1:6379/3]` (port 9300; needs /usr/bin/wrk).
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

from benchmarks.harness import gunicorn, wrk

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
PORT = 9300
TARGETS = [
    ("hello-world", "/hello/"),
    ("home", "/"),
    ("advice page", "/advice/protect-your-home-from-burglary/"),
    ("events index", "/events/"),
]


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


def build_database(db_path: Path) -> None:
    env = _env(db_path, 0, None)
    for args in (["migrate", "--no-input", "-v0"], ["load_demo_data"]):
        subprocess.run(
            [str(PYTHON), "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


def run_wrk(url: str, duration: int, connections: int) -> tuple[float, float, float]:
    """req/s, p50 and p99 (ms) of one wrk run; any error response fails the benchmark."""
    result = wrk(url, seconds=duration, connections=connections)
    if result["errors"]:
        raise RuntimeError(f"{url}: {result['errors']:.0f} errors")
    return result["rps"], result["p50"], result["p99"]


def measure(
    db_path: Path, cache_seconds: int, cache_url: str | None, duration: int, connections: int
) -> dict[str, tuple[float, float, float]]:
    env = _env(db_path, cache_seconds, cache_url)
    results = {}
    with gunicorn("communitysafety.wsgi:application", PORT, env=env) as base:
        for name, path in TARGETS:
            for _ in range(6):  # both workers warm (and, with the cache on, filled)
                with urllib.request.urlopen(base + path, timeout=10) as response:
                    cache_header = response.headers.get("X-Page-Cache")
            if name != "hello-world" and cache_seconds and cache_header != "hit":
                raise RuntimeError(f"{path} is not served from the cache ({cache_header})")
        # Each page runs right after its own hello-world run, so a neighbour's load on
        # this shared machine shifts both figures of a pair alike.
        for name, path in TARGETS[1:]:
            results[f"hello ({name})"] = run_wrk(base + "/hello/", duration, connections)
            results[name] = run_wrk(base + path, duration, connections)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--cache-url", default=None, help="e.g. redis://127.0.0.1:6379/3")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed (apt-get install wrk)")
    tmp = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    try:
        db_path = tmp / "bench.sqlite3"
        print("building the demo database…", flush=True)
        build_database(db_path)
        cache_name = "Redis" if args.cache_url else "per-process memory"
        print(
            f"gunicorn 2 sync workers, DEBUG off, wrk -t1 -c{args.connections} "
            f"-d{args.duration}s; cache: {cache_name}",
            flush=True,
        )
        runs = {
            "cached": measure(db_path, 300, args.cache_url, args.duration, args.connections),
            "uncached": measure(db_path, 0, args.cache_url, args.duration, args.connections),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    header = f"{'run':<9} {'page':<22} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'× hello':>8}"
    print(header)
    print("-" * len(header))
    for run, results in runs.items():
        hello = 0.0
        for name, (rps, p50, p99) in results.items():
            if name.startswith("hello"):
                hello, ratio = rps, ""
            else:
                ratio = f"{rps / hello:8.2f}"
            print(f"{run:<9} {name:<22} {rps:>9.0f} {p50:>8.2f} {p99:>8.2f} {ratio:>8}")
    print()
    for name, _ in TARGETS[1:]:
        speedup = runs["cached"][name][0] / runs["uncached"][name][0]
        print(f"{name:<13} cached / uncached: {speedup:5.1f}×")


if __name__ == "__main__":
    main()
