"""One cache generation for everything built from recorded crime.

Tables, pages and API answers are cached under keys that include the
generation; an import (or a population update) bumps it, so every process sees
new figures at once without deleting keys one by one.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

GENERATION_KEY = "crime:generation"
TIMEOUT = 24 * 60 * 60


def crime_generation() -> int:
    """The current generation (created on first use)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = time.time_ns()
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    return int(generation)


def bump_crime_generation() -> None:
    """Invalidate every cached crime table and page (called after an import commits)."""
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def cache_key(*parts: object) -> str:
    """A key for this generation: ``crime:<generation>:<hash of the parts>``.

    Hashed because parts include what visitors typed in the query string: the
    key stays short and free of spaces whatever they send.
    """
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:32]
    return f"crime:{crime_generation()}:{digest}"


def cached(key_parts: tuple[object, ...], build: Callable[[], Any]) -> Any:
    """Return the cached value for this generation, building and storing it on a miss."""
    key = cache_key(*key_parts)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=TIMEOUT)
    return value
