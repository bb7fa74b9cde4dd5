"""Kill the worker (SIGKILL) in the middle of a fan-out; restart it and the sweeper;
every subscriber must have exactly one message at a real SMTP sink."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.comms.smtp_sink import SmtpSink

ROOT = Path(__file__).resolve().parents[3]
SUBSCRIBERS = 400
SMTP_PORT = 9401


def _env(db_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.comms.worker_settings",
        "COMMS_TEST_DB": str(db_path),
        "COMMS_TEST_SMTP_PORT": str(SMTP_PORT),
        "COMMS_TEST_SENDING_TIMEOUT": "2",
        "COMMS_TEST_BATCH_SIZE": "40",
    }


def _run(env, *args, timeout=300) -> str:
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _worker(env, *extra) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.05",
            "--no-startup-delay",
            "--no-reload",
            "-v",
            "0",
            *extra,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


# Its own SQLite file whatever DATABASE_URL says: CI's PostgreSQL pass leaves it out.
pytestmark = pytest.mark.own_database


@pytest.mark.slow
def test_killing_the_worker_mid_fan_out_loses_and_duplicates_nothing(tmp_path):
    env = _env(tmp_path / "fault.sqlite3")
    _run(env, "manage.py", "migrate", "--noinput", "-v", "0")
    _run(env, "-m", "tests.comms.worker_scenario", "setup", str(SUBSCRIBERS))
    with SmtpSink(SMTP_PORT, delay=0.004) as sink:
        worker = _worker(env)
        deadline = time.monotonic() + 60
        while sink.handler.total < SUBSCRIBERS // 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        at_kill = sink.handler.total
        assert 0 < at_kill < SUBSCRIBERS, "the kill must land in the middle of the fan-out"

        # Restart: the worker drains the other batches; the killed batch stays "sending".
        _worker(env, "--batch").wait(timeout=120)
        time.sleep(2.2)  # past COMMS_SENDING_TIMEOUT_SECONDS
        assert "released=" in _run(env, "manage.py", "run_alert_sweeper")
        _worker(env, "--batch").wait(timeout=120)
        report = json.loads(_run(env, "-m", "tests.comms.worker_scenario", "report"))

    expected = {f"r{n}@example.org" for n in range(SUBSCRIBERS)}
    assert set(sink.handler.per_recipient) == expected, "nobody is lost"
    # One distinct message per subscriber: the Message-ID is the delivery id.
    assert all(len(ids) == 1 for ids in sink.handler.message_ids.values())
    duplicates = {r: c for r, c in sink.handler.per_recipient.items() if c > 1}
    # A SIGKILL between the sink's "250 OK" and our commit can resend that one message
    # (with the same Message-ID); nothing else may be sent twice.
    assert len(duplicates) <= 1, duplicates
    assert report == {"queued": 0, "sending": 0, "sent": SUBSCRIBERS, "failed": 0, "alert": "sent"}
