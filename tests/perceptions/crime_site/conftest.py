"""Fixtures of the crime site tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.perceptions.crime_site.crime_files import (
    import_file,
    write_borough_file,
    write_ward_file,
)


@pytest.fixture
def crime_data(wards, tmp_path: Path) -> Path:
    """The borough and ward files above, imported."""
    import_file(write_borough_file(tmp_path / "boroughs.csv"))
    import_file(write_ward_file(tmp_path / "wards.csv"))
    return tmp_path
