"""One cache generation for everything built from recorded crime.

Tables, pages and API answers are cached under keys that include the "crime"
generation (`communitysafety.common.page_cache`); an import or a population update
bumps it when its transaction commits, so every process sees new figures at once
without deleting keys one by one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from communitysafety.common.page_cache import DAY, Generation

CRIME = Generation("crime")
TIMEOUT = DAY


def bump_crime_generation() -> None:
    """Invalidate every cached crime table and page (called after an import commits)."""
    CRIME.bump()


def cached(key_parts: tuple[object, ...], build: Callable[[], Any]) -> Any:
    """Return the cached value for this generation, building and storing it on a miss."""
    return CRIME.cached(key_parts, build, timeout=TIMEOUT)
