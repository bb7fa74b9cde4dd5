"""Fixtures for the pure analysis tests: no Django, no database.

The R reference (``fixtures/reference.json``) comes from ``perceptions/r/make_fixtures.R``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from perceptions.analysis.population import PopulationTotals, read_census_totals  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def population() -> PopulationTotals:
    return read_census_totals(str(FIXTURES / "census.csv"))


@pytest.fixture(scope="session")
def responses() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "responses.csv", dtype=str).astype({"wave": int})


@pytest.fixture(scope="session")
def reference() -> dict:
    return json.loads((FIXTURES / "reference.json").read_text())
