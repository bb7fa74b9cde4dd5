"""A 5-second smoke run of benchmarks/load.py: no server errors, nothing lost."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.security.conftest import free_port

# Its own database whatever DATABASE_URL says: CI's PostgreSQL pass leaves it out.
pytestmark = [pytest.mark.slow, pytest.mark.own_database]
ROOT = Path(__file__).resolve().parents[2]


def test_mixed_load_loses_nothing_and_never_errors():
    result = subprocess.run(
        [sys.executable, "benchmarks/load.py", "--seconds", "5", "--connections", "8",
         "--db", "sqlite", "--port", str(free_port())],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "RESULT: OK" in result.stdout
