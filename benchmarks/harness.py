"""Shared benchmark plumbing: run gunicorn like production and load it for a fixed time.

Each benchmark measures its pages and, in the same run, the Django hello-world baseline
under identical server settings, because absolute figures move 2–3× with machine load.
"""

import contextlib
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


@contextlib.contextmanager
def gunicorn(
    app: str,
    port: int,
    env: dict[str, str] | None = None,
    workers: int = 2,
    threads: int = 1,
) -> Iterator[str]:
    """Serve `app` with N workers (DEBUG off, no access log) until the block ends.

    Every other setting is production's gunicorn.conf.py (benchmarks/gunicorn_bench.conf.py).
    `threads` > 1 gives gthread workers (what gunicorn.conf.py's GUNICORN_THREADS chooses),
    else sync workers. Before `threads` was passed, gunicorn.conf.py's 2 threads made every
    "sync" server a gthread one."""
    process = subprocess.Popen(
        [
            GUNICORN,
            app,
            "--config",
            str(ROOT / "benchmarks" / "gunicorn_bench.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread" if threads > 1 else "sync",
            "--threads",
            str(threads),
            "--no-control-socket",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            time.sleep(0.2)
        else:
            raise RuntimeError(f"gunicorn for {app} did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


@dataclass
class Result:
    name: str
    seconds: float
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0

    @property
    def ok(self) -> int:
        return sum(n for status, n in self.statuses.items() if 200 <= status < 400)

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    def line(self, baseline: "Result | None" = None) -> str:
        ratio = (
            f"  {self.rate / baseline.rate:5.2f}× baseline" if baseline and baseline.rate else ""
        )
        return (
            f"{self.name:<34} {self.rate:8.1f} req/s  p50 {self.percentile(0.5):6.1f} ms  "
            f"p99 {self.percentile(0.99):6.1f} ms  5xx {self.server_errors}  "
            f"errors {self.errors}{ratio}"
        )


Request = tuple[str, str, bytes | None, dict[str, str]]  # method, path, body, headers


def load(
    base_url: str,
    name: str,
    make_request: Callable[[int], Request],
    connections: int = 16,
    seconds: float = 10.0,
    record: list[tuple[int, int, float]] | None = None,
) -> Result:
    """Closed-loop load: `connections` threads each send requests back to back.

    With `record`, every answered request is appended as (index, status, seconds).
    """
    host, port = base_url.removeprefix("http://").split(":")
    result = Result(name=name, seconds=seconds)
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    counter = iter(range(10**12))

    def worker() -> None:
        latencies, statuses, errors, seen = [], {}, 0, []
        while time.monotonic() < stop:
            index = next(counter)
            method, path, body, headers = make_request(index)
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection(host, int(port), timeout=30)
                conn.request(method, path, body=body, headers=headers)
                status = conn.getresponse().status
                conn.close()
            except OSError:
                errors += 1
                continue
            latencies.append(time.perf_counter() - started)
            statuses[status] = statuses.get(status, 0) + 1
            seen.append((index, status, latencies[-1]))
        with lock:
            if record is not None:
                record.extend(seen)
            result.latencies += latencies
            result.errors += errors
            for status, n in statuses.items():
                result.statuses[status] = result.statuses.get(status, 0) + n

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return result


def get(path: str) -> Callable[[int], Request]:
    return lambda _: ("GET", path, None, {})


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def wrk(
    url: str, script: Path | None = None, seconds: int = 10, connections: int = 16
) -> dict[str, float]:
    """One `wrk -t1` run: req/s, p50 and p99 in ms, errors (non-2xx/3xx and socket errors)
    and the number of answered requests."""
    import re

    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if script is not None:
        command += ["-s", str(script)]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        errors += sum(int(x) for x in match.groups())

    def ms(label: str) -> float:
        value = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)\b", out)
        number, unit = float(value.group(1)), value.group(2)
        return number / 1000 if unit == "us" else number * 1000 if unit == "s" else number

    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": ms("50"),
        "p99": ms("99"),
        "errors": errors,
        "total": int(re.search(r"(\d+) requests in", out).group(1)),
    }


def load_average() -> str:
    """`uptime`'s 1/5/15-minute load, to print beside every figure."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"
