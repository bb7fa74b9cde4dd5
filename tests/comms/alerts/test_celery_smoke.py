"""Scale-out smoke test: the same tasks on a real `celery worker` with the real Redis broker."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.comms.smtp_sink import SmtpSink

ROOT = Path(__file__).resolve().parents[3]
SMTP_PORT = 9403
SUBSCRIBERS = 30
REDIS_URL = "redis://127.0.0.1:6379/4"


def _redis_up() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL).ping())
    except Exception:
        return False


# Its own SQLite file whatever DATABASE_URL says: CI's PostgreSQL pass leaves it out.
pytestmark = pytest.mark.own_database


@pytest.mark.slow
@pytest.mark.skipif(not _redis_up(), reason="needs Redis on 127.0.0.1:6379")
def test_fan_out_runs_on_a_real_celery_worker_through_redis(tmp_path):
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.comms.celery_settings",
        "COMMS_TEST_DB": str(tmp_path / "celery.sqlite3"),
        "COMMS_TEST_SMTP_PORT": str(SMTP_PORT),
        "COMMS_TEST_REDIS_URL": REDIS_URL,
    }

    def run(*args):
        subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True, capture_output=True)

    run("manage.py", "migrate", "--noinput", "-v", "0")
    run("-m", "tests.comms.worker_scenario", "setup", str(SUBSCRIBERS))  # enqueues on Redis
    celery = shutil.which("celery", path=str(Path(sys.executable).parent))
    with SmtpSink(SMTP_PORT) as sink:
        worker = subprocess.Popen(
            [
                celery,
                "-A",
                "communitysafety.celery",
                "worker",
                "-P",
                "solo",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "-l",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 90
            while sink.handler.total < SUBSCRIBERS and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    assert sorted(sink.handler.per_recipient.values()) == [1] * SUBSCRIBERS
