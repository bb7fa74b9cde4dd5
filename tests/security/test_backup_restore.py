"""README's backup and restore recipe (pg_dump / pg_restore) restores the same data."""

import shutil
import subprocess
import uuid

import pytest

from tests.security.conftest import psql

# Its own database whatever DATABASE_URL says: CI's PostgreSQL pass leaves it out.
pytestmark = [pytest.mark.slow, pytest.mark.own_database]

TABLES = ["wards_ward", "wards_wardpopulation", "wagtailcore_page", "auth_group", "auth_user"]


def _fingerprint(database: str) -> dict[str, str]:
    return {
        table: psql(
            "-c",
            f"SELECT count(*), md5(string_agg(t::text, '|' ORDER BY t::text)) FROM {table} t",  # noqa: S608 - fixed names
            database=database,
        ).strip()
        for table in TABLES
    }


def test_dump_restores_into_a_fresh_database_with_the_same_data(migrated_postgres, tmp_path):
    if not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")
    dump = tmp_path / "backup.dump"
    subprocess.run(
        [
            "pg_dump",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "--format=custom",
            "--no-owner",
            "-f",
            str(dump),
            migrated_postgres,
        ],
        check=True,
    )
    restored = f"restore_{uuid.uuid4().hex[:10]}"
    psql("-c", f"CREATE DATABASE {restored}")
    try:
        subprocess.run(
            [
                "pg_restore",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "--no-owner",
                "--exit-on-error",
                "-d",
                restored,
                str(dump),
            ],
            check=True,
        )
        original = _fingerprint(migrated_postgres)
        assert int(original["wards_ward"].split("|")[0]) == 20
        assert _fingerprint(restored) == original
    finally:
        psql("-c", f"DROP DATABASE IF EXISTS {restored} WITH (FORCE)")
