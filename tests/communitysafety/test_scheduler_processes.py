"""The scheduler as operators run it: real `run_scheduler`, `db_worker` and Celery processes.

Each test gets a fresh migrated database of the suite's kind (a file SQLite database, or a
scratch PostgreSQL database when the suite runs on PostgreSQL, as in CI's second pass) and a
test-only ``heartbeat`` job due every second beside the product's own jobs.
"""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = "tests.communitysafety.scheduler_settings"
REDIS_URL = "redis://127.0.0.1:6379/5"
PRODUCT_JOBS = {
    "retention-purge",
    "publish-scheduled-pages",
    "unsafe-place-digests",
    "stale-results",
    "alert-sweep",
}

pytestmark = pytest.mark.slow


@dataclass
class ScratchDatabase:
    """A migrated database the processes share, and plain SQL to read it from the test."""

    env: dict[str, str]
    sqlite_path: Path | None = None
    postgres_url: str | None = None

    def rows(self, sql: str) -> list[tuple]:
        if self.sqlite_path:
            with sqlite3.connect(self.sqlite_path) as connection:
                return connection.execute(sql).fetchall()
        import psycopg

        with psycopg.connect(self.postgres_url) as connection:
            return connection.execute(sql).fetchall()

    def start(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            args,
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )

    def job_states(self) -> dict[str, tuple]:
        """name -> (last_succeeded, last_error), as /healthz reads them."""
        rows = self.rows("SELECT name, last_succeeded, last_error FROM scheduler_periodicjobstate")
        return {name: (succeeded, error) for name, succeeded, error in rows}


def _postgres_url(name: str) -> str:
    database = settings.DATABASES["default"]
    user = database.get("USER") or "postgres"
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{name}"


def _create_postgres(name: str, template: str | None = None) -> None:
    import psycopg

    with psycopg.connect(_postgres_url("postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if template:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        else:
            connection.execute(f'CREATE DATABASE "{name}"')


def _drop_postgres(name: str) -> None:
    import psycopg

    with psycopg.connect(_postgres_url("postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "PYTHONUNBUFFERED": "1", **extra}
    if "COMMS_TEST_DATABASE_URL" not in extra:
        env.pop("COMMS_TEST_DATABASE_URL", None)
    return env


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Migrate once per module (slow); each test starts from a copy of the result."""
    template = tmp_path_factory.mktemp("scheduler") / "template.sqlite3"
    env = _env(COMMS_TEST_DB=str(template))
    name = f"scheduler_template_{os.getpid()}"
    if settings.USING_POSTGRES:
        _create_postgres(name)
        env = _env(COMMS_TEST_DB=str(template), COMMS_TEST_DATABASE_URL=_postgres_url(name))
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert migrate.returncode == 0, migrate.stderr
    yield {"sqlite": str(template), "postgres": name}
    if settings.USING_POSTGRES:
        _drop_postgres(name)


@pytest.fixture
def scratch(migrated: dict[str, str], tmp_path: Path) -> Iterator[ScratchDatabase]:
    path = tmp_path / "scheduler.sqlite3"
    if not settings.USING_POSTGRES:
        shutil.copyfile(migrated["sqlite"], path)
        yield ScratchDatabase(env=_env(COMMS_TEST_DB=str(path)), sqlite_path=path)
        return
    name = f"scheduler_{os.getpid()}"
    _create_postgres(name, template=migrated["postgres"])
    url = _postgres_url(name)
    yield ScratchDatabase(
        env=_env(COMMS_TEST_DB=str(path), COMMS_TEST_DATABASE_URL=url), postgres_url=url
    )
    _drop_postgres(name)


def _stop(*processes: subprocess.Popen) -> list[str]:
    """SIGTERM each process group, wait, and return what each printed on stderr."""
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    errors = []
    for process in processes:
        try:
            _, stderr = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            _, stderr = process.communicate()
        errors.append(stderr.decode(errors="replace"))
    return errors


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return condition()


def _all_jobs_succeeded(scratch: ScratchDatabase) -> bool:
    states = scratch.job_states()
    names = PRODUCT_JOBS | {"heartbeat"}
    return names <= set(states) and all(states[name][0] for name in names)


def test_two_schedulers_at_once_enqueue_each_slot_exactly_once(scratch):
    manage = [sys.executable, "manage.py", "run_scheduler", "--tick", "0.05"]

    def enqueued() -> Counter:
        rows = scratch.rows(
            "SELECT args_kwargs FROM django_tasks_database_dbtaskresult "
            "WHERE task_path LIKE '%run_periodic_job'"
        )
        decoded = (row[0] if isinstance(row[0], dict) else json.loads(row[0]) for row in rows)
        return Counter(tuple(args_kwargs["args"]) for args_kwargs in decoded)  # psycopg decodes

    def heartbeats() -> int:
        return sum(1 for name, _ in enqueued() if name == "heartbeat")

    first, second = scratch.start(*manage), scratch.start(*manage)
    try:
        raced = _wait_for(lambda: heartbeats() >= 6, 60)  # both running for several slots
    finally:
        errors = _stop(first, second)
    assert raced, errors
    slots = enqueued()
    assert {name for name, _ in slots} == PRODUCT_JOBS | {"heartbeat"}
    assert [key for key, count in slots.items() if count > 1] == []


def test_the_scheduler_and_a_real_db_worker_run_every_job(scratch):
    scheduler = scratch.start(sys.executable, "manage.py", "run_scheduler", "--tick", "0.5")
    worker = scratch.start(
        sys.executable,
        "manage.py",
        "db_worker",
        "--queue-name",
        "*",
        "--interval",
        "0.2",
        "--no-startup-delay",
    )
    try:
        succeeded = _wait_for(lambda: _all_jobs_succeeded(scratch), 60)
    finally:
        errors = _stop(scheduler, worker)
    assert succeeded, (scratch.job_states(), errors)
    assert all(error == "" for _, error in scratch.job_states().values())


def _redis_up() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL).ping())
    except Exception:
        return False


@pytest.mark.skipif(not _redis_up(), reason="needs Redis on 127.0.0.1:6379")
def test_celery_beat_and_a_real_celery_worker_run_every_job_through_redis(scratch):
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    scratch.env["SCHEDULER_TEST_BROKER"] = REDIS_URL
    celery = shutil.which("celery", path=str(Path(sys.executable).parent))
    worker = scratch.start(
        celery,
        "-A",
        "communitysafety.celery",
        "worker",
        "--beat",
        "-P",
        "solo",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "-l",
        "WARNING",
    )

    def heartbeat_slot() -> int:
        return scratch.rows(
            "SELECT last_slot FROM scheduler_periodicjobstate WHERE name = 'heartbeat'"
        )[0][0]

    try:
        succeeded = _wait_for(lambda: _all_jobs_succeeded(scratch), 60)
        first = heartbeat_slot() if succeeded else 0
        moved = succeeded and _wait_for(lambda: heartbeat_slot() >= first + 2, 15)
    finally:
        errors = _stop(worker)
    assert succeeded, (scratch.job_states(), errors)
    assert moved, errors  # beat keeps sending the one-second job, slot after slot
    assert all(error == "" for _, error in scratch.job_states().values())
