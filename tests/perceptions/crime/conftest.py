"""These tests are pure (no Django): switch off the project-wide cache fixture.

``tests/conftest.py`` clears the Django cache around every test, which needs
configured settings; the crime analysis must run with ``-p no:django`` too.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    """Override the project fixture of the same name: nothing to clean here."""
