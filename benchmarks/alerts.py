"""Alert fan-out throughput: one alert to N subscribers, 2 `db_worker` processes, a local
SMTP sink (tests/comms/smtp_sink.py: a real SMTP server over TCP with PIPELINING) that
counts what arrives. Prints messages/s, time, worker memory and the exactly-once check,
against a baseline run in the same process: a plain smtplib loop sending to the same sink
over one connection (no pipelining, one prepared message).

Each worker claims a batch, sends each message through Django's SMTP mailer (one
connection per batch) and records it (one single-row UPDATE, committed) before the next,
so a killed worker can resend at most one message. The fan-out enqueues sending batch by
batch as it creates deliveries.

Run: `.venv/bin/python benchmarks/alerts.py --subscribers 100000`
     (add `--database-url postgres://postgres@127.0.0.1:5432/alertsperf_bench` for PostgreSQL).
Uses ports 9400-9499.
"""

import argparse
import os
import shutil
import smtplib
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.comms.smtp_sink import SmtpSink  # noqa: E402

PORT = 9402


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


def baseline(sink: SmtpSink, count: int) -> float:
    message = EmailMessage()
    message["From"] = "bench@example.org"
    message["Subject"] = "baseline"
    message.set_content("x" * 1500)
    start = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", PORT) as smtp:
        for n in range(count):
            smtp.send_message(message, to_addrs=[f"baseline{n}@example.org"])
    return count / (time.perf_counter() - start)


def run(cmd: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, *cmd], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except FileNotFoundError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def wait_until_idle(workers: list[subprocess.Popen], timeout: float = 120) -> float:
    """Until every worker has started and is only polling the queue; returns seconds taken."""
    start = time.perf_counter()
    before = [cpu_ticks(w.pid) for w in workers]
    while time.perf_counter() - start < timeout:
        time.sleep(1)
        now = [cpu_ticks(w.pid) for w in workers]
        if time.perf_counter() - start > 2 and all(
            b - a < 15 for a, b in zip(before, now, strict=True)
        ):
            break
        before = now
    return time.perf_counter() - start


def fresh_postgres_database(url: str) -> None:
    """Drop and re-create the benchmark's database (setup inserts fixed addresses)."""
    import psycopg
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    admin = (
        urlsplit(url)._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    )
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL; the database is dropped and re-created"
    )
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="alerts-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.comms.worker_settings",
        "COMMS_TEST_DB": str(tmp / "bench.sqlite3"),
        "COMMS_TEST_SMTP_PORT": str(PORT),
        "COMMS_TEST_SENDING_TIMEOUT": "300",
        "COMMS_TEST_BATCH_SIZE": str(args.batch),
    }
    if args.database_url:
        env["COMMS_TEST_DATABASE_URL"] = args.database_url
        fresh_postgres_database(args.database_url)
    database = "PostgreSQL" if args.database_url else "SQLite (WAL)"
    print(f"database: {database}; subscribers: {args.subscribers:,}; workers: {args.workers}")
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    run(["manage.py", "migrate", "--noinput", "-v", "0"], env)
    start = time.perf_counter()
    scenario = ["-m", "tests.comms.worker_scenario"]
    alert_id = run([*scenario, "setup", str(args.subscribers), "hold"], env).strip()
    print(f"setup (bulk insert of subscribers): {time.perf_counter() - start:.1f} s")

    with SmtpSink(PORT, parse=False) as sink:
        base_rate = baseline(sink, 2000)
        sink.handler.per_recipient.clear()
        sink.handler.total = 0
        workers = [
            subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "db_worker",
                    "--interval",
                    "0.1",
                    "--no-startup-delay",
                    "--no-reload",
                    "-v",
                    "0",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(args.workers)
        ]
        samples: list[tuple[int, float]] = []
        first_at = None
        try:
            boot = wait_until_idle(workers)
            samples.append((0, sum(rss_mb(w.pid) for w in workers)))
            # The clock starts when the fan-out task is enqueued (wall-clock time from the
            # subprocess), as in production where workers are already running.
            enqueued = float(run([*scenario, "enqueue", alert_id], env))
            start = time.perf_counter() - (time.time() - enqueued)
            deadline = start + max(600, args.subscribers / 100)
            next_sample = max(args.subscribers // 4, 1)
            while sink.handler.total < args.subscribers and time.perf_counter() < deadline:
                time.sleep(0.05)
                if first_at is None and sink.handler.total:
                    first_at = time.perf_counter() - start
                if sink.handler.total >= next_sample:
                    samples.append((sink.handler.total, sum(rss_mb(w.pid) for w in workers)))
                    next_sample += max(args.subscribers // 4, 1)
            elapsed = time.perf_counter() - start
            load = os.getloadavg()[0]
            time.sleep(1)  # anything still arriving would be a duplicate
            samples.append((sink.handler.total, sum(rss_mb(w.pid) for w in workers)))
        finally:
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait(timeout=30)
            shutil.rmtree(tmp, ignore_errors=True)
        counts = sink.handler.per_recipient
        missing = args.subscribers - len(counts)
        duplicates = sum(c - 1 for c in counts.values() if c > 1)

    rate = len(counts) / elapsed
    print(f"workers' start-up (not timed): {boot:.1f} s")
    print(f"baseline: plain smtplib loop, one connection   {base_rate:8,.0f} messages/s")
    print(
        f"fan-out: {args.workers} db_workers, Django SMTP + 1 commit/msg {rate:8,.0f} messages/s"
        f" ({rate / base_rate:.2f}× baseline)"
    )
    print(f"fan-out wall time for {args.subscribers:,}: {elapsed:.1f} s (goal < 120 s for 100,000)")
    if first_at is not None:
        print(f"  first message after {first_at:.1f} s (fan-out task pickup, first batch)")
    print(f"load average at the end: {load:.2f}")
    print(
        f"received at sink: {len(counts):,} subscribers; missing {missing}; duplicates {duplicates}"
    )
    print(
        "workers' total RSS (MB) as delivery progressed: "
        + ", ".join(f"{n:,}: {mb:.0f}" for n, mb in samples)
    )


if __name__ == "__main__":
    main()
